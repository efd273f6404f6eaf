import { describe, expect, it } from 'vitest';
import { isProfileId, PROFILE_ID_MAX_LENGTH } from './vocabulary';
import { PROFILE_IDS } from './compliance/profiles';

describe('isProfileId (the one format for a compliance profile a host may ask for)', () => {
  it('accepts every shipped id and lower-case ids up to the limit', () => {
    for (const id of PROFILE_IDS) {
      expect(isProfileId(id), id).toBe(true);
    }
    expect(isProfileId('a'.repeat(PROFILE_ID_MAX_LENGTH))).toBe(true);
  });

  it('refuses other shapes, lengths and types', () => {
    for (const value of ['', 'US FDCPA', 'us_fdcpa', 'a'.repeat(PROFILE_ID_MAX_LENGTH + 1), null, undefined, 123, {}]) {
      expect(isProfileId(value), String(value)).toBe(false);
    }
  });
});
