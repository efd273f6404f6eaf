/**
 * An in-memory CollectionsPort with the real contract: inputs validated with the port's schemas,
 * idempotent writes per method and key (a repeated key returns the existing record's id with
 * created: false, never a silent no-op and never a duplicate), AbortSignal honoured, a request log
 * with per-method counts, and failure injection for every ConnectorError kind, before the write or
 * after it committed (a timeout whose write went through, as the real CRM can do).
 */
import { ConnectorError, type ConnectorErrorKind } from '../../connector/errors';
import { withDerivedData } from '../../connector/snapshot-derived';
import { checkDisputeAgainstInvoices, checkWriteRules } from '../../connector/writes/validate';
import {
  PORT_INPUT_SCHEMAS,
  type AccountSnapshot,
  type CallOptions,
  type CollectionsPort,
  type LoadSnapshotOptions,
  type LogActivityInput,
  type LogCallInput,
  type RaiseDisputeInput,
  type RecordPromiseInput,
  type RecordRef,
  type RecordSettlementInput,
  type SavePaymentPlanInput,
  type WriteResult,
  type AddNoteInput,
  type UpdateDisputeInput,
} from '../../connector/port';
import type { Contact } from '../../connector/domain/model';

type Method = keyof CollectionsPort;

export interface LoggedCall {
  method: Method;
  input: unknown;
}

