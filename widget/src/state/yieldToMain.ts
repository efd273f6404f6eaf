/**
 * Give the main thread back before the next piece of work, so parsing a snapshot, rendering it and
 * saving its copy are separate tasks instead of one long task (issue 18). One implementation, in
 * the connector, which slices its mapping with it too (connector/main-thread.ts).
 */
export { yieldToMain } from '../../../connector/main-thread';
