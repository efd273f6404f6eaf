/**
 * Plan saves through the Lightning host (`salesforce/lwc-bundle/lds-adapter.ts`): the connector's
 * one-composite plan write mapped to Apex `save` operations, the Apex-size cap, and the saved-plan
 * check a retry goes through. Kept here because the vitest `unit` project does not include
 * `salesforce/lwc-bundle/**`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../domain/plans';
import { ConnectorError } from '../errors';
import { APEX_MAX_PLAN_INSTALMENTS, findSavedRecord, planWrite } from '../../salesforce/lwc-bundle/lds-adapter';
import type { SaveOperation, WritePlan } from '../../salesforce/lwc-bundle/lds-adapter';

const ACCOUNT_ID = '001Hn00001xYzAbIAK';
const CONTEXT = { timeZone: 'Europe/Berlin', now: new Date('2026-11-22T23:30:00Z') };
/** The Apex `getSnapshot`/`getFreshSnapshot` answer the LWC jest tests use (plan key `plan-000001`). */
const APEX_SNAPSHOT = readFileSync(join(__dirname, '../../salesforce/force-app/main/default/lwc/collectionsPanel/__tests__/data/getSnapshot.json'), 'utf8');

const weeklyPlan = (count: number, key = 'plan-weekly-0052'): Record<string, unknown> => {
  const total = { amountMinor: 1_000_003, currency: 'EUR' };
  return {
    idempotencyKey: key, accountId: ACCOUNT_ID, planId: null, status: 'active', frequency: 'weekly', total, downPayment: null, invoiceIds: [],
    instalments: buildSchedule({ total, count, firstDueDate: '2026-11-30', frequency: 'weekly', maxCount: 200 }),
  };
};

function apexOperations(plan: WritePlan): SaveOperation[] {
  if (plan.via !== 'apex') {
    throw new Error(`expected an Apex save, got ${plan.via}`);
  }
  expect(JSON.parse(plan.requestJson)).toEqual({ operations: plan.operations });
  return plan.operations;
}

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
    expect(plan.via === 'apex' && plan.skipIfSaved).toEqual({ recordId: ACCOUNT_ID, sobject: 'Payment_Plan__c', idempotencyKey: 'plan-weekly-0052' });
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

  it('other keyed writes carry no saved-record check (their upsert is already a no-op on retry)', () => {
    const plan = planWrite('recordPromise', {
      idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID, contactId: null, amount: { amountMinor: 100, currency: 'EUR' }, dueDate: '2026-12-01', invoiceIds: [], note: null,
    }, CONTEXT);
    expect(plan.via === 'apex' && 'skipIfSaved' in plan).toBe(false);
  });
});

describe('findSavedRecord (retried plan save in Lightning)', () => {
  const check = (idempotencyKey: string): { recordId: string; sobject: string; idempotencyKey: string } => ({ recordId: ACCOUNT_ID, sobject: 'Payment_Plan__c', idempotencyKey });

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
    expect(() => findSavedRecord(APEX_SNAPSHOT, { ...check('x'), sobject: 'Case' })).toThrow(ConnectorError);
  });
});
