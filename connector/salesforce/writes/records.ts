/**
 * Promise, plan (+ instalments), dispute (Case + lines) and settlement writes. Every record is
 * INSERTED carrying the client's key in `Idempotency_Key__c`, a unique external id (decision 0017):
 * if the same write already committed (a slow first attempt, another tab, a restarted worker), the
 * insert fails with DUPLICATE_VALUE and nothing changes — in particular nothing re-sends a Status,
 * Taken_On__c or OwnerId that sales or an approver changed since, as an upsert would — and the
 * write-once layer (connector/writes/write-once.ts) answers with the record found by key.
 * Multi-record writes go in ONE composite with allOrNone, children referencing `@{plan.id}` /
 * `@{case.id}`, so a plan never exists without its schedule. A plan's instalments are inserted in
 * one sObject Collections subrequest (up to 200 records).
 */
import { ConnectorError } from '../../errors';
import type {
  RaiseDisputeInput,
  RecordPromiseInput,
  RecordSettlementInput,
  SavePaymentPlanInput,
  UpdateDisputeInput,
} from '../../port';
import type { CompositeRequest, CompositeSubrequest } from '../client';
import type { MappingConfig } from '../mapping/schema';
import {
  DISPUTE_REASON,
  DISPUTE_STATUS,
  INSTALMENT_STATUS,
  PLAN_FREQUENCY,
  PLAN_STATUS,
  PROMISE_STATUS,
  REMAINDER_TREATMENT,
  SETTLEMENT_STATUS,
} from '../picklists';
import { select, soqlId, soqlString } from '../soql';
import { amountForSalesforce } from '../values';

/** Composite: at most 25 subrequests. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
/** sObject Collections: at most 200 records per request; bounds one plan's schedule. */
export const COLLECTION_MAX_RECORDS = 200;
/** The most instalments (down payment included) one plan may have: one sObject Collections create. */
export const PLAN_MAX_INSTALMENTS = COLLECTION_MAX_RECORDS;
/** referenceId of the instalments' sObject Collections subrequest in `planComposite`. */
export const PLAN_INSTALMENTS_REF = 'instalments';
const KEY_MAX = 80;

/** Key of child `seq` of a parent write: `<parentKey>-<seq>`, shortened to fit the 80-char key field. */
export function childKey(parentKey: string, seq: number | string): string {
  const suffix = `-${seq}`;
  return `${parentKey.slice(0, KEY_MAX - suffix.length)}${suffix}`;
}

/** URL of an sObject create. */
export function createUrl(dataPath: string, sobject: string): string {
  return `${dataPath}/sobjects/${sobject}`;
}

function need<T>(value: T | null, what: string): T {
  if (value === null) {
    throw new ConnectorError({ kind: 'configuration', userMessage: `${what} are not set up in this org's mapping.`, detail: `mapping.${what} is null` });
  }
  return value;
}

function setIf(record: Record<string, unknown>, field: string | null, value: unknown): void {
  if (field) {
    record[field] = value;
  }
}

/** Promise_To_Pay__c fields, the key included (inserted; a repeat fails on the unique key). */
export function promiseRecord(mapping: MappingConfig, input: RecordPromiseInput, today: string): Record<string, unknown> {
  const p = need(mapping.promise, 'Promises');
  const f = p.fields;
  const record: Record<string, unknown> = {
    [p.accountField]: input.accountId,
    [f.amount]: amountForSalesforce(input.amount),
    [f.currency]: input.amount.currency,
    [f.dueDate]: input.dueDate,
    [f.takenOn]: today,
    [f.status]: PROMISE_STATUS.toSalesforce('pending'),
    [f.idempotencyKey]: input.idempotencyKey,
  };
  setIf(record, f.contact, input.contactId);
  setIf(record, f.invoiceIds, input.invoiceIds.join(','));
  setIf(record, f.note, input.note);
  return record;
}

/**
 * Plan + every instalment, atomically, in ONE composite (allOrNone):
 * 1. `plan`: insert of the Payment_Plan__c carrying its (unique) idempotency key;
 * 2. `instalments`: ONE sObject Collections create (`POST …/composite/sobjects`, allOrNone) of every
 *    Plan_Instalment__c, each pointing at `@{plan.id}` and keyed `<planKey>-<sequence>` (the unique
 *    key makes a concurrent second create fail instead of duplicating).
 * Instalments must sum to the total (domain rule) and number at most {@link PLAN_MAX_INSTALMENTS},
 * else invalid_input. A repeat fails on the plan's unique key (DUPLICATE_VALUE) and rolls back whole.
 */
