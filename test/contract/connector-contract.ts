/**
 * The connector contract: the same behaviour against every backend (msw in-process, the sandbox over
 * real HTTP) and with every transport (fetch client, jsforce client).
 *
 * Usage (in a *.test.ts file):
 *   defineConnectorContract('msw', async () => createMswBackend());
 *
 * A backend serves the REST shapes listed in test/contract/README.md, seeds `contractDataset()`, and
 * can make the next matching request "commit on the server, fail on the wire"
 * (`failNextResponseAfterProcessing`) so retry-after-timeout is proven, not assumed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import { fromDecimalString } from '../../connector/domain/money';
import { buildSchedule } from '../../connector/domain/plans';
import { AccountSnapshotSchema } from '../../connector/port';
import type { CollectionsPort } from '../../connector/port';
import { createSalesforcePort } from '../../connector/salesforce/index';
import type { MappingConfig, SalesforcePort, SalesforcePortExtras } from '../../connector/salesforce/index';
import { to18 } from '../../connector/salesforce/ids';
import { createJsforceClient } from '../../connector/salesforce/node';
import { contractDataset, DATASET_NOW, EXPECTED, IDS } from './dataset';

/** A Salesforce-like backend the contract runs against. */
export interface ContractBackend {
  /** Origin the connector talks to, e.g. `https://contract.my.salesforce.com` or `http://127.0.0.1:PORT`. */
  instanceUrl: string;
  /** A token the backend accepts; any other token → 401 INVALID_SESSION_ID. */
  accessToken: string;
  /** Insert/replace records (ids as given) per sObject API name. */
  seed(dataset: Record<string, Record<string, unknown>[]>): Promise<void>;
  /** Every stored record of an sObject (plain field values, no `attributes` needed). */
  records(sobject: string): Promise<Record<string, unknown>[]>;
  /** HTTP requests received since the last reset (a composite counts as one). */
  requestCount(): number;
  resetRequestCount(): void;
  /**
   * The next request matching `match` is processed and committed by the server, but the client sees a
   * failure instead of the answer (connection reset or no answer → the connector's timeout).
   */
  failNextResponseAfterProcessing(match: { method?: string; pathIncludes?: string }): void;
  close(): Promise<void>;
}

export type ClientKind = 'fetch' | 'jsforce';
export const CLIENT_KINDS: readonly ClientKind[] = ['fetch', 'jsforce'];

/** Build a port for a backend with the given transport. */
export function contractPort(backend: ContractBackend, kind: ClientKind, extras: Partial<SalesforcePortExtras> & { accessToken?: string; mapping?: MappingConfig } = {}): SalesforcePort {
  const token = extras.accessToken ?? backend.accessToken;
  const base = {
    instanceUrl: backend.instanceUrl,
    getAccessToken: () => token,
    timeoutMs: 5_000,
    timeZone: 'Asia/Kolkata',
    now: () => DATASET_NOW,
    rowLockRetry: { sleep: async () => {} },
    ...extras,
    mapping: extras.mapping ?? ('product' as const),
  };
  if (kind === 'jsforce') {
    return createSalesforcePort({ ...base, client: createJsforceClient({ instanceUrl: backend.instanceUrl, accessToken: token, timeoutMs: 5_000 }) });
  }
  return createSalesforcePort(base);
}

async function expectConnectorError(promise: Promise<unknown>, kind: ConnectorError['kind'] | ConnectorError['kind'][]): Promise<ConnectorError> {
  const kinds = Array.isArray(kind) ? kind : [kind];
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect(kinds).toContain((error as ConnectorError).kind);
    return error as ConnectorError;
  }
  throw new Error(`expected a ConnectorError ${kinds.join('|')}, but the call succeeded`);
}

let keySeq = 0;
/** A fresh idempotency key per write under test. */
export function freshKey(label: string): string {
  keySeq += 1;
  return `ct-${label}-${Date.now().toString(36)}-${keySeq}`;
}

const baseWrite = (label: string): { idempotencyKey: string; accountId: string } => ({ idempotencyKey: freshKey(label), accountId: IDS.account });

