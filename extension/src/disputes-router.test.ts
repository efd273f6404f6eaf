/** The worker's answers for the "Disputes waiting for me" page (issue 19): read as the signed-in user, answer by key. */
import { describe, expect, it, vi } from 'vitest';
import type { AnswerDisputeInput, DisputeOwnerPort, OwnerDisputeList } from '../../connector/port';
import { createDisputeReads } from './page-reads';
import { EXT, ORG, pageSender, pageWorkerDeps, TOKEN } from './test-fixtures';
import type { PortConfig, WorkerDeps } from './worker-router';
import { createWorkerRouter } from './worker-router';

const disputesSender = { id: EXT, url: `chrome-extension://${EXT}/disputes.html?org=x` };
const OWNER = '0055g00000SalesAAA';

const LIST: OwnerDisputeList = {
  items: [{
    dispute: { id: 'a0D5g000001DispAAA' } as OwnerDisputeList['items'][number]['dispute'],
    account: { id: '0015g00000XyZ12AAF', name: 'Jaipur Textiles', country: 'IN', currency: 'INR', zone: 'Asia/Kolkata' },
    escalatedToMe: false,
  }],
  dataQuality: [],
};

const ANSWER: AnswerDisputeInput = {
  idempotencyKey: 'answer-1', accountId: '0015g00000XyZ12AAF', disputeId: 'a0D5g000001DispAAA', answer: 'rejected', creditNote: null, note: 'Delivered in full.',
};

/** A fake REST port that remembers answers by key, as the connector's write-once contract does. */
function fakeOwnerPort() {
  const answered = new Map<string, string>();
  const port: DisputeOwnerPort = {
    listDisputesForOwner: vi.fn(async (userId: string) => (userId === OWNER ? LIST : { items: [], dataQuality: [] })),
    answerDispute: vi.fn(async (input: AnswerDisputeInput) => {
      const created = !answered.has(input.idempotencyKey);
      answered.set(input.idempotencyKey, input.disputeId);
      return { id: input.disputeId, created };
    }),
  };
  return port;
}

function setup(overrides: Partial<WorkerDeps> = {}) {
  const owner = fakeOwnerPort();
  const userinfo = vi.fn(async () => new Response(JSON.stringify({ user_id: OWNER, name: 'Sales Owner' }), { status: 200 }));
  const deps = pageWorkerDeps({ ...createDisputeReads((_config: PortConfig) => owner, userinfo as unknown as typeof fetch), ...overrides });
  return { router: createWorkerRouter(deps), deps, owner, userinfo };
}

describe('the disputes page through the worker (issue 19)', () => {
  it("the dock opens the disputes page for the tab's org", async () => {
    const { router, deps } = setup();
    const answer = await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'disputes' }, pageSender);
    expect(answer).toEqual({ v: 1, id: 'o1', ok: true, result: { opened: true } });
    expect(deps.openExtensionPage).toHaveBeenCalledWith('disputes', ORG, 'https://acme.lightning.force.com');
  });

  it("lists the signed-in user's disputes (their id from userinfo, with the org's session), never the token", async () => {
    const { router, owner, userinfo } = setup();
    await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'disputes' }, pageSender);
    const answer = await router.handle({ v: 1, kind: 'disputes-read', id: 'd1', orgKey: ORG }, disputesSender);
    expect(answer).toEqual({ v: 1, id: 'd1', ok: true, result: { userId: OWNER, list: LIST } });
    expect(owner.listDisputesForOwner).toHaveBeenCalledWith(OWNER);
    expect(userinfo).toHaveBeenCalledWith('https://acme.my.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(JSON.stringify(answer)).not.toContain('secret-session-value');
  });

  it('reads userinfo once for the same session: the list read again after an answer asks only for the list', async () => {
    const { router, owner, userinfo } = setup();
    await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'disputes' }, pageSender);
    await router.handle({ v: 1, kind: 'disputes-read', id: 'd1', orgKey: ORG }, disputesSender);
    const again = await router.handle({ v: 1, kind: 'disputes-read', id: 'd2', orgKey: ORG }, disputesSender);
    expect(again).toEqual({ v: 1, id: 'd2', ok: true, result: { userId: OWNER, list: LIST } });
    expect(owner.listDisputesForOwner).toHaveBeenCalledTimes(2);
    expect(userinfo).toHaveBeenCalledTimes(1);
  });

  it('answers through the REST port, write-once by key: the same key again creates nothing', async () => {
    const { router, owner } = setup();
    await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'disputes' }, pageSender);
    const first = await router.handle({ v: 1, kind: 'dispute-answer', id: 'a1', orgKey: ORG, input: ANSWER }, disputesSender);
    const again = await router.handle({ v: 1, kind: 'dispute-answer', id: 'a2', orgKey: ORG, input: ANSWER }, disputesSender);
    expect(first).toEqual({ v: 1, id: 'a1', ok: true, result: { id: ANSWER.disputeId, created: true } });
    expect(again).toEqual({ v: 1, id: 'a2', ok: true, result: { id: ANSWER.disputeId, created: false } });
    expect(owner.answerDispute).toHaveBeenCalledWith(ANSWER);
  });

  it('refuses a malformed answer in words, and a Salesforce page may neither read nor answer', async () => {
    const { router, owner } = setup();
    await router.handle({ v: 1, kind: 'open-page', id: 'o1', page: 'disputes' }, pageSender);
    const bad = await router.handle({ v: 1, kind: 'dispute-answer', id: 'a3', orgKey: ORG, input: { ...ANSWER, answer: 'shrug' } }, disputesSender);
    expect(bad).toMatchObject({ v: 1, id: 'a3', ok: false, error: { kind: 'invalid_input' } });
    expect(await router.handle({ v: 1, kind: 'disputes-read', id: 'd2', orgKey: ORG }, pageSender)).toBeNull();
    expect(await router.handle({ v: 1, kind: 'dispute-answer', id: 'a4', orgKey: ORG, input: ANSWER }, pageSender)).toBeNull();
    expect(owner.answerDispute).not.toHaveBeenCalled();
  });

  it('an unknown org is refused in words', async () => {
    const { router } = setup();
    const answer = await router.handle({ v: 1, kind: 'disputes-read', id: 'd3', orgKey: 'nope' }, disputesSender);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_input', userMessage: 'Open a Salesforce record page of this org first.' } });
  });
});

