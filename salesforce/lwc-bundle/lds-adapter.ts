/**
 * The mapping functions the Lightning host's port needs (exposed as `window.CollectionsLds`). They
 * adapt Apex/LDS shapes to and from the REST connector's own builders and mapper, so the Lightning
 * host has no second copy of any field mapping:
 * - `mapApexSnapshot`: `CollectionsController.getSnapshot` JSON → composite response → the
 *   connector's `mapSnapshot`.
 * - `planWrite`: validates the input with the port schemas and plans the write with the connector's
 *   write builders, as an LDS `updateRecord` input or an Apex `save` request.
 * - `checkDisputeLines`: a dispute's lines against the invoices of a fresh snapshot.
 * Sending once per key is the connector's write-once layer, in lightning-writer.ts.
 * - `toConnectorError`: LDS/Apex errors → `ConnectorError` through the connector's error mapping.
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
  PORT_METHODS,
} from '../../connector/port';
import type { AccountSnapshot, PortMethod, RecordRef } from '../../connector/port';
import type { CompositeRequest, CompositeResponse, CompositeSubresponse } from '../../connector/salesforce/client';
import { DEFAULT_API_VERSION, dataPathFor } from '../../connector/salesforce/client';
import { mapSalesforceError } from '../../connector/salesforce/errors';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import type { MappingConfig } from '../../connector/salesforce/mapping/schema';
import { PLAN_STATUS, SETTLEMENT_STATUS } from '../../connector/salesforce/picklists';
import { SNAPSHOT_REFS } from '../../connector/salesforce/snapshot/build';
import { mapSnapshot } from '../../connector/salesforce/snapshot/map';
import { defaultHolidaySource } from '../../connector/holidays/default-source';
import { dayInZone } from '../../connector/salesforce/values';
import { activityTaskRecord, callTaskRecord, followUpTaskRecord } from '../../connector/salesforce/writes/activity';
import { noteComposite } from '../../connector/salesforce/writes/note';
import { disputeComposite, disputeUpdateRecord, PLAN_INSTALMENTS_REF, planComposite, promiseRecord, settlementRecord } from '../../connector/salesforce/writes/records';
import { assertIds, parseInput } from '../../connector/salesforce/writes/validate';
import { checkDisputeAgainstInvoices, checkPlanAgainstAccountInvoices, checkWriteRules } from '../../connector/writes/validate';
import type { RaiseDisputeInput, SavePaymentPlanInput } from '../../connector/port';

/** The Lightning host always uses the product objects the package ships. */
const MAPPING: MappingConfig = productPreset();
/** Builders produce REST URLs; only their object/key/reference parts are used here. */
const DATA_PATH = dataPathFor(DEFAULT_API_VERSION);
const KEY_FIELD = 'Idempotency_Key__c';

// ---------------------------------------------------------------------------------------------
// Reads

type Section = { totalSize: number; done: boolean; records: Record<string, unknown>[] } | { error: true; errorCode: string; message: string };

function isErrorSection(section: Section): section is { error: true; errorCode: string; message: string } {
  return 'error' in section && section.error === true;
}

/**
 * `getSnapshot` JSON (sections keyed by composite referenceId) → the composite response the REST
 * connector would have received. Apex omits null fields when serialising records; the ctx record
 * gets an explicit `AccountId: null` so "no account" is not mistaken for "this is the account".
 * The `rates` section (the org's currencies) is there only in a multi-currency org.
 */
export function apexSnapshotToComposite(json: string, ref: RecordRef): CompositeResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'getSnapshot did not return JSON' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'getSnapshot did not return an object of sections' });
  }
  const sections = parsed as Record<string, Section>;
  const isAccountPage = ref.id.startsWith('001') || ref.objectType === 'account';
  const compositeResponse: CompositeSubresponse[] = Object.entries(sections).map(([referenceId, section]) => {
    if (isErrorSection(section)) {
      return { referenceId, httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: section.errorCode, message: section.message }] };
    }
    if (referenceId === SNAPSHOT_REFS.ctx) {
      // The REST ctx is an sObject Rows GET (decision 0028): the record itself, or 404 when it is gone.
      const record = section.records[0];
      return record
        ? { referenceId, httpStatusCode: 200, httpHeaders: {}, body: isAccountPage ? record : { AccountId: null, ...record } }
        : { referenceId, httpStatusCode: 404, httpHeaders: {}, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    }
    return { referenceId, httpStatusCode: 200, httpHeaders: {}, body: section };
  });
  return { compositeResponse };
}

/** Apex snapshot JSON → AccountSnapshot, with the connector's own mapping. */
export function mapApexSnapshot(json: string, ref: RecordRef): AccountSnapshot {
  // The LWC cannot run date-holidays: the generated table checks the covered countries' holidays (decision 0021).
  return mapSnapshot(MAPPING, apexSnapshotToComposite(json, ref), { holidays: defaultHolidaySource });
}

// ---------------------------------------------------------------------------------------------
// Writes

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

/** The port's write methods (every method but the two reads), which the LWC port routes through planWrite. */
export const WRITE_METHODS: readonly PortMethod[] = PORT_METHODS.filter((method) => method !== 'loadSnapshot' && method !== 'listContacts');

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

// ---------------------------------------------------------------------------------------------
// Errors

type LightningError = {
  status?: number;
  body?: {
    message?: string;
    output?: { errors?: { errorCode?: string; message?: string }[]; fieldErrors?: Record<string, { errorCode?: string; message?: string; field?: string }[]> };
  } | { errorCode?: string; message?: string }[];
};

const APEX_CODED_MESSAGE = /^([A-Z][A-Z_]+): ([\s\S]*)$/;

/**
 * An LDS / Apex error → ConnectorError (via the connector's Salesforce error mapping).
 * - Apex: `body.message` "CODE: text" (CollectionsController.auraError) or a platform message;
 * - LDS DML: `body.output.errors[]` and `body.output.fieldErrors{}`;
 * - no status (status 0 / undefined): the request never completed → network.
 */
export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  const e = (error ?? {}) as LightningError;
  if (typeof e.status !== 'number' || e.status === 0) {
    return new ConnectorError({ kind: 'network', detail: error instanceof Error ? error.message : 'Lightning request did not complete', cause: error });
  }
  const body = e.body;
  if (Array.isArray(body)) {
    return mapSalesforceError(e.status, body, 'Lightning');
  }
  const items: { errorCode?: string; message: string; fields?: string[] }[] = [];
  for (const item of body?.output?.errors ?? []) {
    items.push({ ...(item.errorCode ? { errorCode: item.errorCode } : {}), message: item.message ?? '' });
  }
  for (const [field, fieldErrors] of Object.entries(body?.output?.fieldErrors ?? {})) {
    for (const item of fieldErrors) {
      items.push({ ...(item.errorCode ? { errorCode: item.errorCode } : {}), message: item.message ?? '', fields: [field] });
    }
  }
  if (items.length === 0 && typeof body?.message === 'string') {
    const coded = APEX_CODED_MESSAGE.exec(body.message);
    items.push(coded?.[1] ? { errorCode: coded[1], message: coded[2] ?? '' } : { message: body.message });
  }
  return mapSalesforceError(e.status, items, 'Lightning');
}
