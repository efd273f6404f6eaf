/**
 * {@link LadderFacts} from one account's records (what the panel's snapshot holds), with the
 * domain's own rules: active dispute lines capped at each balance (disputes.ts), a promise counted
 * only while pending and unpaid (promises.ts `evaluatePromise`), plan instalments paid oldest-first
 * (plans.ts `evaluateInstalments`).
 */
import type { Account, Activity, Contact, Dispute, Invoice, Money, Payment, PaymentPlan, PromiseToPay } from '../model';
import { disputedAmountByInvoice } from '../disputes';
import { evaluatePromise } from '../promises';
import { evaluateInstalments } from '../plans';
import { compareDates } from '../dates';
import { parseInstant, requireTimeZone, zonedParts } from '../time';
import type { LadderFacts } from './next-action';

/** One account's records. */
export interface LadderRecords {
  account: Account;
  contacts: readonly Contact[];
  invoices: readonly Invoice[];
  disputes: readonly Dispute[];
  promises: readonly PromiseToPay[];
  plans: readonly PaymentPlan[];
  payments: readonly Payment[];
  activities: readonly Activity[];
  /** Collectable in the strategy's currency (the caller's aging, converted when needed). */
  collectable: Money;
  /** Zone when the account has none (the profile's default). */
  defaultZone?: string;
}

/** The ladder's view of one account as of `at`. */
export function ladderFactsFromRecords(records: LadderRecords, at: string): LadderFacts {
  parseInstant(at, 'at');
  const zone = requireTimeZone(records.account.timeZone ?? records.defaultZone ?? 'UTC', 'account.timeZone');
  const asOf = zonedParts(at, zone).date;
  const open = records.invoices.filter((invoice) => (invoice.status === 'open' || invoice.status === 'partially_paid') && invoice.balance.amountMinor > 0);
  const held = disputedAmountByInvoice(records.disputes, open);
  let oldestDueDate: string | null = null;
  let disputedInvoices = 0;
  for (const invoice of open) {
    if ((held.get(invoice.id)?.amountMinor ?? 0) >= invoice.balance.amountMinor) {
      disputedInvoices += 1; // wholly disputed: off the ladder, still in the figures
    } else if (oldestDueDate === null || compareDates(invoice.dueDate, oldestDueDate) < 0) {
      oldestDueDate = invoice.dueDate;
    }
  }
  let promiseDueDate: string | null = null;
  for (const promise of records.promises) {
    const pending = promise.status === 'pending' && evaluatePromise(promise, records.payments, { asOf }).status !== 'kept';
    if (pending && (promiseDueDate === null || compareDates(promise.dueDate, promiseDueDate) < 0)) {
      promiseDueDate = promise.dueDate;
    }
  }
  let plan: LadderFacts['plan'] = null;
  const active = records.plans.find((candidate) => candidate.status === 'active');
  if (active) {
    const instalments = evaluateInstalments(active, records.payments, { asOf }).instalments.filter((instalment) => instalment.status !== 'paid');
    const late = instalments.filter((instalment) => compareDates(instalment.dueDate, asOf) < 0);
    const ahead = instalments.filter((instalment) => compareDates(instalment.dueDate, asOf) >= 0);
    plan = { oldestUnpaidDueDate: late[0]?.dueDate ?? null, nextInstalmentDate: ahead[0]?.dueDate ?? null };
  }
  const atMs = parseInstant(at, 'at');
  let lastContactAt: string | null = null;
  let lastContactMs = Number.NEGATIVE_INFINITY;
  for (const activity of records.activities) {
    const ms = parseInstant(activity.occurredAt, 'activities.occurredAt');
    if (activity.direction === 'outbound' && activity.kind !== 'note' && ms <= atMs && ms > lastContactMs) {
      lastContactMs = ms;
      lastContactAt = activity.occurredAt;
    }
  }
  return {
    accountId: records.account.id,
    zone,
    collectable: records.collectable,
    oldestDueDate,
    disputedInvoices,
    promiseDueDate,
    plan,
    lastContactAt,
    riskRating: records.account.riskRating ?? null,
    keyAccount: records.account.keyAccount === true,
    country: records.account.country ?? null,
    complianceProfile: records.account.complianceProfile ?? null,
    owner: records.account.owner,
    contacts: records.contacts,
  };
}
