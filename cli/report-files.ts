/**
 * Writes the management report's sheets (domain reports/sheets.ts) as one .xlsx and, on request, one
 * CSV per sheet. The xlsx writer is write-excel-file (MIT, pinned), imported only when a workbook is
 * written so `collections rank` never loads it. Cells keep their kind: money, counts, percentages
 * and days as numbers with a number format (money in the report currency, with its ISO 4217
 * decimals), dates as dates, words as text; the header row is bold and frozen; columns have widths.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currencyExponent, sheetCsv } from '../connector/domain';
import type { ReportCell, ReportSheet } from '../connector/domain';

/** Excel number format of a cell kind (money: `#,##0.00 "USD"` with the currency's decimals). */
export function numberFormat(kind: ReportCell['kind'], currency: string): string | undefined {
  switch (kind) {
    case 'money': {
      const decimals = currencyExponent(currency);
      return `#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''} "${currency}"`;
    }
    case 'percent':
    case 'days':
      return '0.0';
    case 'ratio':
      return '0.00';
    case 'count':
      return '0';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

type XlsxCell = { value: string | number | Date; type: StringConstructor | NumberConstructor | DateConstructor; format?: string; fontWeight?: 'bold' } | null;

function xlsxCell(cell: ReportCell, currency: string): XlsxCell {
  if (cell.value === null) {
    return null;
  }
  if (cell.kind === 'text') {
    return { value: cell.value, type: String };
  }
  if (cell.kind === 'date') {
    // A calendar date: midnight UTC, which is how the xlsx date serial is read back.
    return { value: new Date(`${cell.value}T00:00:00.000Z`), type: Date, format: numberFormat('date', currency) };
  }
  return { value: cell.value, type: Number, format: numberFormat(cell.kind, currency) };
}

/** The workbook as bytes. */
export async function xlsxBytes(sheets: readonly ReportSheet[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const workbook = sheets.map((sheet) => ({
    sheet: sheet.name,
    stickyRowsCount: 1,
    columns: sheet.columns.map((c) => ({ width: c.width })),
    data: [sheet.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const })), ...sheet.rows.map((row) => row.map((cell) => xlsxCell(cell, sheet.currency)))],
  }));
  return writeXlsxFile(workbook as Parameters<typeof writeXlsxFile>[0]).toBuffer();
}

/** File name of a sheet's CSV: `Cash collected` → `cash-collected.csv`, `DSO & CEI` → `dso-cei.csv`. */
export function csvFileName(sheet: ReportSheet): string {
  return `${sheet.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`;
}

/** Writes one CSV per sheet into `directory` (created if missing); resolves to the paths written. */
export async function writeCsvFiles(sheets: readonly ReportSheet[], directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const paths: string[] = [];
  for (const sheet of sheets) {
    const path = join(directory, csvFileName(sheet));
    await writeFile(path, sheetCsv(sheet), 'utf8');
    paths.push(path);
  }
  return paths;
}
