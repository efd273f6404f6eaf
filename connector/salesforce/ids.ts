/**
 * Salesforce record ids: validation (15-char case-sensitive and 18-char case-safe with checksum),
 * conversion to 18 chars, and key prefix → object type.
 *
 * Why: every id we put into SOQL or a URL is checksum-validated first, so a crafted "id" can never
 * carry SOQL or path syntax, and a mistyped id fails fast with a clear message.
 */

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{15}[A-Z0-5]{3}$/;

/** Checksum suffix (3 chars) of a 15-char id: one char per 5-char chunk, bit i set when char i is A-Z. */
function checksumOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) {
        bits |= 1 << i;
      }
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** True for a well-formed 15-char id or an 18-char id whose checksum matches. */
export function isSalesforceId(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  if (ID_15.test(value)) {
    return true;
  }
  return ID_18.test(value) && checksumOf(value.slice(0, 15)) === value.slice(15);
}

/**
 * The 18-char case-safe form of a valid id (15-char ids get their checksum; 18-char ids are returned as-is).
 * @throws TypeError when the id is not a valid Salesforce id.
 */
export function to18(id: string): string {
  if (!isSalesforceId(id)) {
    throw new TypeError(`Not a valid Salesforce record id: ${JSON.stringify(id)}`);
  }
  return id.length === 18 ? id : id + checksumOf(id);
}

/** True when both ids denote the same record (15 vs 18 chars). */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!isSalesforceId(a) || !isSalesforceId(b)) {
    return false;
  }
  return to18(a) === to18(b);
}

/** Standard key prefixes we care about (first 3 chars of an id). */
export const KEY_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Account',
  '003': 'Contact',
  '005': 'User',
  '006': 'Opportunity',
  '00D': 'Organization',
  '00G': 'Group',
  '00Q': 'Lead',
  '00T': 'Task',
  '00U': 'Event',
  '012': 'RecordType',
  '069': 'ContentDocument',
  '0Q0': 'Quote',
  '068': 'ContentVersion',
  '06A': 'ContentDocumentLink',
  '500': 'Case',
  '3tt': 'Invoice',
});

/** Object API name for a standard key prefix, or null when unknown (custom objects have org-specific prefixes). */
export function objectTypeOf(id: string): string | null {
  if (!isSalesforceId(id)) {
    return null;
  }
  return KEY_PREFIXES[id.slice(0, 3)] ?? null;
}
