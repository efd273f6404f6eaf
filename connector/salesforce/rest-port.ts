/**
 * CollectionsPort over the Salesforce REST API. `loadSnapshot` = exactly ONE HTTP request (one
 * `/composite`). Writes validate first, carry the client's idempotency key, and retry row locks.
 *
 * Idempotency (docs/decisions/0005-idempotent-writes.md): the same key never writes twice.
 * - A key written by this port is remembered (key → record id, bounded LRU): calling the write again
 *   answers `{ id, created: false }` without a request (the widget's Retry re-sends every step).
 * - The FIRST attempt of a key is one request: Task/ContentNote are created, custom objects and
 *   Case are upserted by `Idempotency_Key__c`.
 * - A key attempted before (in this process, or listed by the `unknownOutcomeKeys` store, which
 *   keeps every attempted key until it expires) is checked FIRST by a query on the key: found →
 *   `created: false` and nothing is written, so a retry neither duplicates a Task/note nor resets
 *   what sales changed since on a promise, dispute or settlement (Status, OwnerId...). Pass a
 *   persistent store (e.g. chrome.storage-backed) to keep this across service-worker restarts, or
 *   `verifyBeforeCreate: 'always'` to pay one extra query per Task/note write for certainty.
 * - Calls with the same key are serialised, so a double click cannot race two creates.
 */
