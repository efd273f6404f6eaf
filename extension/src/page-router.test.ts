/** The worker's answers for the extension's worklist and reports pages (decision 0023). */
import { describe, expect, it, vi } from 'vitest';
import { EXT, ORG, PAGE, pageSender, pageWorkerDeps, TOKEN } from './test-fixtures';
import type { WorkerDeps } from './worker-router';
import { createWorkerRouter } from './worker-router';

const worklistSender = { id: EXT, url: `chrome-extension://${EXT}/worklist.html?org=x` };

function setup(overrides: Partial<WorkerDeps> = {}) {
  const deps = pageWorkerDeps({
    readWorklist: vi.fn(async (config) => ({ collectorId: '005x', records: [], currencies: { instanceUrl: config.instanceUrl } })),
    readReport: vi.fn(async (_config, from) => ({ from })),
    ...overrides,
  });
  return { router: createWorkerRouter(deps), deps };
}

describe('extension pages through the worker', () => {
  it("the dock opens the worklist for the sending tab's org, with the tab's Lightning origin", async () => {
    const { router, deps } = setup();
    const answer = await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'worklist' }, pageSender);
    expect(answer).toEqual({ v: 1, id: 'o1', ok: true, result: { opened: true } });
    expect(deps.openExtensionPage).toHaveBeenCalledWith('worklist', ORG, 'https://acme.lightning.force.com');
  });

  it('the worklist and reports pages read through the worker for a known org, never with the token in the answer', async () => {
    const { router, deps } = setup();
    await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'reports' }, pageSender);
    const worklist = await router.handle({ v: 1, kind: 'worklist-read', id: 'w1', orgKey: ORG }, worklistSender);
    expect(worklist).toEqual({ v: 1, id: 'w1', ok: true, result: { collectorId: '005x', records: [], currencies: { instanceUrl: 'https://acme.my.salesforce.com' } } });
    const report = await router.handle({ v: 1, kind: 'report-read', id: 'r1', orgKey: ORG, from: '2026-01' }, worklistSender);
    expect(report).toEqual({ v: 1, id: 'r1', ok: true, result: { from: '2026-01' } });
    expect(deps.readReport).toHaveBeenCalledTimes(1);
    expect(JSON.stringify([worklist, report])).not.toContain('secret-session-value');
  });

  it('a Salesforce page may not read a book through the worker, and a bad month is refused in words', async () => {
    const { router } = setup();
    expect(await router.handle({ v: 1, kind: 'worklist-read', id: 'w1', orgKey: ORG }, pageSender)).toBeNull();
    const bad = await router.handle({ v: 1, kind: 'report-read', id: 'r2', orgKey: ORG, from: '2026-13' }, worklistSender);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('the toolbar button opens the worklist only for a Salesforce tab', async () => {
    const { router, deps } = setup();
    expect(await router.openPageForTab('worklist', { url: 'https://example.com/' })).toBe(false);
    expect(await router.openPageForTab('worklist', { url: PAGE })).toBe(true);
    expect(deps.openExtensionPage).toHaveBeenCalledWith('worklist', ORG, 'https://acme.lightning.force.com');
  });
});

describe("the signed-in user's name for the panel (issue 19)", () => {
  it('a Salesforce page asks the worker, which reads userinfo with the tab\'s session and answers only the name', async () => {
    const readUser = vi.fn(async () => ({ id: '005x', name: 'Priya Nair' }));
    const { router } = setup({ readUser });
    const answer = await router.handle({ v: 1, kind: 'whoami', id: 'u1' }, pageSender);
    expect(answer).toEqual({ v: 1, id: 'u1', ok: true, result: { name: 'Priya Nair', id: '005x' } });
    expect(readUser).toHaveBeenCalledWith(expect.objectContaining({ instanceUrl: 'https://acme.my.salesforce.com' }));
    expect(JSON.stringify(answer)).not.toContain('secret-session-value');
  });

  it('the page reader takes the name from OAuth userinfo and answers null without one', async () => {
    const { createPageReads } = await import('./page-reads');
    const config = { instanceUrl: 'https://acme.my.salesforce.com', getAccessToken: async () => TOKEN } as never;
    const answering = (body: unknown) => createPageReads(async () => new Response(JSON.stringify(body), { status: 200 }));
    expect(await answering({ user_id: '005x', name: ' Priya Nair ' }).readUser(config)).toEqual({ id: '005x', name: 'Priya Nair' });
    expect(await answering({ user_id: '005x', name: '' }).readUser(config)).toEqual({ id: '005x', name: null });
    await expect(answering({}).readUser(config)).rejects.toMatchObject({ kind: 'malformed_response' });
  });
});

describe('userinfo is read once per access token', () => {
  it('asks again only when the token changed (signed in again, perhaps as someone else), and forgets a failed read', async () => {
    const { createPageReads } = await import('./page-reads');
    let token = TOKEN;
    let status = 200;
    const userinfo = vi.fn(async (_url: string, init?: RequestInit) => {
      const signedIn = (init?.headers as Record<string, string>).Authorization === `Bearer ${TOKEN}` ? '005x' : '005y';
      return new Response(JSON.stringify({ user_id: signedIn, name: 'Priya Nair' }), { status });
    });
    const reads = createPageReads(userinfo as unknown as typeof fetch);
    const config = { instanceUrl: 'https://acme.my.salesforce.com', getAccessToken: async () => token } as never;
    expect(await reads.readUser(config)).toEqual({ id: '005x', name: 'Priya Nair' });
    expect(await reads.readUser(config)).toEqual({ id: '005x', name: 'Priya Nair' });
    expect(userinfo).toHaveBeenCalledTimes(1);
    token = 'another-session';
    status = 401;
    await expect(reads.readUser(config)).rejects.toMatchObject({ kind: 'session_expired' });
    status = 200;
    expect(await reads.readUser(config)).toEqual({ id: '005y', name: 'Priya Nair' });
    expect(userinfo).toHaveBeenCalledTimes(3);
  });
});

describe("the signed-in user's name is read once per org", () => {
  it('answers later asks from the worker without reading userinfo again', async () => {
    const readUser = vi.fn(async () => ({ id: '005x', name: 'Priya Nair' }));
    const { router } = setup({ readUser });
    await router.handle({ v: 1, kind: 'whoami', id: 'u1' }, pageSender);
    const again = await router.handle({ v: 1, kind: 'whoami', id: 'u2' }, pageSender);
    expect(again).toEqual({ v: 1, id: 'u2', ok: true, result: { name: 'Priya Nair', id: '005x' } });
    expect(readUser).toHaveBeenCalledTimes(1);
  });
});
