/**
 * In place of connector/salesforce/snapshot/model-check.ts in the LWC panel build (issue 18, decision 0026
 * "Third step"): the record page's mapping converts every raw Apex record with the converters (values.ts,
 * picklists.ts, ids.ts, map.ts), which are the boundary check; the domain model's zod/mini re-check of their
 * output is left out so zod/mini does not load on open. The equivalence test
 * (connector/salesforce/snapshot/model-check.equivalence.test.ts) sets every field of every record kind, one at
 * a time, to each of 68 bad values and checks the converters alone give the same value or the same quarantine
 * note as with the re-check. That covers the model only while its schemas have no rule spanning several fields:
 * model-check.single-field.test.ts fails the day one appears, and this stand-in's converters must then learn
 * that rule. Node, the worker and the REST port keep the re-check.
 */
import type * as Checked from '../../connector/salesforce/snapshot/model-check';

/** The converters already enforced the model: no issue. */
const enforcedByConverters: Checked.ModelCheck = () => null;

export const accountIssue: typeof Checked.accountIssue = enforcedByConverters;
export const contactIssue: typeof Checked.contactIssue = enforcedByConverters;
export const invoiceIssue: typeof Checked.invoiceIssue = enforcedByConverters;
export const paymentOrCreditIssue: typeof Checked.paymentOrCreditIssue = enforcedByConverters;
export const promiseIssue: typeof Checked.promiseIssue = enforcedByConverters;
export const planIssue: typeof Checked.planIssue = enforcedByConverters;
export const settlementIssue: typeof Checked.settlementIssue = enforcedByConverters;
export const disputeIssue: typeof Checked.disputeIssue = enforcedByConverters;
export const activityOrSkipIssue: typeof Checked.activityOrSkipIssue = enforcedByConverters;
export const noteIssue: typeof Checked.noteIssue = enforcedByConverters;
export const followUpIssue: typeof Checked.followUpIssue = enforcedByConverters;