function abortError(): Error {
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

export class FakePort implements CollectionsPort {
  readonly snapshots = new Map<string, AccountSnapshot>();
  readonly log: LoggedCall[] = [];
  private readonly results = new Map<string, WriteResult>();
  private readonly failures: { method: Method; error: Error; afterWrite: boolean }[] = [];
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private seq = 0;

  /** `today`: the port's clock (its derived data is computed at 13:10 UTC that day, the fixtures' NOW). */
  constructor(snapshots: AccountSnapshot[], private readonly today = '2026-11-20') {
    for (const s of snapshots) {
      this.snapshots.set(s.account.id, structuredClone(s));
    }
  }

  /** The port's clock: 13:10 UTC on `today`, the fixtures' NOW. */
  private now(): Date {
    return new Date(`${this.today}T13:10:00Z`);
  }

  /**
   * The next call of `method` fails with a ConnectorError of `kind` (or the given error). With
   * `afterWrite`, the record is written first and only the answer is lost (commit, then timeout).
   */
  failNext(method: Method, kind: ConnectorErrorKind | Error, options: { afterWrite?: boolean } = {}): void {
    this.failures.push({ method, error: kind instanceof Error ? kind : new ConnectorError({ kind }), afterWrite: options.afterWrite === true });
  }

  /** Hold loadSnapshot until release() (to observe loading states and aborts). */
  hold(): () => void {
    this.gate = new Promise((resolve) => {
      this.release = () => {
        this.gate = null;
        resolve();
      };
    });
    return () => this.release?.();
  }

  /** How many times `method` was sent (failed attempts included). */
  count(method: Method): number {
    return this.log.filter((c) => c.method === method).length;
  }

  /** Distinct records `method` created (repeats of a key are not counted). */
  created(method: Method): number {
    return [...this.results.keys()].filter((key) => key.startsWith(`${method}:`)).length;
  }

  /** Inputs `method` was sent with, in order. */
  inputs<T>(method: Method): T[] {
    return this.log.filter((c) => c.method === method).map((c) => c.input as T);
  }

  private takeFailure(method: Method, afterWrite: boolean): void {
    const index = this.failures.findIndex((f) => f.method === method && f.afterWrite === afterWrite);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw failure?.error;
    }
  }

  private async enter(method: Method, input: unknown, options?: CallOptions): Promise<void> {
    this.log.push({ method, input: structuredClone(input) });
    if (options?.signal?.aborted) {
      throw abortError();
    }
    await Promise.resolve();
    const gate = method === 'loadSnapshot' ? this.gate : null;
    if (gate) {
      await new Promise<void>((resolve, reject) => {
        options?.signal?.addEventListener('abort', () => reject(abortError()), { once: true });
        void gate.then(resolve);
      });
    }
    this.takeFailure(method, false);
  }

  private account(accountId: string): AccountSnapshot {
    const snapshot = this.snapshots.get(accountId);
    if (!snapshot) {
      throw new ConnectorError({ kind: 'not_found' });
    }
    return snapshot;
  }

  private write<I extends { idempotencyKey: string; accountId: string }>(method: keyof typeof PORT_INPUT_SCHEMAS, input: I, apply: (s: AccountSnapshot, id: string) => void): WriteResult {
    const parsed = PORT_INPUT_SCHEMAS[method].safeParse(input);
    if (!parsed.success) {
      throw new ConnectorError({ kind: 'invalid_input', detail: JSON.stringify(parsed.error.issues), fields: parsed.error.issues.map((i) => i.path.join('.')) });
    }
    checkWriteRules(method, parsed.data as never, { today: this.today, now: this.now() });
    // Keys are scoped per write kind, like the real port (one external-id field per object).
    const key = `${method}:${input.idempotencyKey}`;
    const previous = this.results.get(key);
    if (previous) {
      this.takeFailure(method, true);
      return { id: previous.id, created: false };
    }
    if (method === 'raiseDispute') {
      checkDisputeAgainstInvoices(parsed.data as RaiseDisputeInput, this.account(input.accountId).invoices);
    }
    const id = `${method}-${++this.seq}`;
    apply(this.account(input.accountId), id);
    this.results.set(key, { id, created: true });
    this.takeFailure(method, true);
    return { id, created: true };
  }

  async loadSnapshot(ref: RecordRef, options?: CallOptions & LoadSnapshotOptions): Promise<AccountSnapshot> {
    await this.enter('loadSnapshot', ref, options);
    const found = this.snapshots.get(ref.id);
    if (!found) {
      throw new ConnectorError({ kind: 'not_found' });
    }
    // Like every adapter: compliance rules (host override or the account's profile) and priority derived from the records.
    const { complianceRules: _rules, priority: _priority, ...mapped } = structuredClone(found);
    return withDerivedData(mapped, { complianceProfile: options?.complianceProfile, now: this.now() });
  }

  async listContacts(accountId: string, options?: CallOptions): Promise<Contact[]> {
    await this.enter('listContacts', accountId, options);
    return structuredClone(this.account(accountId).contacts);
  }

  async logCall(input: LogCallInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('logCall', input, options);
    return this.write('logCall', input, (s, id) =>
      s.activities.unshift({
        id,
        kind: 'call',
        direction: input.direction,
        occurredAt: input.occurredAt,
        contactId: input.contactId,
        disposition: input.disposition,
        durationSeconds: input.durationSeconds,
        conversation: input.conversation,
        subject: 'Call',
        body: input.notes,
        complianceOverride: input.complianceOverride,
      }),
    );
  }

  async logActivity(input: LogActivityInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('logActivity', input, options);
    return this.write('logActivity', input, (s, id) =>
      s.activities.unshift({
        id,
        kind: input.kind,
        direction: 'outbound',
        occurredAt: input.occurredAt,
        contactId: input.contactId,
        conversation: input.conversation,
        subject: input.subject,
        body: input.body,
        complianceOverride: input.complianceOverride,
      }),
    );
  }

  async addNote(input: AddNoteInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('addNote', input, options);
    return this.write('addNote', input, (s, id) =>
      s.activities.unshift({ id, kind: 'note', direction: 'outbound', occurredAt: `${this.today}T00:00:00Z`, conversation: false, subject: input.title, body: input.body }),
    );
  }

  async recordPromise(input: RecordPromiseInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('recordPromise', input, options);
    return this.write('recordPromise', input, (s, id) =>
      s.promises.push({ id, takenOn: this.today, dueDate: input.dueDate, amount: input.amount, invoiceIds: input.invoiceIds, status: 'pending', contactId: input.contactId, note: input.note }),
    );
  }

  async savePaymentPlan(input: SavePaymentPlanInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('savePaymentPlan', input, options);
    return this.write('savePaymentPlan', input, (s, id) =>
      s.plans.push({ id, status: input.status, frequency: input.frequency, total: input.total, downPayment: input.downPayment, instalments: input.instalments, invoiceIds: input.invoiceIds, createdOn: this.today }),
    );
  }

  async raiseDispute(input: RaiseDisputeInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('raiseDispute', input, options);
    return this.write('raiseDispute', input, (s, id) =>
      s.disputes.push({ id, reference: null, reason: input.reason, status: 'open', lines: input.lines, owner: s.account.owner, openedOn: this.today, slaDueDate: input.slaDueDate, evidence: input.evidence, resolution: null }),
    );
  }

  async updateDispute(input: UpdateDisputeInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('updateDispute', input, options);
    return this.write('updateDispute', input, (s) => {
      const dispute = s.disputes.find((d) => d.id === input.disputeId);
      if (dispute) {
        dispute.status = input.status;
        dispute.resolution = input.resolution;
      }
    });
  }

  async recordSettlementOffer(input: RecordSettlementInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('recordSettlementOffer', input, options);
    return this.write('recordSettlementOffer', input, (s, id) =>
      s.settlements.push({ id, status: input.status, balance: input.balance, offerAmount: input.offerAmount, expiresOn: input.expiresOn, invoiceIds: input.invoiceIds, remainderTreatment: input.remainderTreatment, createdOn: this.today }),
    );
  }
}
