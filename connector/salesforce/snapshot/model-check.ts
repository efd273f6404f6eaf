/**
 * The domain model's zod/mini check of a record the snapshot mapping has just converted (map.ts): belt and
 * braces behind the converters (values.ts, picklists.ts, ids.ts, map.ts), which are the boundary check on the
 * raw Salesforce record. model-check.equivalence.test.ts proves the converters alone enforce the model: with
 * this check on or off, every record maps to the same value or the same quarantine note.
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

// Built once: a schema built per record cost the worklist's pass (20,000 rows) more than the checks themselves.
const MODEL = {
  account: AccountSchema,
  contact: ContactSchema,
  invoice: InvoiceSchema,
  paymentOrCredit: z.union([PaymentSchema, CreditSchema]),
  promise: PromiseToPaySchema,
  plan: PaymentPlanSchema,
  settlement: SettlementOfferSchema,
  dispute: DisputeSchema,
  activityOrSkip: z.union([ActivitySchema, z.literal('skip')]),
  note: ActivitySchema,
  followUp: FollowUpSchema,
};

/** Which model a converted record must fit. */
export type ModelKind = keyof typeof MODEL;

/** Where a converted value breaks the model: the field path (`lines.0.amount`) and zod's message. */
export interface ModelIssue {
  field: string;
  message: string;
  /** Every issue, `path: message`, for a developer's detail. */
  detail: string;
}

/** The first way `value` breaks the `kind` model, or null when it fits. */
export function modelIssue(kind: ModelKind, value: unknown): ModelIssue | null {
  const parsed = z.safeParse(MODEL[kind], value);
  if (parsed.success) {
    return null;
  }
  const issue = parsed.error.issues[0];
  return {
    field: issue ? issue.path.map(String).join('.') : 'record',
    message: issue?.message ?? 'invalid',
    detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  };
}
