/**
 * The mapping config: which sObjects and fields hold each collections entity in this org.
 *
 * zod/mini because the same mapping is validated page-side (extension service worker, LWC static
 * resource). Strict objects: a typo in a custom mapping file is reported by key instead of ignored.
 * `null` means "not mapped in this org" (the field is not queried; the value is empty).
 */
import * as z from 'zod/mini';

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A Salesforce API name (object, field or relationship). */
export const ApiNameSchema = z.string().check(z.regex(API_NAME, 'must be a Salesforce API name (letters, digits and _ only)'));
const Field = ApiNameSchema;
const OptionalField = z.nullable(ApiNameSchema);

export const InvoiceStatusValue = z.enum(['open', 'partially_paid', 'paid', 'cancelled']);
export const PaymentKindValue = z.enum(['payment', 'credit_note', 'unapplied_cash']);

export const AccountMappingSchema = z.strictObject({
  object: z.literal('Account'),
  fields: z.strictObject({
    name: Field,
    accountNumber: OptionalField,
    ownerId: Field,
    collector: OptionalField,
    segment: OptionalField,
    country: OptionalField,
    region: OptionalField,
    /** Optional: mappings saved before it existed stay valid. */
    city: z.optional(OptionalField),
    timeZone: OptionalField,
    complianceProfile: OptionalField,
    currency: OptionalField,
    creditLimit: OptionalField,
    riskRating: OptionalField,
    keyAccount: OptionalField,
    flags: OptionalField,
  }),
});

export const ContactMappingSchema = z.strictObject({
  object: z.literal('Contact'),
  accountRelationship: Field,
  fields: z.strictObject({
    name: Field,
    title: OptionalField,
    email: OptionalField,
    phone: OptionalField,
    mobilePhone: OptionalField,
    timeZone: OptionalField,
    phoneTimeZone: OptionalField,
    mobileTimeZone: OptionalField,
    role: OptionalField,
    emailOptOut: OptionalField,
    callOptOut: OptionalField,
    smsOptOut: OptionalField,
    visitOptOut: OptionalField,
  }),
});

export const InvoiceMappingSchema = z.strictObject({
  object: Field,
  /** Lookup to Account on the invoice object. */
  accountField: Field,
  /** Standard `Invoice` cannot be created by API; the panel never writes invoices anyway. */
  readOnly: z.boolean(),
  fields: z.strictObject({
    number: Field,
    issueDate: Field,
    dueDate: Field,
    total: Field,
    balance: Field,
    status: OptionalField,
    /** ISO code field (text or CurrencyIsoCode); null → the account currency. */
    currency: OptionalField,
    poNumber: OptionalField,
  }),
  /** Picklist value → domain status; unlisted values → quarantined with a note. */
  statusValues: z.record(z.string(), InvoiceStatusValue),
  /** Status values excluded from the snapshot (drafts, errors). */
  excludeStatuses: z.array(z.string()),
});

export const PaymentMappingSchema = z.strictObject({
  object: Field,
  accountField: Field,
  fields: z.strictObject({
    type: OptionalField,
    amount: Field,
    currency: OptionalField,
    receivedOn: Field,
    reference: OptionalField,
    invoice: OptionalField,
  }),
  /** Type picklist value → kind; when `type` is null every row is a payment. */
  typeValues: z.record(z.string(), PaymentKindValue),
});

const keyed = { idempotencyKey: Field };

export const PromiseMappingSchema = z.strictObject({
  object: Field,
  accountField: Field,
  accountRelationship: Field,
  fields: z.strictObject({ contact: OptionalField, amount: Field, currency: Field, dueDate: Field, takenOn: Field, status: Field, invoiceIds: OptionalField, note: OptionalField, ...keyed }),
});

export const InstalmentMappingSchema = z.strictObject({
  object: Field,
  planField: Field,
  planRelationship: Field,
  fields: z.strictObject({ sequence: Field, dueDate: Field, amount: Field, paidAmount: OptionalField, currency: Field, status: Field, ...keyed }),
});

export const PlanMappingSchema = z.strictObject({
  object: Field,
  accountField: Field,
  accountRelationship: Field,
  fields: z.strictObject({ status: Field, frequency: Field, total: Field, downPayment: OptionalField, currency: Field, startDate: Field, invoiceIds: OptionalField, ...keyed }),
  instalment: InstalmentMappingSchema,
});

export const SettlementMappingSchema = z.strictObject({
  object: Field,
  accountField: Field,
  accountRelationship: Field,
  fields: z.strictObject({ balance: Field, offerAmount: Field, currency: Field, expiresOn: Field, status: Field, remainderTreatment: Field, invoiceIds: OptionalField, note: OptionalField, ...keyed }),
});

