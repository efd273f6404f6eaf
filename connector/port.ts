/**
 * The CRM-neutral port: everything the collections panel asks of a CRM.
 *
 * The widget talks ONLY to this interface. Adapters implement it: `connector/salesforce/` (REST, in
 * Node/service worker/tests), the extension's messaging proxy (content script → service worker), the
 * LWC host (Lightning Data Service / Apex), and later Dynamics and HubSpot. Types come from the
 * domain model; no CRM field name appears here.
 *
 * Contract every implementation keeps:
 * - `loadSnapshot` costs at most ONE CRM API round trip.
 * - Every write carries a client-generated `idempotencyKey`; calling the same write again with the same
 *   key (after a timeout, a crash, a retry) returns the same record and never creates a duplicate.
 * - Failures throw `ConnectorError` (connector/errors.ts) with a kind the panel can show.
 * - Inputs are validated with the schemas below before anything is sent.
 */
import * as z from 'zod/mini';
import {
  AccountSchema,
  ActivitySchema,
  CallDispositionSchema,
  ContactSchema,
  CreditSchema,
  DisputeReasonSchema,
  DisputeSchema,
  DisputeStatusSchema,
  FollowUpSchema,
  InstalmentSchema,
  InstantSchema,
  InvoiceSchema,
  IsoDateSchema,
  MoneySchema,
  PaymentPlanSchema,
  PaymentSchema,
  PlanFrequencySchema,
  PromiseToPaySchema,
  SettlementOfferSchema,
} from './domain/model';
import type { Contact } from './domain/model';
import { PolicyRulesSchema, WeekdaySchema } from './domain/compliance/profile';
import { PriorityResultSchema } from './domain/model';
import * as V from './domain/vocabulary';

/** A record the collector is looking at. The adapter resolves it to its account inside the same round trip. */
export const RecordRefSchema = z.object({
  /** CRM record id (Salesforce: 15/18-char id of an Account, Contact, Opportunity, Quote or Case). */
  id: z.string().check(z.minLength(1)),
  /** Optional hint; adapters may infer it from the id. Quote: the rep's banner (issue 19). */
  objectType: z.optional(z.enum(['account', 'contact', 'opportunity', 'quote', 'case'])),
});
export type RecordRef = z.infer<typeof RecordRefSchema>;

/** A record that failed validation and was left out of the snapshot, so the rest could still load. */
export const DataQualityNoteSchema = z.object({
  /** Neutral record kind: 'invoice', 'payment', 'promise', 'plan', 'instalment', 'dispute', 'contact', 'activity', 'account'. */
  recordKind: z.string(),
  recordId: z.nullable(z.string()),
  /** Neutral field name, e.g. 'dueDate'. */
  field: z.nullable(z.string()),
  message: z.string(),
});
export type DataQualityNote = z.infer<typeof DataQualityNoteSchema>;

export const ApiUsageSchema = z.object({ used: z.int(), total: z.int() });
export type ApiUsage = z.infer<typeof ApiUsageSchema>;

/**
 * The debtor country's working calendar for the coming weeks (decision 0021): its weekend days
 * (CLDR) and public holidays from the holiday library where the adapter runs it (date-holidays,
 * Node/service worker only). `holidays` is null when no holiday data is available there or for the
 * country: the panel then says public holidays were not checked.
 */
