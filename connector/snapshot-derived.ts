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
import { trimActivities } from './snapshot-activities';
import { snapshotNextAction } from './snapshot-next-action';
import { ageInvoices } from './domain/aging';
import { addDays } from './domain/dates';
import { DomainValidationError } from './domain/errors';
import { scoreAccount, type PriorityResult } from './domain/priority';
import { brokenPromiseCount } from './domain/promises';
import { customerZone, zonedParts } from './domain/time';
import { weekendOf } from './domain/compliance/working-week';
import type { PolicyRules } from './domain/compliance/profile';
import type { FxRate } from './domain/money';
import type { Strategy } from './domain/strategy/schema';
import type { AccountSnapshot, DataQualityNote, WorkingCalendar } from './port';

/**
 * Public holidays of a country (and region) between two local dates inclusive, or null when the
 * source has no data for it. Injected where a holiday library may run (Node, the extension's
 * service worker: connector/holidays/date-holidays-source.ts), never bundled into a page (decision 0021).
 */
export type HolidaySource = (request: { country: string; region: string | null; from: string; to: string }) => { holidays: { date: string; name: string }[]; source: string } | null;

/** How many days of holidays travel with a snapshot: the contact rules look this far ahead. */
export const CALENDAR_DAYS = 60;

/** A snapshot as an adapter maps it from CRM records, before the derived parts. */
export type MappedSnapshot = Omit<AccountSnapshot, 'complianceRules' | 'priority' | 'calendar' | 'nextAction'>;

export interface DeriveOptions {
  /** The host's compliance profile override (`loadSnapshot(ref, { complianceProfile })`). */
  complianceProfile?: string | null | undefined;
  now: Date;
  /** Where public holidays come from; without it the calendar carries the weekend only (decision 0021). */
  holidays?: HolidaySource | undefined;
  /** The collection strategy for the next action, already validated (parseStrategy); default the shipped one. */
  strategy?: Strategy;
  /** The org's static rates (CurrencyType), when the adapter has them, for the strategy's amount bands (decision 0028). */
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
  // Scored on every activity read; the page gets the timeline's newest and what compliance counts.
  const trimmed = trimActivities(mapped.activities, compliance.rules, options.now);
  const olderActivities = (mapped.olderActivities ?? 0) + trimmed.olderActivities;
  const calendar = workingCalendar(mapped, compliance.rules, options, dataQuality);
  return { ...mapped, activities: trimmed.activities, ...(olderActivities > 0 ? { olderActivities } : {}), dataQuality, complianceRules: compliance.rules, priority, calendar, nextAction: next.nextAction };
}

/**
 * The debtor country's weekend and its public holidays for the next {@link CALENDAR_DAYS} local days
 * (from today in the customer's zone); null when no country is known. A failing source costs the
 * holidays only (the engine then says they were not checked), never the snapshot.
 */
function workingCalendar(s: MappedSnapshot, rules: PolicyRules | null, options: DeriveOptions, dataQuality: DataQualityNote[]): WorkingCalendar | null {
  const country = (s.account.country ?? rules?.defaultHolidayCalendar ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    return null;
  }
  const region = s.account.region ?? null;
  const from = calendarStart(s, rules, options.now);
  const to = addDays(from, CALENDAR_DAYS - 1);
  let found: ReturnType<HolidaySource> = null;
  try {
    found = options.holidays ? options.holidays({ country, region, from, to }) : null;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    dataQuality.push({ recordKind: 'account', recordId: s.account.id, field: 'country', message: `Public holidays for ${country} could not be read (${why}): they are not checked.` });
  }
  return { country, region, weekend: [...weekendOf(country)], from, to, holidays: found ? found.holidays : null, source: found ? found.source : null };
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

/** Today in the customer's zone; UTC's date when the zone is malformed (the priority's note says so). */
function calendarStart(s: MappedSnapshot, rules: PolicyRules | null, now: Date): string {
  try {
    return zonedParts(now.getTime(), customerZone(s.account, s.contacts) ?? rules?.defaultZone ?? 'UTC').date;
  } catch (error) {
    if (!(error instanceof DomainValidationError)) {
      throw error;
    }
    return now.toISOString().slice(0, 10);
  }
}
