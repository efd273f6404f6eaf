/**
 * The static resource's `window.CollectionsLds` functions (lds-adapter.ts, on open) and the write
 * planning the forms resource adds after paint (lds-writes.ts, decision 0026): the connector's mapping
 * and write builders behind the LWC's Apex/LDS port, run for real against the same real-shaped Apex
 * fixture the LWC jest tests use (`collectionsPanel/__tests__/data/getSnapshot.json`; the jest tests
 * stub `CollectionsLds`, so this file is where that fixture goes through the real mapping). Also: plan
 * saves mapped to Apex `save` operations, the Apex-size cap, and the saved-plan check a retry goes
 * through. Runs in the vitest `unit` project (sfdx-lwc-jest only looks under force-app/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../connector/domain/plans';
import { ConnectorError } from '../../connector/errors';
import { apexSnapshotToComposite, mapApexSnapshot, toConnectorError, WRITE_METHODS } from './lds-adapter';
import { APEX_MAX_PLAN_INSTALMENTS, checkDisputeLines, checkPlanInvoices, planWrite } from './lds-writes';
import { PORT_METHODS } from '../../connector/port';
import type { SaveOperation, WritePlan } from './lds-writes';
import { findWrittenRecord } from './lightning-writer';
import { describeWrite } from '../../connector/writes/plan';

const DEFAULT_DIR = join(import.meta.dirname, '..', 'force-app', 'main', 'default');
const LWC_DATA = join(DEFAULT_DIR, 'lwc', 'collectionsPanel', '__tests__', 'data');
/** The Apex `getSnapshot`/`getFreshSnapshot` answer the LWC jest tests use (plan key `plan-000001`). */
const APEX_SNAPSHOT = readFileSync(join(LWC_DATA, 'getSnapshot.json'), 'utf8');
const ACCOUNT_ID = '001Hn00001xYzAbIAK';
const CONTACT_ID = '003Hn00001qRsTuIAK';
const INVOICE_ID = 'a00Hn00000Inv01IAB';
/** 23:30 UTC is already the next day in Berlin: writes must use the user's zone, not UTC. */
const CONTEXT = { timeZone: 'Europe/Berlin', now: new Date('2026-11-22T23:30:00Z') };
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

/** The Apex `save` operations of a plan (and that Apex receives exactly them); fails for an LDS plan. */
function apexOperations(plan: WritePlan): SaveOperation[] {
  if (plan.via !== 'apex') {
    throw new Error(`expected an Apex save, got ${plan.via}`);
  }
  expect(JSON.parse(plan.requestJson)).toEqual({ operations: plan.operations });
  return plan.operations;
}

const weeklyPlan = (count: number, key = 'plan-weekly-0052'): Record<string, unknown> => {
  const total = { amountMinor: 1_000_003, currency: 'EUR' };
  return {
    idempotencyKey: key, accountId: ACCOUNT_ID, planId: null, status: 'active', frequency: 'weekly', total, downPayment: null, invoiceIds: [],
    instalments: buildSchedule({ total, count, firstDueDate: '2026-11-30', frequency: 'weekly', maxCount: 200 }),
  };
};