export const WorkingCalendarSchema = z.object({
  /** ISO 3166-1 alpha-2 country (the account's, else the policy's default calendar). */
  country: z.string(),
  region: z.nullable(z.string()),
  weekend: z.array(WeekdaySchema),
  /** First and last local date covered by `holidays`. */
  from: IsoDateSchema,
  to: IsoDateSchema,
  holidays: z.nullable(z.array(z.object({ date: IsoDateSchema, name: z.string() }))),
  /** Where the holidays come from, e.g. 'date-holidays 3.37.0'; null without holidays. */
  source: z.nullable(z.string()),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendarSchema>;

/** An open CRM task on the account (a follow-up): the domain model's, re-exported for the port's users. */
export { FollowUpSchema, type FollowUp } from './domain/model';
/** The account's next action in short (connector/snapshot-next-action.ts: the worklist's `nextAction`, decision 0015). */
export const NextActionSummarySchema = z.object({
  status: z.enum(['due', 'scheduled', 'paused', 'blocked', 'none']),
  /** The step's label ("Reminder call"); null when there is no step. */
  label: z.nullable(z.string()),
  /** The account's local day the action is due. */
  dueOn: z.nullable(IsoDateSchema),
  /** Why, in plain words. */
  reason: z.string(),
});
export type NextActionSummary = z.infer<typeof NextActionSummarySchema>;

/** Everything the panel needs about one customer, loaded in one round trip. */
export const AccountSnapshotSchema = z.object({
  account: AccountSchema,
  contacts: z.array(ContactSchema),
  invoices: z.array(InvoiceSchema),
  payments: z.array(PaymentSchema),
  credits: z.array(CreditSchema),
  promises: z.array(PromiseToPaySchema),
  plans: z.array(PaymentPlanSchema),
  settlements: z.array(SettlementOfferSchema),
  disputes: z.array(DisputeSchema),
  /** Calls, emails, visits, notes... newest first. */
  activities: z.array(ActivitySchema),
  /**
   * Activities read but not sent: older than the timeline's newest and than every compliance
   * window (connector/snapshot-activities.ts, decision 0019). Absent from older adapters = none.
   */
  olderActivities: z.optional(z.int().check(z.gte(0))),
  dataQuality: z.array(DataQualityNoteSchema),
  fetchedAt: InstantSchema,
  /** Which CRM and mapping produced this (for support; never used for logic). */
  source: z.object({ crm: z.string(), mapping: z.string() }),
  /** Remaining API allowance when the CRM reports it (Salesforce `Sforce-Limit-Info`). */
  apiUsage: z.nullable(ApiUsageSchema),
  /**
   * The contact-compliance rules in force for this account (connector/compliance-rules.ts: the host's
   * override, else the account's profile, else the B2B default); null when the profile is unknown
   * (a data-quality note says so). The panel's engine applies them live (decision 0009).
   */
  complianceRules: z.nullable(PolicyRulesSchema),
  /**
   * The account's priority scored where the snapshot is assembled, without the compliance gate
   * (connector/snapshot-derived.ts); the panel gates it live (`withComplianceGate`). Null when
   * nothing is open or it could not be scored (a data-quality note says why).
   */
  priority: z.nullable(PriorityResultSchema),
  /** Open tasks (follow-ups) on the account, earliest due first (optional: older adapters omit it). */
  followUps: z.optional(z.array(FollowUpSchema)),
  /** The debtor's working week and public holidays for the coming weeks (optional: older adapters omit it). */
  calendar: z.optional(z.nullable(WorkingCalendarSchema)),
  /** The next action of the collection strategy (absent from adapters that do not derive it yet). */
  nextAction: z.optional(z.nullable(NextActionSummarySchema)),
  /** Capabilities of this CRM/mapping, so the panel hides actions it cannot perform (e.g. read-only invoices). */
  capabilities: z.object({
    promises: z.boolean(),
    plans: z.boolean(),
    settlements: z.boolean(),
    disputes: z.boolean(),
    notes: z.boolean(),
    sendEmail: z.boolean(),
  }),
});
export type AccountSnapshot = z.infer<typeof AccountSnapshotSchema>;

// ---------------------------------------------------------------------------------------------
// Write inputs. Every write: idempotencyKey (client-generated, e.g. crypto.randomUUID()) + accountId.

const WriteBase = {
  /** 8..80 chars of [A-Za-z0-9_-]; the same key always means the same logical write. */
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,80}$/, 'must be 8-80 letters, digits, _ or -')),
  accountId: z.string().check(z.minLength(1)),
};

export const LogCallInputSchema = z.object({
  ...WriteBase,
  contactId: z.nullable(z.string()),
  direction: z.enum(['outbound', 'inbound']),
  disposition: CallDispositionSchema,
  /** Whether the collector spoke with the debtor/representative (starts the Reg F conversation clock). */
  conversation: z.boolean(),
  durationSeconds: z.int().check(z.gte(0), z.lte(86_400)),
  occurredAt: InstantSchema,
  notes: z.string().check(z.maxLength(32_000)),
  followUpDate: z.nullable(IsoDateSchema),
  invoiceIds: z.array(z.string()),
  /** Set when policy allowed calling despite a compliance block: what was blocked and why overridden. */
  complianceOverride: z.nullable(z.string().check(z.maxLength(255))),
});
export type LogCallInput = z.infer<typeof LogCallInputSchema>;

/** Emails (reminders), visits, SMS and letters: anything that is not a call. */
export const LogActivityInputSchema = z.object({
  ...WriteBase,
  kind: z.enum(['email', 'sms', 'visit', 'letter']),
  contactId: z.nullable(z.string()),
  occurredAt: InstantSchema,
  subject: z.string().check(z.maxLength(255)),
  body: z.string().check(z.maxLength(32_000)),
  /** Visits: outcome text/code. */
  outcome: z.nullable(z.string().check(z.maxLength(255))),
  conversation: z.boolean(),
  followUpDate: z.nullable(IsoDateSchema),
  complianceOverride: z.nullable(z.string().check(z.maxLength(255))),
});
export type LogActivityInput = z.infer<typeof LogActivityInputSchema>;

