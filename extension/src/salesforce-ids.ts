/**
 * Record-id helpers for the extension, built on the connector's checksum-validating id module
 * (`connector/salesforce/ids.ts`, the single implementation of the 15/18-char rules).
 */
import { isSalesforceId, to18 } from '../../connector/salesforce/ids';

/** Normalises a record id to its 18-char form, or null when it is malformed or its checksum fails. */
export function toId18(id: string): string | null {
  return isSalesforceId(id) ? to18(id) : null;
}

/** True when `id` is a well-formed 15- or 18-char Salesforce id (18: checksum verified). */
export function isValidRecordId(id: string): boolean {
  return isSalesforceId(id);
}

/** Key prefixes of the standard objects the panel resolves to an account (fixed across all orgs). */
export const KEY_PREFIXES = {
  account: '001',
  contact: '003',
  opportunity: '006',
  quote: '0Q0',
  case: '500',
} as const;

/** Org ids start with `00D`; a session id looks like `00D…!AQ…`. */
export function isOrgId(value: string): boolean {
  return value.startsWith('00D') && isSalesforceId(value);
}
