/**
 * Which column holds what, found by header name: every SAP layout variant orders and names its
 * columns differently (FBL5N display variants, German or English logon language), Oracle's aging
 * report too. Headers are compared after folding case, umlauts and punctuation, so
 * "Betrag in HW", "betrag_in_hw" and "BETRAG IN HW" are one name.
 */
import type { ErpDateFormat } from './dates';
import type { DecimalMark } from './numbers';

export const ERP_FORMATS = ['sap-fbl5n', 'oracle-ar-aging', 'csv'] as const;
export type ErpFormat = (typeof ERP_FORMATS)[number];

export type ErpField =
  | 'companyCode' | 'customerNumber' | 'documentNumber' | 'fiscalYear' | 'lineItem' | 'documentType' | 'documentDate'
  | 'postingDate' | 'dueDate' | 'localAmount' | 'localCurrency' | 'amount' | 'currency' | 'openAmount' | 'clearingDate'
  | 'clearingDocument' | 'assignment' | 'reference' | 'text' | 'installment' | 'businessUnit' | 'kind';

/** Words for people (rejection reasons, missing-column messages). */
export const FIELD_LABELS: Record<ErpField, string> = {
  companyCode: 'company code', customerNumber: 'customer number', documentNumber: 'document number', fiscalYear: 'fiscal year',
  lineItem: 'line item', documentType: 'document type', documentDate: 'document date', postingDate: 'posting date',
  dueDate: 'net due date', localAmount: 'amount in local currency', localCurrency: 'local currency', amount: 'amount',
  currency: 'currency', openAmount: 'open amount', clearingDate: 'clearing date', clearingDocument: 'clearing document',
  assignment: 'assignment', reference: 'reference', text: 'text', installment: 'installment', businessUnit: 'business unit',
  kind: 'transaction type',
};

export interface ErpLayout {
  format: ErpFormat;
  /** Prefix of every external id this layout builds (`SAP`, `ORA`, a mapping's `source`). */
  source: string;
  headers: Partial<Record<ErpField, readonly string[]>>;
  /** Columns without which no row can be read. */
  required: readonly ErpField[];
  decimalMark: DecimalMark;
  dateFormats: readonly ErpDateFormat[];
}

/** Folded header name: lower case, umlauts spelled out, accents and everything but letters and digits dropped. */
export function foldHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** SAP FBL5N (customer line item display) column headings, German first, then English (ALV column texts of BSID/BSAD fields). */
const SAP_GERMAN: Partial<Record<ErpField, readonly string[]>> = {
  companyCode: ['Buchungskreis', 'BuKr'], customerNumber: ['Kunde', 'Konto'], documentNumber: ['Belegnummer', 'Belegnr'],
  fiscalYear: ['Geschäftsjahr', 'GJahr'], lineItem: ['Position', 'Buchungszeile', 'Pos'], documentType: ['Belegart', 'BA'],
  documentDate: ['Belegdatum', 'Belegdat'], postingDate: ['Buchungsdatum', 'Buch.dat.'], dueDate: ['Nettofälligkeit', 'Nettofälligkeitsdatum', 'Netto fällig'],
  localAmount: ['Betrag in HW'], localCurrency: ['Hauswährung', 'HWähr'], amount: ['Betrag in BW'], currency: ['Belegwährung', 'Währung', 'BWähr'],
  clearingDate: ['Ausgleichsdatum', 'Ausgl.dat.'], clearingDocument: ['Ausgleichsbeleg', 'Ausgl.beleg'], assignment: ['Zuordnung'], reference: ['Referenz'], text: ['Text'],
};
const SAP_ENGLISH: Partial<Record<ErpField, readonly string[]>> = {
  companyCode: ['Company Code', 'CoCd'], customerNumber: ['Customer', 'Account'], documentNumber: ['Document Number', 'DocumentNo', 'Document No'],
  fiscalYear: ['Fiscal Year', 'Year'], lineItem: ['Line item', 'Itm', 'Item'], documentType: ['Document Type', 'Type'],
  documentDate: ['Document Date', 'Doc. Date'], postingDate: ['Posting Date', 'Pstng Date'], dueDate: ['Net due date', 'Net Due Dt', 'Net Due Date'],
  localAmount: ['Amount in local currency', 'Amount in LC'], localCurrency: ['Local Currency', 'LCurr'],
  amount: ['Amount in doc. curr.', 'Amount in document currency', 'Amount in DC'], currency: ['Document currency', 'Curr.', 'Currency'],
  clearingDate: ['Clearing date', 'Clearing'], clearingDocument: ['Clearing Document', 'Clrng doc.'], assignment: ['Assignment'], reference: ['Reference'], text: ['Text'],
};
const SAP_REQUIRED: readonly ErpField[] = ['companyCode', 'customerNumber', 'documentNumber', 'fiscalYear', 'lineItem', 'documentDate'];

