import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { to18 as connectorTo18 } from '../connector/salesforce/ids';
import { idChecksum, isValidId18, makeId, normaliseId, to18 } from './ids';

const id15 = fc.stringMatching(/^[a-zA-Z0-9]{15}$/);

describe('Salesforce ids', () => {
  it('computes the same 18-char form as the connector (independent implementation)', () => {
    fc.assert(fc.property(id15, (id) => {
      expect(to18(id)).toBe(connectorTo18(id));
    }));
  });

  it('accepts the checksum suffix in any case and rejects a wrong suffix', () => {
    fc.assert(fc.property(id15, (id) => {
      const full = `${id}${idChecksum(id)}`;
      expect(isValidId18(full)).toBe(true);
      expect(isValidId18(`${id}${idChecksum(id).toLowerCase()}`)).toBe(true);
      const wrong = idChecksum(id) === 'AAA' ? 'AAB' : 'AAA';
      expect(isValidId18(`${id}${wrong}`)).toBe(false);
    }));
  });

  it('normalises 15- and 18-char ids and refuses non-ids', () => {
    const id = makeId('001', 12345);
    expect(normaliseId(id.slice(0, 15))).toBe(id);
    expect(normaliseId(id.slice(0, 15) + id.slice(15).toLowerCase())).toBe(id);
    expect(normaliseId("001' OR Name != '")).toBeNull();
    expect(normaliseId('')).toBeNull();
  });

  it('makes valid ids with the key prefix, increasing and unique', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => makeId('a01', i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^a01Hs0/);
      expect(isValidId18(id)).toBe(true);
    }
    // Checksums vary (not every id ends in AAA), so checksum validation is exercised for real.
    expect(new Set(ids.map((i) => i.slice(15))).size).toBeGreaterThan(1);
  });
});
