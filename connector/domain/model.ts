/**
 * The collections domain model: the shapes every layer agrees on.
 *
 * Schemas use `zod/mini` (functional, tree-shakable) so the same definitions validate in the
 * connector (Node, service worker) and in the page-loaded panel without classic zod's ~24 KB
 * (docs/decisions/0003-zod-mini-in-domain.md). Types are inferred from the schemas.
 *
 * Conventions:
 * - Money is integer minor units + ISO 4217 code (see money.ts for exponents and arithmetic).
 * - Calendar dates are `YYYY-MM-DD` strings with no zone (a due date is a date, not an instant).
 * - Instants are ISO 8601 strings in UTC (`...Z`) or with an explicit offset.
 * - Ids are opaque strings owned by the CRM adapter; the domain never interprets them.
 */
import * as z from 'zod/mini';
import * as V from './vocabulary';

/** ISO 4217 alphabetic code. Whether it is a *known* currency is checked by money.ts. */
export const CurrencyCodeSchema = z.string().check(z.regex(V.CURRENCY_CODE_PATTERN, V.CURRENCY_CODE_MESSAGE));
/** Inferred from {@link CurrencyCodeSchema}. */
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

/** An exact amount: integer minor units (cents, paise, fils...) of one currency. May be negative (credits). */
export const MoneySchema = z.object({
  amountMinor: z.int(),
  currency: CurrencyCodeSchema,
});
/** Inferred from {@link MoneySchema}. */
export type Money = z.infer<typeof MoneySchema>;

/** A calendar date `YYYY-MM-DD` (no time, no zone). */
export const IsoDateSchema = z.iso.date();
/** Inferred from {@link IsoDateSchema}. */
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** An instant: ISO 8601 date-time with `Z` or an explicit offset. */
export const InstantSchema = z.iso.datetime({ offset: true });
/** Inferred from {@link InstantSchema}. */
export type Instant = z.infer<typeof InstantSchema>;

const IdSchema = z.string().check(z.minLength(1));

// ---------------------------------------------------------------------------------------------
// Account, owner, contacts

/** Customer segment: business (b2b) or consumer (b2c); selects default policies. */
export const SegmentSchema = z.enum(V.SEGMENTS);
/** Inferred from {@link SegmentSchema}. */
export type Segment = z.infer<typeof SegmentSchema>;

/**
 * Account-level states that block or restrict contact (domain-rules.md f.11).
 * - cease_communication: US-11 (§1692c(c))
 * - attorney_represented: US-12
 * - bankruptcy: US-18 (11 U.S.C. §362)
 * - breathing_space: UK-8 (SI 2020/1311), also mental-health crisis breathing space
 * - deceased: US-15 (estate representative only)
 * - dispute_pending_verification: US-14, UK-4
 * - vulnerable: UK-7 (soft block / specialist routing)
 * - time_barred: US-16, UK-6
 * - grievance_pending: IN-2
 */
export const AccountFlagSchema = z.enum(V.ACCOUNT_FLAGS);
/** Inferred from {@link AccountFlagSchema}. */
export type AccountFlag = z.infer<typeof AccountFlagSchema>;

/** One account flag with its optional validity period (`since`/`until` local dates, inclusive). */
export const AccountFlagEntrySchema = z.object({
  flag: AccountFlagSchema,
  since: z.optional(z.nullable(IsoDateSchema)),
  until: z.optional(z.nullable(IsoDateSchema)),
  note: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link AccountFlagEntrySchema}. */
export type AccountFlagEntry = z.infer<typeof AccountFlagEntrySchema>;

/** A CRM user (owner, collector, dispute owner) by id and display name. */
export const UserRefSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link UserRefSchema}. */
export type UserRef = z.infer<typeof UserRefSchema>;

/** The customer account a panel is opened on: owner, segment, location, compliance profile, flags. */
export const AccountSchema = z.object({
  id: IdSchema,
  name: z.string(),
  accountNumber: z.optional(z.nullable(z.string())),
  owner: UserRefSchema,
  collector: z.optional(z.nullable(UserRefSchema)),
  segment: SegmentSchema,
  /** ISO 3166-1 alpha-2 country, e.g. 'IN', 'US', 'GB', 'IE'. */
  country: z.optional(z.nullable(z.string())),
  /** Subdivision code, e.g. US state 'MA'. */
  region: z.optional(z.nullable(z.string())),
  /** Billing city, e.g. 'Boston': the place the panel names for the customer's local time (the zone's city is often wrong). */
  city: z.optional(z.nullable(z.string())),
  /** IANA zone of the registered address, e.g. 'Asia/Kolkata'. */
  timeZone: z.optional(z.nullable(z.string())),
  /** Compliance profile id (see compliance profiles), e.g. 'us-fdcpa', 'in-rbi', 'b2b-default'. */
  complianceProfile: z.optional(z.nullable(z.string())),
  currency: CurrencyCodeSchema,
  creditLimit: z.optional(z.nullable(MoneySchema)),
  riskRating: z.optional(z.nullable(z.enum(V.RISK_RATINGS))),
  keyAccount: z.optional(z.boolean()),
  flags: z.array(AccountFlagEntrySchema),
});
/** Inferred from {@link AccountSchema}. */
export type Account = z.infer<typeof AccountSchema>;

