import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contractDataset, DATASET_NOW, IDS } from '../../test/contract/dataset';
import { createMswBackend } from '../../test/contract/msw-backend';
import type { MswBackend } from '../../test/contract/msw-backend';
import { createSalesforcePort } from './rest-port';
import type { SalesforcePortExtras, UnknownOutcomeStore } from './rest-port';

let backend: MswBackend;
beforeAll(async () => {
  backend = createMswBackend({ instanceUrl: 'https://port.my.salesforce.com' });
  await backend.seed(contractDataset());
});
afterAll(async () => backend.close());
beforeEach(() => {
  backend.resetHandlers();
  backend.resetRequestCount();
});

const makePort = (extras: SalesforcePortExtras = {}): ReturnType<typeof createSalesforcePort> =>
  createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW, timeZone: 'Asia/Kolkata', rowLockRetry: { sleep: async () => {} }, ...extras });
const V = '/services/data/v66.0';
let n = 0;
const key = (label: string): string => `port-${label}-${(n += 1)}-key`;
const promiseInput = (label: string): Parameters<ReturnType<typeof createSalesforcePort>['recordPromise']>[0] => ({
  idempotencyKey: key(label), accountId: IDS.account, contactId: null, amount: { amountMinor: 10_000, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: null,
});
const rowLockBody = [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: a04...' }];

describe('Salesforce port', () => {
  it('loads a snapshot in ONE request, reports API usage, and sends Sforce-Call-Options on every request', async () => {
    const usage = vi.fn();
    const port = createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW, onApiUsage: usage });
    const snapshot = await port.loadSnapshot({ id: IDS.account });
    expect(backend.requestCount()).toBe(1);
    expect(snapshot.apiUsage?.total).toBe(15_000);
    expect(usage).toHaveBeenCalledTimes(1);
    await port.recordPromise(promiseInput('hdr'));
    await port.listContacts(IDS.account);
    expect(backend.seen.length).toBe(3);
    expect(backend.seen.every((r) => r.headers['sforce-call-options'] === 'client=CollectionsPanel')).toBe(true);
  });

  it('retries an insert that hit UNABLE_TO_LOCK_ROW, with backoff, and writes once', async () => {
    const sleep = vi.fn(async () => {});
    backend.use(http.post(`${backend.instanceUrl}${V}/sobjects/Promise_To_Pay__c`, () => HttpResponse.json(rowLockBody, { status: 400 }), { once: true }));
    const input = promiseInput('lock');
    const result = await makePort({ rowLockRetry: { sleep } }).recordPromise(input);
    expect(result.created).toBe(true);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect((await backend.records('Promise_To_Pay__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
  });

  it('retries a composite whose subrequest hit UNABLE_TO_LOCK_ROW (allOrNone rolled it back)', async () => {
    backend.use(http.post(`${backend.instanceUrl}${V}/composite`, () => HttpResponse.json({
      compositeResponse: [
        { referenceId: 'owner', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }] },
        { referenceId: 'case', httpStatusCode: 400, httpHeaders: {}, body: rowLockBody },
      ],
    }), { once: true }));
    const sleep = vi.fn(async () => {});
    const result = await makePort({ rowLockRetry: { sleep } }).raiseDispute({
      idempotencyKey: key('dsp-lock'), accountId: IDS.account, contactId: null, reason: 'tax', evidence: 'GST rate wrong', slaDueDate: '2026-12-01',
      lines: [{ invoiceId: IDS.invoices[1], amount: { amountMinor: 900, currency: 'INR' } }],
    });
    expect(result.created).toBe(true);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('gives up on a persistent row lock with a row_lock error', async () => {
    let attempts = 0;
    backend.use(http.post(`${backend.instanceUrl}${V}/sobjects/Settlement_Offer__c`, () => {
      attempts += 1;
      return HttpResponse.json(rowLockBody, { status: 400 });
    }));
    await expect(makePort({ rowLockRetry: { sleep: async () => {}, maxAttempts: 3 } }).recordSettlementOffer({
      idempotencyKey: key('set-lock'), accountId: IDS.account, balance: { amountMinor: 1000, currency: 'INR' }, offerAmount: { amountMinor: 800, currency: 'INR' },
      expiresOn: '2026-12-01', invoiceIds: [], remainderTreatment: 'extinguished', status: 'draft', note: null,
    })).rejects.toMatchObject({ kind: 'row_lock', retryable: true });
    expect(attempts).toBe(3);
  });

  it('validates input and ids before sending anything', async () => {
    const port = makePort();
    await expect(port.logCall({
      idempotencyKey: 'short', accountId: IDS.account, contactId: "003' OR Id != '", direction: 'outbound', disposition: 'reached', conversation: true,
      durationSeconds: 10, occurredAt: '2026-11-20T05:00:00Z', notes: '', followUpDate: null, invoiceIds: [], complianceOverride: null,
    })).rejects.toMatchObject({ kind: 'invalid_input', fields: ['idempotencyKey'] });
    await expect(port.logCall({
      idempotencyKey: key('bad-contact'), accountId: IDS.account, contactId: "003' OR Id != '", direction: 'outbound', disposition: 'reached', conversation: true,
      durationSeconds: 10, occurredAt: '2026-11-20T05:00:00Z', notes: '', followUpDate: null, invoiceIds: [], complianceOverride: null,
    })).rejects.toMatchObject({ kind: 'invalid_input', fields: ['contactId'] });
    expect(backend.requestCount()).toBe(0);
  });

  it('survives a restart between a lost answer and the retry when given a persistent outcome store', async () => {
    const persisted = new Set<string>();
    const store: UnknownOutcomeStore = { has: (k) => persisted.has(k), add: (k) => void persisted.add(k), delete: (k) => void persisted.delete(k) };
    const input = {
      idempotencyKey: key('restart'), accountId: IDS.account, kind: 'email' as const, contactId: IDS.contactAp, occurredAt: '2026-11-20T05:00:00.000Z', subject: 'Statement',
      body: 'Attached', outcome: null, conversation: false, followUpDate: null, complianceOverride: null,
    };
    backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
    // The check by key right after the lost answer fails too (still offline): the outcome stays unknown.
    backend.use(http.get(`${backend.instanceUrl}${V}/query`, () => HttpResponse.error(), { once: true }));
    await expect(makePort({ unknownOutcomeKeys: store }).logActivity(input)).rejects.toMatchObject({ kind: 'network' });
    expect(persisted.has(input.idempotencyKey)).toBe(true);
    const retried = await makePort({ unknownOutcomeKeys: store }).logActivity(input);
    expect(retried.created).toBe(false);
    // Kept: a THIRD process repeating the key must still check before it writes.
    expect(persisted.has(input.idempotencyKey)).toBe(true);
    expect((await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
  });

  const callInput = (label: string): Parameters<ReturnType<typeof createSalesforcePort>['logCall']>[0] => ({
    idempotencyKey: key(label), accountId: IDS.account, contactId: IDS.contactAp, direction: 'outbound', disposition: 'reached', conversation: true,
    durationSeconds: 42, occurredAt: '2026-11-20T05:00:00.000Z', notes: 'Spoke to AP', followUpDate: null, invoiceIds: [], complianceOverride: null,
  });
  const tasksWithKey = async (k: string): Promise<Record<string, unknown>[]> => (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === k);

  it('a repeated call with the same key after a SUCCESS creates nothing and costs no request (widget Retry)', async () => {
    const port = makePort();
    const input = callInput('repeat');
    const first = await port.logCall(input);
    expect(first.created).toBe(true);
    expect(backend.requestCount()).toBe(1);
    backend.resetRequestCount();
    expect(await port.logCall(input)).toEqual({ id: first.id, created: false });
    expect(backend.requestCount()).toBe(0);
    expect(await tasksWithKey(input.idempotencyKey)).toHaveLength(1);
  });

  it('a repeat after a restart (fresh port, persistent store) checks by key and creates nothing', async () => {
    const persisted = new Set<string>();
    const store: UnknownOutcomeStore = { has: (k) => persisted.has(k), add: (k) => void persisted.add(k), delete: (k) => void persisted.delete(k) };
    const input = callInput('restart-ok');
    const first = await makePort({ unknownOutcomeKeys: store }).logCall(input);
    backend.resetRequestCount();
    expect(await makePort({ unknownOutcomeKeys: store }).logCall(input)).toEqual({ id: first.id, created: false });
    expect(backend.requestCount()).toBe(1); // the query by key, no create
    expect(await tasksWithKey(input.idempotencyKey)).toHaveLength(1);
  });

  it('two concurrent calls with one key (double click) create one Task', async () => {
    const port = makePort();
    const input = callInput('double');
    const [a, b] = await Promise.all([port.logCall(input), port.logCall(input)]);
    expect(a.created).not.toBe(b.created);
    expect(a.id).toBe(b.id);
    expect(await tasksWithKey(input.idempotencyKey)).toHaveLength(1);
  });

  it('a repeat after a definite failure (nothing written) is sent again at once', async () => {
    const port = makePort();
    const input = callInput('failed-first');
    backend.use(http.post(`${backend.instanceUrl}${V}/composite`, () => HttpResponse.json({
      compositeResponse: [
        { referenceId: 'task', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Blocked', fields: [] }] },
        { referenceId: 'receipt', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }] },
      ],
    }), { once: true }));
    await expect(port.logCall(input)).rejects.toMatchObject({ kind: 'validation' });
    backend.resetRequestCount();
    expect((await port.logCall(input)).created).toBe(true);
    expect(backend.requestCount()).toBe(1);
    expect(await tasksWithKey(input.idempotencyKey)).toHaveLength(1);
  });

  it('a promise whose answer was lost is resolved by key; a repeat from a port with no store does not reset the Status and Taken_On__c changed since', async () => {
    const input = promiseInput('ptp-keep');
    backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/sobjects/Promise_To_Pay__c' });
    const resolved = await makePort().recordPromise(input);
    expect(backend.requestCount()).toBe(2); // the insert, then the check by key
    const row = (await backend.records('Promise_To_Pay__c')).find((p) => p.Idempotency_Key__c === input.idempotencyKey);
    expect(resolved).toEqual({ id: row?.Id, created: false });
    await backend.seed({ Promise_To_Pay__c: [{ ...row, Status__c: 'Kept', Taken_On__c: '2026-11-19' }] });
    // A reload without a store: the insert fails on the unique key, nothing is overwritten.
    expect(await makePort().recordPromise(input)).toEqual({ id: row?.Id, created: false });
    const after = (await backend.records('Promise_To_Pay__c')).filter((p) => p.Idempotency_Key__c === input.idempotencyKey);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ Status__c: 'Kept', Taken_On__c: '2026-11-19' });
  });

  it('a repeated dispute, even from a port with no store, does not reset the Case Status, Dispute_Status__c or OwnerId changed since', async () => {
    const port = makePort();
    const input = {
      idempotencyKey: key('dsp-keep'), accountId: IDS.account, contactId: null, reason: 'pricing' as const, evidence: 'Rate card mismatch', slaDueDate: '2026-12-01',
      lines: [{ invoiceId: IDS.invoices[1], amount: { amountMinor: 900, currency: 'INR' } }],
    };
    backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/composite' });
    const resolved = await port.raiseDispute(input);
    const kase = (await backend.records('Case')).find((c) => c.Idempotency_Key__c === input.idempotencyKey);
    expect(resolved).toEqual({ id: kase?.Id, created: false });
    await backend.seed({ Case: [{ ...kase, Status: 'Working', Dispute_Status__c: 'In Review', OwnerId: IDS.collector }] });
    expect(await makePort().raiseDispute(input)).toEqual({ id: kase?.Id, created: false });
    const after = (await backend.records('Case')).filter((c) => c.Idempotency_Key__c === input.idempotencyKey);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ Status: 'Working', Dispute_Status__c: 'In Review' });
    expect(String(after[0]?.OwnerId).slice(0, 15)).toBe(IDS.collector.slice(0, 15));
    expect((await backend.records('Dispute_Line__c')).filter((l) => l.Case__c === kase?.Id)).toHaveLength(1);
  });

  it('a first dispute is ONE write (the disputed invoices are read to check the lines; no key check query)', async () => {
    await makePort().raiseDispute({
      idempotencyKey: key('dsp-one'), accountId: IDS.account, contactId: null, reason: 'pricing', evidence: 'x', slaDueDate: '2026-12-01',
      lines: [{ invoiceId: IDS.invoices[1], amount: { amountMinor: 900, currency: 'INR' } }],
    });
    expect(backend.requestCount()).toBe(2);
  });

  it("verifyBeforeCreate: 'always' checks for the key before every Task create", async () => {
    const port = makePort({ verifyBeforeCreate: 'always' });
    const input = {
      idempotencyKey: key('always'), accountId: IDS.account, kind: 'letter' as const, contactId: null, occurredAt: '2026-11-20T05:00:00.000Z', subject: 'Final notice',
      body: 'Sent by post', outcome: null, conversation: false, followUpDate: null, complianceOverride: null,
    };
    expect((await port.logActivity(input)).created).toBe(true);
    expect(backend.requestCount()).toBe(2);
    expect((await port.logActivity(input)).created).toBe(false);
    expect((await backend.records('Task')).filter((t) => t.Idempotency_Key__c === input.idempotencyKey)).toHaveLength(1);
  });

  it('updates a plan status by id and reports a missing dispute as not_found', async () => {
    const port = makePort();
    expect(await port.savePaymentPlan({
      idempotencyKey: key('plan-status'), accountId: IDS.account, planId: IDS.plan, status: 'cancelled', frequency: 'monthly', total: { amountMinor: 23_600_000, currency: 'INR' },
      downPayment: null, instalments: [], invoiceIds: [],
    })).toEqual({ id: IDS.plan, created: false });
    expect((await backend.records('Payment_Plan__c')).find((p) => p.Id === IDS.plan)?.Status__c).toBe('Cancelled');
    await expect(port.updateDispute({ idempotencyKey: key('missing'), accountId: IDS.account, disputeId: '500000000000999AAA', status: 'closed', resolution: null }))
      .rejects.toMatchObject({ kind: 'not_found' });
  });

  const planInput = (idempotencyKey: string): Parameters<ReturnType<typeof createSalesforcePort>['savePaymentPlan']>[0] => ({
    idempotencyKey, accountId: IDS.account, planId: null, status: 'proposed', frequency: 'weekly', total: { amountMinor: 200_000, currency: 'INR' }, downPayment: null, invoiceIds: [],
    instalments: [1, 2].map((sequence) => ({ sequence, dueDate: `2026-12-1${sequence}`, amount: { amountMinor: 100_000, currency: 'INR' }, paidAmount: { amountMinor: 0, currency: 'INR' }, status: 'scheduled' as const })),
  });

  it('treats an instalments collection that answered 200 with failed records as a failed plan save (root cause mapped)', async () => {
    backend.use(http.post(`${backend.instanceUrl}${V}/composite`, () => HttpResponse.json({
      compositeResponse: [
        { referenceId: 'plan', httpStatusCode: 201, httpHeaders: {}, body: { id: IDS.plan, success: true, errors: [], created: true } },
        { referenceId: 'instalments', httpStatusCode: 200, httpHeaders: {}, body: [
          { id: null, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid', fields: [] }] },
          { id: null, success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Due date is a bank holiday', fields: ['Due_Date__c'] }] },
        ] },
      ],
    }), { once: true }));
    await expect(makePort().savePaymentPlan(planInput(key('plan-coll')))).rejects.toMatchObject({ kind: 'validation', crmCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
  });

  it('a concurrent save of the same plan key that committed first is returned, not reported as an error', async () => {
    // Our insert hits the unique keys of the plan another save committed, and everything of ours rolls back.
    backend.use(http.post(`${backend.instanceUrl}${V}/composite`, () => HttpResponse.json({
      compositeResponse: [
        { referenceId: 'plan', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }] },
        { referenceId: 'instalments', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: Idempotency_Key__c duplicates value on record with id: a05000000000001' }] },
      ],
    }), { once: true }));
    // The id comes from the check by key made after the DUPLICATE_VALUE failure.
    expect(await makePort().savePaymentPlan(planInput('seed-plan-0001'))).toEqual({ id: IDS.plan, created: false });
  });

  it('a DUPLICATE_VALUE with no plan behind it (an instalment key taken elsewhere) stays an error', async () => {
    backend.use(http.post(`${backend.instanceUrl}${V}/composite`, () => HttpResponse.json({
      compositeResponse: [
        { referenceId: 'plan', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }] },
        { referenceId: 'instalments', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: Idempotency_Key__c' }] },
      ],
    }), { once: true }));
    await expect(makePort().savePaymentPlan(planInput(key('plan-dup')))).rejects.toMatchObject({ kind: 'validation', crmCode: 'DUPLICATE_VALUE' });
  });

  it('exposes the setup check', async () => {
    expect((await makePort().setupCheck()).ok).toBe(true);
  });
});
