/**
 * The PORT contract: what every CollectionsPort implementation keeps, whatever CRM or host is behind
 * it — the FakePort, the Salesforce REST port, the LWC/Apex port (Apex mocked at its boundary), and
 * any future CRM. Writes are written once per key (decisions 0005, 0016, 0017), validated before
 * anything is sent, and a lost answer, a restart without memory or many tabs never duplicate.
 *
 * Usage (in a *.test.ts file): definePortContract('label', async () => harness).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import { AccountSnapshotSchema } from '../../connector/port';
import type { CollectionsPort, WriteResult } from '../../connector/port';
import type { PortWriteInputs, PortWriteMethod } from '../../connector/writes/plan';

/** One implementation under the contract, on a CRM seeded with one account. */
export interface PortHarness {
  port: CollectionsPort;
  /** A new port on the same CRM that remembers nothing (a reload without a store, another tab). */
  restart(): CollectionsPort;
  /** The next send of `method` commits, then its answer is lost (the connection drops). */
  loseNextAnswer(method: PortWriteMethod): void;
  /** How many records the CRM holds that `method` wrote under `key`. */
  count(method: PortWriteMethod, key: string): Promise<number>;
  ids: { account: string; contact: string; invoice: string; invoiceBalanceMinor: number; currency: string; dispute: string };
  /** False for a port that writes a settlement decision without reading its status first (LWC/LDS: the org's validation rule guards). */
  refusesStaleSettlementDecision?: boolean;
  close?(): Promise<void>;
}

let seq = 0;
const key = (label: string): string => `pc-${label}-${(seq += 1)}-${Date.now().toString(36)}`;

type CreateMethod = Exclude<PortWriteMethod, 'updateDispute' | 'decideSettlement' | 'completeFollowUp'>;

/** A valid input per create method (dates around 2026-11-20, the harnesses' clock). */
function inputs(h: PortHarness): { [M in CreateMethod]: (k: string) => PortWriteInputs[M] } {
  const money = (amountMinor: number) => ({ amountMinor, currency: h.ids.currency });
  const base = (k: string) => ({ idempotencyKey: k, accountId: h.ids.account });
  return {
    logCall: (k) => ({ ...base(k), contactId: h.ids.contact, direction: 'outbound', disposition: 'reached', conversation: true, durationSeconds: 60, occurredAt: '2026-11-20T08:00:00.000Z', notes: 'Spoke to AP', followUpDate: null, invoiceIds: [], complianceOverride: null }),
    logActivity: (k) => ({ ...base(k), kind: 'email', contactId: h.ids.contact, occurredAt: '2026-11-20T08:00:00.000Z', subject: 'Statement', body: 'Attached', outcome: null, conversation: false, followUpDate: null, complianceOverride: null }),
    addNote: (k) => ({ ...base(k), title: 'Call notes', body: 'Will pay Friday' }),
    recordPromise: (k) => ({ ...base(k), contactId: null, amount: money(10_000), dueDate: '2026-11-30', invoiceIds: [], note: null }),
    savePaymentPlan: (k) => ({
      ...base(k), planId: null, status: 'proposed', frequency: 'weekly', total: money(20_000), downPayment: null, invoiceIds: [],
      instalments: [1, 2].map((sequence) => ({ sequence, dueDate: `2026-12-0${sequence}`, amount: money(10_000), paidAmount: money(0), status: 'scheduled' as const })),
    }),
    raiseDispute: (k) => ({ ...base(k), contactId: null, reason: 'pricing', evidence: 'Rate card', slaDueDate: '2026-12-05', lines: [{ invoiceId: h.ids.invoice, amount: money(100) }] }),
    recordSettlementOffer: (k) => ({ ...base(k), balance: money(100_000), offerAmount: money(80_000), expiresOn: '2026-12-10', invoiceIds: [], remainderTreatment: 'extinguished', status: 'draft', note: null }),
  };
}

const CREATE_METHODS: readonly CreateMethod[] = ['logCall', 'logActivity', 'addNote', 'recordPromise', 'savePaymentPlan', 'raiseDispute', 'recordSettlementOffer'];

