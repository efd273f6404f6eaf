/**
 * The report sheets as a workbook description for write-excel-file (MIT), the same for every host
 * (the CLI passes it to the Node export, the reports view to the browser export): cells keep their
 * kind, so money, counts, percentages and days are numbers with a number format (money in the
 * report currency with its ISO 4217 decimals), dates are dates and words are text; the header row is
 * bold and frozen; columns have widths. Pure: no writer is imported here.
 */
import { currencyExponent } from '../currencies';
import type { ReportCell, ReportSheet } from './sheets';

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

/** One cell as write-excel-file takes it (null: an empty cell). */
export type WorkbookCell = { value: string | number | Date; type: StringConstructor | NumberConstructor | DateConstructor; format?: string; fontWeight?: 'bold' } | null;

/** One sheet as write-excel-file takes it. */
export interface WorkbookSheet {
  sheet: string;
  stickyRowsCount: number;
  columns: { width: number }[];
  data: WorkbookCell[][];
}

function workbookCell(cell: ReportCell, currency: string): WorkbookCell {
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

/** The workbook: one sheet per report sheet, header row bold and frozen. */
export function reportWorkbook(sheets: readonly ReportSheet[]): WorkbookSheet[] {
  return sheets.map((sheet) => ({
    sheet: sheet.name,
    stickyRowsCount: 1,
    columns: sheet.columns.map((c) => ({ width: c.width })),
    data: [sheet.columns.map((c): WorkbookCell => ({ value: c.header, type: String, fontWeight: 'bold' })), ...sheet.rows.map((row) => row.map((cell) => workbookCell(cell, sheet.currency)))],
  }));
}