export function planComposite(mapping: MappingConfig, input: SavePaymentPlanInput, dataPath: string, today: string): CompositeRequest {
  const plan = need(mapping.plan, 'Payment plans');
  const f = plan.fields;
  const i = plan.instalment;
  const currency = input.total.currency;
  const bad = input.instalments.findIndex((x) => x.amount.currency !== currency || x.paidAmount.currency !== currency);
  if (bad >= 0) {
    throw new ConnectorError({ kind: 'invalid_input', fields: [`instalments.${bad}.amount.currency`], detail: `instalment ${bad} is not in ${currency}` });
  }
  const sum = input.instalments.reduce((acc, x) => acc + x.amount.amountMinor, 0);
  if (sum !== input.total.amountMinor) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['instalments'], userMessage: 'The instalments do not add up to the plan total.', detail: `instalments sum ${sum} ≠ total ${input.total.amountMinor}` });
  }
  if (input.instalments.length > PLAN_MAX_INSTALMENTS) {
    throw new ConnectorError({
      kind: 'invalid_input',
      fields: ['instalments'],
      userMessage: `A plan can have at most ${PLAN_MAX_INSTALMENTS} instalments (down payment included); this one has ${input.instalments.length}.`,
      detail: `${input.instalments.length} instalments exceed the sObject Collections limit of ${COLLECTION_MAX_RECORDS} records`,
    });
  }
  const sequences = new Set(input.instalments.map((x) => x.sequence));
  if (sequences.size !== input.instalments.length) {
    // Keys are <planKey>-<sequence>: a repeated sequence would collide on the unique key.
    throw new ConnectorError({ kind: 'invalid_input', fields: ['instalments'], detail: 'instalment sequences must be unique' });
  }
  const planRecord: Record<string, unknown> = {
    [plan.accountField]: input.accountId,
    [f.status]: PLAN_STATUS.toSalesforce(input.status),
    [f.frequency]: PLAN_FREQUENCY.toSalesforce(input.frequency),
    [f.total]: amountForSalesforce(input.total),
    [f.currency]: currency,
    [f.startDate]: today,
    [f.idempotencyKey]: input.idempotencyKey,
  };
  setIf(planRecord, f.downPayment, input.downPayment ? amountForSalesforce(input.downPayment) : null);
  setIf(planRecord, f.invoiceIds, input.invoiceIds.join(','));
  const subrequests: CompositeSubrequest[] = [
    { method: 'POST', referenceId: 'plan', url: createUrl(dataPath, plan.object), body: planRecord },
  ];
  const records = input.instalments.map((x) => {
    const record: Record<string, unknown> = {
      attributes: { type: i.object },
      [i.planField]: '@{plan.id}',
      [i.fields.sequence]: x.sequence,
      [i.fields.dueDate]: x.dueDate,
      [i.fields.amount]: amountForSalesforce(x.amount),
      [i.fields.currency]: currency,
      [i.fields.status]: INSTALMENT_STATUS.toSalesforce(x.status),
      [i.fields.idempotencyKey]: childKey(input.idempotencyKey, x.sequence),
    };
    setIf(record, i.fields.paidAmount, amountForSalesforce(x.paidAmount));
    return record;
  });
  if (records.length > 0) {
    subrequests.push({ method: 'POST', referenceId: PLAN_INSTALMENTS_REF, url: `${dataPath}/composite/sobjects`, body: { allOrNone: true, records } });
  }
  return { allOrNone: true, compositeRequest: subrequests };
}

/**
 * Dispute Case (routed to the account owner, read inside the same composite) + one Dispute_Line__c
 * per invoice, atomically.
 */
