/**
 * Salesforce record ids: 15-char case-sensitive ids plus the 3-char case-insensitive checksum
 * suffix that makes the 18-char form. The sandbox only ever hands out 18-char ids with correct
 * key prefixes, so connector code that validates ids is exercised for real.
 */

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 3-char suffix of an 18-char id: one char per 5-char chunk, bit i set when char i is upper case. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') {
        bits |= 1 << i;
      }
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** Converts a 15-char id to 18 chars (18-char ids are returned unchanged after checksum validation). */
export function to18(id: string): string | null {
  if (/^[a-zA-Z0-9]{15}$/.test(id)) {
    return id + idChecksum(id);
  }
  if (isValidId18(id)) {
    return id;
  }
  return null;
}

/** True for an 18-char id whose checksum matches (case-insensitively, as Salesforce accepts). */
export function isValidId18(id: string): boolean {
  if (!/^[a-zA-Z0-9]{18}$/.test(id)) {
    return false;
  }
  return idChecksum(id.slice(0, 15)) === id.slice(15).toUpperCase();
}

/** Normalises a 15- or 18-char id to its canonical 18-char form; null when it is not an id. */
export function normaliseId(id: string): string | null {
  const full = to18(id);
  if (!full) {
    return null;
  }
  // The suffix is case-insensitive; the canonical form has it upper case.
  return full.slice(0, 15) + full.slice(15).toUpperCase();
}

/** Builds the 18-char id number `counter` for a key prefix; pod "Hs" + "0" + 9 base62 digits. */
export function makeId(keyPrefix: string, counter: number): string {
  let n = counter;
  let digits = '';
  while (n > 0) {
    digits = BASE62.charAt(n % 62) + digits;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}Hs0${digits.padStart(9, "0")}`;
  if (id15.length !== 15) {
    throw new Error(`id counter ${counter} overflows`);
  }
  return id15 + idChecksum(id15);
}
