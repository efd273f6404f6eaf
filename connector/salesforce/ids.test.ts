import { describe, expect, it } from 'vitest';
import { isSalesforceId, objectTypeOf, sameId, to18 } from './ids';

describe('Salesforce ids', () => {
  it('computes the 18-char checksum (three 5-char chunks, uppercase bits → A-Z0-5)', () => {
    // Worked example: chunks "001A0" (bit 3 → I), "00006" (→ A), "6Vm9r" (bit 1 → C).
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('001000000000001')).toBe('001000000000001AAA');
    // All five upper-case → 31 → '5'.
    expect(to18('ABCDEabcdeabcde')).toBe('ABCDEabcdeabcde5AA');
    expect(to18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('accepts 15-char ids and 18-char ids with a matching checksum only', () => {
    expect(isSalesforceId('001A0000006Vm9r')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAC')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAD')).toBe(false);
    expect(isSalesforceId('001A0000006Vm9riac')).toBe(false);
    expect(isSalesforceId('001A0000006Vm9')).toBe(false);
    expect(isSalesforceId(null)).toBe(false);
    expect(isSalesforceId(12345)).toBe(false);
  });

  it('rejects injection attempts that look like ids', () => {
    for (const attempt of ["001A0000006Vm9r' OR Id != '", '001A0000006Vm9r%', '001A0000006Vm9r/../../x', '001A0000006Vm9\n', '../sobjects/User']) {
      expect(isSalesforceId(attempt)).toBe(false);
    }
    expect(() => to18("001' OR 1=1")).toThrow(TypeError);
  });

  it('maps key prefixes to object types', () => {
    expect(objectTypeOf('001A0000006Vm9rIAC')).toBe('Account');
    expect(objectTypeOf(to18('003000000000001'))).toBe('Contact');
    expect(objectTypeOf(to18('006000000000001'))).toBe('Opportunity');
    expect(objectTypeOf(to18('500000000000001'))).toBe('Case');
    expect(objectTypeOf(to18('005000000000001'))).toBe('User');
    expect(objectTypeOf(to18('00T000000000001'))).toBe('Task');
    expect(objectTypeOf(to18('a01000000000001'))).toBeNull();
    expect(objectTypeOf('nope')).toBeNull();
  });

  it('compares 15- and 18-char forms of the same record', () => {
    expect(sameId('001A0000006Vm9r', '001A0000006Vm9rIAC')).toBe(true);
    expect(sameId('001A0000006Vm9r', '001a0000006Vm9r')).toBe(false);
    expect(sameId(null, '001A0000006Vm9r')).toBe(false);
  });
});
