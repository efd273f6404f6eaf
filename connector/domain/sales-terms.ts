/**
 * Side-terms sales agreed with the customer (issue 19: "side-terms agreed by account executives are
 * invisible to collectors"). A rep records them as a Task or a note whose subject starts with
 * "Payment terms:" (what a rep types anyway; no new field or note type to configure, and any CRM has
 * a subject). The collector's timeline marks them "Agreed by sales" and the reminder shows them
 * above its text, so nobody chases what sales deferred. Decision 0025.
 */
import type { Activity } from './model';

/** The subject prefix that marks payment terms agreed by sales (case-insensitive). */
export const SALES_TERMS_PREFIX = 'Payment terms:';

const PREFIX = /^\s*payment terms\s*:\s*/i;

/** The agreed terms in a subject ("Payment terms: 60 days on INV-1004" → "60 days on INV-1004"), or null. */
export function salesTermsOf(subject: string | null | undefined): string | null {
  if (!subject || !PREFIX.test(subject)) {
    return null;
  }
  return subject.replace(PREFIX, '').trim();
}

/** Terms sales agreed, newest first, each in words: the subject's terms, then the body if any. */
export function salesAgreedTerms(activities: readonly Activity[]): { id: string; occurredAt: string; text: string; by: string | null }[] {
  return activities
    .filter((a) => a.agreedBySales === true)
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))
    .map((a) => ({ id: a.id, occurredAt: a.occurredAt, text: [a.subject, a.body].filter((t) => t && t.trim()).join(' — '), by: a.createdBy?.name ?? null }));
}
