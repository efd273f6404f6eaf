/**
 * Collector productivity over the window (domain-rules.md (g) "Monitor RPC, PTP and PTP-kept rates
 * … cash per collector-hour", (h) "PTP rate", "RPC rate", "Cash per collector"): calls, right-party
 * contacts (conversations with the liable party or a representative), RPC rate per call, promises
 * taken, promises per call and per right-party contact, cash collected.
 *
 * Attribution, stated: an activity counts for the user who logged it (`createdBy`), else for the
 * account's collector; promises and cash count for the account's collector (owner attribution).
 * An activity's day is its instant's date in the report zone.
 */
import { toEpochDay } from '../dates';
import type { UserRef } from '../model';
import { roundedQuotient } from '../money';
import { compareCollectors } from './cash';
import { inReporting, type ParsedAccount, type ParsedOptions } from './history';
import { REPORT_DECIMALS } from './receivables';

/** One collector's figures. */
export interface CollectorProductivity {
  collector: UserRef | null;
  /** Accounts this collector works. */
  accounts: number;
  calls: number;
  /** Contacts of any kind (call, e-mail, SMS, visit, letter). */
  contacts: number;
  rightPartyContacts: number;
  /** Right-party contacts ÷ calls × 100 (RPC rate per attempt). */
  rightPartyRate: number | null;
  promisesTaken: number;
  /** Promises taken ÷ calls. */
  promisesPerCall: number | null;
  /** Promises taken ÷ right-party contacts × 100 (PTP rate). */
  promiseRate: number | null;
  /** Reporting-currency minor units. */
  cashCollected: number;
}

const CONTACT_KINDS = new Set(['call', 'email', 'sms', 'visit', 'letter']);

/** @internal */
export function collectorProductivity(accounts: readonly ParsedAccount[], options: ParsedOptions): CollectorProductivity[] {
  const first = (options.months[0] as { firstDay: number }).firstDay;
  const last = (options.months[options.months.length - 1] as { lastDay: number }).lastDay;
  const rows = new Map<string, Omit<CollectorProductivity, 'rightPartyRate' | 'promisesPerCall' | 'promiseRate'>>();
  const rowOf = (collector: UserRef | null) => {
    const key = collector?.id ?? '';
    const row = rows.get(key) ?? { collector, accounts: 0, calls: 0, contacts: 0, rightPartyContacts: 0, promisesTaken: 0, cashCollected: 0 };
    rows.set(key, row);
    return row;
  };
  for (const account of accounts) {
    const owner = rowOf(account.collector);
    owner.accounts += 1;
    for (const { record, day } of account.activities) {
      if (day < first || day > last) {
        continue;
      }
      const row = rowOf(record.createdBy ?? account.collector);
      if (record.kind === 'call') {
        row.calls += 1;
      }
      if (CONTACT_KINDS.has(record.kind)) {
        row.contacts += 1;
      }
      if (record.conversation === true) {
        row.rightPartyContacts += 1;
      }
    }
    for (const promise of account.promises) {
      const day = toEpochDay(promise.takenOn);
      if (promise.status !== 'cancelled' && day >= first && day <= last) {
        owner.promisesTaken += 1;
      }
    }
    for (const { record, day } of account.payments) {
      if (day >= first && day <= last) {
        owner.cashCollected += inReporting(record.amount, day, options);
      }
    }
  }
  return [...rows.values()]
    .sort((a, b) => compareCollectors(a.collector, b.collector))
    .map((row) => ({
      ...row,
      rightPartyRate: roundedQuotient(BigInt(row.rightPartyContacts) * 100n, BigInt(row.calls), REPORT_DECIMALS),
      promisesPerCall: roundedQuotient(BigInt(row.promisesTaken), BigInt(row.calls), 2),
      promiseRate: roundedQuotient(BigInt(row.promisesTaken) * 100n, BigInt(row.rightPartyContacts), REPORT_DECIMALS),
    }));
}
