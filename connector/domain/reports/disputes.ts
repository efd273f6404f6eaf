/**
 * Disputes report (domain-rules.md (e) "Controls": SLAs, resolve in 10 business days): disputes
 * open on the report's as-of day by reason and by age, SLA breaches (open past their resolution
 * date; resolved in the window after it), and average days to resolve those resolved in the window.
 *
 * A dispute is open on day D when it was opened on or before D and not resolved by D; one without
 * a resolution day is open while its status holds dunning (disputes.ts `isDisputeActive`).
 * Amounts: the dispute lines in the reporting currency at the as-of day's rate.
 */
import { disputeReasonInfo, isDisputeActive } from '../disputes';
import type { DisputeReason } from '../model';
import { roundedQuotient } from '../money';
import { inReporting, type ParsedAccount, type ParsedOptions } from './history';
import { REPORT_DECIMALS } from './receivables';

/** Age bands of open disputes, in calendar days since opened. */
export const DISPUTE_AGE_BANDS = ['0-10', '11-30', '31-60', '61-90', '90+'] as const;
export type DisputeAgeBand = (typeof DISPUTE_AGE_BANDS)[number];

/** Open disputes of one reason. */
export interface DisputeReasonRow {
  reason: DisputeReason;
  /** The reason in words (disputes.ts catalogue). */
  label: string;
  open: number;
  /** Reporting-currency minor units. */
  amount: number;
  byAge: Record<DisputeAgeBand, number>;
  /** Open and past their resolution date. */
  pastSla: number;
}

/** Result of {@link disputesReport}. */
export interface DisputesReport {
  currency: string;
  asOf: string;
  open: number;
  openAmount: number;
  byReason: DisputeReasonRow[];
  /** Open disputes past their SLA date on the as-of day. */
  openPastSla: number;
  /** Resolved in the window. */
  resolved: number;
  /** Resolved in the window after their SLA date. */
  resolvedLate: number;
  /** Mean of (resolved − opened) in calendar days over those resolved in the window. */
  averageDaysToResolve: number | null;
}

function ageBand(days: number): DisputeAgeBand {
  return days <= 10 ? '0-10' : days <= 30 ? '11-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
}

/** @internal */
export function disputesReport(accounts: readonly ParsedAccount[], options: ParsedOptions): DisputesReport {
  const first = (options.months[0] as { firstDay: number }).firstDay;
  const last = (options.months[options.months.length - 1] as { lastDay: number }).lastDay;
  const today = options.asOfDay;
  const rows = new Map<DisputeReason, DisputeReasonRow>();
  const out = { open: 0, openAmount: 0, openPastSla: 0, resolved: 0, resolvedLate: 0 };
  let resolveDays = 0;
  for (const account of accounts) {
    for (const { record, openedDay, resolvedDay, slaDay } of account.disputes) {
      if (resolvedDay !== null && resolvedDay >= first && resolvedDay <= last) {
        out.resolved += 1;
        resolveDays += resolvedDay - openedDay;
        if (resolvedDay > slaDay) {
          out.resolvedLate += 1;
        }
      }
      const open = openedDay <= today && (resolvedDay === null ? isDisputeActive(record) : resolvedDay > today);
      if (!open) {
        continue;
      }
      const row = rows.get(record.reason) ?? {
        reason: record.reason,
        label: disputeReasonInfo(record.reason).label,
        open: 0,
        amount: 0,
        byAge: Object.fromEntries(DISPUTE_AGE_BANDS.map((band) => [band, 0])) as Record<DisputeAgeBand, number>,
        pastSla: 0,
      };
      rows.set(record.reason, row);
      const amount = record.lines.reduce((sum, line) => sum + inReporting(line.amount, today, options), 0);
      row.open += 1;
      row.amount += amount;
      row.byAge[ageBand(today - openedDay)] += 1;
      out.open += 1;
      out.openAmount += amount;
      if (today > slaDay) {
        row.pastSla += 1;
        out.openPastSla += 1;
      }
    }
  }
  return {
    currency: options.reportingCurrency,
    asOf: options.asOf,
    ...out,
    byReason: [...rows.values()].sort((a, b) => b.open - a.open || (a.reason < b.reason ? -1 : 1)),
    averageDaysToResolve: roundedQuotient(BigInt(resolveDays), BigInt(out.resolved), REPORT_DECIMALS),
  };
}