export const DisputeLineMappingSchema = z.strictObject({
  object: Field,
  caseField: Field,
  caseRelationship: Field,
  fields: z.strictObject({ invoiceRef: Field, invoiceNumber: OptionalField, amount: Field, currency: Field, ...keyed }),
});

export const DisputeMappingSchema = z.strictObject({
  object: z.literal('Case'),
  accountRelationship: Field,
  /** Case.Type value that marks a dispute (configurable per org). */
  caseType: z.string().check(z.minLength(1), z.maxLength(255)),
  /**
   * Case.Origin for disputes the panel raises (a value of the org's Origin picklist, e.g. 'Phone' or
   * 'Collections Panel'). Unset/null: Origin is not sent, so the org's default value (or none) applies;
   * set it when the org makes Origin required or reports on it.
   */
  caseOrigin: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(255)))),
  /** Optional dispute record type. */
  recordTypeId: z.nullable(z.string().check(z.regex(/^012[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/, 'must be a RecordType id (012…)'))),
  fields: z.strictObject({
    reason: Field, status: Field, amount: OptionalField, currency: OptionalField, slaDueDate: Field, resolution: OptionalField, ...keyed,
    // The sales owner's answer and the SLA steps (issue 19); absent in mappings written before it: no owner's side.
    ownerAnswer: z.optional(OptionalField),
    ownerAnswerNote: z.optional(OptionalField),
    creditNoteAmount: z.optional(OptionalField),
    ownerAnsweredAt: z.optional(OptionalField),
    ownerAnswerKey: z.optional(OptionalField),
    ownerRemindedAt: z.optional(OptionalField),
    escalatedAt: z.optional(OptionalField),
    escalatedTo: z.optional(OptionalField),
  }),
  line: DisputeLineMappingSchema,
});

export const ActivityMappingSchema = z.strictObject({
  object: z.literal('Task'),
  accountRelationship: Field,
  fields: z.strictObject({
    channel: OptionalField,
    conversation: OptionalField,
    complianceOverride: OptionalField,
    visitOutcome: OptionalField,
    occurredAt: OptionalField,
    ...keyed,
  }),
  /** Look back this many days for contact history. */
  lookbackDays: z.int().check(z.gte(1), z.lte(730)),
  limit: z.int().check(z.gte(1), z.lte(200)),
});

export const WriteReceiptMappingSchema = z.strictObject({
  object: Field,
  fields: z.strictObject({ recordId: Field, ...keyed }),
});

export const MappingConfigSchema = z.strictObject({
  /** Preset or custom mapping name (reported in snapshot.source.mapping). */
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  /** Currency for amounts without a currency field (org corporate currency). */
  defaultCurrency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code')),
  account: AccountMappingSchema,
  contact: ContactMappingSchema,
  invoice: InvoiceMappingSchema,
  payment: z.nullable(PaymentMappingSchema),
  promise: z.nullable(PromiseMappingSchema),
  plan: z.nullable(PlanMappingSchema),
  settlement: z.nullable(SettlementMappingSchema),
  dispute: z.nullable(DisputeMappingSchema),
  activity: ActivityMappingSchema,
  /** Notes as ContentNote + ContentDocumentLink. */
  notes: z.boolean(),
  /**
   * The write receipt created with every Task and note in the same transaction (decision 0017): its
   * unique key makes a second commit of one key fail instead of duplicating. Absent/null (an org
   * without the object): Tasks and notes are checked by key before every send instead.
   */
  writeReceipt: z.optional(z.nullable(WriteReceiptMappingSchema)),
});

export type MappingConfig = z.infer<typeof MappingConfigSchema>;
export type InvoiceMapping = z.infer<typeof InvoiceMappingSchema>;
export type PaymentMapping = z.infer<typeof PaymentMappingSchema>;
export type PromiseMapping = z.infer<typeof PromiseMappingSchema>;
export type PlanMapping = z.infer<typeof PlanMappingSchema>;
export type SettlementMapping = z.infer<typeof SettlementMappingSchema>;
export type DisputeMapping = z.infer<typeof DisputeMappingSchema>;
export type ActivityMapping = z.infer<typeof ActivityMappingSchema>;
export type WriteReceiptMapping = z.infer<typeof WriteReceiptMappingSchema>;

// In a module of its own (no zod): the snapshot query builder runs in the LWC record page (decision 0026).
export { mappedFields } from './fields';

/**
 * Plain-language list of problems in a mapping (one line per bad key), or [] when valid.
 * Example: `invoice.fields.dueDate: must be a Salesforce API name (letters, digits and _ only)`.
 */
export function mappingProblems(input: unknown): string[] {
  const result = z.safeParse(MappingConfigSchema, input);
  if (result.success) {
    return [];
  }
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return `${path ? `${path}: ` : ''}unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return `${path}: missing`;
    }
    return `${path || '(root)'}: ${issue.message}`;
  });
}
