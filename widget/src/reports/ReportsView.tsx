/**
 * The reports view (issue "Reports for management", on screen): aging stacked by collector, DSO and
 * CEI per month-end against a target, cash collected by month, promise kept rate by month; each
 * chart with its data table; filters for period, collector and currency; Export downloads the same
 * workbook the CLI writes (domain reports/workbook.ts), with write-excel-file's browser export
 * loaded only when Export is pressed. Figures come from the domain (buildManagementReport); the
 * view formats them and nothing else.
 */
import { useMemo, useState } from 'preact/hooks';
import { AGING_BUCKETS } from '../../../connector/domain/aging';
import { money as formatAmount } from '../format';
import type { FxRate } from '../../../connector/domain/money';
import type { PortfolioAggregates } from '../../../connector/domain/portfolio/aggregate';
import { reportMonths, type ReportHistory } from '../../../connector/domain/reports/history';
import { buildManagementReport, type ManagementReport } from '../../../connector/domain/reports/report';
import { reportSheets } from '../../../connector/domain/reports/sheets';
import { reportWorkbook } from '../../../connector/domain/reports/workbook';
import { Chart } from './charts';

/** CRF medians, Q1 2021 (domain-rules.md (h)): the default reference lines when no target is set. */
export const CRF_MEDIAN_DSO = 38.04;
export const CRF_MEDIAN_CEI = 86.52;

export interface ReportsViewProps {
  history: ReportHistory;
  /** Portfolio totals as of `asOf`, per reporting currency (aging and the balance explanation). */
  aggregates?: Record<string, PortfolioAggregates>;
  /** Months a person can pick from, `YYYY-MM`. */
  firstMonth: string;
  lastMonth: string;
  asOf: string;
  currencies: string[];
  rates?: readonly FxRate[];
  locale: string;
  targets?: { dso?: number; cei?: number };
  /** Saves the workbook (default: a download link); tests pass their own. */
  save?: (blob: Blob, fileName: string) => void;
}

const BUCKET_COLOURS = ['#2e7d32', '#9e9d24', '#f9a825', '#ef6c00', '#c62828', '#6a1b9a'];
const BUCKET_WORDS: Record<string, string> = { current: 'Not yet due', '1-30': '1-30 days', '31-60': '31-60 days', '61-90': '61-90 days', '91-120': '91-120 days', '120+': 'Over 120 days' };

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The workbook of a report as a Blob (write-excel-file/browser, imported on first export). */
export async function workbookBlob(report: ManagementReport): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  return writeXlsxFile(reportWorkbook(reportSheets(report)) as Parameters<typeof writeXlsxFile>[0]).toBlob();
}

