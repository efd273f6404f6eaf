/** The page's zod-free answer check accepts exactly what the protocol's ResponseSchema accepts (decision 0007 pattern). */
import { describe, expect, it } from 'vitest';
import { ResponseSchema } from './protocol';
import { readPortAnswer } from './response-guard';

const ERROR = { kind: 'api_disabled', userMessage: 'Sign in', detail: 'INVALID_SESSION_ID', fields: ['Name'], retryable: false, status: 401, crmCode: 'X' };
const GOOD: unknown[] = [
  { v: 1, id: 'abc-1', ok: true, result: { any: 'thing' } },
  { v: 1, id: 'abc_1', ok: true, result: null },
  { v: 1, id: 'a', ok: false, error: ERROR },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, status: undefined, crmCode: undefined } },
  { v: 1, id: 'a', ok: true, result: 1, extra: 'ignored' },
];
const BAD: unknown[] = [
  null, 'text', [], 42,
  { v: 2, id: 'a', ok: true, result: 1 },
  { v: 1, id: '', ok: true, result: 1 },
  { v: 1, id: 'a b', ok: true, result: 1 },
  { v: 1, id: 'x'.repeat(65), ok: true, result: 1 },
  { v: 1, id: 7, ok: true, result: 1 },
  { v: 1, id: 'a', ok: 'yes', result: 1 },
  { v: 1, id: 'a', ok: false },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, kind: 'boom' } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, fields: [1] } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, fields: 'Name' } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, retryable: 'no' } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, status: '401' } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, status: Number.NaN } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, status: Number.POSITIVE_INFINITY } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, crmCode: 5 } },
  { v: 1, id: 'a', ok: false, error: { ...ERROR, userMessage: undefined } },
  { v: 1, id: 'a', ok: false, error: [] },
];

describe('readPortAnswer (zod-free, in the page)', () => {
  it.each(GOOD.map((value) => [JSON.stringify(value), value]))('accepts %s like ResponseSchema', (_label, value) => {
    expect(ResponseSchema.safeParse(value).success).toBe(true);
    expect(readPortAnswer(value)).toBe(value);
  });

  it.each(BAD.map((value) => [String(JSON.stringify(value)), value]))('rejects %s like ResponseSchema', (_label, value) => {
    expect(ResponseSchema.safeParse(value).success).toBe(false);
    expect(readPortAnswer(value)).toBeNull();
  });

  it('agrees with ResponseSchema on a missing result (ok: true)', () => {
    const value = { v: 1, id: 'a', ok: true };
    expect(readPortAnswer(value) !== null).toBe(ResponseSchema.safeParse(value).success);
  });
});
