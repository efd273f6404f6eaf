/**
 * The write side of the Lightning host's port, loaded after paint with the forms resource
 * (forms-entry.ts, decision 0026): `planWrite` validates a port write with the port schemas and the
 * connector's write rules and plans it with the connector's write builders, as an LDS `updateRecord`
 * input or an Apex `save` request; `checkDisputeLines` / `checkPlanInvoices` check a dispute's lines
 * and a new plan's total against the invoices of a fresh snapshot, mapped by the panel's own mapping
 * (lds-adapter.ts). Sending once per key is the connector's write-once layer, in lightning-writer.ts.
 */
import { ConnectorError } from '../../connector/errors';
import {
  AddNoteInputSchema,
  CompleteFollowUpInputSchema,
  DecideSettlementInputSchema,
  LogActivityInputSchema,
  LogCallInputSchema,
  RaiseDisputeInputSchema,
  RecordPromiseInputSchema,
  RecordSettlementInputSchema,
  SavePaymentPlanInputSchema,
  UpdateDisputeInputSchema,
} from '../../connector/port';
import type { RaiseDisputeInput, SavePaymentPlanInput } from '../../connector/port';
import type { CompositeRequest } from '../../connector/salesforce/client';
import { DEFAULT_API_VERSION, dataPathFor } from '../../connector/salesforce/client';
import { PLAN_STATUS, SETTLEMENT_STATUS } from '../../connector/salesforce/picklists';
import { dayInZone } from '../../connector/salesforce/values';
import { activityTaskRecord, callTaskRecord, followUpTaskRecord } from '../../connector/salesforce/writes/activity';
import { noteComposite } from '../../connector/salesforce/writes/note';
import { disputeComposite, disputeUpdateRecord, PLAN_INSTALMENTS_REF, planComposite, promiseRecord, settlementRecord } from '../../connector/salesforce/writes/records';
import { assertIds, parseInput } from '../../connector/salesforce/writes/validate';
import { checkDisputeAgainstInvoices, checkPlanAgainstAccountInvoices, checkWriteRules } from '../../connector/writes/validate';
import { LIGHTNING_MAPPING as MAPPING, mapApexSnapshot } from './lds-adapter';

/** Builders produce REST URLs; only their object/key/reference parts are used here. */
const DATA_PATH = dataPathFor(DEFAULT_API_VERSION);
const KEY_FIELD = 'Idempotency_Key__c';


/** One operation of `CollectionsController.save`. */
export type SaveOperation =
  | { kind: 'upsert'; ref: string; record: Record<string, unknown>; parentRefs?: Record<string, string>; assignAccountOwner?: boolean }
  | { kind: 'createOnce'; ref: string; record: Record<string, unknown> }
  | { kind: 'note'; ref: string; record: Record<string, unknown>; linkedEntityId: string; idempotencyKey: string };

/** How the port performs a write. */
export type WritePlan =
  | { via: 'lds-update'; recordInput: { fields: Record<string, unknown> } }
  | { via: 'apex'; requestJson: string; operations: SaveOperation[]; checkDisputeLines?: RaiseDisputeInput; checkPlanInvoices?: SavePaymentPlanInput };

/**
 * The most instalments one plan may have in Lightning: Apex `save` upserts one record per DML
 * statement, and a transaction allows 150 DML statements (Apex governor limit) — the plan plus 149
 * instalments. (The REST connector allows 200: one sObject Collections create.)
 */
export const APEX_MAX_PLAN_INSTALMENTS = 149;

export interface WriteContext {
  /** The user's Salesforce time zone (`@salesforce/i18n/timeZone`): the calendar day of a call. */
  timeZone: string;
  now?: Date;
}

const UPSERT_URL = /\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9_]+)\/([^/?]+)$/;
const COLLECTION_URL = /\/composite\/sobjects$/;
const CREATE_URL = /\/sobjects\/([A-Za-z0-9_]+)$/;
const ID_REFERENCE = /^@\{([A-Za-z0-9_]+)\.id\}$/;
const OWNER_REFERENCE = /^@\{([A-Za-z0-9_]+)\.records\[0\]\.OwnerId\}$/;

function configurationError(detail: string): ConnectorError {
  return new ConnectorError({ kind: 'configuration', detail: `Lightning host cannot perform this write: ${detail}` });
}

