/**
 * What every adapter adds, the same way, to the CRM records it mapped (decision 0009):
 * - records in a mismatched currency left out with a note (snapshot-quarantine.ts);
 * - `complianceRules`: the contact rules in force (compliance-rules.ts);
 * - `priority`: the account's priority (domain `scoreAccount`, domain-rules.md (g)) scored without
 *   the compliance gate; the panel gates it with its live compliance check every minute
 *   (`withComplianceGate`), so "contact now" never goes stale while the figures stay the snapshot's.
 * One scorer where the data is assembled: a worklist ranking accounts gets the same numbers.
 */
import { resolveComplianceRules } from './compliance-rules';
import { quarantineCurrencyMismatches } from './snapshot-quarantine';
import { ageInvoices } from './domain/aging';
import { addDays } from './domain/dates';
import { DomainValidationError } from './domain/errors';
import { scoreAccount, type PriorityResult } from './domain/priority';
import { brokenPromiseCount } from './domain/promises';
import { customerZone, zonedParts } from './domain/time';
import type { AccountSnapshot, DataQualityNote } from './port';
import type { FxRate } from './domain/money';
import { snapshotNextAction } from './snapshot-next-action';

/** A snapshot as an adapter maps it from CRM records, before the derived parts. */
export type MappedSnapshot = Omit<AccountSnapshot, 'complianceRules' | 'priority' | 'nextAction'>;

export interface DeriveOptions {
  /** The host's compliance profile override (`loadSnapshot(ref, { complianceProfile })`). */
  complianceProfile?: string | null | undefined;
  now: Date;
  /** The collection strategy for the next action (default the shipped one). */
  strategy?: unknown;
  /** Dated rates, when the adapter has them, for the strategy's amount bands. */
  rates?: readonly FxRate[];
}

export function withDerivedData(unchecked: MappedSnapshot, options: DeriveOptions): AccountSnapshot {
  const mapped = quarantineCurrencyMismatches(unchecked);
  const dataQuality: DataQualityNote[] = [...mapped.dataQuality];
  const compliance = resolveComplianceRules(mapped.account, options.complianceProfile);
  if (compliance.note) {
    dataQuality.push(compliance.note);
  }
  const next = snapshotNextAction(mapped, { now: options.now, fallbackZone: compliance.rules?.defaultZone ?? 'UTC', ...(options.strategy !== undefined ? { strategy: options.strategy } : {}), ...(options.rates ? { rates: options.rates } : {}) });
  if (next.note) {
    dataQuality.push(next.note);
  }
  let priority: PriorityResult | null = null;
  try {
    priority = scorePriority(mapped, compliance.rules?.defaultZone ?? 'UTC', options.now);
  } catch (error) {
    // Priority is advisory: a record it cannot score must not cost the collector the snapshot.
    if (!(error instanceof DomainValidationError)) {
      throw error;
    }
    dataQuality.push({ recordKind: 'account', recordId: mapped.account.id, field: null, message: `Priority could not be scored: ${error.message}` });
  }
  return { ...mapped, dataQuality, complianceRules: compliance.rules, priority, nextAction: next.nextAction };
}

/**
 * As of `now` in the customer's zone (else the policy's default zone), in the account's currency
 * (else the first with an open balance); null when nothing is open.
 */
function scorePriority(s: MappedSnapshot, fallbackZone: string, now: Date): PriorityResult | null {
  const zone = customerZone(s.account, s.contacts) ?? fallbackZone;
  const asOf = zonedParts(now.getTime(), zone).date;
  const report = ageInvoices({ invoices: s.invoices, disputes: s.disputes, promises: s.promises, plans: s.plans, credits: s.credits, asOf });
  const open = report.byCurrency.filter((c) => c.openBalance.amountMinor > 0);
  const main = open.find((c) => c.currency === s.account.currency) ?? open[0];
  if (!main) {
    return null;
  }
  const pendingDue = s.promises.filter((p) => p.status === 'pending').map((p) => p.dueDate).sort();
  const conversations = s.activities.filter((a) => a.conversation).map((a) => a.occurredAt).sort((a, b) => Date.parse(b) - Date.parse(a));
  return scoreAccount(
    {
      accountId: s.account.id,
      collectableReportingMinor: main.collectable.amountMinor,
      currency: main.currency,
      maxDaysPastDue: Math.max(0, ...report.byCurrency.map((c) => c.oldestOpenItem?.dpd ?? 0)),
      brokenPromisesLast90Days: brokenPromiseCount(s.promises, { from: addDays(asOf, -90), to: asOf }),
      nextPromiseDueDate: pendingDue[0] ?? null,
      lastConversationAt: conversations[0] ?? null,
      riskRating: s.account.riskRating ?? null,
      keyAccount: s.account.keyAccount ?? null,
      compliance: null,
    },
    { asOf: now.toISOString(), zone },
  );
}
