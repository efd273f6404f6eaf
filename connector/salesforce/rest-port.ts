/**
 * CollectionsPort over the Salesforce REST API. `loadSnapshot` = exactly ONE HTTP request (one
 * `/composite`). Writes validate first, carry the client's idempotency key, and retry row locks.
 *
 * Idempotency:
 * - custom objects and Case: upsert by `Idempotency_Key__c` → a retry updates, never duplicates;
 * - Task and ContentNote (no external id): the first attempt creates; when its outcome is unknown
 *   (timeout, network), the key is remembered and the retry FIRST queries for it (Task by
 *   `Idempotency_Key__c`, note by its title marker) and creates only when absent. Pass a persistent
 *   `unknownOutcomeKeys` store (e.g. chrome.storage-backed) to survive service-worker restarts, or
 *   `verifyBeforeCreate: 'always'` to pay one extra query per Task/note write for certainty.
 */
import { ConnectorError } from '../errors';
import type {
  AccountSnapshot,
  CallOptions,
  CollectionsPort,
  RecordRef,
  WriteResult,
  ApiUsage,
} from '../port';
import {
  AddNoteInputSchema,
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
import { PLAN_STATUS } from './picklists';
import { withRowLockRetry } from './retry';
import type { RowLockRetryOptions } from './retry';
import { buildSnapshotRequest } from './snapshot/build';
import { mapSnapshot } from './snapshot/map';
import { select, soqlId } from './soql';
import { dayInZone } from './values';
import { activityTaskRecord, callTaskRecord, taskByKeyQuery } from './writes/activity';
import { noteByKeyQuery, noteComposite } from './writes/note';
import { disputeComposite, disputeUpdateRecord, planByKeyQuery, planComposite, promiseRecord, settlementRecord } from './writes/records';
import { assertIds, parseInput } from './writes/validate';

/** Remembers keys whose write outcome is unknown. */
export interface UnknownOutcomeStore {
  has(key: string): boolean | Promise<boolean>;
  add(key: string): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

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
  verifyBeforeCreate?: 'after-unknown-outcome' | 'always';
}

/** The port plus Salesforce-specific helpers (setup check, the raw client). */
export interface SalesforcePort extends CollectionsPort {
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
  const memoryKeys = new Set<string>();
  const unknownKeys: UnknownOutcomeStore = options.unknownOutcomeKeys ?? {
    has: (key) => memoryKeys.has(key),
    add: (key) => {
      memoryKeys.add(key);
    },
    delete: (key) => {
      memoryKeys.delete(key);
    },
  };
  const verifyAlways = options.verifyBeforeCreate === 'always';
  const retry = <T>(operation: () => Promise<T>): Promise<T> => withRowLockRetry(operation, options.rowLockRetry);
  const today = (): string => dayInZone(now(), timeZone);

  /** Create-without-external-id with "check first if the last attempt's outcome is unknown". */
  async function createOnce(key: string, findExisting: () => Promise<string | null>, create: () => Promise<string>): Promise<WriteResult> {
    if (verifyAlways || (await unknownKeys.has(key))) {
      const existing = await findExisting();
      if (existing) {
        await unknownKeys.delete(key);
        return { id: existing, created: false };
      }
    }
    await unknownKeys.add(key);
    try {
      const id = await retry(create);
      await unknownKeys.delete(key);
      return { id, created: true };
    } catch (error) {
      const outcomeUnknown = error instanceof ConnectorError && (error.kind === 'timeout' || error.kind === 'network');
      if (!outcomeUnknown) {
        await unknownKeys.delete(key);
      }
      throw error;
    }
  }

  async function upsertOne(sobject: string, keyField: string, key: string, record: Record<string, unknown>, call?: CallOptions): Promise<WriteResult> {
    const result = await retry(() => client.upsert(sobject, keyField, key, record, call));
    return { id: result.id, created: result.created === true };
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

  const port: SalesforcePort = {
    client,
    mapping,
    setupCheck: () => setupCheck(client, mapping),

    async loadSnapshot(ref: RecordRef, call?: CallOptions): Promise<AccountSnapshot> {
      const valid = parseInput(RecordRefSchema, ref, 'loadSnapshot');
      const request = buildSnapshotRequest(mapping, valid, { apiVersion: client.apiVersion, now: now() });
      const response = await client.composite(request, call);
      return mapSnapshot(mapping, response, { now: now(), apiUsage: client.lastApiUsage() });
    },

    async listContacts(accountId: string, call?: CallOptions): Promise<Contact[]> {
      assertIds({ accountId });
      // Same single-composite path as the snapshot, with only the account section mapped.
      const contactsOnly: MappingConfig = { ...mapping, promise: null, plan: null, settlement: null, dispute: null, payment: null, notes: false };
      const request = buildSnapshotRequest(contactsOnly, { id: accountId, objectType: 'account' }, { apiVersion: client.apiVersion, now: now() });
      const response = await client.composite(request, call);
      return mapSnapshot(contactsOnly, response, { now: now() }).contacts;
    },

    async logCall(input, call) {
      const valid = parseInput(LogCallInputSchema, input, 'logCall');
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.invoiceIds });
      const record = callTaskRecord(mapping, valid, { timeZone });
      return createOnce(
        valid.idempotencyKey,
        async () => (await client.query(taskByKeyQuery(mapping, valid.idempotencyKey), call)).records[0]?.Id ?? null,
        async () => (await client.create('Task', record, call)).id,
      );
    },

    async logActivity(input, call) {
      const valid = parseInput(LogActivityInputSchema, input, 'logActivity');
      assertIds({ accountId: valid.accountId, contactId: valid.contactId });
      const record = activityTaskRecord(mapping, valid, { timeZone });
      return createOnce(
        valid.idempotencyKey,
        async () => (await client.query(taskByKeyQuery(mapping, valid.idempotencyKey), call)).records[0]?.Id ?? null,
        async () => (await client.create('Task', record, call)).id,
      );
    },

    async addNote(input, call) {
      const valid = parseInput(AddNoteInputSchema, input, 'addNote');
      assertIds({ accountId: valid.accountId });
      if (!mapping.notes) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Notes are not enabled in this org.' });
      }
      return createOnce(
        valid.idempotencyKey,
        async () => {
          const found = (await client.query(noteByKeyQuery(valid), call)).records[0];
          return typeof found?.ContentDocumentId === 'string' ? found.ContentDocumentId : null;
        },
        async () => {
          const response = await client.composite(noteComposite(valid, client.dataPath), call);
          throwIfCompositeFailed(response, 'addNote');
          return subresult(response, 'note', 'addNote').id;
        },
      );
    },

    async recordPromise(input, call) {
      const valid = parseInput(RecordPromiseInputSchema, input, 'recordPromise');
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.invoiceIds });
      const p = mapping.promise;
      if (!p) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Promises to pay are not set up in this org.' });
      }
      return upsertOne(p.object, p.fields.idempotencyKey, valid.idempotencyKey, promiseRecord(mapping, valid, today()), call);
    },

    async savePaymentPlan(input, call) {
      const valid = parseInput(SavePaymentPlanInputSchema, input, 'savePaymentPlan');
      assertIds({ accountId: valid.accountId, planId: valid.planId, invoiceIds: valid.invoiceIds });
      const plan = mapping.plan;
      if (!plan) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Payment plans are not set up in this org.' });
      }
      if (valid.planId) {
        const planId = valid.planId;
        await retry(() => client.update(plan.object, planId, { [plan.fields.status]: PLAN_STATUS.toSalesforce(valid.status) }, call));
        return { id: planId, created: false };
      }
      // Plans are written once per key: a plan exists only with its full schedule (allOrNone), so an
      // existing plan means this write already happened and is answered as-is: its instalments (which
      // may have been paid since) are never rewritten, and their master-detail field is only ever set
      // on insert, so it need not be reparentable.
      const findPlan = async (): Promise<string | null> => {
        const id = (await client.query(planByKeyQuery(mapping, valid.idempotencyKey), call)).records[0]?.Id;
        return typeof id === 'string' ? id : null;
      };
      const existingId = await findPlan();
      if (existingId) {
        return { id: existingId, created: false };
      }
      try {
        return await compositeWrite(planComposite(mapping, valid, client.dataPath, today()), 'plan', 'savePaymentPlan', call);
      } catch (error) {
        // A concurrent save of the same key (double submit) committed first: our instalment
        // creates hit its unique keys and everything of ours rolled back. That plan is this write.
        if (error instanceof ConnectorError && error.crmCode === 'DUPLICATE_VALUE') {
          const winner = await findPlan();
          if (winner) {
            return { id: winner, created: false };
          }
        }
        throw error;
      }
    },

    async raiseDispute(input, call) {
      const valid = parseInput(RaiseDisputeInputSchema, input, 'raiseDispute');
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.lines.map((l) => l.invoiceId) });
      return compositeWrite(disputeComposite(mapping, valid, client.dataPath), 'case', 'raiseDispute', call);
    },

    async updateDispute(input, call) {
      const valid = parseInput(UpdateDisputeInputSchema, input, 'updateDispute');
      assertIds({ accountId: valid.accountId, disputeId: valid.disputeId });
      const record = disputeUpdateRecord(mapping, valid);
      await retry(() => client.update('Case', valid.disputeId, record, call));
      return { id: valid.disputeId, created: false };
    },

    async recordSettlementOffer(input, call) {
      const valid = parseInput(RecordSettlementInputSchema, input, 'recordSettlementOffer');
      assertIds({ accountId: valid.accountId, invoiceIds: valid.invoiceIds });
      const s = mapping.settlement;
      if (!s) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Settlement offers are not set up in this org.' });
      }
      return upsertOne(s.object, s.fields.idempotencyKey, valid.idempotencyKey, settlementRecord(mapping, valid), call);
    },
  };
  return port;
}

/** Contacts SOQL for one account (for hosts that query directly). */
export function contactsQuery(mapping: MappingConfig, accountId: string): string {
  return select({ fields: ['Id', ...Object.values(mapping.contact.fields).filter((f): f is string => !!f)], from: 'Contact', where: [`AccountId = ${soqlId(accountId)}`], orderBy: 'Name', limit: 200 });
}
