import { describe, expect, it } from 'vitest';
import { PORT_METHODS } from '../../connector/port';
import { ACCOUNT, validLogCall } from './test-fixtures';
import { PORT_ARGS_SCHEMAS, errorResponse, okResponse, parseRequest, ResponseSchema } from './protocol';


const portCall = (method: string, args: unknown[]) => ({ v: 1, kind: 'port-call', id: 'req-1', method, args });

describe('parseRequest', () => {
  it('accepts a loadSnapshot call with a record ref', () => {
    const parsed = parseRequest(portCall('loadSnapshot', [{ id: ACCOUNT, objectType: 'account' }]));
    expect(parsed).toMatchObject({ ok: true, args: [{ id: ACCOUNT, objectType: 'account' }] });
  });

  it('accepts a write whose input satisfies PORT_INPUT_SCHEMAS and strips unknown keys', () => {
    const parsed = parseRequest(portCall('logCall', [{ ...validLogCall, sneaky: '<img onerror>' }]));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && (parsed.args[0] as Record<string, unknown>).sneaky).toBeUndefined();
  });

  it('has an argument schema for every port method', () => {
    for (const method of PORT_METHODS) {
      expect(PORT_ARGS_SCHEMAS[method]).toBeDefined();
    }
  });

  it('rejects a bad protocol version and answers the id', () => {
    const parsed = parseRequest({ ...portCall('loadSnapshot', [{ id: ACCOUNT }]), v: 2 });
    expect(parsed).toMatchObject({ ok: false, replyId: 'req-1', error: { kind: 'invalid_input' } });
  });

  it('rejects an unknown method', () => {
    const parsed = parseRequest(portCall('deleteEverything', [{}]));
    expect(parsed).toMatchObject({ ok: false, replyId: 'req-1', error: { kind: 'invalid_input' } });
  });

  it('rejects an invalid write input and names the field', () => {
    const parsed = parseRequest(portCall('logCall', [{ ...validLogCall, durationSeconds: -5, occurredAt: 'yesterday' }]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.fields).toEqual(expect.arrayContaining(['durationSeconds', 'occurredAt']));
      expect(parsed.error.detail).toMatch(/^logCall: args\.0\.durationSeconds/);
    }
  });

  it('rejects the wrong number of arguments', () => {
    expect(parseRequest(portCall('loadSnapshot', [])).ok).toBe(false);
    expect(parseRequest(portCall('loadSnapshot', [{ id: ACCOUNT }, { extra: true }])).ok).toBe(false);
    expect(parseRequest(portCall('loadSnapshot', [{ id: ACCOUNT }, {}, {}])).ok).toBe(false);
  });

  it("accepts loadSnapshot's compliance profile override and rejects a malformed one", () => {
    const parsed = parseRequest(portCall('loadSnapshot', [{ id: ACCOUNT }, { complianceProfile: 'us-fdcpa' }]));
    expect(parsed).toMatchObject({ ok: true, args: [{ id: ACCOUNT }, { complianceProfile: 'us-fdcpa' }] });
    const bad = parseRequest(portCall('loadSnapshot', [{ id: ACCOUNT }, { complianceProfile: '<script>' }]));
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('gives no reply id for garbage (nothing to answer)', () => {
    expect(parseRequest(null)).toMatchObject({ ok: false, replyId: null });
    expect(parseRequest('hello')).toMatchObject({ ok: false, replyId: null });
    expect(parseRequest({ v: 1, kind: 'port-call', id: 'x'.repeat(500) })).toMatchObject({ ok: false, replyId: null });
  });

  it('validates the options-page kinds', () => {
    expect(parseRequest({ v: 1, kind: 'setup-check', id: 'a1', orgKey: '00D5g000004AbcdEAC' }).ok).toBe(true);
    expect(parseRequest({ v: 1, kind: 'setup-check', id: 'a1' }).ok).toBe(false);
    expect(parseRequest({ v: 1, kind: 'list-orgs', id: 'a1' }).ok).toBe(true);
  });
});

describe('responses', () => {
  it('round-trips ok and error envelopes through the response schema', () => {
    expect(ResponseSchema.safeParse(okResponse('r1', { any: 'thing' })).success).toBe(true);
    const error = { kind: 'api_disabled' as const, userMessage: 'x', detail: 'y', fields: [], retryable: false, status: 401 };
    expect(ResponseSchema.safeParse(errorResponse('r1', error)).success).toBe(true);
    expect(ResponseSchema.safeParse({ v: 1, id: 'r1', ok: false, error: { kind: 'made_up' } }).success).toBe(false);
  });
});
