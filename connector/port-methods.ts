/**
 * The port's method names, apart from port.ts so a page that needs only the list (the LWC record panel's
 * lds-adapter.ts) does not load the port's zod/mini schemas with it (issue 18, decision 0026 "Third step").
 */
import type { CollectionsPort } from './port';

/** Names of the port's methods: the extension's message protocol is generated from this list. */
export const PORT_METHODS = [
  'loadSnapshot',
  'listContacts',
  'logCall',
  'logActivity',
  'addNote',
  'recordPromise',
  'savePaymentPlan',
  'raiseDispute',
  'updateDispute',
  'recordSettlementOffer',
  'decideSettlement',
  'completeFollowUp',
] as const satisfies readonly (keyof CollectionsPort)[];
export type PortMethod = (typeof PORT_METHODS)[number];
