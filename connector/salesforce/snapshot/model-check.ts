/**
 * The domain model's zod/mini check of a record the snapshot mapping has just converted (map.ts): belt and
 * braces behind the converters (values.ts, picklists.ts, ids.ts, map.ts), which are the boundary check on the
 * raw Salesforce record. model-check.equivalence.test.ts checks the converters alone enforce the model: with
 * this check on or off, every field of every record kind, each set to 68 bad values one at a time, maps to the
 * same value or the same quarantine note. One field at a time is enough only while the schemas here have no
 * rule spanning several fields; model-check.single-field.test.ts fails the day one gets one.
 *
 * Node, the worker, the REST port and the tests run it. The LWC panel build leaves it out
 * (salesforce/lwc-bundle/model-check-by-converters.ts stands in for it), so zod/mini is not in what the record
 * page loads on open (issue 18, decision 0026 "Third step").
 */
import * as z from 'zod/mini';
import {
  AccountSchema,
  ActivitySchema,
  ContactSchema,
  CreditSchema,
  DisputeSchema,
  FollowUpSchema,
  InvoiceSchema,
  PaymentPlanSchema,
  PaymentSchema,
  PromiseToPaySchema,
  SettlementOfferSchema,
} from '../../domain/model';

/** Where a converted value breaks the model: the field path (`lines.0.amount`) and zod's message. */
export interface ModelIssue {
  field: string;
  message: string;
}

/** The first way `value` breaks a model, or null when it fits. */
export type ModelCheck = (value: unknown) => ModelIssue | null;

function issueOf(schema: z.ZodMiniType, value: unknown): ModelIssue | null {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) {
    return null;
  }
  const issue = parsed.error.issues[0];
  return { field: issue ? issue.path.map(String).join('.') : 'record', message: issue?.message ?? 'invalid' };
}

// One function per model, so a bundle that maps only some kinds (the worklist's record mapper) keeps only
// their schemas. The unions are built once: a schema built per record cost the worklist's pass (20,000 rows)
// more than the checks themselves. Exported for model-check.single-field.test.ts, which walks every schema here.
export const PAYMENT_OR_CREDIT = z.union([PaymentSchema, CreditSchema]);
export const ACTIVITY_OR_SKIP = z.union([ActivitySchema, z.literal('skip')]);
export const accountIssue: ModelCheck = (value) => issueOf(AccountSchema, value);
export const contactIssue: ModelCheck = (value) => issueOf(ContactSchema, value);
export const invoiceIssue: ModelCheck = (value) => issueOf(InvoiceSchema, value);
export const paymentOrCreditIssue: ModelCheck = (value) => issueOf(PAYMENT_OR_CREDIT, value);
export const promiseIssue: ModelCheck = (value) => issueOf(PromiseToPaySchema, value);
export const planIssue: ModelCheck = (value) => issueOf(PaymentPlanSchema, value);
export const settlementIssue: ModelCheck = (value) => issueOf(SettlementOfferSchema, value);
export const disputeIssue: ModelCheck = (value) => issueOf(DisputeSchema, value);
export const activityOrSkipIssue: ModelCheck = (value) => issueOf(ACTIVITY_OR_SKIP, value);
export const noteIssue: ModelCheck = (value) => issueOf(ActivitySchema, value);
export const followUpIssue: ModelCheck = (value) => issueOf(FollowUpSchema, value);