/** Names in an Apex `Set<String>{ ... }` constant of CollectionsController. */
function apexSetConstant(name: string): Set<string> {
  const source = readFileSync(join(DEFAULT_DIR, 'classes', 'CollectionsController.cls'), 'utf8');
  const match = new RegExp(`${name} = new Set<String>\\{([^}]*)\\}`).exec(source);
  return new Set((match?.[1] ?? '').split(',').map((x) => x.trim().replace(/^'|'$/g, '')).filter(Boolean));
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('LWC bundle adapter (window.CollectionsLds)', () => {
  it('maps the Apex snapshot fixture with the connector mapSnapshot; bad records and failed sections are noted, not fatal', () => {
    const snapshot = mapApexSnapshot(APEX_SNAPSHOT, { id: ACCOUNT_ID });
    expect(snapshot.account).toMatchObject({ id: ACCOUNT_ID, name: 'Globex Industrial GmbH', currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(snapshot.invoices.map((i) => [i.id, i.balance])).toEqual([
      [INVOICE_ID, eur(119000)],
      ['a00Hn00000Inv02IAB', eur(60000)],
    ]);
    expect(snapshot.contacts.map((c) => c.id)).toEqual([CONTACT_ID]);
    expect(snapshot.plans[0]?.instalments.map((i) => i.amount)).toEqual([eur(60000), eur(60000)]);
    expect(snapshot.promises).toHaveLength(1);
    expect(snapshot.disputes).toHaveLength(1);
    expect(snapshot.payments).toHaveLength(1);
    expect(snapshot.activities).toHaveLength(1);
    // Invoice 3 has no due date (Apex omits null fields): quarantined; the notes section failed: noted.
    expect(snapshot.dataQuality.map((n) => [n.recordKind, n.recordId, n.field])).toEqual([
      ['invoice', 'a00Hn00000Inv03IAB', 'dueDate'],
      ['note', null, null],
    ]);
  });

  it('writeMethods: every port method but the two reads, each one planWrite knows', () => {
    expect([...WRITE_METHODS, 'loadSnapshot', 'listContacts'].sort()).toEqual([...PORT_METHODS].sort());
    for (const method of WRITE_METHODS) {
      // An empty input is refused for its fields, never as an unknown write.
      const error = (() => {
        try {
          planWrite(method, {}, { timeZone: 'UTC' });
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error, method).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).fields, method).not.toEqual(['method']);
    }
  });

  it('turns Apex sections into composite subresponses (errors as HTTP 400 bodies)', () => {
    const composite = apexSnapshotToComposite(APEX_SNAPSHOT, { id: ACCOUNT_ID });
    expect(composite.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['ctx', 200], ['account', 200], ['invoices', 200], ['payments', 200], ['notes', 400],
    ]);
    expect(() => apexSnapshotToComposite('<html>', { id: ACCOUNT_ID })).toThrow(ConnectorError);
  });

  it('a Contact without an account is "not found", never mistaken for the account itself', () => {
    const json = JSON.stringify({ ctx: { totalSize: 1, done: true, records: [{ attributes: { type: 'Contact' }, Id: CONTACT_ID }] } });
    const error = caught(() => mapApexSnapshot(json, { id: CONTACT_ID }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('not_found');
  });

  it('a record that is gone (ctx with no row) is the REST not-found: an sObject Rows GET 404 (decision 0028)', () => {
    const json = JSON.stringify({ ctx: { totalSize: 0, done: true, records: [] } });
    expect(apexSnapshotToComposite(json, { id: CONTACT_ID }).compositeResponse[0]).toMatchObject({ referenceId: 'ctx', httpStatusCode: 404 });
    expect(caught(() => mapApexSnapshot(json, { id: CONTACT_ID }))).toMatchObject({ kind: 'not_found', message: 'record not found or not visible' });
  });

  it("the org's currencies from Apex give a euro account its next action; a single-currency org (no section) gives no step, only why", () => {
    expect(mapApexSnapshot(APEX_SNAPSHOT, { id: ACCOUNT_ID }).nextAction).toMatchObject({ status: 'none', label: null, reason: expect.stringMatching(/no exchange rate from EUR\.$/) });
    const rates = { totalSize: 2, done: true, records: [
      { attributes: { type: 'CurrencyType' }, IsoCode: 'USD', ConversionRate: 1, IsCorporate: true },
      { attributes: { type: 'CurrencyType' }, IsoCode: 'EUR', ConversionRate: 0.92, IsCorporate: false },
    ] };
    const withRates = JSON.stringify({ ...(JSON.parse(APEX_SNAPSHOT) as Record<string, unknown>), rates });
    expect(mapApexSnapshot(withRates, { id: ACCOUNT_ID }).nextAction?.label).toMatch(/\S/);
  });

  it('a failed account section throws the mapped ConnectorError', () => {
    const json = JSON.stringify({
      ctx: { totalSize: 1, done: true, records: [{ Id: ACCOUNT_ID }] },
      account: { error: true, errorCode: 'INSUFFICIENT_ACCESS', message: 'Insufficient permissions: secure query included inaccessible field' },
    });
    expect((caught(() => mapApexSnapshot(json, { id: ACCOUNT_ID })) as ConnectorError).kind).toBe('insufficient_access');
  });

  it('recordPromise → one Apex upsert on Idempotency_Key__c with the connector fields (taken on = user\'s day)', () => {
    const ops = apexOperations(planWrite('recordPromise', {
      idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID, contactId: CONTACT_ID, amount: eur(50000),
      dueDate: '2026-11-28', invoiceIds: [INVOICE_ID], note: 'Will pay after month end',
    }, CONTEXT));
    expect(ops).toEqual([{
      kind: 'upsert', ref: 'main',
      record: {
        attributes: { type: 'Promise_To_Pay__c' }, Account__c: ACCOUNT_ID, Contact__c: CONTACT_ID, Amount__c: expect.anything(),
        Currency_Code__c: 'EUR', Due_Date__c: '2026-11-28', Taken_On__c: '2026-11-23', Status__c: 'Pending',
        Invoice_Ids__c: INVOICE_ID, Note__c: 'Will pay after month end', Idempotency_Key__c: 'ptp-7f3a9c2e',
      },
    }]);
    expect(Number(ops[0]?.record.Amount__c)).toBe(500);
  });

  it('savePaymentPlan → plan + instalments in one save, children linked by parentRefs; status change → LDS update', () => {
    const base = {
      idempotencyKey: 'plan-000001', accountId: ACCOUNT_ID, status: 'active' as const, frequency: 'monthly' as const,
      total: eur(120000), downPayment: null, invoiceIds: [INVOICE_ID],
      instalments: [
        { sequence: 1, dueDate: '2026-12-01', amount: eur(60000), paidAmount: eur(0), status: 'scheduled' as const },
        { sequence: 2, dueDate: '2027-01-01', amount: eur(60000), paidAmount: eur(0), status: 'scheduled' as const },
      ],
    };
    const ops = apexOperations(planWrite('savePaymentPlan', { ...base, planId: null }, CONTEXT));
    expect(ops.map((o) => [o.kind, o.ref, o.record.attributes, o.record.Idempotency_Key__c])).toEqual([
      ['upsert', 'plan', { type: 'Payment_Plan__c' }, 'plan-000001'],
      ['upsert', 'instalment_1', { type: 'Plan_Instalment__c' }, 'plan-000001-1'],
      ['upsert', 'instalment_2', { type: 'Plan_Instalment__c' }, 'plan-000001-2'],
    ]);
    for (const child of ops.slice(1)) {
      expect(child.kind === 'upsert' && child.parentRefs).toEqual({ Payment_Plan__c: 'plan' });
      expect(child.record.Payment_Plan__c, 'no composite reference reaches Apex').toBeUndefined();
    }
    const update = planWrite('savePaymentPlan', { ...base, planId: 'a03Hn00000Pln01IAB', status: 'cancelled' }, CONTEXT);
    expect(update).toEqual({ via: 'lds-update', recordInput: { fields: { Id: 'a03Hn00000Pln01IAB', Status__c: 'Cancelled' } } });
  });

  it('raiseDispute → Case routed to the account owner inside Apex, plus lines linked to the case', () => {
    const ops = apexOperations(planWrite('raiseDispute', {
      idempotencyKey: 'dsp-9a8b7c6d', accountId: ACCOUNT_ID, contactId: CONTACT_ID, reason: 'pricing',
      lines: [{ invoiceId: INVOICE_ID, amount: eur(19000) }], evidence: 'Unit price should be 95.00', slaDueDate: '2026-12-06',
    }, CONTEXT));
    const [dispute, line] = ops;
    expect(dispute).toMatchObject({ kind: 'upsert', ref: 'case', assignAccountOwner: true, record: { attributes: { type: 'Case' }, Type: 'Dispute', Idempotency_Key__c: 'dsp-9a8b7c6d' } });
    expect(dispute?.record.OwnerId).toBeUndefined();
    expect(line).toMatchObject({ kind: 'upsert', parentRefs: { Case__c: 'case' }, record: { attributes: { type: 'Dispute_Line__c' }, Invoice_Ref__c: INVOICE_ID, Idempotency_Key__c: 'dsp-9a8b7c6d-1' } });
  });

  it('a new plan carries its total to be checked against its invoices in the fresh snapshot (issue 17)', () => {
    const input = {
      idempotencyKey: 'pln-1a2b3c4d', accountId: ACCOUNT_ID, planId: null, status: 'proposed' as const, frequency: 'monthly' as const, total: eur(119_000), downPayment: null, invoiceIds: [INVOICE_ID],
      instalments: [{ sequence: 1, dueDate: '2026-12-06', amount: eur(119_000), paidAmount: eur(0), status: 'scheduled' as const }],
    };
    const plan = planWrite('savePaymentPlan', input, CONTEXT);
    expect(plan.via === 'apex' && plan.checkPlanInvoices).toEqual(input);
    checkPlanInvoices(APEX_SNAPSHOT, input); // the whole balance of INV-2026-0042 (1,190.00 EUR)
    const above = { ...input, total: eur(119_001), instalments: [{ ...input.instalments[0]!, amount: eur(119_001) }] };
    expect(() => checkPlanInvoices(APEX_SNAPSHOT, above)).toThrow(expect.objectContaining({ kind: 'invalid_input', fields: ['total.amountMinor'] }));
  });

  it('raiseDispute carries its lines to be checked against the fresh snapshot: within the balance and in the invoice currency', () => {
    const input = {
      idempotencyKey: 'dsp-1a2b3c4d', accountId: ACCOUNT_ID, contactId: null, reason: 'pricing' as const,
      lines: [{ invoiceId: INVOICE_ID, amount: eur(119_000) }], evidence: '', slaDueDate: '2026-12-06',
    };
    const plan = planWrite('raiseDispute', input, CONTEXT);
    expect(plan.via === 'apex' && plan.checkDisputeLines).toEqual(input);
    checkDisputeLines(APEX_SNAPSHOT, input); // the whole balance of INV-2026-0042 (1,190.00 EUR)
    const above = { ...input, lines: [{ invoiceId: INVOICE_ID, amount: eur(119_001) }] };
    expect(() => checkDisputeLines(APEX_SNAPSHOT, above)).toThrow(expect.objectContaining({ kind: 'invalid_input', fields: ['lines.0.amount.amountMinor'] }));
    const dollars = { ...input, lines: [{ invoiceId: INVOICE_ID, amount: { amountMinor: 100, currency: 'USD' } }] };
    expect(() => checkDisputeLines(APEX_SNAPSHOT, dollars)).toThrow(expect.objectContaining({ kind: 'invalid_input', fields: ['lines.0.amount.currency'] }));
  });

  it('applies the connector write rules before anything is planned: no zero promise, no settlement above its balance', () => {
    const promise = { idempotencyKey: 'ptp-00000000', accountId: ACCOUNT_ID, contactId: null, amount: eur(0), dueDate: '2026-11-30', invoiceIds: [], note: null };
    expect(() => planWrite('recordPromise', promise, CONTEXT)).toThrow(expect.objectContaining({ kind: 'invalid_input', fields: ['amount.amountMinor'] }));
    const offer = {
      idempotencyKey: 'set-00000000', accountId: ACCOUNT_ID, balance: eur(1_000), offerAmount: eur(1_001), expiresOn: '2026-12-10',
      invoiceIds: [], remainderTreatment: 'extinguished', status: 'offered', note: null,
    };
    expect(() => planWrite('recordSettlementOffer', offer, CONTEXT)).toThrow(expect.objectContaining({ kind: 'invalid_input', fields: ['offerAmount.amountMinor'] }));
  });

  it('logCall → Task create-once; addNote → ContentNote with the key marker in its title', () => {
    const call = apexOperations(planWrite('logCall', {
      idempotencyKey: 'call-3c9d0a11', accountId: ACCOUNT_ID, contactId: CONTACT_ID, direction: 'outbound', disposition: 'promise_to_pay',
      conversation: true, durationSeconds: 240, occurredAt: '2026-11-22T23:15:00Z', notes: 'Promised 500 EUR', followUpDate: null,
      invoiceIds: [], complianceOverride: null,
    }, CONTEXT));
    expect(call).toMatchObject([{ kind: 'createOnce', record: { attributes: { type: 'Task' }, TaskSubtype: 'Call', WhatId: ACCOUNT_ID, ActivityDate: '2026-11-23', Idempotency_Key__c: 'call-3c9d0a11' } }]);
    const note = apexOperations(planWrite('addNote', { idempotencyKey: 'note-5b7e2f90', accountId: ACCOUNT_ID, title: 'Call summary', body: '<b>not markup</b>' }, CONTEXT));
    expect(note).toMatchObject([{ kind: 'note', linkedEntityId: ACCOUNT_ID, record: { attributes: { type: 'ContentNote' }, Title: 'Call summary [#note-5b7e2f90]' } }]);
    const html = Buffer.from(String(note[0]?.record.Content), 'base64').toString('utf8');
    expect(html).toBe('<p>&lt;b&gt;not markup&lt;/b&gt;</p>');
  });

  it('every object the adapter writes is on the Apex allowlist for that kind', () => {
    const upsertable = apexSetConstant('UPSERTABLE');
    expect(upsertable.size).toBeGreaterThan(0);
    const plans = [
      planWrite('recordPromise', { idempotencyKey: 'ptp-00000001', accountId: ACCOUNT_ID, contactId: null, amount: eur(100), dueDate: '2026-12-01', invoiceIds: [], note: null }, CONTEXT),
      planWrite('recordSettlementOffer', {
        idempotencyKey: 'setl-0000001', accountId: ACCOUNT_ID, balance: eur(100000), offerAmount: eur(70000), expiresOn: '2026-12-15',
        invoiceIds: [], remainderTreatment: 'extinguished', status: 'offered', note: null,
      }, CONTEXT),
      planWrite('raiseDispute', { idempotencyKey: 'dsp-00000001', accountId: ACCOUNT_ID, contactId: null, reason: 'tax', lines: [{ invoiceId: INVOICE_ID, amount: eur(100) }], evidence: '', slaDueDate: '2026-12-06' }, CONTEXT),
    ];
    for (const op of plans.flatMap(apexOperations)) {
      expect(upsertable.has(String((op.record.attributes as { type: string }).type)), JSON.stringify(op.record.attributes)).toBe(true);
    }
  });

  it('rejects invalid input before anything is sent, naming the field', () => {
    const error = caught(() => planWrite('recordPromise', { idempotencyKey: 'short', accountId: ACCOUNT_ID, contactId: null, amount: eur(100), dueDate: '2026-12-01', invoiceIds: [], note: null }, CONTEXT));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('invalid_input');
    expect((error as ConnectorError).fields).toContain('idempotencyKey');
    const badId = caught(() => planWrite('updateDispute', { idempotencyKey: 'dsp-upd-0001', accountId: ACCOUNT_ID, disputeId: '500Hn00001abcDEIAA', status: 'in_review', resolution: null }, CONTEXT));
    expect((badId as ConnectorError).kind).toBe('invalid_input');
    expect((caught(() => planWrite('deleteEverything', {}, CONTEXT)) as ConnectorError).kind).toBe('invalid_input');
  });

  it('maps Apex and LDS errors to ConnectorError kinds with the connector error mapping', () => {
    const apexError = JSON.parse(readFileSync(join(LWC_DATA, 'apexError.json'), 'utf8'));
    const ldsError = JSON.parse(readFileSync(join(LWC_DATA, 'ldsUpdateError.json'), 'utf8'));
    expect(toConnectorError({ status: 500, body: { message: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record' } }).kind).toBe('row_lock');
    expect(toConnectorError({ status: 500, body: { message: 'INSUFFICIENT_ACCESS: Insufficient permissions' } }).kind).toBe('insufficient_access');
    const validation = toConnectorError(ldsError);
    expect(validation.kind).toBe('validation');
    expect(validation.fields).toEqual(['Dispute_Status__c']);
    expect(toConnectorError(apexError)).toBeInstanceOf(ConnectorError);
    expect(toConnectorError(new TypeError('Failed to fetch')).kind).toBe('network');
    const already = new ConnectorError({ kind: 'timeout' });
    expect(toConnectorError(already)).toBe(already);
  });
});

describe('Lightning plan save', () => {
  it('maps the plan and its 52 weekly instalments to one Apex save, children linked to the plan by parentRefs', () => {
    const plan = planWrite('savePaymentPlan', weeklyPlan(52), CONTEXT);
    const ops = apexOperations(plan);
    expect(ops).toHaveLength(53);
    expect(ops[0]).toMatchObject({ kind: 'upsert', ref: 'plan', record: { attributes: { type: 'Payment_Plan__c' }, Frequency__c: 'Weekly', Idempotency_Key__c: 'plan-weekly-0052' } });
    const children = ops.slice(1);
    expect(children.map((o) => o.ref)).toEqual(Array.from({ length: 52 }, (_, i) => `instalment_${i + 1}`));
    expect(children.map((o) => o.record.Idempotency_Key__c)).toEqual(Array.from({ length: 52 }, (_, i) => `plan-weekly-0052-${i + 1}`));
    for (const child of children) {
      expect(child).toMatchObject({ kind: 'upsert', parentRefs: { Payment_Plan__c: 'plan' }, record: { attributes: { type: 'Plan_Instalment__c' } } });
      expect(child.record.Payment_Plan__c, 'no composite reference reaches Apex').toBeUndefined();
    }
    const cents = children.reduce((sum, o) => sum + Math.round(Number(o.record.Amount__c) * 100), 0);
    expect(cents).toBe(1_000_003);
  });

  it(`fits ${APEX_MAX_PLAN_INSTALMENTS} instalments in one Apex transaction (150 DML statements) and refuses one more, naming the field`, () => {
    expect(apexOperations(planWrite('savePaymentPlan', weeklyPlan(APEX_MAX_PLAN_INSTALMENTS), CONTEXT))).toHaveLength(150);
    let error: unknown;
    try {
      planWrite('savePaymentPlan', weeklyPlan(APEX_MAX_PLAN_INSTALMENTS + 1), CONTEXT);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'invalid_input', fields: ['instalments'] });
    expect((error as ConnectorError).userMessage).toContain(`at most ${APEX_MAX_PLAN_INSTALMENTS} instalments`);
  });
});

describe('findWrittenRecord (the Lightning writer resolving a key in a fresh snapshot)', () => {
  const check = (idempotencyKey: string) => describeWrite('savePaymentPlan', {
    idempotencyKey, accountId: ACCOUNT_ID, planId: null, status: 'proposed', frequency: 'weekly', total: eur(100), downPayment: null, invoiceIds: [],
    instalments: [{ sequence: 1, dueDate: '2026-12-01', amount: eur(100), paidAmount: eur(0), status: 'scheduled' }],
  });
  const findSavedRecord = findWrittenRecord;

  it('finds the plan already saved with this key in the fresh snapshot, and nothing for a new key', () => {
    expect(findSavedRecord(APEX_SNAPSHOT, check('plan-000001'))).toBe('a03Hn00000Pln01IAB');
    expect(findSavedRecord(APEX_SNAPSHOT, check('plan-000002'))).toBeNull();
  });

  it('an account without plans or not visible (no account section) has no saved plan', () => {
    const noPlans = JSON.parse(APEX_SNAPSHOT) as { account: { records: Record<string, unknown>[] } };
    delete noPlans.account.records[0]?.Payment_Plans__r;
    expect(findSavedRecord(JSON.stringify(noPlans), check('plan-000001'))).toBeNull();
    expect(findSavedRecord(JSON.stringify({ ctx: { totalSize: 0, done: true, records: [] } }), check('plan-000001'))).toBeNull();
  });

  it('refuses to guess when the snapshot cannot tell: a failed account section or malformed JSON throws', () => {
    const failed = JSON.stringify({
      ctx: { totalSize: 1, done: true, records: [{ Id: ACCOUNT_ID }] },
      account: { error: true, errorCode: 'INSUFFICIENT_ACCESS', message: 'Insufficient permissions: secure query included inaccessible field' },
    });
    expect(() => findSavedRecord(failed, check('plan-000001'))).toThrow(ConnectorError);
    try {
      findSavedRecord(failed, check('plan-000001'));
    } catch (error) {
      expect((error as ConnectorError).kind).toBe('insufficient_access');
    }
    expect(() => findSavedRecord('<html>', check('plan-000001'))).toThrow(ConnectorError);
  });
});
