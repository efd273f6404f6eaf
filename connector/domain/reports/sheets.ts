/**
 * The management report as sheets: the one layout the .xlsx, the CSV files and the on-screen tables
 * share, so a figure reads the same everywhere. Pure: each cell carries its value and its kind
 * (money in the report currency's major units, counts, percentages, days, dates, words); a writer
 * turns kinds into number formats. Headers are words for people (no field names, no minor units).
 */
import { AGING_BUCKETS } from '../aging';
import { currencyExponent } from '../currencies';
import type { UserRef } from '../model';
import { DISPUTE_AGE_BANDS } from './disputes';
import type { ManagementReport } from './report';

/** Sheet names, in workbook order (issue "Reports for management"). */
export const REPORT_SHEET_NAMES = ['Summary', 'Aging', 'Cash collected', 'Promises', 'DSO & CEI', 'Collectors', 'Disputes'] as const;
export type ReportSheetName = (typeof REPORT_SHEET_NAMES)[number];

/**
 * One cell. `money`: an amount in the report currency's major units (e.g. 1234.5 dollars);
 * `percent`: a percentage as a number (55.9 means 55.9 %); `days`: a day count or DSO figure;
 * `date`: `YYYY-MM-DD`; `count`: a whole number; `text`: words. Null: no figure (e.g. no sales).
 */
export type ReportCell =
  | { kind: 'text'; value: string }
  | { kind: 'money' | 'percent' | 'days' | 'count' | 'ratio'; value: number | null }
  | { kind: 'date'; value: string };

export interface ReportSheet {
  name: ReportSheetName;
  /** Report currency (money cells' unit). */
  currency: string;
  columns: { header: string; width: number }[];
  rows: ReportCell[][];
}

const text = (value: string): ReportCell => ({ kind: 'text', value });
const count = (value: number): ReportCell => ({ kind: 'count', value });
const percent = (value: number | null): ReportCell => ({ kind: 'percent', value });
const days = (value: number | null): ReportCell => ({ kind: 'days', value });
const date = (value: string): ReportCell => ({ kind: 'date', value });

function columns(...spec: [string, number][]): ReportSheet['columns'] {
  return spec.map(([header, width]) => ({ header, width }));
}

const BUCKET_WORDS: Record<(typeof AGING_BUCKETS)[number], string> = {
  current: 'Not yet due',
  '1-30': '1-30 days',
  '31-60': '31-60 days',
  '61-90': '61-90 days',
  '91-120': '91-120 days',
  '120+': 'Over 120 days',
};
const GROUPING_WORDS = { book: 'All accounts', collector: 'Collector', segment: 'Segment', currency: 'Account currency' } as const;
const collectorName = (c: UserRef | null): string => c?.name ?? 'Unassigned';

