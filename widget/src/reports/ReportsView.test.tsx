import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { toEpochDay } from '../../../connector/domain/dates';
import type { Invoice, Payment, PromiseToPay } from '../../../connector/domain/model';
import { aggregatePortfolio } from '../../../connector/domain/portfolio/aggregate';
import { PortfolioBook } from '../../../connector/domain/portfolio/book';
import { computeFacts } from '../../../connector/domain/portfolio/facts';
import type { HistoryAccount, ReportHistory } from '../../../connector/domain/reports/history';
import { buildManagementReport } from '../../../connector/domain/reports/report';
import { REPORT_SHEET_NAMES } from '../../../connector/domain/reports/sheets';
import { expectNoAxeViolations } from '../../test/axe';
import { CollectionsReports } from './index';
import { ReportsView } from './ReportsView';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const ASHA = { id: 'U1', name: 'Asha' };
const BEN = { id: 'U2', name: 'Ben' };
const invoice = (id: string, issueDate: string, dueDate: string, total: number): Invoice => ({ id, number: id, issueDate, dueDate, total: usd(total), balance: usd(total), status: 'open' });
const payment = (id: string, receivedOn: string, amount: number, invoiceId: string | null): Payment => ({ id, receivedOn, amount: usd(amount), invoiceId });
const promise = (id: string, takenOn: string, dueDate: string, amount: number): PromiseToPay => ({ id, takenOn, dueDate, amount: usd(amount), invoiceIds: [], status: 'pending' });
const account = (id: string, records: Partial<HistoryAccount>): HistoryAccount => ({ id, name: id, segment: 'b2b', collector: ASHA, invoices: [], payments: [], credits: [], promises: [], activities: [], disputes: [], ...records });

const history: ReportHistory = {
  accounts: [
    account('A', {
      invoices: [invoice('I1', '2026-01-05', '2026-02-04', 500_00), invoice('I2', '2026-02-05', '2026-03-07', 300_00)],
      payments: [payment('P1', '2026-02-02', 200_00, 'I1'), payment('P2', '2026-03-03', 50_00, 'I2')],
      promises: [promise('R1', '2026-01-20', '2026-02-02', 200_00)],
    }),
    account('B', { collector: BEN, invoices: [invoice('I3', '2026-01-10', '2026-01-20', 1_000_00)], payments: [payment('P3', '2026-03-15', 400_00, 'I3')] }),
  ],
};

function aggregates() {
  const book = new PortfolioBook();
  const c = book.currencyIndex('USD');
  const a = book.addAccountCompact('A', { currencyIndex: c, segment: 'b2b', collectorIndex: book.collectorIndex(ASHA) });
  const b = book.addAccountCompact('B', { currencyIndex: c, segment: 'b2b', collectorIndex: book.collectorIndex(BEN) });
  book.addInvoiceCompact(a, toEpochDay('2026-02-04'), 300_00, c, 'open');
  book.addInvoiceCompact(a, toEpochDay('2026-03-07'), 250_00, c, 'open');
  book.addInvoiceCompact(b, toEpochDay('2026-01-20'), 600_00, c, 'open');
  return { USD: aggregatePortfolio(computeFacts(book, { asOf: '2026-03-31T12:00:00Z', reportingCurrency: 'USD' })) };
}

const props = { history, aggregates: aggregates(), firstMonth: '2026-01', lastMonth: '2026-03', asOf: '2026-03-31', currencies: ['USD'], locale: 'en-US' };

function tableOf(title: string): HTMLTableElement {
  const figure = screen.getByRole('figure', { name: title });
  return within(figure).getByRole('table') as HTMLTableElement;
}
const rowsOf = (table: HTMLTableElement) => [...table.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent));

afterEach(cleanup);

describe('reports view', () => {
  it('shows the domain figures in each chart’s data table, and passes axe', async () => {
    const { container } = render(<ReportsView {...props} />);
    const report = buildManagementReport(history, { from: '2026-01', to: '2026-03', asOf: '2026-03-31', reportingCurrency: 'USD' }, props.aggregates.USD);
    expect(rowsOf(tableOf('Cash collected per month'))).toEqual([['2026-02', '$200.00'], ['2026-03', '$450.00']]);
    expect(report.cash.byMonth.map((p) => p.amount)).toEqual([200_00, 450_00]);
    const dso = rowsOf(tableOf('Days sales outstanding (count-back) per month-end'));
    expect(dso.map((r) => r[1])).toEqual(report.receivables.months.map((m) => (m.dsoCountBack === null ? '—' : `${m.dsoCountBack} days`)));
    expect(rowsOf(tableOf('Aging by collector')).map((r) => r[0])).toEqual(['Asha', 'Ben']);
    expect(rowsOf(tableOf('Promises kept per month'))[1]).toEqual(['2026-02', '100 %', '100 %']);
    await expectNoAxeViolations(container);
  });

  it('filters by collector and period with the keyboard-reachable selects', () => {
    render(<ReportsView {...props} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Collector' }), { target: { value: 'U2' } });
    expect(rowsOf(tableOf('Cash collected per month'))).toEqual([['2026-03', '$400.00']]);
    expect(rowsOf(tableOf('Aging by collector')).map((r) => r[0])).toEqual(['Ben']);
    fireEvent.change(screen.getByRole('combobox', { name: 'From' }), { target: { value: '2026-03' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'To' }), { target: { value: '2026-02' } });
    expect(screen.getByRole('alert').textContent).toMatch(/first month is after the last month/);
  });

  it('exports the same workbook the CLI writes, loading the writer only then', async () => {
    let saved: { blob: Blob; name: string } | null = null;
    render(<ReportsView {...props} save={(blob, name) => (saved = { blob, name })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await waitFor(() => expect(saved).not.toBeNull());
    const { blob, name } = saved as unknown as { blob: Blob; name: string };
    expect(name).toBe('collections-report-2026-01-to-2026-03.xlsx');
    const read = await readXlsxFile(Buffer.from(await blob.arrayBuffer()));
    expect(read.map((s) => s.sheet)).toEqual([...REPORT_SHEET_NAMES]);
    const cash = read[2]?.data ?? [];
    expect(cash.find((row) => row[0] === 'Month' && row[1] === '2026-03')?.[3]).toBe(450);
    expect(screen.getByRole('status').textContent).toBe('Workbook ready.');
  });

  it('says why there are no figures when no currency can take every account, for every host mounting the reader’s answer', () => {
    const element = document.createElement('div');
    document.body.append(element);
    // What the connector's report reader answers: the view's data plus what only the host uses (notes, requests).
    const answer = { ...props, aggregates: {}, currencies: [], notes: [], apiRequests: 7 };
    const handle = CollectionsReports.mount(element, answer);
    expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent).toBe('Accounts are in several currencies and the org has no corporate currency: the reports cannot add them up.');
    handle.unmount();
    element.remove();
  });
});