/** Contact channels the compliance engine rules on. */
export const ChannelSchema = z.enum(V.CHANNELS);
/** Inferred from {@link ChannelSchema}. */
export type Channel = z.infer<typeof ChannelSchema>;

/** A phone number with its kind and, when known, the zone its area code implies. */
export const PhoneSchema = z.object({
  number: z.string(),
  kind: z.enum(V.PHONE_KINDS),
  /** Zone implied by this number (area code), if known: a candidate zone (Reg F, domain-rules f.2). */
  timeZone: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link PhoneSchema}. */
export type Phone = z.infer<typeof PhoneSchema>;

/** A contact's role towards the debt (debtor, AP clerk, estate representative, attorney …). */
export const ContactRoleSchema = z.enum(V.CONTACT_ROLES);
/** Inferred from {@link ContactRoleSchema}. */
export type ContactRole = z.infer<typeof ContactRoleSchema>;

/** A person who may be contacted about the account, with candidate zones and channel opt-outs. */
export const ContactSchema = z.object({
  id: IdSchema,
  name: z.string(),
  title: z.optional(z.nullable(z.string())),
  email: z.optional(z.nullable(z.string())),
  phones: z.array(PhoneSchema),
  /** Zone of the contact's address or stated location. */
  timeZone: z.optional(z.nullable(z.string())),
  role: ContactRoleSchema,
  /** Channels this contact has opted out of (US-8 prohibited medium, TCPA revocation, GDPR objection...). */
  optOuts: z.array(ChannelSchema),
  primary: z.optional(z.boolean()),
});
/** Inferred from {@link ContactSchema}. */
export type Contact = z.infer<typeof ContactSchema>;

// ---------------------------------------------------------------------------------------------
// Receivables

/** Lifecycle state of an invoice. */
export const InvoiceStatusSchema = z.enum(V.INVOICE_STATUSES);
/** Inferred from {@link InvoiceStatusSchema}. */
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** An invoice: total and outstanding balance (same currency), issue and due dates. */
export const InvoiceSchema = z.object({
  id: IdSchema,
  number: z.string(),
  issueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  total: MoneySchema,
  /** Outstanding amount, same currency as total; 0 when paid. Never negative (credits are separate). */
  balance: MoneySchema,
  status: InvoiceStatusSchema,
  poNumber: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link InvoiceSchema}. */
export type Invoice = z.infer<typeof InvoiceSchema>;

/** A payment received, optionally applied to one invoice. */
export const PaymentSchema = z.object({
  id: IdSchema,
  receivedOn: IsoDateSchema,
  amount: MoneySchema,
  invoiceId: z.optional(z.nullable(z.string())),
  reference: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link PaymentSchema}. */
export type Payment = z.infer<typeof PaymentSchema>;

/** Credit notes and unapplied cash: positive amounts that net against the open balance. */
export const CreditSchema = z.object({
  id: IdSchema,
  kind: z.enum(V.CREDIT_KINDS),
  amount: MoneySchema,
  issuedOn: IsoDateSchema,
  reference: z.optional(z.nullable(z.string())),
});
/** Inferred from {@link CreditSchema}. */
export type Credit = z.infer<typeof CreditSchema>;

// ---------------------------------------------------------------------------------------------
// Promises, plans, settlements, disputes

/** Lifecycle state of a promise to pay as recorded in the CRM. */
export const PromiseStatusSchema = z.enum(V.PROMISE_STATUSES);
/** Inferred from {@link PromiseStatusSchema}. */
export type PromiseStatus = z.infer<typeof PromiseStatusSchema>;

/** A promise to pay an amount by a date, against one or more invoices. */
export const PromiseToPaySchema = z.object({
  id: IdSchema,
  /** Day the promise was taken. */
  takenOn: IsoDateSchema,
  /** Day the customer promised to pay by. */
  dueDate: IsoDateSchema,
  amount: MoneySchema,
  invoiceIds: z.array(z.string()),
  status: PromiseStatusSchema,
  contactId: z.optional(z.nullable(z.string())),
  note: z.optional(z.nullable(z.string())),
  /** Recorded while the CRM was unreachable: waiting in the outbox, "queued — will be sent". */
  queued: z.optional(z.boolean()),
});
/** Inferred from {@link PromiseToPaySchema}. */
export type PromiseToPay = z.infer<typeof PromiseToPaySchema>;

/** How often payment-plan instalments fall due. */
export const PlanFrequencySchema = z.enum(V.PLAN_FREQUENCIES);
/** Inferred from {@link PlanFrequencySchema}. */
export type PlanFrequency = z.infer<typeof PlanFrequencySchema>;

/** State of one plan instalment. */
export const InstalmentStatusSchema = z.enum(V.INSTALMENT_STATUSES);
/** Inferred from {@link InstalmentStatusSchema}. */
export type InstalmentStatus = z.infer<typeof InstalmentStatusSchema>;

/** One instalment of a payment plan (sequence 0 is the down payment). */
export const InstalmentSchema = z.object({
  id: z.optional(z.nullable(z.string())),
  /** 0 = down payment, 1..n = instalments. */
  sequence: z.int().check(z.gte(0)),
  dueDate: IsoDateSchema,
  amount: MoneySchema,
  paidAmount: MoneySchema,
  status: InstalmentStatusSchema,
});
/** Inferred from {@link InstalmentSchema}. */
export type Instalment = z.infer<typeof InstalmentSchema>;

/** Lifecycle state of a payment plan. */
export const PlanStatusSchema = z.enum(V.PLAN_STATUSES);
/** Inferred from {@link PlanStatusSchema}. */
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** A payment plan: total, optional down payment and the instalment schedule. */
export const PaymentPlanSchema = z.object({
  id: IdSchema,
  status: PlanStatusSchema,
  frequency: PlanFrequencySchema,
  total: MoneySchema,
  downPayment: z.optional(z.nullable(MoneySchema)),
  instalments: z.array(InstalmentSchema),
  invoiceIds: z.array(z.string()),
  createdOn: IsoDateSchema,
});
/** Inferred from {@link PaymentPlanSchema}. */
export type PaymentPlan = z.infer<typeof PaymentPlanSchema>;

/** Lifecycle state of a settlement offer. */
export const SettlementStatusSchema = z.enum(V.SETTLEMENT_STATUSES);
/** Inferred from {@link SettlementStatusSchema}. */
export type SettlementStatus = z.infer<typeof SettlementStatusSchema>;

/** An offer to settle a balance for less, with expiry and remainder treatment. */
export const SettlementOfferSchema = z.object({
  id: IdSchema,
  status: SettlementStatusSchema,
  /** Balance being settled. */
  balance: MoneySchema,
  /** Amount the customer pays to settle. */
  offerAmount: MoneySchema,
  expiresOn: IsoDateSchema,
  invoiceIds: z.array(z.string()),
  /** CONC 7.4.2R: whether the remainder is extinguished or may still be pursued/sold. */
  remainderTreatment: z.enum(V.REMAINDER_TREATMENTS),
  createdOn: IsoDateSchema,
});
/** Inferred from {@link SettlementOfferSchema}. */
export type SettlementOffer = z.infer<typeof SettlementOfferSchema>;

/** Dispute reason codes (domain-rules.md (e), mapped from ANSI X12 element 426 where one exists). */
export const DisputeReasonSchema = z.enum(V.DISPUTE_REASON_CODES);
/** Inferred from {@link DisputeReasonSchema}. */
export type DisputeReason = z.infer<typeof DisputeReasonSchema>;

/** Lifecycle state of a dispute; see `ACTIVE_DISPUTE_STATUSES` for the ones that hold dunning. */
export const DisputeStatusSchema = z.enum(V.DISPUTE_STATUSES);
/** Inferred from {@link DisputeStatusSchema}. */
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>;

/** The disputed amount on one invoice. */
export const DisputeLineSchema = z.object({
  invoiceId: z.string(),
  amount: MoneySchema,
});
/** Inferred from {@link DisputeLineSchema}. */
export type DisputeLine = z.infer<typeof DisputeLineSchema>;

/** The sales owner's answer to a dispute (issue 19). */
export const DisputeOwnerAnswerKindSchema = z.enum(V.DISPUTE_OWNER_ANSWERS);
/** Inferred from {@link DisputeOwnerAnswerKindSchema}. */
export type DisputeOwnerAnswer = z.infer<typeof DisputeOwnerAnswerKindSchema>;

/** What the sales owner answered, as recorded on the dispute. */
export const DisputeAnswerSchema = z.object({
  kind: DisputeOwnerAnswerKindSchema,
  /** Rejection reason, question for the collector, or a note on the credit note. */
  note: z.optional(z.nullable(z.string())),
  /** Credit note requested (full or part of the disputed amount). */
  creditNote: z.optional(z.nullable(MoneySchema)),
  answeredAt: z.optional(z.nullable(InstantSchema)),
});
/** Inferred from {@link DisputeAnswerSchema}. */
export type DisputeAnswer = z.infer<typeof DisputeAnswerSchema>;

/** A dispute (deduction) over amounts on one or more invoices, with owner and SLA date. */
export const DisputeSchema = z.object({
  id: IdSchema,
  /** CRM's human reference (e.g. Case number). */
  reference: z.optional(z.nullable(z.string())),
  reason: DisputeReasonSchema,
  status: DisputeStatusSchema,
  lines: z.array(DisputeLineSchema),
  owner: UserRefSchema,
  openedOn: IsoDateSchema,
  slaDueDate: IsoDateSchema,
  evidence: z.optional(z.nullable(z.string())),
  resolution: z.optional(z.nullable(z.string())),
  /** The sales owner's answer, when given (issue 19). */
  ownerAnswer: z.optional(z.nullable(DisputeAnswerSchema)),
  /** When the dispute passed its SLA and went to the owner's manager. */
  escalatedAt: z.optional(z.nullable(InstantSchema)),
});
/** Inferred from {@link DisputeSchema}. */
export type Dispute = z.infer<typeof DisputeSchema>;

// ---------------------------------------------------------------------------------------------
// Activity (contact history)

/** Outcome of a call attempt. */
export const CallDispositionSchema = z.enum(V.CALL_DISPOSITIONS);
/** Inferred from {@link CallDispositionSchema}. */
export type CallDisposition = z.infer<typeof CallDispositionSchema>;

/** Kind of a contact-history entry. */
export const ActivityKindSchema = z.enum(V.ACTIVITY_KINDS);
/** Inferred from {@link ActivityKindSchema}. */
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** One contact-history entry (call, e-mail, SMS, visit, note, letter). */
export const ActivitySchema = z.object({
  id: IdSchema,
  kind: ActivityKindSchema,
  direction: z.enum(V.ACTIVITY_DIRECTIONS),
  occurredAt: InstantSchema,
  contactId: z.optional(z.nullable(z.string())),
  /** Calls only. */
  disposition: z.optional(z.nullable(CallDispositionSchema)),
  durationSeconds: z.optional(z.nullable(z.int().check(z.gte(0)))),
  /**
   * True when this was a conversation with the debtor or their representative (right-party contact):
   * starts the Reg F 1006.14(b)(2)(ii) 7-day pause.
   */
  conversation: z.boolean(),
  subject: z.optional(z.nullable(z.string())),
  body: z.optional(z.nullable(z.string())),
  /** Set when a policy override allowed a contact the engine blocked (what and why). */
  complianceOverride: z.optional(z.nullable(z.string())),
  createdBy: z.optional(z.nullable(UserRefSchema)),
  /**
   * Payment terms a sales rep agreed with the customer (subject "Payment terms: …", sales-terms.ts):
   * the timeline marks them and reminders show them (issue 19). Subject holds the terms without the prefix.
   */
  agreedBySales: z.optional(z.boolean()),
  /** Logged while the CRM was unreachable: waiting in the outbox, "queued — will be sent". */
  queued: z.optional(z.boolean()),
});
/** Inferred from {@link ActivitySchema}. */
export type Activity = z.infer<typeof ActivitySchema>;

/** An account's priority score with its factors and reasons (domain priority.ts `PriorityResult`). */
export const PriorityResultSchema = z.object({
  accountId: IdSchema,
  eligible: z.boolean(),
  score: z.number().check(z.gte(0)),
  components: z.array(z.object({ name: z.enum(V.PRIORITY_COMPONENTS), value: z.number().check(z.gte(0)), explanation: z.string() })),
  reasons: z.array(z.object({ code: z.enum([...V.REASON_CODES, 'nothing_collectable']), message: z.string(), rule: z.string() })),
  nextPermittedContactAt: z.nullable(InstantSchema),
});

/**
 * An open CRM task on the account: an agreed follow-up (the panel's, or one created elsewhere), due
 * on `dueDate`; the collector completes it from the panel (issue 17).
 */
export const FollowUpSchema = z.object({
  id: z.string(),
  subject: z.string(),
  dueDate: z.nullable(IsoDateSchema),
  contactId: z.nullable(z.string()),
});
/** Inferred from {@link FollowUpSchema}. */
export type FollowUp = z.infer<typeof FollowUpSchema>;