/** Every sheet of the report, in {@link REPORT_SHEET_NAMES} order. */
export function reportSheets(report: ManagementReport): ReportSheet[] {
  const scale = 10 ** currencyExponent(report.currency);
  const money = (minor: number | null): ReportCell => ({ kind: 'money', value: minor === null ? null : minor / scale });
  const months = report.receivables.months;
  const latest = months[months.length - 1];
  const sheet = (name: ReportSheetName, cols: ReportSheet['columns'], rows: ReportCell[][]): ReportSheet => ({ name, currency: report.currency, columns: cols, rows });
  const book = report.aging?.rows.find((r) => r.grouping === 'book');

  const summary: [string, ReportCell][] = [
    ['Report window', text(`${report.from} to ${report.to}`)],
    ['As of', date(report.asOf)],
    ['Report currency', text(report.currency)],
    ['Accounts', count(report.accounts)],
    ...(book ? ([['Open receivables', money(book.open)], ['Overdue', money(book.overdue)], ['In dispute', money(book.disputed)]] as [string, ReportCell][]) : []),
    ...(report.balance ? report.balance.map((line): [string, ReportCell] => [`Balance: ${line.label}`, money(line.amount.amountMinor)]) : []),
    ['Cash collected', money(report.cash.total)],
    [`Days sales outstanding (count-back), ${latest?.month ?? ''}`, days(latest?.dsoCountBack ?? null)],
    [`Best possible DSO, ${latest?.month ?? ''}`, days(latest?.bestPossibleDso ?? null)],
    [`Average days delinquent, ${latest?.month ?? ''}`, days(latest?.averageDaysDelinquent ?? null)],
    ['Collection effectiveness index, whole window (%)', percent(report.receivables.periodCei)],
    [`Over 90 days past due, ${latest?.month ?? ''} (%)`, percent(latest?.percentOver90 ?? null)],
    ['Promises kept, by count (%)', percent(report.promises.total.keptRateByCount)],
    ['Promises kept, by amount (%)', percent(report.promises.total.keptRateByAmount)],
    ['Open disputes', count(report.disputes.open)],
    ['Open disputes past their resolution date', count(report.disputes.openPastSla)],
    ['Average days to resolve a dispute', days(report.disputes.averageDaysToResolve)],
  ];

  return [
    sheet('Summary', columns(['Figure', 48], ['Value', 18]), summary.map(([label, cell]) => [text(label), cell])),
    sheet(
      'Aging',
      columns(['Grouping', 18], ['Group', 24], ['Accounts', 10], ['Accounts overdue', 12], ['Open', 16], ...AGING_BUCKETS.map((b): [string, number] => [BUCKET_WORDS[b], 14]), ['Overdue', 16], ['In dispute', 14], ['Left to collect', 16]),
      (report.aging?.rows ?? []).map((r) => [
        text(GROUPING_WORDS[r.grouping]),
        text(r.group),
        count(r.accounts),
        count(r.accountsOverdue),
        money(r.open),
        ...AGING_BUCKETS.map((b) => money(r.buckets[b])),
        money(r.overdue),
        money(r.disputed),
        money(r.collectable),
      ]),
    ),
    sheet('Cash collected', columns(['Grouping', 12], ['Period or collector', 24], ['Payments', 10], ['Amount', 16]), [
      ...report.cash.byMonth.map((p) => [text('Month'), text(p.period), count(p.payments), money(p.amount)]),
      ...report.cash.byWeek.map((p) => [text('Week of'), date(p.period), count(p.payments), money(p.amount)]),
      ...report.cash.byDay.map((p) => [text('Day'), date(p.period), count(p.payments), money(p.amount)]),
      ...report.cash.byCollector.map((c) => [text('Collector'), text(collectorName(c.collector)), count(c.payments), money(c.amount)]),
      [text('All'), text(`${report.from} to ${report.to}`), count(report.cash.payments), money(report.cash.total)],
    ]),
    sheet(
      'Promises',
      columns(['Grouping', 12], ['Month or collector', 22], ['Taken', 8], ['Amount taken', 14], ['Fell due', 9], ['Kept', 8], ['Partially kept', 10], ['Broken', 8], ['Still in grace', 10], ['Promised', 14], ['Received', 14], ['Kept by count (%)', 12], ['Kept by amount (%)', 12]),
      [
        ...report.promises.byMonth.map((m) => ({ grouping: 'Month', group: m.month, f: m })),
        ...report.promises.byCollector.map((c) => ({ grouping: 'Collector', group: collectorName(c.collector), f: c })),
        { grouping: 'All', group: `${report.from} to ${report.to}`, f: report.promises.total },
      ].map(({ grouping, group, f }) => [
        text(grouping),
        text(group),
        count(f.taken),
        money(f.takenAmount),
        count(f.due),
        count(f.kept),
        count(f.partiallyKept),
        count(f.broken),
        count(f.pending),
        money(f.promisedAmount),
        money(f.receivedAmount),
        percent(f.keptRateByCount),
        percent(f.keptRateByAmount),
      ]),
    ),
    sheet(
      'DSO & CEI',
      columns(['Month', 9], ['Month-end', 12], ['Receivables', 16], ['Not yet due', 16], ['Over 90 days', 14], ['Credit notes', 14], ['Unapplied cash', 14], ['Net of credits', 16], ['Sales', 16], ['Days', 6], ['DSO (count-back)', 12], ['Best possible DSO', 12], ['Average days delinquent', 12], ['CEI (%)', 9], ['Over 90 days (%)', 10]),
      [
        ...months.map((m) => [
          text(m.month),
          date(m.asOf),
          money(m.total),
          money(m.current),
          money(m.over90),
          money(m.creditNotes),
          money(m.unappliedCash),
          money(m.net),
          money(m.sales),
          count(m.days),
          days(m.dsoCountBack),
          days(m.bestPossibleDso),
          days(m.averageDaysDelinquent),
          percent(m.cei),
          percent(m.percentOver90),
        ]),
      ],
    ),
    sheet(
      'Collectors',
      columns(['Collector', 24], ['Accounts', 10], ['Calls', 8], ['Contacts', 9], ['Right-party contacts', 12], ['Right-party contacts per call (%)', 14], ['Promises taken', 10], ['Promises per call', 10], ['Promises per right-party contact (%)', 14], ['Cash collected', 16]),
      report.collectors.map((c) => [
        text(collectorName(c.collector)),
        count(c.accounts),
        count(c.calls),
        count(c.contacts),
        count(c.rightPartyContacts),
        percent(c.rightPartyRate),
        count(c.promisesTaken),
        { kind: 'ratio', value: c.promisesPerCall },
        percent(c.promiseRate),
        money(c.cashCollected),
      ]),
    ),
    sheet(
      'Disputes',
      columns(['Reason', 28], ['Open', 8], ['Amount', 14], ...DISPUTE_AGE_BANDS.map((band): [string, number] => [`Open ${band} days`, 11]), ['Past resolution date', 12]),
      [
        ...report.disputes.byReason.map((r) => [text(r.label), count(r.open), money(r.amount), ...DISPUTE_AGE_BANDS.map((band) => count(r.byAge[band])), count(r.pastSla)]),
        [
          text('All reasons'),
          count(report.disputes.open),
          money(report.disputes.openAmount),
          ...DISPUTE_AGE_BANDS.map((band) => count(report.disputes.byReason.reduce((sum, r) => sum + r.byAge[band], 0))),
          count(report.disputes.openPastSla),
        ],
      ],
    ),
  ];
}

/** A value of a CSV field: RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with ' (OWASP CSV injection). */
function csvField(cell: ReportCell): string {
  if (cell.value === null) {
    return '';
  }
  if (cell.kind !== 'text') {
    return String(cell.value);
  }
  const safe = /^[=+\-@\t\r]/.test(cell.value) ? `'${cell.value}` : cell.value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One sheet as CSV text (header row first, CRLF line ends per RFC 4180). */
export function sheetCsv(sheet: ReportSheet): string {
  const header = sheet.columns.map((c) => csvField(text(c.header))).join(',');
  return [header, ...sheet.rows.map((row) => row.map(csvField).join(','))].join('\r\n') + '\r\n';
}
