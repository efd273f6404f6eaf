/**
 * CollectionsPort over the Salesforce REST API. `loadSnapshot` = exactly ONE HTTP request (one
 * `/composite`). Writes are validated (shape, ids, the neutral write rules), described as neutral
 * writes and sent through the ONE write-once layer (connector/writes/write-once.ts, decision 0016);
 * this file only compiles them into Salesforce calls:
 * - every record is INSERTED carrying the client's key in a unique field (decision 0017): our
 *   objects and Case on `Idempotency_Key__c` (unique external id); a Task or ContentNote in one
 *   allOrNone composite with a `Write_Receipt__c` whose key is unique. A second commit of the same
 *   key fails with DUPLICATE_VALUE — so a slow first attempt, another tab or a restarted worker can
 *   never make a duplicate, and nothing a repeat sends overwrites what sales changed since;
 * - `findByKey` reads the record a key wrote (receipt, or the key field) for the write-once layer.
 * Orgs whose mapping has no receipt object check Tasks and notes by key before every send.
 */
import { ConnectorError } from '../errors';
import type * as z from 'zod/mini';
import type {
  AccountSnapshot,
  AddNoteInput,
  AnswerDisputeInput,
  DisputeOwnerPort,
  OwnerDisputeList,
  CallOptions,
  CollectionsPort,
  CompleteFollowUpInput,
  DecideSettlementInput,
  LoadSnapshotOptions,
  LogActivityInput,
  LogCallInput,
  RaiseDisputeInput,
  RecordPromiseInput,
  RecordRef,
  RecordSettlementInput,
  SavePaymentPlanInput,
  UpdateDisputeInput,
  WriteResult,
  ApiUsage,
} from '../port';
import {
  AddNoteInputSchema,
  AnswerDisputeInputSchema,
  CompleteFollowUpInputSchema,
  DecideSettlementInputSchema,
  LoadSnapshotOptionsSchema,
  LogActivityInputSchema,
  LogCallInputSchema,
  RaiseDisputeInputSchema,
  RecordPromiseInputSchema,
  RecordRefSchema,
  RecordSettlementInputSchema,
  SavePaymentPlanInputSchema,
  UpdateDisputeInputSchema,
} from '../port';
import type { Contact } from '../domain/model';
import type { CompositeRequest, CompositeResponse, SalesforceClient, SaveResult } from './client';
import { mapSalesforceError, malformed } from './errors';
import { createFetchClient } from './fetch-client';
import { presetMapping } from './mapping/presets';
import type { PresetName } from './mapping/presets';
import { MappingConfigSchema } from './mapping/schema';
import type { MappingConfig } from './mapping/schema';
import { setupCheck } from './mapping/setup-check';
import type { SetupReport } from './mapping/setup-check';
import { PLAN_STATUS, SETTLEMENT_STATUS } from './picklists';
import { withRowLockRetry } from './retry';
import type { RowLockRetryOptions } from './retry';
import { buildSnapshotRequest } from './snapshot/build';
import { mapSnapshot, mapSnapshotInSlices } from './snapshot/map';
import { select, soqlId } from './soql';
import { dayInZone } from './values';
import { activityTaskRecord, callTaskRecord, followUpKey, followUpTaskRecord, taskByKeyQuery } from './writes/activity';
import { noteByKeyQuery, noteComposite } from './writes/note';
import { byKeyQuery, disputeComposite, disputeUpdateRecord, planComposite, promiseRecord, settlementRecord } from './writes/records';
import { receiptByKeyQuery, receiptOf, receiptRecordId, taskComposite, withReceipt } from './writes/receipt';
import { assertIds, parseInput } from './writes/validate';
import { checkDisputeAgainstInvoices, checkPlanAgainstAccountInvoices, checkWriteRules } from '../writes/validate';
import { disputedInvoices } from './writes/disputed-invoices';
import { describeAnswerDispute, describeWrite } from '../writes/plan';
import type { NeutralWrite, OwnerAnswerWrite } from '../writes/plan';
import { answerByKeyQuery, answerTargetQuery, answerUpdateRecord, checkAnswerAgainstCase, checkAnswerInput, mapOwnerDisputes, ownerDisputesQuery, ownerMapping } from './disputes/owner';
import type { HolidaySource } from '../snapshot-derived';
import { defaultHolidaySource } from '../holidays/default-source';
import type { PortWriteInputs, PortWriteMethod } from '../writes/plan';
import { createWriteOnce } from '../writes/write-once';
import type { KeyedWriteAdapter, OutcomeStore } from '../writes/write-once';