import { ConnectorError } from '../errors';
import type {
  AccountSnapshot,
  CallOptions,
  CollectionsPort,
  LoadSnapshotOptions,
  RecordRef,
  WriteResult,
  ApiUsage,
} from '../port';
import {
  AddNoteInputSchema,
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
import { PLAN_STATUS } from './picklists';
import { withRowLockRetry } from './retry';
import { BoundedCache } from './bounded-cache';
import type { RowLockRetryOptions } from './retry';
import { buildSnapshotRequest } from './snapshot/build';
import { mapSnapshot } from './snapshot/map';
import { select, soqlId } from './soql';
import { dayInZone } from './values';
import { activityTaskRecord, callTaskRecord, taskByKeyQuery } from './writes/activity';
import { noteByKeyQuery, noteComposite } from './writes/note';
import { byKeyQuery, disputeComposite, disputeUpdateRecord, planByKeyQuery, planComposite, promiseRecord, settlementRecord } from './writes/records';
import { assertIds, parseInput } from './writes/validate';
import { checkDisputeAgainstInvoices, checkWriteRules } from '../writes/validate';
import { disputedInvoices } from './writes/disputed-invoices';

/**
 * Remembers idempotency keys that were attempted and may have been written: the outcome is unknown
 * to a later process (a timeout, or a success answered to a service worker that has restarted since).
 * A key listed here is checked by query before it is written again. The port adds a key before its
 * first attempt and deletes it only when that attempt failed for certain (nothing was written); the
 * store should expire keys itself (a collector retries within minutes or days, not months).
 */
export interface UnknownOutcomeStore {
  has(key: string): boolean | Promise<boolean>;
  add(key: string): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** Keys remembered in memory per port (written and attempted): a day of a busy collector, many times over. */
const KEY_MEMORY_CAPACITY = 1000;

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
  const memoryKeys = new BoundedCache<true>(KEY_MEMORY_CAPACITY);
  const unknownKeys: UnknownOutcomeStore = options.unknownOutcomeKeys ?? {
    has: (key) => memoryKeys.has(key),
    add: (key) => {
      memoryKeys.set(key, true);
    },
    delete: (key) => {
      memoryKeys.delete(key);
    },
  };
  /** Keys this port has written → the record id (answers a repeat without a request). */
  const writtenKeys = new BoundedCache<string>(options.writtenKeysCapacity ?? KEY_MEMORY_CAPACITY);
  /** Keys this port has attempted (succeeded or not): a repeat is checked by query first. */
  const attemptedKeys = new BoundedCache<true>(KEY_MEMORY_CAPACITY);
  /** Tail of the running write per key, so two calls with one key run one after the other. */
  const runningByKey = new Map<string, Promise<unknown>>();
  const verifyAlways = options.verifyBeforeCreate === 'always';
  const retry = <T>(operation: () => Promise<T>): Promise<T> => withRowLockRetry(operation, options.rowLockRetry);
  const today = (): string => dayInZone(now(), timeZone);

  function oneAtATime<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = runningByKey.get(key) ?? Promise.resolve();
    const result = previous.then(operation, operation);
    const tail = result.then(() => undefined, () => undefined);
    runningByKey.set(key, tail);
    void tail.then(() => {
      if (runningByKey.get(key) === tail) {
        runningByKey.delete(key);
      }
    });
    return result;
  }

  /**
   * Write a key at most once. Known written → its id. Attempted before (here or per the store), or
   * `checkFirst` → query by key first; found → that record, nothing written. Otherwise write.
   */
  function writeOnce(key: string, findExisting: () => Promise<string | null>, write: () => Promise<WriteResult>, checkFirst = false): Promise<WriteResult> {
    return oneAtATime(key, async () => {
      const known = writtenKeys.get(key);
      if (known !== undefined) {
        return { id: known, created: false };
      }
      if (checkFirst || attemptedKeys.has(key) || (await unknownKeys.has(key))) {
        const existing = await findExisting();
        if (existing) {
          writtenKeys.set(key, existing);
          return { id: existing, created: false };
        }
      }
      attemptedKeys.set(key, true);
      await unknownKeys.add(key);
      try {
        const result = await write();
        writtenKeys.set(key, result.id);
        // The key stays in the unknown-outcome store: after a restart this memory is gone, and a
        // repeat must still be checked before it writes.
        return result;
      } catch (error) {
        const outcomeUnknown = error instanceof ConnectorError && (error.kind === 'timeout' || error.kind === 'network');
        if (!outcomeUnknown) {
          await unknownKeys.delete(key);
        }
        throw error;
      }
    });
  }

  /** Create-without-external-id (Task, ContentNote): `verifyBeforeCreate: 'always'` checks every time. */
  function createOnce(key: string, findExisting: () => Promise<string | null>, create: () => Promise<string>): Promise<WriteResult> {
    return writeOnce(key, findExisting, async () => ({ id: await retry(create), created: true }), verifyAlways);
  }

  /** The id of the record of `object` carrying this key, or null. */
  async function idByKey(object: string, keyField: string, key: string, call?: CallOptions): Promise<string | null> {
    const id = (await client.query(byKeyQuery(object, keyField, key), call)).records[0]?.Id;
    return typeof id === 'string' ? id : null;
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

    async loadSnapshot(ref: RecordRef, call?: CallOptions & LoadSnapshotOptions): Promise<AccountSnapshot> {
      const valid = parseInput(RecordRefSchema, ref, 'loadSnapshot');
      const { complianceProfile } = parseInput(LoadSnapshotOptionsSchema, { complianceProfile: call?.complianceProfile }, 'loadSnapshot');
      const request = buildSnapshotRequest(mapping, valid, { apiVersion: client.apiVersion, now: now() });
      const response = await client.composite(request, call);
      return mapSnapshot(mapping, response, { now: now(), apiUsage: client.lastApiUsage(), complianceProfile });
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
      checkWriteRules('logCall', valid, { today: today(), now: now() });
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
      checkWriteRules('logActivity', valid, { today: today(), now: now() });
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
      checkWriteRules('recordPromise', valid, { today: today(), now: now() });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.invoiceIds });
      const p = mapping.promise;
      if (!p) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Promises to pay are not set up in this org.' });
      }
      // A repeat is checked first: re-upserting would reset Status and Taken_On__c that changed since.
      return writeOnce(
        valid.idempotencyKey,
        () => idByKey(p.object, p.fields.idempotencyKey, valid.idempotencyKey, call),
        () => upsertOne(p.object, p.fields.idempotencyKey, valid.idempotencyKey, promiseRecord(mapping, valid, today()), call),
      );
    },

    async savePaymentPlan(input, call) {
      const valid = parseInput(SavePaymentPlanInputSchema, input, 'savePaymentPlan');
      checkWriteRules('savePaymentPlan', valid, { today: today(), now: now() });
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
      checkWriteRules('raiseDispute', valid, { today: today(), now: now() });
      assertIds({ accountId: valid.accountId, contactId: valid.contactId, invoiceIds: valid.lines.map((l) => l.invoiceId) });
      const request = disputeComposite(mapping, valid, client.dataPath);
      const d = mapping.dispute;
      if (!d) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Disputes are not set up in this org.' });
      }
      // A repeat is checked first: re-upserting would reset the Case Status, Dispute_Status__c and
      // OwnerId that sales changed since. The Case and its lines are written atomically, so an
      // existing Case means its lines exist too.
      return writeOnce(
        valid.idempotencyKey,
        () => idByKey('Case', d.fields.idempotencyKey, valid.idempotencyKey, call),
        async () => {
          // Checked only when something is about to be sent: a repeat of a written dispute is
          // answered as written even if the invoice was paid since.
          checkDisputeAgainstInvoices(valid, await disputedInvoices(client, mapping, valid.accountId, valid.lines.map((l) => l.invoiceId), call));
          return compositeWrite(request, 'case', 'raiseDispute', call);
        },
      );
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
      checkWriteRules('recordSettlementOffer', valid, { today: today(), now: now() });
      assertIds({ accountId: valid.accountId, invoiceIds: valid.invoiceIds });
      const s = mapping.settlement;
      if (!s) {
        throw new ConnectorError({ kind: 'configuration', userMessage: 'Settlement offers are not set up in this org.' });
      }
      // A repeat is checked first: re-upserting would reset a Status an approver changed since.
      return writeOnce(
        valid.idempotencyKey,
        () => idByKey(s.object, s.fields.idempotencyKey, valid.idempotencyKey, call),
        () => upsertOne(s.object, s.fields.idempotencyKey, valid.idempotencyKey, settlementRecord(mapping, valid), call),
      );
    },
  };
  return port;
}

/** Contacts SOQL for one account (for hosts that query directly). */
export function contactsQuery(mapping: MappingConfig, accountId: string): string {
  return select({ fields: ['Id', ...Object.values(mapping.contact.fields).filter((f): f is string => !!f)], from: 'Contact', where: [`AccountId = ${soqlId(accountId)}`], orderBy: 'Name', limit: 200 });
}
