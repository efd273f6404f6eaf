/**
 * The JSON mapping file that describes a generic CSV or spreadsheet (README "Importing from SAP,
 * Oracle or a spreadsheet"). Validated here, with one message per problem, before any row is read.
 */
import { ERP_DATE_FORMATS } from './dates';
import type { ErpDateFormat } from './dates';
import type { ErpField, ErpLayout } from './layouts';
import type { DecimalMark } from './numbers';

/** Fields a mapping may name; the required ones must be named. */
export const MAPPABLE_FIELDS = ['customerNumber', 'documentNumber', 'documentDate', 'dueDate', 'amount', 'openAmount', 'currency', 'kind', 'reference', 'installment'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
const REQUIRED: readonly MappableField[] = ['customerNumber', 'documentNumber', 'documentDate', 'amount'];

export interface ErpMapping {
  /** External-id prefix: letters, digits, `_` (e.g. "FIN" → "FIN-4711"). Distinct per source, so --close-missing closes only its own items. */
  source: string;
  delimiter?: ';' | ',' | '\t';
  encoding?: 'utf-8' | 'windows-1252';
  decimalSeparator: DecimalMark;
  dateFormat: ErpDateFormat;
  columns: Partial<Record<MappableField, string>>;
  /** When the file has no currency column. */
  currency?: string;
  /** Values of the `kind` column; a kind not listed is rejected. Without a kind column every row is an invoice (a negative amount a credit note). */
  kinds?: { invoice?: string[]; payment?: string[]; creditNote?: string[] };
}

export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`the mapping file is not valid: ${problems.join('; ')}`);
    this.name = 'MappingError';
  }
}

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
}

/** Parsed JSON → ErpMapping, or MappingError listing every problem. */
export function parseMapping(json: unknown): ErpMapping {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new MappingError(['it must be a JSON object like {"source": "FIN", "columns": {…}}']);
  }
  const raw = json as Record<string, unknown>;
  const known = new Set(['source', 'delimiter', 'encoding', 'decimalSeparator', 'dateFormat', 'columns', 'currency', 'kinds', '$comment']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      problems.push(`unknown setting "${key}"`);
    }
  }
  if (typeof raw.source !== 'string' || !/^[A-Za-z0-9_]{1,12}$/.test(raw.source)) {
    problems.push('"source" must be 1-12 letters, digits or _ (it prefixes every ERP id, e.g. "FIN")');
  }
  if (raw.delimiter !== undefined && ![';', ',', '\t'].includes(raw.delimiter as string)) {
    problems.push('"delimiter" must be ";", "," or "\\t"');
  }
  if (raw.encoding !== undefined && !['utf-8', 'windows-1252'].includes(raw.encoding as string)) {
    problems.push('"encoding" must be "utf-8" or "windows-1252"');
  }
  if (raw.decimalSeparator !== ',' && raw.decimalSeparator !== '.') {
    problems.push('"decimalSeparator" must be "," or "."');
  }
  if (!ERP_DATE_FORMATS.includes(raw.dateFormat as ErpDateFormat)) {
    problems.push(`"dateFormat" must be one of ${ERP_DATE_FORMATS.join(', ')}`);
  }
  const columns: Partial<Record<MappableField, string>> = {};
  if (typeof raw.columns !== 'object' || raw.columns === null || Array.isArray(raw.columns)) {
    problems.push('"columns" must be an object from field to header name');
  } else {
    for (const [field, header] of Object.entries(raw.columns as Record<string, unknown>)) {
      if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
        problems.push(`"columns.${field}" is not a field (fields: ${MAPPABLE_FIELDS.join(', ')})`);
      } else if (typeof header !== 'string' || header.trim() === '') {
        problems.push(`"columns.${field}" must be a header name`);
      } else {
        columns[field as MappableField] = header;
      }
    }
    for (const field of REQUIRED) {
      if (columns[field] === undefined) {
        problems.push(`"columns.${field}" is required`);
      }
    }
    if (columns.currency === undefined && typeof raw.currency !== 'string') {
      problems.push('name a "columns.currency" header or give a fixed "currency"');
    }
  }
  if (raw.currency !== undefined && (typeof raw.currency !== 'string' || !/^[A-Z]{3}$/.test(raw.currency))) {
    problems.push('"currency" must be an ISO 4217 code like "EUR"');
  }
  let kinds: ErpMapping['kinds'];
  if (raw.kinds !== undefined) {
    const k = raw.kinds as Record<string, unknown>;
    if (typeof k !== 'object' || k === null || Object.entries(k).some(([name, list]) => !['invoice', 'payment', 'creditNote'].includes(name) || !stringList(list))) {
      problems.push('"kinds" must look like {"invoice": ["RE"], "payment": ["ZE"], "creditNote": ["GS"]}');
    } else {
      kinds = k as ErpMapping['kinds'];
      if (columns.kind === undefined) {
        problems.push('"kinds" needs a "columns.kind" header');
      }
    }
  }
  if (problems.length > 0) {
    throw new MappingError(problems);
  }
  return {
    source: raw.source as string,
    ...(raw.delimiter === undefined ? {} : { delimiter: raw.delimiter as ErpMapping['delimiter'] & string }),
    ...(raw.encoding === undefined ? {} : { encoding: raw.encoding as 'utf-8' | 'windows-1252' }),
    decimalSeparator: raw.decimalSeparator as DecimalMark,
    dateFormat: raw.dateFormat as ErpDateFormat,
    columns,
    ...(typeof raw.currency === 'string' ? { currency: raw.currency } : {}),
    ...(kinds === undefined ? {} : { kinds }),
  };
}

/** The layout a mapping describes: its header names are the only aliases. */
export function mappingLayout(mapping: ErpMapping): ErpLayout {
  const headers: Partial<Record<ErpField, readonly string[]>> = {};
  for (const [field, header] of Object.entries(mapping.columns) as [MappableField, string][]) {
    headers[field] = [header];
  }
  return {
    format: 'csv',
    source: mapping.source,
    headers,
    required: REQUIRED,
    decimalMark: mapping.decimalSeparator,
    dateFormats: [mapping.dateFormat],
  };
}