/** Id prefixes of the records a receipt may name: Task, ContentDocument (a ContentNote's id). */
const TASK_ID_PREFIX = '00T';
const NOTE_ID_PREFIX = '069';

function needMapping<T>(value: T | null, what: string): T {
  if (value === null) {
    throw new ConnectorError({ kind: 'configuration', userMessage: `${what} are not set up in this org.` });
  }
  return value;
}

/** Keys attempted by an earlier process (decision 0005): the neutral layer's {@link OutcomeStore}. */
export type UnknownOutcomeStore = OutcomeStore;


export interface SalesforcePortOptions {
  instanceUrl: string;
  getAccessToken: () => Promise<string> | string;
  refreshAccessToken?: () => Promise<string>;
  apiVersion?: string;
  mapping?: MappingConfig | PresetName;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onApiUsage?: (usage: ApiUsage) => void;
}

export interface SalesforcePortExtras {
  /** Use a ready client (e.g. the jsforce client in Node) instead of building the fetch client. */
  client?: SalesforceClient;
  /** IANA zone for calendar days of instants (ActivityDate, Taken_On__c). Default 'UTC'. */
  timeZone?: string;
  now?: () => Date;
  rowLockRetry?: RowLockRetryOptions;
  unknownOutcomeKeys?: UnknownOutcomeStore;
  /** How many written keys (→ record id) this port remembers in memory. Default 1000. */
  writtenKeysCapacity?: number;
  verifyBeforeCreate?: 'after-unknown-outcome' | 'always';
  /**
   * Public holidays for the snapshot's working calendar: `createDateHolidaysSource()`
   * (connector/holidays/) in Node; default the generated table (`defaultHolidaySource`, decision 0021).
   */
  holidays?: HolidaySource;
}

/** The port plus Salesforce-specific helpers (setup check, the raw client) and the sales owner's side (issue 19). */
export interface SalesforcePort extends CollectionsPort, DisputeOwnerPort {
  readonly client: SalesforceClient;
  readonly mapping: MappingConfig;
  setupCheck(): Promise<SetupReport>;
}