/** Names the `save` operation of record `index` of an sObject Collections subrequest. */
export type CollectionRefNamer = (record: Record<string, unknown>, index: number, collectionRef: string) => string;

const defaultCollectionRef: CollectionRefNamer = (_record, index, collectionRef) => `${collectionRef}_${index + 1}`;

/** One record (upsert URL or collection record) → a keyed `save` upsert; `@{ref.id}` values become parentRefs. */
function upsertOperation(ref: string, sobject: string, key: string, fields: Record<string, unknown>, ownerLookups: ReadonlySet<string>): SaveOperation {
  const record: Record<string, unknown> = { attributes: { type: sobject } };
  const parentRefs: Record<string, string> = {};
  let assignAccountOwner = false;
  for (const [field, value] of Object.entries(fields)) {
    const parent = typeof value === 'string' ? ID_REFERENCE.exec(value) : null;
    const owner = typeof value === 'string' ? OWNER_REFERENCE.exec(value) : null;
    if (parent?.[1]) {
      parentRefs[field] = parent[1];
    } else if (owner?.[1] && ownerLookups.has(owner[1]) && field === 'OwnerId') {
      assignAccountOwner = true;
    } else {
      record[field] = value;
    }
  }
  record[KEY_FIELD] = key;
  return {
    kind: 'upsert',
    ref,
    record,
    ...(Object.keys(parentRefs).length > 0 ? { parentRefs } : {}),
    ...(assignAccountOwner ? { assignAccountOwner } : {}),
  };
}

/**
 * A composite write from the connector's builders → `save` operations: upserts by external id
 * with `@{ref.id}` references becoming parentRefs, the account-owner lookup becoming
 * `assignAccountOwner` (Apex reads the owner in the same transaction), and each record of an
 * sObject Collections create (`POST …/composite/sobjects`) becoming one keyed upsert named by
 * `collectionRef`. Apex `save` commits them all or none.
 */
export function compositeToOperations(request: CompositeRequest, collectionRef: CollectionRefNamer = defaultCollectionRef): SaveOperation[] {
  const ownerLookups = new Set<string>();
  const operations: SaveOperation[] = [];
  for (const sub of request.compositeRequest) {
    if (sub.method === 'GET' && /\/query\?q=SELECT(%20|\+)OwnerId(%20|\+)FROM(%20|\+)Account(%20|\+)/.test(sub.url)) {
      ownerLookups.add(sub.referenceId);
      continue;
    }
    if (sub.method === 'POST' && COLLECTION_URL.test(sub.url)) {
      const records = (sub.body as { records?: unknown } | undefined)?.records;
      if (!Array.isArray(records)) {
        throw configurationError(`${sub.method} ${sub.url} without records`);
      }
      records.forEach((raw: unknown, index) => {
        const { attributes, ...fields } = (raw ?? {}) as Record<string, unknown>;
        const sobject = (attributes as { type?: unknown } | undefined)?.type;
        const key = fields[KEY_FIELD];
        if (typeof sobject !== 'string' || typeof key !== 'string' || key === '') {
          throw configurationError(`collection record ${index} of ${sub.referenceId} needs attributes.type and ${KEY_FIELD}`);
        }
        delete fields[KEY_FIELD];
        operations.push(upsertOperation(collectionRef(fields, index, sub.referenceId), sobject, key, fields, ownerLookups));
      });
      continue;
    }
    const create = sub.method === 'POST' ? CREATE_URL.exec(sub.url) : null;
    if (create && sub.body && typeof sub.body === 'object') {
      // An insert carrying its unique key (decision 0017): Apex `save` writes it once per key.
      const { [KEY_FIELD]: key, ...fields } = sub.body as Record<string, unknown>;
      if (typeof key !== 'string' || key === '') {
        throw configurationError(`${sub.method} ${sub.url} without ${KEY_FIELD}`);
      }
      operations.push(upsertOperation(sub.referenceId, create[1] ?? '', key, fields, ownerLookups));
      continue;
    }
    const upsert = sub.method === 'PATCH' ? UPSERT_URL.exec(sub.url) : null;
    if (!upsert || !sub.body || typeof sub.body !== 'object') {
      throw configurationError(`${sub.method} ${sub.url}`);
    }
    const [, sobject = '', keyField = '', encodedKey = ''] = upsert;
    if (keyField !== KEY_FIELD) {
      throw configurationError(`upsert on ${keyField}`);
    }
    operations.push(upsertOperation(sub.referenceId, sobject, decodeURIComponent(encodedKey), sub.body as Record<string, unknown>, ownerLookups));
  }
  return operations;
}