/**
 * The SAP layout of a header row: German column names mean German number notation (`1.234,56-`),
 * English ones English notation (`1,234.56-`), as SAP's user defaults pair them; a mapping file may
 * override the decimal mark.
 */
export function sapLayout(header: readonly string[], decimalMark?: DecimalMark): ErpLayout {
  const folded = new Set(header.map(foldHeader));
  const hits = (aliases: Partial<Record<ErpField, readonly string[]>>): number =>
    Object.values(aliases).filter((names) => names?.some((n) => folded.has(foldHeader(n)))).length;
  const german = hits(SAP_GERMAN) >= hits(SAP_ENGLISH);
  return {
    format: 'sap-fbl5n',
    source: 'SAP',
    headers: german ? SAP_GERMAN : SAP_ENGLISH,
    required: SAP_REQUIRED,
    decimalMark: decimalMark ?? (german ? ',' : '.'),
    dateFormats: german ? ['DD.MM.YYYY', 'YYYY-MM-DD'] : ['DD.MM.YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'],
  };
}

/** Oracle Receivables aging (AR aging by account / 4 and 7 buckets, exported from OTBI or BI Publisher). */
export const ORACLE_AR_AGING: ErpLayout = {
  format: 'oracle-ar-aging',
  source: 'ORA',
  headers: {
    businessUnit: ['Business Unit', 'Operating Unit'],
    customerNumber: ['Customer Number', 'Customer Account Number', 'Account Number'],
    documentNumber: ['Transaction Number', 'Invoice Number', 'Trx Number'],
    installment: ['Installment', 'Installment Number'],
    kind: ['Transaction Class', 'Class', 'Transaction Type', 'Type'],
    documentDate: ['Transaction Date', 'Trx Date', 'Invoice Date'],
    dueDate: ['Due Date'],
    amount: ['Original Amount', 'Original Amount Due', 'Transaction Amount', 'Amount'],
    openAmount: ['Amount Due Remaining', 'Outstanding Amount', 'Balance Due', 'Amount Remaining'],
    currency: ['Currency', 'Currency Code', 'Entered Currency'],
    reference: ['Purchase Order', 'PO Number', 'Reference'],
  },
  required: ['customerNumber', 'documentNumber', 'documentDate', 'amount', 'openAmount', 'currency'],
  decimalMark: '.',
  dateFormats: ['DD-MON-YYYY', 'YYYY-MM-DD', 'YYYY/MM/DD'],
};

export interface LocatedColumns {
  /** Column index (0-based) of each field found. */
  index: Partial<Record<ErpField, number>>;
  /** Required fields with no column: the file cannot be read. */
  missing: ErpField[];
}

/** Finds each field's column in `header`; the first alias present wins. */
export function locateColumns(header: readonly string[], layout: ErpLayout): LocatedColumns {
  const folded = header.map(foldHeader);
  const index: Partial<Record<ErpField, number>> = {};
  for (const [field, aliases] of Object.entries(layout.headers) as [ErpField, readonly string[]][]) {
    for (const alias of aliases) {
      const at = folded.indexOf(foldHeader(alias));
      if (at >= 0 && !Object.values(index).includes(at)) {
        index[field] = at;
        break;
      }
    }
  }
  const missing = layout.required.filter((field) => index[field] === undefined);
  if (layout.format === 'sap-fbl5n' && !(index.amount !== undefined && index.currency !== undefined) && !(index.localAmount !== undefined && index.localCurrency !== undefined)) {
    missing.push('amount', 'currency');
  }
  return { index, missing };
}

/** A repeated header row (list exports repeat it on every page): its cells fold to the header's. */
export function isHeaderRow(cells: readonly string[], header: readonly string[]): boolean {
  let same = 0;
  let filled = 0;
  cells.forEach((cell, i) => {
    if (cell.trim() !== '') {
      filled += 1;
      if (foldHeader(cell) === foldHeader(header[i] ?? '')) {
        same += 1;
      }
    }
  });
  return filled > 0 && same === filled;
}
