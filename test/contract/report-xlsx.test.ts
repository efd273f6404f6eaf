/**
 * The management report's workbook read back with a reader library (read-excel-file): sheet names,
 * header rows, cell values and cell types equal the sheets the domain laid out (the same sheets the
 * CLI prints with --json); the CSV files carry the same figures.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { csvFileName, writeCsvFiles, xlsxBytes } from '../../cli/report-files';
import { aggregatePortfolio, buildManagementReport, computeFacts, numberFormat, PortfolioBook, REPORT_SHEET_NAMES, reportSheets, toEpochDay } from '../../connector/domain';
import type { HistoryAccount, ReportCell, ReportSheet } from '../../connector/domain';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const ASHA = { id: 'U1', name: 'Asha' };

function sampleSheets(): ReportSheet[] {
  const account: HistoryAccount = {
    id: 'A',
    name: '=HYPERLINK("x")',
    segment: 'b2b',
    collector: ASHA,
    invoices: [
      { id: 'I1', number: '1', issueDate: '2026-01-05', dueDate: '2026-02-04', total: usd(50_000_00), balance: usd(20_000_00), status: 'partially_paid' },
      { id: 'I2', number: '2', issueDate: '2026-02-05', dueDate: '2026-03-07', total: usd(12_345_67), balance: usd(12_345_67), status: 'open' },
    ],
    payments: [{ id: 'P1', receivedOn: '2026-02-02', amount: usd(30_000_00), invoiceId: 'I1' }],
    credits: [{ id: 'C1', kind: 'credit_note', amount: usd(1_000_00), issuedOn: '2026-02-10' }],
    promises: [{ id: 'R1', takenOn: '2026-01-20', dueDate: '2026-02-02', amount: usd(30_000_00), invoiceIds: ['I1'], status: 'pending' }],
    activities: [{ id: 'T1', kind: 'call', direction: 'outbound', occurredAt: '2026-01-20T10:00:00Z', conversation: true, createdBy: ASHA }],
    disputes: [{ id: 'D1', reason: 'pricing', status: 'open', lines: [{ invoiceId: 'I2', amount: usd(2_000_00) }], owner: ASHA, openedOn: '2026-02-10', slaDueDate: '2026-02-24' }],
  };
  const book = new PortfolioBook();
  const c = book.currencyIndex('USD');
  const a = book.addAccountCompact('A', { currencyIndex: c, segment: 'b2b', collectorIndex: book.collectorIndex(ASHA) });
  book.addInvoiceCompact(a, toEpochDay('2026-02-04'), 20_000_00, c, 'open');
  book.addInvoiceCompact(a, toEpochDay('2026-03-07'), 12_345_67, c, 'open');
  const aggregates = aggregatePortfolio(computeFacts(book, { asOf: '2026-03-31T12:00:00Z', reportingCurrency: 'USD' }));
  return reportSheets(buildManagementReport({ accounts: [account] }, { from: '2026-01', to: '2026-03', asOf: '2026-03-31', reportingCurrency: 'USD' }, aggregates));
}

/** What a reader gives back for a cell of this kind. */
function expectedValue(cell: ReportCell): unknown {
  if (cell.value === null) {
    return null;
  }
  return cell.kind === 'date' ? new Date(`${cell.value}T00:00:00.000Z`) : cell.value;
}

describe('report workbook', () => {
  it('reads back with the seven sheet names, header rows, values and types of the laid-out sheets', async () => {
    const sheets = sampleSheets();
    const read = await readXlsxFile(await xlsxBytes(sheets));
    expect(read.map((s) => s.sheet)).toEqual([...REPORT_SHEET_NAMES]);
    let checked = 0;
    for (const [index, sheet] of sheets.entries()) {
      const data = read[index]?.data ?? [];
      expect(data[0]).toEqual(sheet.columns.map((c) => c.header));
      expect(data.length).toBe(sheet.rows.length + 1);
      sheet.rows.forEach((row, r) => {
        row.forEach((cell, k) => {
          const got = data[r + 1]?.[k] ?? null;
          expect(got, `${sheet.name} row ${r + 2} column ${k + 1}`).toEqual(expectedValue(cell));
          if (cell.value !== null) {
            expect(typeof got, `${sheet.name} row ${r + 2} column ${k + 1}`).toBe(cell.kind === 'text' ? 'string' : cell.kind === 'date' ? 'object' : 'number');
          }
          checked += 1;
        });
      });
    }
    expect(checked).toBeGreaterThan(200);
    // Spot checks in words: the figures a manager reads.
    const summary = read[0]?.data ?? [];
    expect(summary.find((row) => row[0] === 'Cash collected')?.[1]).toBe(30_000);
    expect(summary.find((row) => row[0] === 'Open receivables')?.[1]).toBe(32_345.67);
  });

  it('formats money with the currency and its decimals, and freezes the header row', async () => {
    expect(numberFormat('money', 'USD')).toBe('#,##0.00 "USD"');
    expect(numberFormat('money', 'JPY')).toBe('#,##0 "JPY"');
    expect(numberFormat('money', 'KWD')).toBe('#,##0.000 "KWD"');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(await xlsxBytes(sampleSheets())));
    const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet1).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet1).toMatch(/<col [^>]*width="48"/);
    expect(strFromU8(files['xl/styles.xml'] as Uint8Array)).toContain('#,##0.00 &quot;USD&quot;');
  });

  it('writes one CSV per sheet with the same figures, text that looks like a formula defused', async () => {
    const sheets = sampleSheets();
    const dir = await mkdtemp(join(tmpdir(), 'report-csv-'));
    try {
      const paths = await writeCsvFiles(sheets, dir);
      expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(['summary.csv', 'aging.csv', 'cash-collected.csv', 'promises.csv', 'dso-cei.csv', 'collectors.csv', 'disputes.csv']);
      expect(sheets.map(csvFileName)).toEqual(paths.map((p) => p.slice(dir.length + 1)));
      const dso = await readFile(join(dir, 'dso-cei.csv'), 'utf8');
      expect(dso.split('\r\n')[0]).toBe('Month,Month-end,Receivables,Not yet due,Over 90 days,Credit notes,Unapplied cash,Net of credits,Sales,Days,DSO (count-back),Best possible DSO,Average days delinquent,CEI (%),Over 90 days (%)');
      expect(dso.split('\r\n')[1]?.startsWith('2026-01,2026-01-31,50000,50000,0,0,0,50000,50000,31,31,')).toBe(true);
      const { sheetCsv } = await import('../../connector/domain');
      expect(sheetCsv({ name: 'Summary', currency: 'USD', columns: [{ header: 'Figure', width: 1 }], rows: [[{ kind: 'text', value: '=HYPERLINK("x")' }], [{ kind: 'text', value: 'a,b' }]] })).toBe(
        'Figure\r\n"\'=HYPERLINK(""x"")"\r\n"a,b"\r\n',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