export const AddNoteInputSchema = z.object({
  ...WriteBase,
  title: z.string().check(z.minLength(1), z.maxLength(255)),
  /** Plain text; adapters escape it for the CRM's note format. */
  body: z.string().check(z.maxLength(100_000)),
});
export type AddNoteInput = z.infer<typeof AddNoteInputSchema>;

export const RecordPromiseInputSchema = z.object({
  ...WriteBase,
  contactId: z.nullable(z.string()),
  amount: MoneySchema,
  dueDate: IsoDateSchema,
  invoiceIds: z.array(z.string()),
  note: z.nullable(z.string().check(z.maxLength(32_000))),
});
export type RecordPromiseInput = z.infer<typeof RecordPromiseInputSchema>;

export const SavePaymentPlanInputSchema = z.object({
  ...WriteBase,
  /** Null to create; an existing plan id to update its status. */
  planId: z.nullable(z.string()),
  status: z.enum(['proposed', 'active', 'cancelled']),
  frequency: PlanFrequencySchema,
  total: MoneySchema,
  downPayment: z.nullable(MoneySchema),
  /** The full schedule (from the domain's buildSchedule), saved atomically with the plan. */
  instalments: z.array(InstalmentSchema),
  invoiceIds: z.array(z.string()),
});
export type SavePaymentPlanInput = z.infer<typeof SavePaymentPlanInputSchema>;

export const RaiseDisputeInputSchema = z.object({
  ...WriteBase,
  contactId: z.nullable(z.string()),
  reason: DisputeReasonSchema,
  lines: z.array(z.object({ invoiceId: z.string(), amount: MoneySchema })).check(z.minLength(1)),
  evidence: z.string().check(z.maxLength(32_000)),
  slaDueDate: IsoDateSchema,
});
export type RaiseDisputeInput = z.infer<typeof RaiseDisputeInputSchema>;

export const UpdateDisputeInputSchema = z.object({
  ...WriteBase,
  disputeId: z.string(),
  status: DisputeStatusSchema,
  resolution: z.nullable(z.string().check(z.maxLength(32_000))),
});
export type UpdateDisputeInput = z.infer<typeof UpdateDisputeInputSchema>;

export const RecordSettlementInputSchema = z.object({
  ...WriteBase,
  balance: MoneySchema,
  offerAmount: MoneySchema,
  expiresOn: IsoDateSchema,
  invoiceIds: z.array(z.string()),
  remainderTreatment: z.enum(['extinguished', 'may_be_pursued']),
  /** 'pending_approval' when the domain's settlement policy requires approval. */
  status: z.enum(['draft', 'pending_approval', 'offered']),
  note: z.nullable(z.string().check(z.maxLength(32_000))),
});
export type RecordSettlementInput = z.infer<typeof RecordSettlementInputSchema>;

/**
 * The sales owner's answer to a dispute (issue 19): confirm and request a credit note (full or part of
 * the disputed amount), reject with a reason, or ask the collector for more information. Recorded on
 * the dispute; the collector sees it in the panel's timeline and the worklist.
 */
export const AnswerDisputeInputSchema = z.object({
  ...WriteBase,
  disputeId: z.string().check(z.minLength(1)),
  answer: z.enum(V.DISPUTE_OWNER_ANSWERS),
  /** credit_note only: the credit note's amount (more than zero, at most the disputed amount); null otherwise. */
  creditNote: z.nullable(MoneySchema),
  /** Required for 'rejected' (the reason) and 'more_info' (the question); optional with a credit note. */
  note: z.string().check(z.maxLength(32_000)),
});
export type AnswerDisputeInput = z.infer<typeof AnswerDisputeInputSchema>;

/** A dispute waiting for a sales owner (or escalated to them as the owner's manager), with its account. */
export interface OwnerDispute {
  dispute: z.infer<typeof DisputeSchema>;
  account: { id: string; name: string; country: string | null; currency: string; zone: string | null };
  /** True when the dispute reached this user as the owner's manager (escalated), not as its owner. */
  escalatedToMe: boolean;
}

/** Disputes waiting for one user: as sales owner, and as the manager disputes were escalated to. */
export interface OwnerDisputeList {
  items: OwnerDispute[];
  /** Records left out because they failed validation (the rest still listed). */
  dataQuality: DataQualityNote[];
}

/**
 * The sales owner's side of disputes (issue 19, decision 0022). Apart from {@link CollectionsPort}
 * so hosts that only show the collector's panel (extension proxy, LWC) need not implement it.
 */