/** Register the contract suite for one backend. */
export function defineConnectorContract(label: string, makeBackend: () => Promise<ContractBackend>): void {
  describe(`connector contract: ${label}`, () => {
    let backend: ContractBackend;

    beforeAll(async () => {
      backend = await makeBackend();
      await backend.seed(contractDataset());
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(() => {
      backend.resetRequestCount();
    });

    for (const kind of CLIENT_KINDS) {
      describe(`${kind} client`, () => {
        let port: CollectionsPort;
        beforeEach(() => {
          port = contractPort(backend, kind);
        });

        it('loads the snapshot of an Account in exactly one HTTP request with the expected figures', async () => {
          const snapshot = await port.loadSnapshot({ id: IDS.account });
          expect(backend.requestCount()).toBe(1);
          expect(snapshot.account.name).toBe(EXPECTED.accountName);
          expect(snapshot.account.owner.name).toBe(EXPECTED.ownerName);
          expect(snapshot.account.collector?.name).toBe(EXPECTED.collectorName);
          expect(snapshot.account.currency).toBe(EXPECTED.currency);
          expect(snapshot.account.country).toBe('IN');
          expect(snapshot.account.creditLimit).toEqual({ amountMinor: 50_000_000, currency: 'INR' });
          expect(snapshot.contacts).toHaveLength(EXPECTED.contacts);
          expect(snapshot.invoices).toHaveLength(EXPECTED.invoices);
          expect(snapshot.invoices.reduce((s, i) => s + i.balance.amountMinor, 0)).toBe(EXPECTED.openBalanceMinor);
          expect(snapshot.invoices.find((i) => i.number === 'INV-1002')?.total.amountMinor).toBe(EXPECTED.inv1002TotalMinor);
          expect(snapshot.invoices.find((i) => i.number === 'INV-1002')?.status).toBe('partially_paid');
          expect(snapshot.payments).toHaveLength(EXPECTED.payments);
          expect(snapshot.payments[0]?.amount.amountMinor).toBe(EXPECTED.paymentMinor);
          expect(snapshot.credits).toHaveLength(EXPECTED.credits);
          expect(snapshot.promises.filter((p) => p.status === 'pending')).toHaveLength(EXPECTED.promises);
          expect(snapshot.plans).toHaveLength(EXPECTED.plans);
          const plan = snapshot.plans[0];
          expect(plan?.instalments).toHaveLength(EXPECTED.planInstalments);
          expect(plan?.instalments.reduce((s, i) => s + i.amount.amountMinor, 0)).toBe(EXPECTED.planTotalMinor);
          expect(snapshot.disputes).toHaveLength(EXPECTED.disputes);
          expect(snapshot.disputes[0]?.lines[0]?.amount.amountMinor).toBe(EXPECTED.disputeLineMinor);
          expect(snapshot.disputes[0]?.owner.name).toBe(EXPECTED.ownerName);
          expect(snapshot.activities.filter((a) => a.id === IDS.taskOld)).toHaveLength(0);
          expect(snapshot.activities.map((a) => a.kind).sort()).toEqual(['call', 'email', 'note']);
          expect(snapshot.activities.find((a) => a.kind === 'note')?.subject).toBe('Spoke to AP about INV-1003');
          expect(snapshot.activities.find((a) => a.kind === 'call')?.occurredAt).toBe('2026-11-18T05:45:00.000Z');
          expect(snapshot.dataQuality).toEqual([]);
          expect(snapshot.source).toEqual({ crm: 'salesforce', mapping: 'product' });
          const parsed = AccountSnapshotSchema.safeParse(snapshot);
          expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
        });

        it('resolves a Contact, an Opportunity and a Case to their account inside the same single request', async () => {
          for (const id of [IDS.contactAp, IDS.opportunity, IDS.disputeCase]) {
            backend.resetRequestCount();
            const snapshot = await port.loadSnapshot({ id });
            expect(backend.requestCount()).toBe(1);
            expect(snapshot.account.id.slice(0, 15)).toBe(IDS.account.slice(0, 15));
            expect(snapshot.invoices).toHaveLength(EXPECTED.invoices);
          }
        });

        it('rejects a malformed id before any request, and reports a missing record as not_found', async () => {
          await expectConnectorError(port.loadSnapshot({ id: "001' OR Name != '" }), 'invalid_input');
          await expectConnectorError(port.loadSnapshot({ id: `${IDS.account.slice(0, 15)}ZZZ` }), 'invalid_input');
          expect(backend.requestCount()).toBe(0);
          await expectConnectorError(port.loadSnapshot({ id: IDS.missingContact }), 'not_found');
        });

        it('reports an invalid session as session_expired', async () => {
          const badPort = contractPort(backend, kind, { accessToken: 'not-a-valid-session' });
          await expectConnectorError(badPort.loadSnapshot({ id: IDS.account }), 'session_expired');
        });
      });
    }

    describe('data quality (fetch client)', () => {
      it('quarantines bad invoices with a plain note and still loads the rest', async () => {
        const bad = (n: number, fields: Record<string, unknown>): Record<string, unknown> => ({
          Id: `a01${String(900 + n).padStart(12, '0')}`.slice(0, 15), Account__c: IDS.account, Invoice_Number__c: `BAD-${n}`, Invoice_Date__c: '2026-10-01',
          Due_Date__c: '2026-10-31', Total_Amount__c: 100, Balance__c: 100, Currency_Code__c: 'INR', Status__c: 'Open', ...fields,
        });
        const badInvoices = [
          bad(1, { Due_Date__c: null }),
          bad(2, { Balance__c: -5 }),
          bad(3, { Currency_Code__c: 'ZZZ' }),
          bad(4, { Balance__c: 10.125 }),
        ];
        await backend.seed({ Collections_Invoice__c: badInvoices });
        try {
          const port = contractPort(backend, 'fetch');
          const snapshot = await port.loadSnapshot({ id: IDS.account });
          expect(snapshot.invoices.map((i) => i.number).sort()).toEqual(['INV-1001', 'INV-1002', 'INV-1003', 'INV-1004']);
          const notes = snapshot.dataQuality.filter((n) => n.recordKind === 'invoice');
          expect(notes).toHaveLength(4);
          expect(notes.map((n) => n.field).sort()).toEqual(['balance', 'balance', 'dueDate', 'total']);
          expect(notes.find((n) => n.field === 'dueDate')?.message).toBe('Invoice BAD-1 is not shown: due date is missing.');
          expect(notes.find((n) => n.field === 'total')?.message).toMatch(/^Invoice BAD-3 is not shown: total is in an unknown currency "ZZZ"/);
        } finally {
          // Neutralise the bad rows for later tests: move them to the other account.
          await backend.seed({ Collections_Invoice__c: badInvoices.map((r) => ({ ...r, Account__c: IDS.otherAccount, Due_Date__c: '2026-10-31', Balance__c: 0, Currency_Code__c: 'INR' })) });
        }
      });
    });

    describe('contact-only activities (fetch client)', () => {
      it('shows a Task logged on a contact only (WhoId, no WhatId) once, and keeps a Task on both once', async () => {
        // A dialer's call: WhoId only. Needs Account → Contacts → Tasks (three levels, API 58.0+).
        const dialerCall = {
          Id: to18('00T000000000901'), WhatId: null, WhoId: IDS.contactFinance, Subject: 'Dialer call', TaskSubtype: 'Call', Status: 'Completed',
          CallType: 'Outbound', CallDisposition: 'Left voicemail', CallDurationInSeconds: 30, ActivityDate: '2026-11-19',
          CreatedDate: '2026-11-19T07:00:00.000+0000', CreatedById: IDS.collector,
        };
        await backend.seed({ Task: [dialerCall] });
        try {
          const snapshot = await contractPort(backend, 'fetch').loadSnapshot({ id: IDS.account });
          const dialer = snapshot.activities.filter((a) => a.id.slice(0, 15) === dialerCall.Id.slice(0, 15));
          expect(dialer).toHaveLength(1);
          expect(dialer[0]).toMatchObject({ kind: 'call', subject: 'Dialer call' });
          expect(dialer[0]?.contactId?.slice(0, 15)).toBe(IDS.contactFinance.slice(0, 15));
          // The seeded call has WhatId = account AND WhoId = contact: it arrives twice, is shown once.
          expect(snapshot.activities.filter((a) => a.id === IDS.taskCall)).toHaveLength(1);
        } finally {
          // Out of the look-back window again for later tests.
          await backend.seed({ Task: [{ ...dialerCall, CreatedDate: '2025-01-01T07:00:00.000+0000' }] });
        }
      });
    });

    for (const kind of CLIENT_KINDS) {
      describe(`writes (${kind} client)`, () => {
        let port: CollectionsPort;
        beforeEach(() => {
          port = contractPort(backend, kind);
        });

        it('logs a call as a completed call Task and a second call with the same key changes nothing', async () => {
          const input = {
            ...baseWrite(`call-${kind}`), contactId: IDS.contactAp, direction: 'outbound' as const, disposition: 'promise_to_pay' as const,
            conversation: true, durationSeconds: 185, occurredAt: '2026-11-20T09:30:00.000Z', notes: 'Promised 20k on Friday',
            followUpDate: '2026-11-27', invoiceIds: [IDS.invoices[0]], complianceOverride: null,
          };
          const first = await port.logCall(input);
          expect(first.created).toBe(true);
          const tasks = (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey);
          expect(tasks).toHaveLength(1);
          expect(tasks[0]).toMatchObject({ Type: 'Call', TaskSubtype: 'Call', Status: 'Completed', CallType: 'Outbound', CallDisposition: 'Promise to pay', CallDurationInSeconds: 185, ActivityDate: '2026-11-20', Collections_Channel__c: 'Call', Conversation__c: true });
          // The agreed follow-up is an open Task due that day, written in the same request (issue 17).
          const followUps = (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === `${input.idempotencyKey}-fu`);
          expect(followUps).toHaveLength(1);
          expect(followUps[0]).toMatchObject({ TaskSubtype: 'Task', Status: 'Not Started', ActivityDate: '2026-11-27', Subject: 'Follow up: Promise to pay' });
          expect(String(tasks[0]?.WhatId).slice(0, 15)).toBe(IDS.account.slice(0, 15));
          const snapshot = await port.loadSnapshot({ id: IDS.account });
          expect(snapshot.activities.some((a) => a.id === first.id && a.kind === 'call' && a.disposition === 'promise_to_pay')).toBe(true);
          // The open follow-up comes back with the snapshot, due that day, and is not a contact attempt.
          expect(snapshot.followUps).toContainEqual({ id: String(followUps[0]?.Id), subject: 'Follow up: Promise to pay', dueDate: '2026-11-27', contactId: IDS.contactAp });
          expect(snapshot.activities.some((a) => a.id === String(followUps[0]?.Id))).toBe(false);
          // The widget's Retry re-sends every step with the same key: nothing new may be created,
          // neither by this port nor by a fresh one (a restarted service worker) told the key was attempted.
          expect(await port.logCall(input)).toEqual({ id: first.id, created: false });
          const attempted = new Set([input.idempotencyKey]);
          const restarted = contractPort(backend, kind, { unknownOutcomeKeys: { has: (k) => attempted.has(k), add: (k) => void attempted.add(k), delete: (k) => void attempted.delete(k) } });
          expect(await restarted.logCall(input)).toEqual({ id: first.id, created: false });
          expect((await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
          expect((await backend.records('Task')).filter((t) => t.Idempotency_Key__c === `${input.idempotencyKey}-fu`)).toHaveLength(1);
        });

        it('logs a visit with its channel and outcome; a second call with the same key changes nothing', async () => {
          const input = {
            ...baseWrite(`visit-${kind}`), kind: 'visit' as const, contactId: null, occurredAt: '2026-11-19T06:00:00.000Z', subject: 'Site visit, Peenya',
            body: 'Met the accountant.', outcome: 'Cheque promised', conversation: true, followUpDate: null, complianceOverride: null,
          };
          const result = await port.logActivity(input);
          expect(result.created).toBe(true);
          const task = (await backend.records('Task')).find((t) => t.Id === result.id);
          expect(task).toMatchObject({ Collections_Channel__c: 'Visit', Visit_Outcome__c: 'Cheque promised', ActivityDate: '2026-11-19' });
          expect(await port.logActivity(input)).toEqual({ id: result.id, created: false });
          expect((await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
        });

        it('adds a note as ContentNote + ContentDocumentLink with HTML-escaped content; a second call with the same key changes nothing', async () => {
          const input = { ...baseWrite(`note-${kind}`), title: 'Call notes', body: 'Said <b>no</b> & "maybe"' };
          const result = await port.addNote(input);
          expect(result.created).toBe(true);
          const note = (await backend.records('ContentNote')).find((n) => n.Id === result.id);
          expect(note).toBeDefined();
          expect(Buffer.from(String(note?.Content), 'base64').toString('utf8')).toBe('<p>Said &lt;b&gt;no&lt;/b&gt; &amp; &quot;maybe&quot;</p>');
          const links = (await backend.records('ContentDocumentLink')).filter((l) => l.ContentDocumentId === result.id);
          expect(links).toHaveLength(1);
          expect(String(links[0]?.LinkedEntityId).slice(0, 15)).toBe(IDS.account.slice(0, 15));
          const snapshot = await port.loadSnapshot({ id: IDS.account });
          expect(snapshot.activities.find((a) => a.id === result.id)?.subject).toBe('Call notes');
          expect(await port.addNote(input)).toEqual({ id: result.id, created: false });
          expect((await backend.records('ContentNote')).filter((n) => String(n.Title).includes(input.idempotencyKey))).toHaveLength(1);
          expect((await backend.records('ContentDocumentLink')).filter((l) => l.ContentDocumentId === result.id)).toHaveLength(1);
        });

        it('upserts a promise by idempotency key: created once, then returned unchanged', async () => {
          const input = { ...baseWrite(`ptp-${kind}`), contactId: IDS.contactAp, amount: { amountMinor: 2_000_050, currency: 'INR' }, dueDate: '2026-11-28', invoiceIds: [IDS.invoices[0]], note: null };
          const first = await port.recordPromise(input);
          const second = await port.recordPromise(input);
          expect(first.created).toBe(true);
          expect(second).toEqual({ id: first.id, created: false });
          const rows = (await backend.records('Promise_To_Pay__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({ Amount__c: 20000.5, Currency_Code__c: 'INR', Status__c: 'Pending', Taken_On__c: '2026-11-20', Due_Date__c: '2026-11-28' });
        });

        it('saves a plan with all instalments atomically, keyed <planKey>-<seq>', async () => {
          const input = {
            ...baseWrite(`plan-${kind}`), planId: null, status: 'active' as const, frequency: 'monthly' as const, total: { amountMinor: 10_000_000, currency: 'INR' },
            downPayment: null, invoiceIds: [IDS.invoices[2]],
            instalments: [1, 2, 3].map((sequence) => ({ sequence, dueDate: `2026-12-0${sequence}`, amount: { amountMinor: sequence === 3 ? 3_333_334 : 3_333_333, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' as const })),
          };
          const result = await port.savePaymentPlan(input);
          expect(result.created).toBe(true);
          const instalments = (await backend.records('Plan_Instalment__c')).filter((i) => i.Payment_Plan__c === result.id);
          expect(instalments.map((i) => i.Idempotency_Key__c).sort()).toEqual([1, 2, 3].map((s) => `${input.idempotencyKey}-${s}`));
          expect(instalments.reduce((s, i) => s + fromDecimalString(String(i.Amount__c), 'INR').amountMinor, 0)).toBe(10_000_000);
          const again = await port.savePaymentPlan(input);
          expect(again).toEqual({ id: result.id, created: false });
          expect((await backend.records('Plan_Instalment__c')).filter((i) => i.Payment_Plan__c === result.id)).toHaveLength(3);
        });

        it('saves a 52-instalment weekly plan in ONE composite write (sObject Collections), exact sum; a retry adds nothing', async () => {
          // Needs: sObject Collections create (POST …/composite/sobjects, allOrNone) as a /composite
          // subrequest, with `@{plan.id}` resolved inside its records.
          const total = { amountMinor: 10_000_003, currency: 'INR' };
          const schedule = buildSchedule({ total, count: 52, firstDueDate: '2026-11-27', frequency: 'weekly' });
          expect(schedule).toHaveLength(52);
          const input = { ...baseWrite(`plan52-${kind}`), planId: null, status: 'active' as const, frequency: 'weekly' as const, total, downPayment: null, invoiceIds: [], instalments: schedule };
          const result = await port.savePaymentPlan(input);
          expect(result.created).toBe(true);
          // The whole plan in ONE /composite, no check first: a repeat fails on the plan's unique key.
          expect(backend.requestCount()).toBe(1);
          const plans = (await backend.records('Payment_Plan__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey);
          expect(plans.map((p) => p.Id)).toEqual([result.id]);
          expect(plans[0]).toMatchObject({ Frequency__c: 'Weekly', Status__c: 'Active', Total_Amount__c: 100000.03, Currency_Code__c: 'INR' });
          const instalments = (await backend.records('Plan_Instalment__c'))
            .filter((i) => i.Payment_Plan__c === result.id)
            .sort((a, b) => Number(a.Sequence__c) - Number(b.Sequence__c));
          expect(instalments.map((i) => Number(i.Sequence__c))).toEqual(schedule.map((x) => x.sequence));
          expect(instalments.map((i) => i.Idempotency_Key__c)).toEqual(schedule.map((x) => `${input.idempotencyKey}-${x.sequence}`));
          expect(instalments.map((i) => i.Due_Date__c)).toEqual(schedule.map((x) => x.dueDate));
          expect(instalments.reduce((sum, i) => sum + fromDecimalString(String(i.Amount__c), total.currency).amountMinor, 0)).toBe(total.amountMinor);

          backend.resetRequestCount();
          expect(await port.savePaymentPlan(input)).toEqual({ id: result.id, created: false });
          expect(backend.requestCount()).toBe(0);
          // A fresh port with no memory of the key (a reload without a store): its insert fails on the
          // unique key, rolls back whole, and the plan found by key is the answer.
          expect(await contractPort(backend, kind).savePaymentPlan(input)).toEqual({ id: result.id, created: false });
          expect(backend.requestCount()).toBe(2);
          expect((await backend.records('Payment_Plan__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
          expect((await backend.records('Plan_Instalment__c')).filter((i) => i.Payment_Plan__c === result.id)).toHaveLength(52);
        });

        it('rolls the plan back when one of its instalments fails (allOrNone across the plan and the collection)', async () => {
          const input = {
            ...baseWrite(`planfail-${kind}`), planId: null, status: 'proposed' as const, frequency: 'weekly' as const, total: { amountMinor: 300_000, currency: 'INR' }, downPayment: null, invoiceIds: [],
            instalments: [1, 2, 3].map((sequence) => ({ sequence, dueDate: `2026-12-0${sequence + 1}`, amount: { amountMinor: 100_000, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' as const })),
          };
          // Instalment 2's key is already taken (unique external id) → its create fails.
          const blocker = to18(`a05${String(900 + (kind === 'fetch' ? 1 : 2)).padStart(12, '0')}`);
          await backend.seed({ Plan_Instalment__c: [{
            Id: blocker, Payment_Plan__c: IDS.plan, Sequence__c: 9, Due_Date__c: '2027-01-01', Amount__c: 1, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Scheduled',
            Idempotency_Key__c: `${input.idempotencyKey}-2`,
          }] });
          const error = await expectConnectorError(port.savePaymentPlan(input), 'validation');
          expect(error.crmCode).toBe('DUPLICATE_VALUE');
          expect((await backend.records('Payment_Plan__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(0);
          expect((await backend.records('Plan_Instalment__c')).filter((i) => String(i.Idempotency_Key__c).startsWith(`${input.idempotencyKey}-`)).map((i) => i.Id)).toEqual([blocker]);
        });

        it('raises a dispute as a Case owned by the account owner with one line per invoice, then updates it', async () => {
          const input = {
            ...baseWrite(`dsp-${kind}`), contactId: IDS.contactAp, reason: 'quantity' as const, evidence: 'GRN shows 480 m received, invoiced 500 m.',
            slaDueDate: '2026-12-04', lines: [{ invoiceId: IDS.invoices[0], amount: { amountMinor: 500_000, currency: 'INR' } }, { invoiceId: IDS.invoices[3], amount: { amountMinor: 120_025, currency: 'INR' } }],
          };
          const result = await port.raiseDispute(input);
          expect(result.created).toBe(true);
          const kase = (await backend.records('Case')).find((c) => c.Id === result.id);
          expect(kase).toMatchObject({ Type: 'Dispute', Dispute_Reason__c: 'Quantity', Dispute_Status__c: 'New', SLA_Due_Date__c: '2026-12-04', Description: input.evidence });
          expect(String(kase?.OwnerId).slice(0, 15)).toBe(IDS.owner.slice(0, 15));
          const lines = (await backend.records('Dispute_Line__c')).filter((l) => l.Case__c === result.id);
          expect(lines).toHaveLength(2);
          const updated = await port.updateDispute({ ...baseWrite(`dspu-${kind}`), disputeId: result.id, status: 'resolved_credit', resolution: 'Credit note CN-2026-020 issued' });
          expect(updated).toEqual({ id: result.id, created: false });
          const after = (await backend.records('Case')).find((c) => c.Id === result.id);
          expect(after).toMatchObject({ Dispute_Status__c: 'Resolved - Credit', Status: 'Closed', Dispute_Resolution__c: 'Credit note CN-2026-020 issued' });
        });

        it('records a settlement offer', async () => {
          const input = {
            ...baseWrite(`set-${kind}`), balance: { amountMinor: 23_600_000, currency: 'INR' }, offerAmount: { amountMinor: 20_000_000, currency: 'INR' }, expiresOn: '2026-12-10',
            invoiceIds: [IDS.invoices[2]], remainderTreatment: 'extinguished' as const, status: 'pending_approval' as const, note: null,
          };
          const result = await port.recordSettlementOffer(input);
          const row = (await backend.records('Settlement_Offer__c')).find((s) => s.Id === result.id);
          expect(row).toMatchObject({ Offer_Amount__c: 200000, Status__c: 'Pending Approval', Remainder_Treatment__c: 'Extinguished' });
        });

        it('resolves a call whose answer was lost (server committed) by key: exactly one Task exists', async () => {
          const input = {
            ...baseWrite(`lost-call-${kind}`), contactId: IDS.contactAp, direction: 'inbound' as const, disposition: 'reached' as const,
            conversation: true, durationSeconds: 60, occurredAt: '2026-11-20T08:00:00.000Z', notes: 'Customer called back', followUpDate: null, invoiceIds: [], complianceOverride: null,
          };
          backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
          // The unknown outcome is resolved by key at once: the call succeeds with the one Task.
          const resolved = await port.logCall(input);
          expect(resolved.created).toBe(false);
          expect(await port.logCall(input)).toEqual(resolved);
          const tasks = (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey);
          expect(tasks).toHaveLength(1);
          expect(resolved.id).toBe(tasks[0]?.Id);
        });

        it('retries a note after the answer was lost: exactly one note exists', async () => {
          const input = { ...baseWrite(`lost-note-${kind}`), title: 'Lost answer', body: 'x' };
          backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
          expect((await port.addNote(input)).created).toBe(false);
          expect((await port.addNote(input)).created).toBe(false);
          expect((await backend.records('ContentNote')).filter((n) => String(n.Title).includes(input.idempotencyKey))).toHaveLength(1);
        });

        it('retries a promise and a plan after the answer was lost: exactly one of each', async () => {
          const promise = { ...baseWrite(`lost-ptp-${kind}`), contactId: null, amount: { amountMinor: 100_000, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: 'lost' };
          backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/sobjects/Promise_To_Pay__c' });
          expect((await port.recordPromise(promise)).created).toBe(false);
          expect((await port.recordPromise(promise)).created).toBe(false);
          expect((await backend.records('Promise_To_Pay__c')).filter((p) => p.Idempotency_Key__c === promise.idempotencyKey)).toHaveLength(1);

          const plan = {
            ...baseWrite(`lost-plan-${kind}`), planId: null, status: 'proposed' as const, frequency: 'weekly' as const, total: { amountMinor: 200_000, currency: 'INR' }, downPayment: null, invoiceIds: [],
            instalments: [1, 2].map((sequence) => ({ sequence, dueDate: `2026-12-1${sequence}`, amount: { amountMinor: 100_000, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' as const })),
          };
          backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
          expect((await port.savePaymentPlan(plan)).created).toBe(false);
          expect((await port.savePaymentPlan(plan)).created).toBe(false);
          const plans = (await backend.records('Payment_Plan__c')).filter((p) => p.Idempotency_Key__c === plan.idempotencyKey);
          expect(plans).toHaveLength(1);
          expect((await backend.records('Plan_Instalment__c')).filter((i) => i.Payment_Plan__c === plans[0]?.Id)).toHaveLength(2);
        });

        it('retries a dispute after the answer was lost: one Case, one line per invoice', async () => {
          const input = {
            ...baseWrite(`lost-dsp-${kind}`), contactId: null, reason: 'not_received' as const, evidence: 'POD missing', slaDueDate: '2026-12-05',
            lines: [{ invoiceId: IDS.invoices[3], amount: { amountMinor: 4_720_025, currency: 'INR' } }],
          };
          backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
          expect((await port.raiseDispute(input)).created).toBe(false);
          const retried = await port.raiseDispute(input);
          expect(retried.created).toBe(false);
          const cases = (await backend.records('Case')).filter((c) => c.Idempotency_Key__c === input.idempotencyKey);
          expect(cases).toHaveLength(1);
          expect((await backend.records('Dispute_Line__c')).filter((l) => l.Case__c === cases[0]?.Id)).toHaveLength(1);
        });

        it('refuses a zero promise, a settlement above its balance and an out-of-range date before any request', async () => {
          const promise = { ...baseWrite(`zero-ptp-${kind}`), contactId: null, amount: { amountMinor: 0, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: null };
          expect((await expectConnectorError(port.recordPromise(promise), 'invalid_input')).fields).toEqual(['amount.amountMinor']);
          const negative = { ...promise, idempotencyKey: freshKey(`neg-ptp-${kind}`), amount: { amountMinor: -100, currency: 'INR' } };
          await expectConnectorError(port.recordPromise(negative), 'invalid_input');
          const farAway = { ...promise, idempotencyKey: freshKey(`far-ptp-${kind}`), amount: { amountMinor: 100, currency: 'INR' }, dueDate: '2226-11-30' };
          expect((await expectConnectorError(port.recordPromise(farAway), 'invalid_input')).fields).toEqual(['dueDate']);
          const settlement = {
            ...baseWrite(`big-set-${kind}`), balance: { amountMinor: 100_000, currency: 'INR' }, offerAmount: { amountMinor: 100_001, currency: 'INR' }, expiresOn: '2026-12-10',
            invoiceIds: [], remainderTreatment: 'extinguished' as const, status: 'offered' as const, note: null,
          };
          expect((await expectConnectorError(port.recordSettlementOffer(settlement), 'invalid_input')).fields).toEqual(['offerAmount.amountMinor']);
          expect(backend.requestCount()).toBe(0);
        });

        it('refuses a plan asking for more than its invoices hold, and a promise beyond 90 days (issue 17); nothing is written', async () => {
          const input = {
            ...baseWrite(`over-plan-${kind}`), planId: null, status: 'proposed' as const, frequency: 'monthly' as const, total: { amountMinor: 1_000_000_000_00, currency: 'INR' },
            downPayment: null, invoiceIds: [IDS.invoices[2]],
            instalments: [{ sequence: 1, dueDate: '2026-12-01', amount: { amountMinor: 1_000_000_000_00, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' as const }],
          };
          const before = (await backend.records('Payment_Plan__c')).length;
          expect((await expectConnectorError(port.savePaymentPlan(input), 'invalid_input')).fields).toEqual(['total.amountMinor']);
          expect(await backend.records('Payment_Plan__c')).toHaveLength(before);
          const promise = { ...baseWrite(`late-ptp-${kind}`), contactId: null, amount: { amountMinor: 100, currency: 'INR' }, dueDate: '2100-01-01', invoiceIds: [], note: null };
          expect((await expectConnectorError(port.recordPromise(promise), 'invalid_input')).userMessage).toBe('The promised date is more than 90 days away: choose a date within 90 days of today.');
        });

        it('refuses a dispute line above its invoice balance, negative, or in another currency than its invoice; nothing is written', async () => {
          const lines = [
            [{ invoiceId: IDS.invoices[3], amount: { amountMinor: 999_999_999, currency: 'INR' } }],
            [{ invoiceId: IDS.invoices[3], amount: { amountMinor: -100, currency: 'INR' } }],
            [{ invoiceId: IDS.invoices[3], amount: { amountMinor: 100, currency: 'USD' } }],
          ];
          for (const [index, disputeLines] of lines.entries()) {
            const input = { ...baseWrite(`bad-dsp-${index}-${kind}`), contactId: null, reason: 'pricing' as const, evidence: 'x', slaDueDate: '2026-12-05', lines: disputeLines };
            const error = await expectConnectorError(port.raiseDispute(input), 'invalid_input');
            expect(error.fields[0]).toMatch(/^lines\.0\.amount/);
            expect((await backend.records('Case')).filter((c) => c.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(0);
          }
        });

        it('maps a write the org rejects to a typed validation error naming the field', async () => {
          // Point the promise note at the Text(3) currency field so the org answers STRING_TOO_LONG.
          const product = contractPort(backend, kind).mapping;
          const promise = product.promise as NonNullable<typeof product.promise>;
          const narrowed = contractPort(backend, kind, { mapping: { ...product, promise: { ...promise, fields: { ...promise.fields, note: 'Currency_Code__c' } } } });
          const error = await expectConnectorError(
            narrowed.recordPromise({ ...baseWrite(`val-${kind}`), contactId: null, amount: { amountMinor: 100, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: 'x'.repeat(200) }),
            'validation',
          );
          expect(error.fields).toContain('Currency_Code__c');
        });
      });
    }
  });
}
