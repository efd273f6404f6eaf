/**
 * An in-memory CollectionsPort with the real contract: inputs validated with the port's schemas,
 * idempotent writes per method and key (a repeated key returns the existing record's id with
 * created: false, never a silent no-op and never a duplicate), AbortSignal honoured, a request log
 * with per-method counts, and failure injection for every ConnectorError kind, before the write or
 * after it committed (a timeout whose write went through, as the real CRM can do).
 */
import { ConnectorError, type ConnectorErrorKind } from '../../connector/errors';
import { withDerivedData } from '../../connector/snapshot-derived';
import { checkDisputeAgainstInvoices, checkPlanAgainstAccountInvoices, checkWriteRules } from '../../connector/writes/validate';
import { schemaIssueInWords } from '../../connector/writes/issue-words';
import type { HolidaySource } from '../../connector/snapshot-derived';
import { describeWrite } from '../../connector/writes/plan';
import type { NeutralWrite, PortWriteMethod } from '../../connector/writes/plan';
import { createWriteOnce } from '../../connector/writes/write-once';
import type { WriteOnce } from '../../connector/writes/write-once';
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
  type DecideSettlementInput,
  type CompleteFollowUpInput,
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

/** The fake CRM behind one or more FakePorts: records, and the unique key per write kind. */
interface FakeCrm {
  snapshots: Map<string, AccountSnapshot>;
  results: Map<string, WriteResult>;
  seq: number;
}

export class FakePort implements CollectionsPort {
  readonly snapshots: Map<string, AccountSnapshot>;
  readonly log: LoggedCall[] = [];
  /** Public holidays for the snapshot's calendar, as a Node or service-worker adapter has them (decision 0021). */
  holidays: HolidaySource | undefined;
  private readonly crm: FakeCrm;
  private readonly failures: { method: Method; error: Error; afterWrite: boolean }[] = [];
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;
  /** Checks by key that fail (the network is still down right after a lost answer). */
  private unreachableChecks: Error[] = [];
  /** Each send's effect on the fake CRM, by the neutral write it belongs to. */
  private readonly effects = new WeakMap<NeutralWrite, (s: AccountSnapshot, id: string) => void>();
  /** The one write-once layer (connector/writes/write-once.ts), as around every real port. */
  private readonly writeOnce: WriteOnce;

  /** `today`: the port's clock (its derived data is computed at 13:10 UTC that day, the fixtures' NOW). */
  constructor(snapshots: AccountSnapshot[], private readonly today = '2026-11-20', crm?: FakeCrm) {
    this.crm = crm ?? { snapshots: new Map(), results: new Map(), seq: 0 };
    this.snapshots = this.crm.snapshots;
    for (const s of snapshots) {
      this.snapshots.set(s.account.id, structuredClone(s));
    }
    this.writeOnce = createWriteOnce({
      findByKey: async (write) => {
        const down = this.unreachableChecks.shift();
        if (down) {
          throw down;
        }
        return this.crm.results.get(this.slot(write))?.id ?? null;
      },
      send: async (write) => this.send(write),
    });
  }

  /** A new port on the same fake CRM that remembers nothing (a reload without a store, a restarted worker). */
  restarted(): FakePort {
    return new FakePort([], this.today, this.crm);
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
    return [...this.crm.results.keys()].filter((key) => key.startsWith(`${method}:`)).length;
  }