export function ReportsView(props: ReportsViewProps) {
  const months = useMemo(() => reportMonths(props.firstMonth, props.lastMonth).map((m) => m.month), [props.firstMonth, props.lastMonth]);
  const [from, setFrom] = useState(props.firstMonth);
  const [to, setTo] = useState(props.lastMonth);
  const [collectorId, setCollectorId] = useState('');
  const [currency, setCurrency] = useState(props.currencies[0] ?? 'USD');
  const [status, setStatus] = useState('');
  const collectors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const a of props.history.accounts) {
      if (a.collector) {
        byId.set(a.collector.id, a.collector.name);
      }
    }
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [props.history]);

  const result = useMemo((): { report: ManagementReport } | { error: string } => {
    // The reader offers no currency when the book has several and the org no corporate currency (no rates to convert with).
    if (props.currencies.length === 0) {
      return { error: 'Accounts are in several currencies and the org has no corporate currency: the reports cannot add them up.' };
    }
    if (from > to) {
      return { error: 'The first month is after the last month: pick a first month on or before the last.' };
    }
    const accounts = collectorId ? props.history.accounts.filter((a) => a.collector?.id === collectorId) : props.history.accounts;
    try {
      return { report: buildManagementReport({ accounts }, { from, to, asOf: props.asOf, reportingCurrency: currency, rates: props.rates ?? [] }, props.aggregates?.[currency] ?? null) };
    } catch (error) {
      return { error: error instanceof Error ? `These figures cannot be shown: ${error.message}` : 'These figures cannot be shown.' };
    }
  }, [from, to, collectorId, currency, props.currencies, props.history, props.asOf, props.rates, props.aggregates]);

  // Chart values of money are minor units of the report currency (the domain's figures as they are).
  const money = (minor: number): string => formatAmount({ amountMinor: minor, currency }, props.locale);
  const oneDecimal = useMemo(() => new Intl.NumberFormat(props.locale, { maximumFractionDigits: 1 }), [props.locale]);
  const percent = (v: number): string => `${oneDecimal.format(v)} %`;
  const days = (v: number): string => `${oneDecimal.format(v)} days`;

  const onExport = async (): Promise<void> => {
    if (!('report' in result)) {
      return;
    }
    setStatus('Preparing the workbook…');
    try {
      const blob = await workbookBlob(result.report);
      (props.save ?? download)(blob, `collections-report-${from}-to-${to}.xlsx`);
      setStatus('Workbook ready.');
    } catch (error) {
      setStatus(`The workbook could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const filters = (
    <form class="report-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From{' '}
        <select value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label>
        To{' '}
        <select value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label>
        Collector{' '}
        <select value={collectorId} onChange={(e) => setCollectorId((e.target as HTMLSelectElement).value)}>
          <option value="">All collectors</option>
          {collectors.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Currency{' '}
        <select value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
          {props.currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void onExport()} disabled={!('report' in result)}>
        Export to Excel
      </button>
      <span role="status">{status}</span>
    </form>
  );

  if (!('report' in result)) {
    return (
      <section class="reports" aria-labelledby="reports-title">
        <h2 id="reports-title">Collections reports</h2>
        {filters}
        <p role="alert">{result.error}</p>
      </section>
    );
  }
  const report = result.report;
  const agingRows = (report.aging?.rows ?? []).filter((r) => r.grouping === 'collector' && (!collectorId || r.group === collectors.find(([id]) => id === collectorId)?.[1]));
  const byMonth = report.receivables.months;
  return (
    <section class="reports" aria-labelledby="reports-title">
      <h2 id="reports-title">Collections reports</h2>
      {filters}
      <div class="report-grid">
        <Chart
          id="report-aging"
          title="Aging by collector"
          kind="stacked"
          categories={agingRows.map((r) => r.group)}
          series={AGING_BUCKETS.map((b, k) => ({ label: BUCKET_WORDS[b] ?? b, colour: BUCKET_COLOURS[k] ?? '#888', values: agingRows.map((r) => r.buckets[b]) }))}
          format={money}
        />
        <Chart
          id="report-dso"
          title="Days sales outstanding (count-back) per month-end"
          kind="line"
          categories={byMonth.map((m) => m.month)}
          series={[
            { label: 'DSO (count-back)', colour: '#1565c0', values: byMonth.map((m) => m.dsoCountBack) },
            { label: 'Best possible DSO', colour: '#2e7d32', values: byMonth.map((m) => m.bestPossibleDso) },
          ]}
          target={{ label: props.targets?.dso === undefined ? 'CRF median' : 'Target', value: props.targets?.dso ?? CRF_MEDIAN_DSO }}
          format={days}
        />
        <Chart
          id="report-cei"
          title="Collection effectiveness index per month"
          kind="line"
          categories={byMonth.map((m) => m.month)}
          series={[{ label: 'CEI', colour: '#6a1b9a', values: byMonth.map((m) => m.cei) }]}
          target={{ label: props.targets?.cei === undefined ? 'CRF median' : 'Target', value: props.targets?.cei ?? CRF_MEDIAN_CEI }}
          format={percent}
        />
        <Chart
          id="report-cash"
          title="Cash collected per month"
          kind="bars"
          categories={report.cash.byMonth.map((p) => p.period)}
          series={[{ label: 'Cash collected', colour: '#00838f', values: report.cash.byMonth.map((p) => p.amount) }]}
          format={money}
        />
        <Chart
          id="report-kept"
          title="Promises kept per month"
          kind="bars"
          categories={report.promises.byMonth.map((m) => m.month)}
          series={[
            { label: 'Kept, by count', colour: '#2e7d32', values: report.promises.byMonth.map((m) => m.keptRateByCount) },
            { label: 'Kept, by amount', colour: '#9e9d24', values: report.promises.byMonth.map((m) => m.keptRateByAmount) },
          ]}
          format={percent}
        />
      </div>
    </section>
  );
}
