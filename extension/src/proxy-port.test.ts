import { describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import { PORT_METHODS } from '../../connector/port';
import type { PortCallRequest } from './protocol';
import { PAGE_PORT_METHODS } from './protocol';
import { createProxyPort, PROXY_METHODS, PROXY_OWNER_METHODS } from './proxy-port';

const ACCOUNT = '0015g00000XyZ12AAF';

describe('proxy port', () => {
  it("lists exactly the port's methods (its own copy keeps the port's schemas out of the page)", () => {
    expect([...PROXY_METHODS].sort()).toEqual([...PORT_METHODS].sort());
  });

  it("adds only the owner's answer to the port's methods, and the protocol accepts exactly those", () => {
    expect([...PROXY_OWNER_METHODS]).toEqual(['answerDispute']);
    expect([...PROXY_METHODS, ...PROXY_OWNER_METHODS].sort()).toEqual([...PAGE_PORT_METHODS].sort());
  });

  it("sends the owner's answer as one port call and returns the worker's write result", async () => {
    const sent: PortCallRequest[] = [];
    const port = createProxyPort(async (message) => {
      sent.push(message);
      return { v: 1, id: message.id, ok: true, result: { id: 'a0D5g000001DispAAA', created: true } };
    }, { newId: () => 'fixed-id' });
    const input = { idempotencyKey: 'answer-1', accountId: ACCOUNT, disputeId: 'a0D5g000001DispAAA', answer: 'rejected' as const, creditNote: null, note: 'Delivered in full.' };
    await expect(port.answerDispute(input)).resolves.toEqual({ id: 'a0D5g000001DispAAA', created: true });
    expect(sent).toEqual([{ v: 1, kind: 'port-call', id: 'fixed-id', method: 'answerDispute', args: [input] }]);
  });

  it('has every port method and sends one versioned message per call', async () => {
    const sent: PortCallRequest[] = [];
    const port = createProxyPort(async (message) => {
      sent.push(message);
      return { v: 1, id: message.id, ok: true, result: { echoed: message.args } };
    }, { newId: () => 'fixed-id' });
    for (const method of PORT_METHODS) {
      expect(typeof port[method]).toBe('function');
    }
    await expect(port.loadSnapshot({ id: ACCOUNT, objectType: 'account' })).resolves.toEqual({ echoed: [{ id: ACCOUNT, objectType: 'account' }] });
    expect(sent).toEqual([{ v: 1, kind: 'port-call', id: 'fixed-id', method: 'loadSnapshot', args: [{ id: ACCOUNT, objectType: 'account' }] }]);
  });

  it("sends loadSnapshot's compliance profile override, never its AbortSignal", async () => {
    const sent: PortCallRequest[] = [];
    const port = createProxyPort(async (message) => {
      sent.push(message);
      return { v: 1, id: message.id, ok: true, result: null };
    }, { newId: () => 'fixed-id' });
    await port.loadSnapshot({ id: ACCOUNT }, { signal: new AbortController().signal, complianceProfile: 'us-fdcpa' });
    await port.loadSnapshot({ id: ACCOUNT }, { signal: new AbortController().signal });
    expect(sent.map((message) => message.args)).toEqual([[{ id: ACCOUNT }, { complianceProfile: 'us-fdcpa' }], [{ id: ACCOUNT }]]);
  });

  it('rethrows serialised connector errors with their kind and reports them', async () => {
    const onError = vi.fn();
    const port = createProxyPort(async (message) => ({
      v: 1, id: message.id, ok: false,
      error: { kind: 'api_disabled', userMessage: 'Sign in with OAuth', detail: 'INVALID_SESSION_ID', fields: [], retryable: false, status: 401 },
    }), { onError });
    const error = await port.loadSnapshot({ id: ACCOUNT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'api_disabled', status: 401, userMessage: 'Sign in with OAuth' });
    expect(onError).toHaveBeenCalledWith(error);
  });

  it('treats answers with the wrong id or shape as malformed', async () => {
    const port = createProxyPort(async () => ({ v: 1, id: 'someone-else', ok: true, result: 1 }));
    await expect(port.listContacts(ACCOUNT)).rejects.toMatchObject({ kind: 'malformed_response' });
    const empty = createProxyPort(async () => undefined);
    await expect(empty.listContacts(ACCOUNT)).rejects.toMatchObject({ kind: 'malformed_response' });
  });

  it('turns "Extension context invalidated" into a quiet stop', async () => {
    const onInvalidated = vi.fn();
    const port = createProxyPort(async () => {
      throw new Error('Extension context invalidated.');
    }, { onInvalidated });
    await expect(port.loadSnapshot({ id: ACCOUNT })).rejects.toMatchObject({ kind: 'unknown', userMessage: expect.stringMatching(/Reload the page/) });
    expect(onInvalidated).toHaveBeenCalledTimes(1);
  });

  it('rejects with the abort reason when the caller aborts, without waiting for the worker', async () => {
    const controller = new AbortController();
    const port = createProxyPort(() => new Promise(() => undefined));
    const pending = port.loadSnapshot({ id: ACCOUNT }, { signal: controller.signal });
    const reason = new DOMException('record changed', 'AbortError');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(port.loadSnapshot({ id: ACCOUNT }, { signal: controller.signal })).rejects.toBe(reason);
  });
});