function send<M extends CreateMethod>(port: CollectionsPort, method: M, input: PortWriteInputs[M]): Promise<WriteResult> {
  return (port[method] as (i: PortWriteInputs[M]) => Promise<WriteResult>).call(port, input);
}

/** Salesforce returns 15- or 18-character forms of one id; other CRMs' ids compare exactly. */
function sameRecord(a: string, b: string): boolean {
  return a === b || (/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(a) && /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(b) && a.slice(0, 15) === b.slice(0, 15));
}

async function refused(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the port to refuse');
}

export function definePortContract(label: string, makeHarness: () => Promise<PortHarness>): void {
  describe(`port contract: ${label}`, () => {
    let h: PortHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.close?.();
    });

    it('loads a snapshot that satisfies the port schema', async () => {
      const snapshot = await h.port.loadSnapshot({ id: h.ids.account, objectType: 'account' });
      expect(AccountSnapshotSchema.safeParse(snapshot).success).toBe(true);
      expect(snapshot.account.id.slice(0, 15)).toBe(h.ids.account.slice(0, 15));
    });

    for (const method of CREATE_METHODS) {
      describe(method, () => {
        it('writes once per key: a repeat returns the same id with created:false', async () => {
          const input = inputs(h)[method](key(method));
          const first = await send(h.port, method, input);
          expect(first.created).toBe(true);
          expect(await send(h.port, method, input)).toEqual({ id: first.id, created: false });
          expect(await h.count(method, input.idempotencyKey)).toBe(1);
        });

        it('a port that remembers nothing (reload without a store) repeating the key writes nothing', async () => {
          const input = inputs(h)[method](key(`${method}-reload`));
          const first = await send(h.port, method, input);
          expect(await send(h.restart(), method, input)).toEqual({ id: first.id, created: false });
          expect(await h.count(method, input.idempotencyKey)).toBe(1);
        });

        it('an answer lost after the commit is never a second record', async () => {
          const input = inputs(h)[method](key(`${method}-lost`));
          h.loseNextAnswer(method);
          // Resolved by key at once (success), or an error whose retry finds the record.
          const first: WriteResult | null = await send(h.port, method, input).catch(() => null);
          const retried = await send(h.port, method, input);
          if (first) {
            expect(retried.id).toBe(first.id);
          }
          expect(retried.created).toBe(false);
          expect(await h.count(method, input.idempotencyKey)).toBe(1);
        });

        it('ten tabs sending one key at once make one record, and each learns its id', async () => {
          const input = inputs(h)[method](key(`${method}-tabs`));
          const results = await Promise.all(Array.from({ length: 10 }, () => send(h.restart(), method, input)));
          expect(new Set(results.map((r) => r.id)).size).toBe(1);
          expect(await h.count(method, input.idempotencyKey)).toBe(1);
        });
      });
    }

    it('refuses a malformed key, a zero or negative amount, a settlement above its balance, a dispute line above its invoice balance; nothing is written', async () => {
      const make = inputs(h);
      expect((await refused(h.port.recordPromise({ ...make.recordPromise('short'), idempotencyKey: 'short' }))).kind).toBe('invalid_input');
      const zero = make.recordPromise(key('zero'));
      expect(await refused(h.port.recordPromise({ ...zero, amount: { ...zero.amount, amountMinor: 0 } }))).toMatchObject({ kind: 'invalid_input', fields: ['amount.amountMinor'] });
      const offer = make.recordSettlementOffer(key('offer'));
      expect(await refused(h.port.recordSettlementOffer({ ...offer, offerAmount: { ...offer.balance, amountMinor: offer.balance.amountMinor + 1 } }))).toMatchObject({ kind: 'invalid_input', fields: ['offerAmount.amountMinor'] });
      const dispute = make.raiseDispute(key('dsp-big'));
      const tooMuch = { ...dispute, lines: [{ invoiceId: h.ids.invoice, amount: { amountMinor: h.ids.invoiceBalanceMinor + 1, currency: h.ids.currency } }] };
      expect(await refused(h.port.raiseDispute(tooMuch))).toMatchObject({ kind: 'invalid_input', fields: ['lines.0.amount.amountMinor'] });
      const otherCurrency = { ...dispute, lines: [{ invoiceId: h.ids.invoice, amount: { amountMinor: 100, currency: h.ids.currency === 'USD' ? 'EUR' : 'USD' } }] };
      expect(await refused(h.port.raiseDispute(otherCurrency))).toMatchObject({ kind: 'invalid_input', fields: ['lines.0.amount.currency'] });
      expect(await h.count('recordPromise', zero.idempotencyKey)).toBe(0);
      expect(await h.count('raiseDispute', dispute.idempotencyKey)).toBe(0);
    });

    it('updates a dispute by id: the dispute id, created:false', async () => {
      expect(await h.port.updateDispute({ idempotencyKey: key('dsp-upd'), accountId: h.ids.account, disputeId: h.ids.dispute, status: 'in_review', resolution: null }))
        .toEqual({ id: h.ids.dispute, created: false });
    });

    it('decides a settlement awaiting approval once: approved → offered; a repeat changes nothing; a second, other decision is refused', async () => {
      const offer = { ...inputs(h).recordSettlementOffer(key('stl-approve')), status: 'pending_approval' as const };
      const { id } = await h.port.recordSettlementOffer(offer);
      const decide = (decision: 'approved' | 'rejected', k = key('stl-decide')) => h.port.decideSettlement({ idempotencyKey: k, accountId: h.ids.account, settlementId: id, decision });
      const approvalKey = key('stl-decide');
      expect(await decide('approved', approvalKey)).toEqual({ id, created: false });
      expect(await decide('approved', approvalKey)).toEqual({ id, created: false });
      expect(await decide('approved', approvalKey.replace('pc-', 'pc-again-'))).toEqual({ id, created: false });
      const snapshot = await h.port.loadSnapshot({ id: h.ids.account, objectType: 'account' });
      expect(snapshot.settlements.find((s) => sameRecord(s.id, id))?.status).toBe('offered');
      if (h.refusesStaleSettlementDecision !== false) {
        const error = await refused(decide('rejected'));
        expect(error.kind).toBe('validation');
      }
    });

    it('a call with a follow-up leaves one open follow-up, which completing removes (twice is harmless)', async () => {
      const callInput = { ...inputs(h).logCall(key('call-fu')), followUpDate: '2026-11-27' };
      await h.port.logCall(callInput);
      const open = (await h.port.loadSnapshot({ id: h.ids.account, objectType: 'account' })).followUps ?? [];
      const followUp = open.find((f) => f.dueDate === '2026-11-27');
      expect(followUp).toBeDefined();
      const done = { idempotencyKey: key('fu-done'), accountId: h.ids.account, taskId: followUp!.id };
      expect(await h.port.completeFollowUp(done)).toEqual({ id: followUp!.id, created: false });
      expect(await h.port.completeFollowUp({ ...done, idempotencyKey: key('fu-again') })).toEqual({ id: followUp!.id, created: false });
      const after = (await h.port.loadSnapshot({ id: h.ids.account, objectType: 'account' })).followUps ?? [];
      expect(after.some((f) => f.id === followUp!.id)).toBe(false);
    });

    it('rejects a settlement awaiting approval', async () => {
      const { id } = await h.port.recordSettlementOffer({ ...inputs(h).recordSettlementOffer(key('stl-reject')), status: 'pending_approval' });
      expect(await h.port.decideSettlement({ idempotencyKey: key('stl-no'), accountId: h.ids.account, settlementId: id, decision: 'rejected' })).toEqual({ id, created: false });
      const snapshot = await h.port.loadSnapshot({ id: h.ids.account, objectType: 'account' });
      expect(snapshot.settlements.find((s) => sameRecord(s.id, id))?.status).toBe('rejected');
    });
  });
}