/**
 * Throws invalid_input unless every line of the dispute is within its invoice's balance and in its
 * currency, as the fresh snapshot (`getFreshSnapshot({ recordId: accountId })`) lists them.
 */
export function checkDisputeLines(snapshotJson: string, input: RaiseDisputeInput): void {
  checkDisputeAgainstInvoices(input, mapApexSnapshot(snapshotJson, { id: input.accountId, objectType: 'account' }).invoices);
}

/** Throws invalid_input when a new plan's total exceeds its invoices' open balance in the fresh snapshot. */
export function checkPlanInvoices(snapshotJson: string, input: SavePaymentPlanInput): void {
  checkPlanAgainstAccountInvoices(input, mapApexSnapshot(snapshotJson, { id: input.accountId, objectType: 'account' }).invoices);
}

function apexPlan(operations: SaveOperation[]): Extract<WritePlan, { via: 'apex' }> {
  return { via: 'apex', requestJson: JSON.stringify({ operations }), operations };
}

function upsertOne(sobject: string, key: string, fields: Record<string, unknown>): WritePlan {
  return apexPlan([{ kind: 'upsert', ref: 'main', record: { attributes: { type: sobject }, ...fields, [KEY_FIELD]: key } }]);
}

function need<T>(value: T | null, what: string): T {
  if (value === null) {
    throw new ConnectorError({ kind: 'configuration', userMessage: `${what} are not set up in this org.` });
  }
  return value;
}

/**
 * Validates a port write and plans it with the connector's builders.
 * @throws ConnectorError 'invalid_input' (naming the fields) before anything is sent.
 */
