/**
 * Writes the management report's sheets (domain reports/sheets.ts) as one .xlsx and, on request, one
 * CSV per sheet. The xlsx writer is write-excel-file (MIT, pinned), imported only when a workbook is
 * written so `collections rank` never loads it. The cells, formats, frozen header and widths are the
 * domain's workbook description (reports/workbook.ts), shared with the reports view's export.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportWorkbook, sheetCsv } from '../connector/domain';
import type { ReportSheet } from '../connector/domain';

/** The workbook as bytes (write-excel-file's Node export, imported on first use). */
export async function xlsxBytes(sheets: readonly ReportSheet[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(reportWorkbook(sheets) as Parameters<typeof writeXlsxFile>[0]).toBuffer();
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