export interface DisputeOwnerPort {
  /** Active disputes owned by `userId`, and those escalated to `userId` as the owner's manager; SLA date first. */
  listDisputesForOwner(userId: string, options?: CallOptions): Promise<OwnerDisputeList>;
  /** Record the owner's answer on the dispute (idempotent by key). */
  answerDispute(input: AnswerDisputeInput, options?: CallOptions): Promise<WriteResult>;
}

/**
 * An approver's answer to a settlement awaiting approval: approved → the offer goes out ('offered'),
 * rejected → 'rejected'. Only an offer that is `pending_approval` may be decided (adapters refuse others).
 */
export const DecideSettlementInputSchema = z.object({
  ...WriteBase,
  settlementId: z.string().check(z.minLength(1)),
  decision: z.enum(['approved', 'rejected']),
});
export type DecideSettlementInput = z.infer<typeof DecideSettlementInputSchema>;

/** Mark an open follow-up task done (issue 17). Completing one already done changes nothing. */
export const CompleteFollowUpInputSchema = z.object({
  ...WriteBase,
  taskId: z.string().check(z.minLength(1)),
});
export type CompleteFollowUpInput = z.infer<typeof CompleteFollowUpInputSchema>;

export interface WriteResult {
  /** CRM id of the (main) record written; for a queued write, `queued:<idempotencyKey>` until it is sent. */
  id: string;
  /** False when this key had already been written: the existing record was returned, nothing duplicated. */
  created: boolean;
  /**
   * True when the CRM could not be reached (offline, outage) and the write is stored in the durable
   * outbox (connector/writes/outbox.ts): "queued — will be sent", replayed with the same key.
   */
  queued?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Options of `loadSnapshot` that travel (e.g. to the extension's service worker): no signal. */
export const LoadSnapshotOptionsSchema = z.object({
  /** A shipped profile id that overrides the account's own (host setting), e.g. 'us-fdcpa'. */
  complianceProfile: z.optional(z.string().check(z.regex(V.PROFILE_ID_PATTERN, 'lower-case letters, digits and dashes'), z.maxLength(V.PROFILE_ID_MAX_LENGTH))),
});
export type LoadSnapshotOptions = z.infer<typeof LoadSnapshotOptionsSchema>;

/** The port. See the contract at the top of this file. */
export interface CollectionsPort {
  /** One round trip: the account (resolved from an Account/Contact/Opportunity/Case id) and everything about it. */
  loadSnapshot(ref: RecordRef, options?: CallOptions & LoadSnapshotOptions): Promise<AccountSnapshot>;
  listContacts(accountId: string, options?: CallOptions): Promise<Contact[]>;
  logCall(input: LogCallInput, options?: CallOptions): Promise<WriteResult>;
  logActivity(input: LogActivityInput, options?: CallOptions): Promise<WriteResult>;
  addNote(input: AddNoteInput, options?: CallOptions): Promise<WriteResult>;
  recordPromise(input: RecordPromiseInput, options?: CallOptions): Promise<WriteResult>;
  savePaymentPlan(input: SavePaymentPlanInput, options?: CallOptions): Promise<WriteResult>;
  raiseDispute(input: RaiseDisputeInput, options?: CallOptions): Promise<WriteResult>;
  updateDispute(input: UpdateDisputeInput, options?: CallOptions): Promise<WriteResult>;
  recordSettlementOffer(input: RecordSettlementInput, options?: CallOptions): Promise<WriteResult>;
  /** Approve or reject a settlement awaiting approval (issue 17). */
  decideSettlement(input: DecideSettlementInput, options?: CallOptions): Promise<WriteResult>;
  /** Complete an open follow-up task (issue 17). */
  completeFollowUp(input: CompleteFollowUpInput, options?: CallOptions): Promise<WriteResult>;
}

// In a module of its own (no zod): the LWC record page needs the list, not the port's schemas (decision 0026).
export { PORT_METHODS, type PortMethod } from './port-methods';

/** Input schema per write method, for validation on receipt (extension service worker, LWC host). */
export const PORT_INPUT_SCHEMAS = {
  logCall: LogCallInputSchema,
  logActivity: LogActivityInputSchema,
  addNote: AddNoteInputSchema,
  recordPromise: RecordPromiseInputSchema,
  savePaymentPlan: SavePaymentPlanInputSchema,
  raiseDispute: RaiseDisputeInputSchema,
  updateDispute: UpdateDisputeInputSchema,
  recordSettlementOffer: RecordSettlementInputSchema,
  decideSettlement: DecideSettlementInputSchema,
  completeFollowUp: CompleteFollowUpInputSchema,
} as const;