describe("the owner's answer from the panel on a record page (issue 19)", () => {
  it('is a port call from the Salesforce page, answered through the REST port, write-once by key', async () => {
    const { router, owner } = setup();
    const first = await router.handle({ v: 1, kind: 'port-call', id: 'p1', method: 'answerDispute', args: [ANSWER] }, pageSender);
    const again = await router.handle({ v: 1, kind: 'port-call', id: 'p2', method: 'answerDispute', args: [ANSWER] }, pageSender);
    expect(first).toEqual({ v: 1, id: 'p1', ok: true, result: { id: ANSWER.disputeId, created: true } });
    expect(again).toEqual({ v: 1, id: 'p2', ok: true, result: { id: ANSWER.disputeId, created: false } });
    expect(owner.answerDispute).toHaveBeenCalledWith(ANSWER);
    expect(JSON.stringify([first, again])).not.toContain('secret-session-value');
  });

  it('validates the answer like every port call: a bad one is refused in words and never written', async () => {
    const { router, owner } = setup();
    const bad = await router.handle({ v: 1, kind: 'port-call', id: 'p3', method: 'answerDispute', args: [{ ...ANSWER, answer: 'shrug' }] }, pageSender);
    expect(bad).toMatchObject({ v: 1, id: 'p3', ok: false, error: { kind: 'invalid_input' } });
    const listing = await router.handle({ v: 1, kind: 'port-call', id: 'p4', method: 'listDisputesForOwner', args: [OWNER] }, pageSender);
    expect(listing).toMatchObject({ v: 1, id: 'p4', ok: false, error: { kind: 'invalid_input' } });
    expect(owner.answerDispute).not.toHaveBeenCalled();
    expect(owner.listDisputesForOwner).not.toHaveBeenCalled();
  });

  it("whoami answers the signed-in user's id with the name (the panel compares it with dispute owners)", async () => {
    const { router } = setup();
    const answer = await router.handle({ v: 1, kind: 'whoami', id: 'u1' }, pageSender);
    expect(answer).toEqual({ v: 1, id: 'u1', ok: true, result: { name: null, id: null } });
    const { createPageReads } = await import('./page-reads');
    const reads = createPageReads(async () => new Response(JSON.stringify({ user_id: OWNER, name: ' Sales Owner ' }), { status: 200 }));
    const withUser = setup({ readUser: reads.readUser });
    expect(await withUser.router.handle({ v: 1, kind: 'whoami', id: 'u2' }, pageSender)).toEqual({ v: 1, id: 'u2', ok: true, result: { name: 'Sales Owner', id: OWNER } });
  });
});
