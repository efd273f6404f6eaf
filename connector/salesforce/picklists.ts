/**
 * Picklist values of our product fields ↔ domain enums, in both directions. Values are checked
 * against product-schema.ts at load time so a renamed picklist value cannot drift silently.
 */
import type {
  AccountFlag,
  CallDisposition,
  ContactRole,
  DisputeOwnerAnswer,
  DisputeReason,
  DisputeStatus,
  InstalmentStatus,
  PlanFrequency,
  PlanStatus,
  PromiseStatus,
  SettlementStatus,
} from '../domain/model';
import {
  ACCOUNT_FLAG_VALUES,
  CONTACT_ROLE_VALUES,
  DISPUTE_OWNER_ANSWER_VALUES,
  DISPUTE_REASON_VALUES,
  DISPUTE_STATUS_VALUES,
  INSTALMENT_STATUS_VALUES,
  PLAN_FREQUENCY_VALUES,
  PLAN_STATUS_VALUES,
  PROMISE_STATUS_VALUES,
  SETTLEMENT_STATUS_VALUES,
} from './product-schema';
// Task.CallDisposition ("Call Result") is free text in Salesforce: it stores the domain's label.
import { CALL_DISPOSITION_LABELS } from '../domain/vocabulary';

/** A two-way map between picklist values and a domain enum. */
export interface Picklist<T extends string> {
  toDomain(value: unknown): T | null;
  toSalesforce(value: T): string;
}

function picklist<T extends string>(allowed: readonly string[], pairs: readonly (readonly [string, T])[]): Picklist<T> {
  for (const [value] of pairs) {
    if (!allowed.includes(value)) {
      throw new Error(`Picklist value ${value} is not in product-schema.ts`);
    }
  }
  const toDomain = new Map(pairs.map(([value, domain]) => [value.toLowerCase(), domain]));
  const toSalesforce = new Map<T, string>();
  for (const [value, domain] of pairs) {
    if (!toSalesforce.has(domain)) {
      toSalesforce.set(domain, value);
    }
  }
  return {
    toDomain: (value) => (typeof value === 'string' ? toDomain.get(value.trim().toLowerCase()) ?? null : null),
    toSalesforce: (value) => {
      const found = toSalesforce.get(value);
      if (found === undefined) {
        throw new Error(`No picklist value for ${value}`);
      }
      return found;
    },
  };
}

export const PROMISE_STATUS = picklist<PromiseStatus>(PROMISE_STATUS_VALUES, [
  ['Pending', 'pending'], ['Kept', 'kept'], ['Partially Kept', 'partially_kept'], ['Broken', 'broken'], ['Cancelled', 'cancelled'],
]);
export const PLAN_STATUS = picklist<PlanStatus>(PLAN_STATUS_VALUES, [
  ['Proposed', 'proposed'], ['Active', 'active'], ['Completed', 'completed'], ['Broken', 'broken'], ['Cancelled', 'cancelled'],
]);
export const PLAN_FREQUENCY = picklist<PlanFrequency>(PLAN_FREQUENCY_VALUES, [
  ['Weekly', 'weekly'], ['Biweekly', 'biweekly'], ['Monthly', 'monthly'],
]);
export const INSTALMENT_STATUS = picklist<InstalmentStatus>(INSTALMENT_STATUS_VALUES, [
  ['Scheduled', 'scheduled'], ['Paid', 'paid'], ['Partial', 'partial'], ['Missed', 'missed'],
]);
export const SETTLEMENT_STATUS = picklist<SettlementStatus>(SETTLEMENT_STATUS_VALUES, [
  ['Draft', 'draft'], ['Pending Approval', 'pending_approval'], ['Offered', 'offered'], ['Accepted', 'accepted'], ['Rejected', 'rejected'], ['Expired', 'expired'],
]);
export const REMAINDER_TREATMENT = picklist<'extinguished' | 'may_be_pursued'>(['Extinguished', 'May Be Pursued'], [
  ['Extinguished', 'extinguished'], ['May Be Pursued', 'may_be_pursued'],
]);
export const DISPUTE_REASON = picklist<DisputeReason>(DISPUTE_REASON_VALUES, [
  ['Pricing', 'pricing'], ['Quantity', 'quantity'], ['Damaged or Quality', 'damaged_quality'], ['Not Received', 'not_received'],
  ['Wrong Item', 'wrong_item'], ['Duplicate Billing', 'duplicate_billing'], ['Tax', 'tax'], ['PO or Required Data Missing', 'po_missing'],
  ['Service Not Rendered', 'service_not_rendered'], ['Other', 'other'],
]);
export const DISPUTE_STATUS = picklist<DisputeStatus>(DISPUTE_STATUS_VALUES, [
  ['New', 'open'], ['Pending Verification', 'pending_verification'], ['In Review', 'in_review'],
  ['Resolved - Credit', 'resolved_credit'], ['Resolved - Rejected', 'resolved_rejected'], ['Closed', 'closed'],
]);
export const DISPUTE_OWNER_ANSWER = picklist<DisputeOwnerAnswer>(DISPUTE_OWNER_ANSWER_VALUES, [
  ['Credit Note Requested', 'credit_note'], ['Rejected', 'rejected'], ['More Information Requested', 'more_info'],
]);
export const ACCOUNT_FLAG = picklist<AccountFlag>(ACCOUNT_FLAG_VALUES, [
  ['Cease Communication', 'cease_communication'], ['Attorney Represented', 'attorney_represented'], ['Bankruptcy', 'bankruptcy'],
  ['Breathing Space', 'breathing_space'], ['Deceased', 'deceased'], ['Dispute Pending Verification', 'dispute_pending_verification'],
  ['Vulnerable', 'vulnerable'], ['Time Barred', 'time_barred'], ['Grievance Pending', 'grievance_pending'],
]);
export const CONTACT_ROLE = picklist<ContactRole>(CONTACT_ROLE_VALUES, [
  ['Debtor', 'debtor'], ['Accounts Payable', 'accounts_payable'], ['Estate Representative', 'estate_representative'],
  ['Attorney', 'attorney'], ['Guarantor', 'guarantor'], ['Other', 'other'],
]);


/** Domain disposition from Task.CallDisposition text (case-insensitive), or null. */
export function callDispositionOf(value: unknown): CallDisposition | null {
  if (typeof value !== 'string') {
    return null;
  }
  const wanted = value.trim().toLowerCase();
  for (const [key, label] of Object.entries(CALL_DISPOSITION_LABELS)) {
    if (label.toLowerCase() === wanted || key === wanted) {
      return key as CallDisposition;
    }
  }
  return null;
}
