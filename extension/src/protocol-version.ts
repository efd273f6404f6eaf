/** Version of the content-script ↔ worker message protocol (protocol.ts); its own file so the loader stays tiny. */
export const PROTOCOL_VERSION = 1;
