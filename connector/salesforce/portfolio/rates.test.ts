import { describe, expect, it } from 'vitest';
import { invertRate } from './rates';

describe('invertRate', () => {
  it('inverts a Salesforce conversion rate exactly to 12 places, half-even', () => {
    expect(invertRate('83.125')).toBe('0.012030075188');
    expect(invertRate('0.8')).toBe('1.25');
    expect(invertRate('1')).toBe('1');
    expect(invertRate('3')).toBe('0.333333333333');
    expect(invertRate('0.3075')).toBe('3.252032520325');
    // Below half a unit of the 12th place rounds down; above it, up.
    expect(invertRate('8000000000000')).toBe('0');
    expect(invertRate('1600000000000')).toBe('0.000000000001');
  });
  it('refuses what is not a positive decimal', () => {
    expect(() => invertRate('0')).toThrow(/cannot be inverted/);
    expect(() => invertRate('-2')).toThrow(/positive decimal/);
    expect(() => invertRate('1e3')).toThrow(/positive decimal/);
  });
});