export function planWrite(method: string, input: unknown, context: WriteContext): WritePlan {
  const now = context.now ?? new Date();
  const today = dayInZone(now, context.timeZone);
  switch (method) {
    case 'logCall': {
      const valid = parseInput(LogCallInputSchema, input, 'logCall');
      checkWriteRules('logCall', valid, { today, now });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.invoiceIds });
      const record = callTaskRecord(MAPPING, valid, { timeZone: context.timeZone });
      // An agreed follow-up is its own open Task (own key), created in the same Apex transaction.
      const followUp = followUpTaskRecord(MAPPING, valid);
      return apexPlan([
        { kind: 'createOnce', ref: 'main', record: { attributes: { type: 'Task' }, ...record } },
        ...(followUp ? [{ kind: 'createOnce' as const, ref: 'followup', record: { attributes: { type: 'Task' }, ...followUp } }] : []),
      ]);
    }
    case 'logActivity': {
      const valid = parseInput(LogActivityInputSchema, input, 'logActivity');
      checkWriteRules('logActivity', valid, { today, now });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId });
      const record = activityTaskRecord(MAPPING, valid, { timeZone: context.timeZone });
      return apexPlan([{ kind: 'createOnce', ref: 'main', record: { attributes: { type: 'Task' }, ...record } }]);
    }
    case 'addNote': {
      const valid = parseInput(AddNoteInputSchema, input, 'addNote');
      assertIds({ accountId: valid.accountId });
      const [note] = noteComposite(valid, DATA_PATH).compositeRequest;
      if (!note?.body) {
        throw configurationError('note composite without a ContentNote body');
      }
      return apexPlan([{ kind: 'note', ref: 'main', record: { attributes: { type: 'ContentNote' }, ...(note.body as Record<string, unknown>) }, linkedEntityId: valid.accountId, idempotencyKey: valid.idempotencyKey }]);
    }
    case 'recordPromise': {
      const valid = parseInput(RecordPromiseInputSchema, input, 'recordPromise');
      checkWriteRules('recordPromise', valid, { today, now });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.invoiceIds });
      const promise = need(MAPPING.promise, 'Promises to pay');
      return upsertOne(promise.object, valid.idempotencyKey, promiseRecord(MAPPING, valid, today));
    }
    case 'savePaymentPlan': {
      const valid = parseInput(SavePaymentPlanInputSchema, input, 'savePaymentPlan');
      checkWriteRules('savePaymentPlan', valid, { today, now });
      assertIds({ accountId: valid.accountId, planId: valid.planId, invoiceIds: valid.invoiceIds });
      const plan = need(MAPPING.plan, 'Payment plans');
      if (valid.planId) {
        // A status change of an existing plan: a plain update, which LDS can do without Apex.
        return { via: 'lds-update', recordInput: { fields: { Id: valid.planId, [plan.fields.status]: PLAN_STATUS.toSalesforce(valid.status) } } };
      }
      if (valid.instalments.length > APEX_MAX_PLAN_INSTALMENTS) {
        throw new ConnectorError({
          kind: 'invalid_input',
          fields: ['instalments'],
          userMessage: `In Salesforce Lightning a plan can have at most ${APEX_MAX_PLAN_INSTALMENTS} instalments (down payment included); this one has ${valid.instalments.length}.`,
          detail: 'Apex save: one DML statement per record, 150 per transaction',
        });
      }
      const sequenceField = plan.instalment.fields.sequence;
      const operations = compositeToOperations(
        planComposite(MAPPING, valid, DATA_PATH, today),
        (record, index, collectionRef) => (collectionRef === PLAN_INSTALMENTS_REF ? `instalment_${String(record[sequenceField])}` : `${collectionRef}_${index + 1}`),
      );
      // Apex answers an existing plan with this key as it is: a retry never rewrites its instalments.
      // The total is checked against its invoices as the server has them, before sending (issue 17).
      return valid.invoiceIds.length > 0 ? { ...apexPlan(operations), checkPlanInvoices: valid } : apexPlan(operations);
    }
    case 'raiseDispute': {
      const valid = parseInput(RaiseDisputeInputSchema, input, 'raiseDispute');
      checkWriteRules('raiseDispute', valid, { today, now });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.lines.map((l) => l.invoiceId) });
      // The lines are checked against the account's invoices as the server has them, before sending.
      return { ...apexPlan(compositeToOperations(disputeComposite(MAPPING, valid, DATA_PATH))), checkDisputeLines: valid };
    }
    case 'updateDispute': {
      const valid = parseInput(UpdateDisputeInputSchema, input, 'updateDispute');
      assertIds({ accountId: valid.accountId, disputeId: valid.disputeId });
      return { via: 'lds-update', recordInput: { fields: { Id: valid.disputeId, ...disputeUpdateRecord(MAPPING, valid) } } };
    }
    case 'recordSettlementOffer': {
      const valid = parseInput(RecordSettlementInputSchema, input, 'recordSettlementOffer');
      checkWriteRules('recordSettlementOffer', valid, { today, now });
      assertIds({ accountId: valid.accountId, invoiceIds: valid.invoiceIds });
      const settlement = need(MAPPING.settlement, 'Settlement offers');
      return upsertOne(settlement.object, valid.idempotencyKey, settlementRecord(MAPPING, valid));
    }
    case 'completeFollowUp': {
      const valid = parseInput(CompleteFollowUpInputSchema, input, 'completeFollowUp');
      assertIds({ accountId: valid.accountId, taskId: valid.taskId });
      return { via: 'lds-update', recordInput: { fields: { Id: valid.taskId, Status: 'Completed' } } };
    }
    case 'decideSettlement': {
      // LDS sets the status; unlike the REST adapter it does not first check the offer still awaits
      // approval (no read in the write path): the org's validation rule is the guard there.
      const valid = parseInput(DecideSettlementInputSchema, input, 'decideSettlement');
      assertIds({ accountId: valid.accountId, settlementId: valid.settlementId });
      const settlement = need(MAPPING.settlement, 'Settlement offers');
      const status = SETTLEMENT_STATUS.toSalesforce(valid.decision === 'approved' ? 'offered' : 'rejected');
      return { via: 'lds-update', recordInput: { fields: { Id: valid.settlementId, [settlement.fields.status]: status } } };
    }
    default:
      throw new ConnectorError({ kind: 'invalid_input', fields: ['method'], detail: `unknown write ${method}` });
  }
}