function resolveMapping(mapping: MappingConfig | PresetName | undefined): MappingConfig {
  if (mapping === undefined || typeof mapping === 'string') {
    return presetMapping(mapping ?? 'product');
  }
  const parsed = MappingConfigSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new ConnectorError({ kind: 'configuration', detail: `invalid mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  return parsed.data as MappingConfig;
}

type CollectionItem = { success?: unknown; errors?: unknown };

/** An sObject Collections answer (`[{id, success, errors}]`) with at least one failed record. */
function isFailedCollection(body: unknown): body is CollectionItem[] {
  return Array.isArray(body) && body.length > 0 && body.every((item) => item !== null && typeof item === 'object' && 'success' in item)
    && (body as CollectionItem[]).some((item) => item.success === false);
}

/** The errors of a failed collection, root causes first (ALL_OR_NONE_OPERATION_ROLLED_BACK last). */
function collectionErrors(items: CollectionItem[]): unknown[] {
  const errors = items.flatMap((item) => (item.success === false && Array.isArray(item.errors) ? (item.errors as unknown[]) : []));
  const secondary = (e: unknown): boolean => {
    const code = (e as { statusCode?: unknown; errorCode?: unknown } | null)?.statusCode ?? (e as { errorCode?: unknown } | null)?.errorCode;
    return code === 'ALL_OR_NONE_OPERATION_ROLLED_BACK' || code === 'PROCESSING_HALTED';
  };
  return [...errors.filter((e) => !secondary(e)), ...errors.filter(secondary)];
}

/**
 * First failing subrequest of an allOrNone composite → its mapped error (secondary "rolled back"
 * errors skipped). An sObject Collections subrequest answers 200 even when records failed, so a
 * collection body with `success: false` records counts as failed too (its root-cause error mapped).
 */
export function throwIfCompositeFailed(response: CompositeResponse, context: string): void {
  const failed = response.compositeResponse
    .map((r) => (r.httpStatusCode < 400 && isFailedCollection(r.body) ? { ...r, httpStatusCode: 400, body: collectionErrors(r.body) } : r))
    .filter((r) => r.httpStatusCode >= 400);
  if (failed.length === 0) {
    return;
  }
  const primary = failed.find((r) => {
    const body = Array.isArray(r.body) ? (r.body as { errorCode?: string; statusCode?: string }[]) : [];
    return !body.every((e) => {
      const code = e.errorCode ?? e.statusCode;
      return code === 'PROCESSING_HALTED' || code === 'ALL_OR_NONE_OPERATION_ROLLED_BACK';
    });
  }) ?? failed[0];
  if (primary) {
    throw mapSalesforceError(primary.httpStatusCode, primary.body, `${context} (${primary.referenceId})`);
  }
}

function subresult(response: CompositeResponse, referenceId: string, context: string): SaveResult & { httpStatusCode: number } {
  const sub = response.compositeResponse.find((r) => r.referenceId === referenceId);
  const body = sub?.body as SaveResult | undefined;
  if (!sub || !body || typeof body.id !== 'string') {
    throw malformed(context, `no id for ${referenceId}`);
  }
  return { ...body, httpStatusCode: sub.httpStatusCode };
}

/** Create the Salesforce CollectionsPort. */
export function createSalesforcePort(options: SalesforcePortOptions & SalesforcePortExtras): SalesforcePort {
  const mapping = resolveMapping(options.mapping);
  const client = options.client ?? createFetchClient({
    instanceUrl: options.instanceUrl,
    getAccessToken: options.getAccessToken,
    ...(options.refreshAccessToken ? { refreshAccessToken: options.refreshAccessToken } : {}),
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onApiUsage ? { onApiUsage: options.onApiUsage } : {}),
  });
  const timeZone = options.timeZone ?? 'UTC';
  const now = options.now ?? (() => new Date());
  const retry = <T>(operation: () => Promise<T>): Promise<T> => withRowLockRetry(operation, options.rowLockRetry);
  const today = (): string => dayInZone(now(), timeZone);
  const receipt = receiptOf(mapping);
  const verifyAlways = options.verifyBeforeCreate === 'always';

  /** The id of the record of `object` carrying this key, or null. */
  async function idByKey(object: string, keyField: string, key: string, call?: CallOptions): Promise<string | null> {
    const id = (await client.query(byKeyQuery(object, keyField, key), call)).records[0]?.Id;
    return typeof id === 'string' ? id : null;
  }

  async function compositeWrite(request: CompositeRequest, mainRef: string, context: string, call?: CallOptions): Promise<WriteResult> {
    const response = await retry(async () => {
      const answer = await client.composite(request, call);
      throwIfCompositeFailed(answer, context);
      return answer;
    });
    const main = subresult(response, mainRef, context);
    return { id: main.id, created: main.created ?? main.httpStatusCode === 201 };
  }

  async function createOne(sobject: string, record: Record<string, unknown>, call?: CallOptions): Promise<WriteResult> {
    return { id: (await retry(() => client.create(sobject, record, call))).id, created: true };
  }

  /** A Task or note: with its receipt in the same transaction when the org has the receipt object. */
  function createWithReceipt(request: CompositeRequest, recordRef: string, key: string, context: string, call?: CallOptions): Promise<WriteResult> {
    return compositeWrite(receipt ? withReceipt(request, receipt, client.dataPath, key, recordRef) : request, recordRef, context, call);
  }

  /** Salesforce compiles each neutral write into its calls; write-once is the neutral layer's (connector/writes/write-once.ts). */
  const adapter: KeyedWriteAdapter = {
    verifyFirst: (write) => (write.recordKind === 'activity' || write.recordKind === 'note') && (verifyAlways || receipt === null),

    async findByKey(write, call) {
      const key = write.key;
      switch (write.recordKind) {
        case 'activity': {
          if (receipt) {
            return receiptRecordId((await client.query(receiptByKeyQuery(receipt, key), call)).records[0], receipt, TASK_ID_PREFIX);
          }
          const id = (await client.query(taskByKeyQuery(mapping, key), call)).records[0]?.Id;
          return typeof id === 'string' ? id : null;
        }
        case 'note': {
          if (receipt) {
            return receiptRecordId((await client.query(receiptByKeyQuery(receipt, key), call)).records[0], receipt, NOTE_ID_PREFIX);
          }
          const found = (await client.query(noteByKeyQuery(write.input as AddNoteInput), call)).records[0];
          return typeof found?.ContentDocumentId === 'string' ? found.ContentDocumentId : null;
        }
        case 'promise': {
          const p = needMapping(mapping.promise, 'Promises to pay');
          return idByKey(p.object, p.fields.idempotencyKey, key, call);
        }
        case 'plan':
          return idByKey(needMapping(mapping.plan, 'Payment plans').object, needMapping(mapping.plan, 'Payment plans').fields.idempotencyKey, key, call);
        case 'dispute':
          return idByKey('Case', needMapping(mapping.dispute, 'Disputes').fields.idempotencyKey, key, call);
        case 'settlement': {
          const s = needMapping(mapping.settlement, 'Settlement offers');
          return idByKey(s.object, s.fields.idempotencyKey, key, call);
        }
        case 'disputeAnswer': {
          const id = (await client.query(answerByKeyQuery(mapping, key), call)).records[0]?.Id;
          return typeof id === 'string' ? id : null;
        }
        default:
          return null;
      }
    },

    async send(write, call) {
      switch (write.method) {
        case 'logCall': {
          const input = write.input as LogCallInput;
          const followUp = followUpTaskRecord(mapping, input);
          if (followUp) {
            return createCallWithFollowUp(callTaskRecord(mapping, input, { timeZone }), followUp, input.idempotencyKey, call);
          }
          return createTask(callTaskRecord(mapping, input, { timeZone }), input.idempotencyKey, 'logCall', call);
        }
        case 'logActivity': {
          const input = write.input as LogActivityInput;
          return createTask(activityTaskRecord(mapping, input, { timeZone }), input.idempotencyKey, 'logActivity', call);
        }
        case 'addNote': {
          const input = write.input as AddNoteInput;
          return createWithReceipt(noteComposite(input, client.dataPath), 'note', input.idempotencyKey, 'addNote', call);
        }
        case 'recordPromise': {
          const p = needMapping(mapping.promise, 'Promises to pay');
          return createOne(p.object, promiseRecord(mapping, write.input as RecordPromiseInput, today()), call);
        }
        case 'savePaymentPlan': {
          const input = write.input as SavePaymentPlanInput;
          const plan = needMapping(mapping.plan, 'Payment plans');
          if (input.planId) {
            const planId = input.planId;
            await retry(() => client.update(plan.object, planId, { [plan.fields.status]: PLAN_STATUS.toSalesforce(input.status) }, call));
            return { id: planId, created: false };
          }
          const request = planComposite(mapping, input, client.dataPath, today());
          // A new plan asks for no more than its invoices' open balance as the CRM lists them now.
          if (input.invoiceIds.length > 0) {
            checkPlanAgainstAccountInvoices(input, await disputedInvoices(client, mapping, input.accountId, input.invoiceIds, call));
          }
          return compositeWrite(request, 'plan', 'savePaymentPlan', call);
        }
        case 'raiseDispute': {
          const input = write.input as RaiseDisputeInput;
          const request = disputeComposite(mapping, input, client.dataPath);
          // Checked only when something is about to be sent: a repeat of a written dispute is
          // answered as written even if the invoice was paid since.
          checkDisputeAgainstInvoices(input, await disputedInvoices(client, mapping, input.accountId, input.lines.map((l) => l.invoiceId), call));
          return compositeWrite(request, 'case', 'raiseDispute', call);
        }
        case 'updateDispute': {
          const input = write.input as UpdateDisputeInput;
          const record = disputeUpdateRecord(mapping, input);
          await retry(() => client.update('Case', input.disputeId, record, call));
          return { id: input.disputeId, created: false };
        }
        case 'recordSettlementOffer': {
          const s = needMapping(mapping.settlement, 'Settlement offers');
          return createOne(s.object, settlementRecord(mapping, write.input as RecordSettlementInput), call);
        }
        // The owner's answer (DisputeOwnerPort): not a CollectionsPort method, hence the wider switch value.
        case 'answerDispute' as NeutralWrite['method']: {
          const input = (write as unknown as OwnerAnswerWrite).input;
          const target = (await client.query(answerTargetQuery(mapping, input.disputeId), call)).records[0];
          checkAnswerAgainstCase(mapping, input, target);
          await retry(() => client.update('Case', input.disputeId, answerUpdateRecord(mapping, input, now()), call));
          return { id: input.disputeId, created: false };
        }
        case 'completeFollowUp': {
          const input = write.input as CompleteFollowUpInput;
          await retry(() => client.update('Task', input.taskId, { Status: 'Completed' }, call));
          return { id: input.taskId, created: false };
        }
        case 'decideSettlement': {
          const input = write.input as DecideSettlementInput;
          const s = needMapping(mapping.settlement, 'Settlement offers');
          const target = input.decision === 'approved' ? 'offered' : 'rejected';
          const row = (await client.query(select({ fields: ['Id', s.fields.status], from: s.object, where: [`Id = ${soqlId(input.settlementId)}`], limit: 1 }), call)).records[0];
          const current = row ? SETTLEMENT_STATUS.toDomain(row[s.fields.status]) : null;
          if (current === target) {
            // A repeat (retry after a lost answer): already decided this way, nothing to change.
            return { id: input.settlementId, created: false };
          }
          if (current !== 'pending_approval') {
            throw new ConnectorError({
              kind: 'validation',
              fields: ['settlementId'],
              userMessage: row ? 'This settlement is not awaiting approval any more: reload to see its status.' : 'This settlement no longer exists: reload the panel.',
            });
          }
          await retry(() => client.update(s.object, input.settlementId, { [s.fields.status]: SETTLEMENT_STATUS.toSalesforce(target) }, call));
          return { id: input.settlementId, created: false };
        }
        default:
          throw new ConnectorError({ kind: 'invalid_input', fields: ['method'], detail: `unknown write ${String(write.method)}` });
      }
    },
  };

  /**
   * The call and its open follow-up Task in ONE allOrNone composite, each with its own receipt
   * (keys `key` and `followUpKey(key)`): both or neither; a repeat of the call's key fails on its
   * unique receipt and rolls the follow-up back too. The result names the call.
   */
  function createCallWithFollowUp(callRecord: Record<string, unknown>, followUp: Record<string, unknown>, key: string, call?: CallOptions): Promise<WriteResult> {
    const request = taskComposite(callRecord, client.dataPath);
    request.compositeRequest.push({ method: 'POST', url: `${client.dataPath}/sobjects/Task`, referenceId: 'followup', body: followUp });
    if (!receipt) {
      return compositeWrite(request, 'task', 'logCall', call);
    }
    const withBoth = withReceipt(withReceipt(request, receipt, client.dataPath, key, 'task'), receipt, client.dataPath, followUpKey(key), 'followup', 'followupReceipt');
    return compositeWrite(withBoth, 'task', 'logCall', call);
  }

  function createTask(record: Record<string, unknown>, key: string, context: string, call?: CallOptions): Promise<WriteResult> {
    if (!receipt) {
      return createOne('Task', record, call);
    }
    return createWithReceipt(taskComposite(record, client.dataPath), 'task', key, context, call);
  }

  const writeOnce = createWriteOnce(adapter, {
    ...(options.unknownOutcomeKeys ? { outcomeStore: options.unknownOutcomeKeys } : {}),
    ...(options.writtenKeysCapacity ? { memory: options.writtenKeysCapacity } : {}),
  });

  /** Validate (shape, ids, meaning), then write once. */
  async function write<M extends PortWriteMethod>(method: M, schema: z.ZodMiniType<PortWriteInputs[M]>, input: unknown, ids: (valid: PortWriteInputs[M]) => Parameters<typeof assertIds>[0], call?: CallOptions): Promise<WriteResult> {
    const valid = parseInput(schema, input, method);
    assertIds(ids(valid));
    checkWriteRules(method, valid, { today: today(), now: now() });
    requireMapping(method);
    return writeOnce(describeWrite(method, valid), call);
  }

  /** The org must have the objects a write needs (configuration error before anything is sent). */
  function requireMapping(method: PortWriteMethod): void {
    const needs: Partial<Record<PortWriteMethod, [unknown, string]>> = {
      addNote: [mapping.notes || null, 'Notes are not enabled in this org.'],
      recordPromise: [mapping.promise, 'Promises to pay are not set up in this org.'],
      savePaymentPlan: [mapping.plan, 'Payment plans are not set up in this org.'],
      raiseDispute: [mapping.dispute, 'Disputes are not set up in this org.'],
      recordSettlementOffer: [mapping.settlement, 'Settlement offers are not set up in this org.'],
      decideSettlement: [mapping.settlement, 'Settlement offers are not set up in this org.'],
    };
    const need = needs[method];
    if (need && !need[0]) {
      throw new ConnectorError({ kind: 'configuration', userMessage: need[1] });
    }
  }

  const port: SalesforcePort = {
    client,
    mapping,
    setupCheck: () => setupCheck(client, mapping),

    async loadSnapshot(ref: RecordRef, call?: CallOptions & LoadSnapshotOptions): Promise<AccountSnapshot> {
      const valid = parseInput(RecordRefSchema, ref, 'loadSnapshot');
      const { complianceProfile } = parseInput(LoadSnapshotOptionsSchema, { complianceProfile: call?.complianceProfile }, 'loadSnapshot');
      const request = buildSnapshotRequest(mapping, valid, { apiVersion: client.apiVersion, now: now() });
      const response = await client.composite(request, call);
      // In slices: a big account's records are mapped and validated without a long task (issue 18).
      return mapSnapshotInSlices(mapping, response, { now: now(), apiUsage: client.lastApiUsage(), complianceProfile, holidays: options.holidays ?? defaultHolidaySource, slices: {
        signal: call?.signal,
        cancelled: () => new ConnectorError({ kind: 'network', detail: 'loadSnapshot: cancelled', retryable: false }),
      } });
    },

    async listContacts(accountId: string, call?: CallOptions): Promise<Contact[]> {
      assertIds({ accountId });
      // Same single-composite path as the snapshot, with only the account section mapped.
      const contactsOnly: MappingConfig = { ...mapping, promise: null, plan: null, settlement: null, dispute: null, payment: null, notes: false };
      const request = buildSnapshotRequest(contactsOnly, { id: accountId, objectType: 'account' }, { apiVersion: client.apiVersion, now: now() });
      const response = await client.composite(request, call);
      return mapSnapshot(contactsOnly, response, { now: now() }).contacts;
    },

    logCall: (input, call) => write('logCall', LogCallInputSchema, input, (v) => ({ accountId: v.accountId, contactId: v.contactId, invoiceIds: v.invoiceIds }), call),
    logActivity: (input, call) => write('logActivity', LogActivityInputSchema, input, (v) => ({ accountId: v.accountId, contactId: v.contactId }), call),
    addNote: (input, call) => write('addNote', AddNoteInputSchema, input, (v) => ({ accountId: v.accountId }), call),
    recordPromise: (input, call) => write('recordPromise', RecordPromiseInputSchema, input, (v) => ({ accountId: v.accountId, contactId: v.contactId, invoiceIds: v.invoiceIds }), call),
    savePaymentPlan: (input, call) => write('savePaymentPlan', SavePaymentPlanInputSchema, input, (v) => ({ accountId: v.accountId, planId: v.planId, invoiceIds: v.invoiceIds }), call),
    raiseDispute: (input, call) => write('raiseDispute', RaiseDisputeInputSchema, input, (v) => ({ accountId: v.accountId, contactId: v.contactId, invoiceIds: v.lines.map((l) => l.invoiceId) }), call),
    updateDispute: (input, call) => write('updateDispute', UpdateDisputeInputSchema, input, (v) => ({ accountId: v.accountId, disputeId: v.disputeId }), call),
    async listDisputesForOwner(userId: string, call?: CallOptions): Promise<OwnerDisputeList> {
      assertIds({ userId });
      // One query: the list is capped (OWNER_DISPUTES_LIMIT + 1 rows), so no paging.
      const { records } = await client.query(ownerDisputesQuery(mapping, userId), call);
      return mapOwnerDisputes(mapping, records, userId);
    },

    async answerDispute(input: AnswerDisputeInput, call?: CallOptions) {
      const valid = parseInput(AnswerDisputeInputSchema, input, 'answerDispute');
      assertIds({ accountId: valid.accountId, disputeId: valid.disputeId });
      ownerMapping(mapping);
      checkAnswerInput(valid);
      // The same write-once rule as the collector's writes: a repeat of a committed key finds its dispute.
      return writeOnce(describeAnswerDispute(valid) as unknown as NeutralWrite, call);
    },

    recordSettlementOffer: (input, call) => write('recordSettlementOffer', RecordSettlementInputSchema, input, (v) => ({ accountId: v.accountId, invoiceIds: v.invoiceIds }), call),
    completeFollowUp: (input, call) => write('completeFollowUp', CompleteFollowUpInputSchema, input, (v) => ({ accountId: v.accountId, taskId: v.taskId }), call),
    decideSettlement: (input, call) => write('decideSettlement', DecideSettlementInputSchema, input, (v) => ({ accountId: v.accountId, settlementId: v.settlementId }), call),
  };
  return port;
}

/** Contacts SOQL for one account (for hosts that query directly). */
export function contactsQuery(mapping: MappingConfig, accountId: string): string {
  return select({ fields: ['Id', ...Object.values(mapping.contact.fields).filter((f): f is string => !!f)], from: 'Contact', where: [`AccountId = ${soqlId(accountId)}`], orderBy: 'Name', limit: 200 });
}