  /** How many records the fake CRM holds that `method` wrote under `key` (0 or 1: the key is unique). */
  recordsWithKey(method: Method, key: string): number {
    return this.crm.results.has(`${method}:${key}`) ? 1 : 0;
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

  /** Keys are unique per write kind, like the real CRM (one unique key field per object). */
  private slot(write: NeutralWrite): string {
    return `${write.method}:${write.key}`;
  }

  /** What the fake CRM does with one send: refuses a taken key (DUPLICATE_VALUE), else writes. */
  private send(write: NeutralWrite): WriteResult {
    const method = write.method;
    const apply = this.effects.get(write);
    if (write.operation === 'update') {
      apply?.(this.account(write.accountId), write.targetId ?? '');
      return { id: write.targetId ?? '', created: false };
    }
    if (this.crm.results.has(this.slot(write))) {
      throw new ConnectorError({ kind: 'validation', crmCode: 'DUPLICATE_VALUE', status: 400, detail: `duplicate key ${write.key}` });
    }
    if (method === 'raiseDispute') {
      checkDisputeAgainstInvoices(write.input as RaiseDisputeInput, this.account(write.accountId).invoices);
    }
    if (method === 'savePaymentPlan') {
      checkPlanAgainstAccountInvoices(write.input as SavePaymentPlanInput, this.account(write.accountId).invoices);
    }
    const id = `${method}-${++this.crm.seq}`;
    apply?.(this.account(write.accountId), id);
    this.crm.results.set(this.slot(write), { id, created: true });
    try {
      this.takeFailure(method, true);
    } catch (error) {
      // The answer is lost; the connection stays down for the check right after it.
      this.unreachableChecks.push(error as Error);
      throw error;
    }
    return { id, created: true };
  }

  private write<I extends { idempotencyKey: string; accountId: string }>(method: PortWriteMethod, input: I, apply: (s: AccountSnapshot, id: string) => void): Promise<WriteResult> {
    const parsed = PORT_INPUT_SCHEMAS[method].safeParse(input);
    if (!parsed.success) {
      throw new ConnectorError({ kind: 'invalid_input', detail: JSON.stringify(parsed.error.issues), fields: parsed.error.issues.map((i) => i.path.join('.')), userMessage: parsed.error.issues.map((i) => schemaIssueInWords(i, input)).join(' ') });
    }
    checkWriteRules(method, parsed.data as never, { today: this.today, now: this.now() });
    const write = describeWrite(method, parsed.data as never) as NeutralWrite;
    this.effects.set(write, apply);
    return this.writeOnce(write);
  }

  async loadSnapshot(ref: RecordRef, options?: CallOptions & LoadSnapshotOptions): Promise<AccountSnapshot> {
    await this.enter('loadSnapshot', ref, options);
    const found = this.snapshots.get(ref.id);
    if (!found) {
      throw new ConnectorError({ kind: 'not_found' });
    }
    // Like every adapter: compliance rules (host override or the account's profile) and priority derived from the records.
    const { complianceRules: _rules, priority: _priority, ...mapped } = structuredClone(found);
    return withDerivedData(mapped, { complianceProfile: options?.complianceProfile, now: this.now(), holidays: this.holidays });
  }

  async listContacts(accountId: string, options?: CallOptions): Promise<Contact[]> {
    await this.enter('listContacts', accountId, options);
    return structuredClone(this.account(accountId).contacts);
  }

  async logCall(input: LogCallInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('logCall', input, options);
    return this.write('logCall', input, (s, id) => {
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
      });
      // An agreed follow-up becomes an open task due that day, as the adapters write it.
      if (input.followUpDate !== null) {
        s.followUps = [...(s.followUps ?? []), { id: `${id}-fu`, subject: 'Follow up', dueDate: input.followUpDate, contactId: input.contactId }];
      }
    });
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
    return this.write('savePaymentPlan', input, (s, id) => {
      // With a planId the write changes that plan's status (agreed, cancelled), as the adapters do.
      const existing = input.planId === null ? undefined : s.plans.find((p) => p.id === input.planId);
      if (existing) {
        existing.status = input.status;
        return;
      }
      s.plans.push({ id, status: input.status, frequency: input.frequency, total: input.total, downPayment: input.downPayment, instalments: input.instalments, invoiceIds: input.invoiceIds, createdOn: this.today });
    });
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

  /** Completing a follow-up removes it from the open ones; completing one already done changes nothing. */
  async completeFollowUp(input: CompleteFollowUpInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('completeFollowUp', input, options);
    return this.write('completeFollowUp', input, (s) => {
      s.followUps = (s.followUps ?? []).filter((f) => f.id !== input.taskId);
    });
  }

  /** Like the Salesforce adapter: only an offer awaiting approval is decided; a repeat of the same decision changes nothing. */
  async decideSettlement(input: DecideSettlementInput, options?: CallOptions): Promise<WriteResult> {
    await this.enter('decideSettlement', input, options);
    return this.write('decideSettlement', input, (s) => {
      const offer = s.settlements.find((o) => o.id === input.settlementId);
      const target = input.decision === 'approved' ? 'offered' : 'rejected';
      if (offer?.status === target) {
        return;
      }
      if (!offer || offer.status !== 'pending_approval') {
        throw new ConnectorError({ kind: 'validation', fields: ['settlementId'], userMessage: 'This settlement is not awaiting approval any more: reload to see its status.' });
      }
      offer.status = target;
    });
  }
}

/**
 * A port that returns the snapshot exactly as given. FakePort derives its snapshots (as every connector
 * does); the compliance tests need one before that step (the LWC's mapping before paint) or with a part
 * the derived step would replace (a malformed holiday calendar).
 */
export class GivenSnapshotPort extends FakePort {
  constructor(private readonly given: AccountSnapshot) {
    super([given]);
  }

  override async loadSnapshot(): Promise<AccountSnapshot> {
    return this.given;
  }
}