export function disputeComposite(mapping: MappingConfig, input: RaiseDisputeInput, dataPath: string): CompositeRequest {
  const d = need(mapping.dispute, 'Disputes');
  const f = d.fields;
  const currency = input.lines[0]?.amount.currency ?? '';
  const mixed = input.lines.findIndex((l) => l.amount.currency !== currency);
  if (mixed >= 0) {
    throw new ConnectorError({ kind: 'invalid_input', fields: [`lines.${mixed}.amount.currency`], detail: 'dispute lines must share one currency' });
  }
  if (input.lines.length + 2 > COMPOSITE_MAX_SUBREQUESTS) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['lines'], detail: 'too many dispute lines for one composite' });
  }
  const total = input.lines.reduce((acc, l) => acc + l.amount.amountMinor, 0);
  const reasonLabel = DISPUTE_REASON.toSalesforce(input.reason);
  const caseRecord: Record<string, unknown> = {
    AccountId: input.accountId,
    ContactId: input.contactId,
    // Disputes go to the account owner (sales), per the collections process.
    OwnerId: '@{owner.records[0].OwnerId}',
    Type: d.caseType,
    Status: 'New',
    Subject: `Dispute: ${reasonLabel} (${input.lines.length} invoice${input.lines.length > 1 ? 's' : ''})`,
    Description: input.evidence,
    [f.reason]: reasonLabel,
    [f.status]: DISPUTE_STATUS.toSalesforce('open'),
    [f.slaDueDate]: input.slaDueDate,
    [f.idempotencyKey]: input.idempotencyKey,
  };
  if (d.recordTypeId) {
    caseRecord.RecordTypeId = d.recordTypeId;
  }
  // Origin only when the org's mapping names one: a hard-coded value may not exist in its picklist.
  if (d.caseOrigin) {
    caseRecord.Origin = d.caseOrigin;
  }
  setIf(caseRecord, f.amount, amountForSalesforce({ amountMinor: total, currency }));
  setIf(caseRecord, f.currency, currency);
  const subrequests: CompositeSubrequest[] = [
    { method: 'GET', referenceId: 'owner', url: `${dataPath}/query?q=${encodeURIComponent(select({ fields: ['OwnerId'], from: 'Account', where: [`Id = ${soqlId(input.accountId)}`] }))}` },
    { method: 'POST', referenceId: 'case', url: createUrl(dataPath, 'Case'), body: caseRecord },
  ];
  input.lines.forEach((line, index) => {
    const lf = d.line.fields;
    subrequests.push({
      method: 'POST',
      referenceId: `line_${index + 1}`,
      url: createUrl(dataPath, d.line.object),
      body: {
        [d.line.caseField]: '@{case.id}',
        [lf.invoiceRef]: line.invoiceId,
        [lf.amount]: amountForSalesforce(line.amount),
        [lf.currency]: line.amount.currency,
        [lf.idempotencyKey]: childKey(input.idempotencyKey, index + 1),
      },
    });
  });
  return { allOrNone: true, compositeRequest: subrequests };
}

/** SOQL finding the record of `object` already written with this idempotency key. */
export function byKeyQuery(object: string, keyField: string, key: string): string {
  return select({ fields: ['Id'], from: object, where: [`${keyField} = ${soqlString(key)}`], limit: 1 });
}

/** Case fields for a dispute status change; resolved/closed disputes close the Case. */
export function disputeUpdateRecord(mapping: MappingConfig, input: UpdateDisputeInput): Record<string, unknown> {
  const d = need(mapping.dispute, 'Disputes');
  const record: Record<string, unknown> = { [d.fields.status]: DISPUTE_STATUS.toSalesforce(input.status) };
  setIf(record, d.fields.resolution, input.resolution);
  if (input.status === 'resolved_credit' || input.status === 'resolved_rejected' || input.status === 'closed') {
    record.Status = 'Closed';
  }
  return record;
}

/** Settlement_Offer__c fields. */
export function settlementRecord(mapping: MappingConfig, input: RecordSettlementInput): Record<string, unknown> {
  const s = need(mapping.settlement, 'Settlement offers');
  const f = s.fields;
  if (input.balance.currency !== input.offerAmount.currency) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['offerAmount.currency'], detail: 'offer and balance currencies differ' });
  }
  const record: Record<string, unknown> = {
    [s.accountField]: input.accountId,
    [f.balance]: amountForSalesforce(input.balance),
    [f.offerAmount]: amountForSalesforce(input.offerAmount),
    [f.currency]: input.balance.currency,
    [f.expiresOn]: input.expiresOn,
    [f.status]: SETTLEMENT_STATUS.toSalesforce(input.status),
    [f.remainderTreatment]: REMAINDER_TREATMENT.toSalesforce(input.remainderTreatment),
    [f.idempotencyKey]: input.idempotencyKey,
  };
  setIf(record, f.invoiceIds, input.invoiceIds.join(','));
  setIf(record, f.note, input.note);
  return record;
}
