/**
 * CSV for Bulk API 2.0: streamed parsing of result sets with csv-parse, and RFC 4180 writing of
 * upload data.
 *
 * Salesforce's rules (Bulk API 2.0 Developer Guide, "Prepare CSV Files" and "Valid CSV Record Rows",
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_prepare_csv.htm):
 * UTF-8; the first row names the fields (relationship paths like `Account__r.Name` as is); a value
 * containing the delimiter, a line break or a double quote is enclosed in double quotes and inner
 * quotes are doubled; values are not trimmed; an EMPTY value is ignored on update, `#N/A` sets null.
 *
 * Writing is a small RFC 4180 function rather than csv-stringify: quoting is ten lines, and the
 * Salesforce-specific part (null → `#N/A`, empty → leave unchanged) would need custom casts anyway.
 */
import { parse } from 'csv-parse/stream';
import { ConnectorError } from '../../errors';
import { malformed } from '../errors';
import { assertApiName } from '../soql';

/**
 * One parsed row, keyed by the CSV header exactly as Salesforce wrote it (`Id`, `Account__r.Name`,
 * `sf__Error`). Values are the strings Salesforce wrote, unconverted: numbers, booleans and dates
 * stay text (the caller knows each field's type). An empty value becomes null, because Salesforce
 * writes a null field as an empty value (and stores no empty strings in text fields).
 */
export type CsvRow = Record<string, string | null>;

/** A value `toCsv` accepts. null → `#N/A` (sets the field to null); undefined → empty (field left unchanged). */
export type CsvValue = string | number | boolean | Date | null | undefined;

function toRow(raw: Record<string, string>): CsvRow {
  const row: CsvRow = {};
  for (const [key, value] of Object.entries(raw)) {
    row[key] = value === '' ? null : value;
  }
  return row;
}

/**
 * Parse a CSV body as it arrives. Header row → keys; a row with the wrong number of fields, or any
 * other malformed CSV, is a ConnectorError 'malformed_response' naming `context`.
 */
export async function* parseCsvStream(body: ReadableStream<Uint8Array>, context: string): AsyncGenerator<CsvRow, void, undefined> {
  // Bytes straight in: csv-parse works on bytes and decodes each field whole, so a character split
  // across chunks is safe (its web-stream entry yields nothing for string chunks in 7.0.3). `bom`
  // drops a UTF-8 byte-order mark.
  const records = body.pipeThrough(parse({ columns: true, bom: true, skip_empty_lines: true }) as TransformStream<Uint8Array, Record<string, string>>);
  const reader = records.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Record<string, string>>;
      try {
        next = await reader.read();
      } catch (error) {
        if (error instanceof ConnectorError) {
          throw error;
        }
        throw Object.assign(malformed(context, `CSV could not be parsed: ${error instanceof Error ? error.message : String(error)}`), { cause: error });
      }
      if (next.done) {
        return;
      }
      yield toRow(next.value);
    }
  } finally {
    // Stops the download when the caller leaves early (break, throw).
    reader.cancel().catch(() => undefined);
  }
}

/** Parse a CSV text already in memory (ingest results) through the same parser. */
export async function parseCsvText(text: string, context: string): Promise<CsvRow[]> {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const rows: CsvRow[] = [];
  for await (const row of parseCsvStream(body, context)) {
    rows.push(row);
  }
  return rows;
}

/** Needs quotes under RFC 4180 §2.6 (comma, quote, CR, LF), or leading/trailing spaces Salesforce would keep but reject next to quotes. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(value: CsvValue, column: string, rowIndex: number): string {
  if (value === undefined) {
    return '';
  }
  if (value === null) {
    return '#N/A';
  }
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ConnectorError({ kind: 'invalid_input', fields: [column], detail: `toCsv: row ${rowIndex} ${column} is ${value}` });
    }
    text = String(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    text = value.toISOString();
  } else {
    throw new ConnectorError({ kind: 'invalid_input', fields: [column], detail: `toCsv: row ${rowIndex} ${column} is not a string, number, boolean, Date or null` });
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Validate upload columns: API names or relationship paths (`Account__r.External_Id__c`). */
export function assertColumns(columns: readonly string[]): void {
  if (columns.length === 0) {
    throw new ConnectorError({ kind: 'invalid_input', detail: 'toCsv: no columns' });
  }
  for (const column of columns) {
    try {
      assertApiName(column, true);
    } catch {
      throw new ConnectorError({ kind: 'invalid_input', fields: [column], detail: `toCsv: not a field name: ${JSON.stringify(column)}` });
    }
  }
  if (new Set(columns).size !== columns.length) {
    throw new ConnectorError({ kind: 'invalid_input', detail: 'toCsv: duplicate columns' });
  }
}

/** The header line (LF-terminated). */
export function csvHeader(columns: readonly string[]): string {
  assertColumns(columns);
  return `${columns.join(',')}\n`;
}

/** One data line (LF-terminated); `rowIndex` only names the row in errors. */
export function csvLine(row: Readonly<Record<string, CsvValue>>, columns: readonly string[], rowIndex = 0): string {
  return `${columns.map((column) => field(row[column], column, rowIndex)).join(',')}\n`;
}

/**
 * Rows → CSV text for an ingest job created with `lineEnding: 'LF'`, `columnDelimiter: 'COMMA'`.
 * Values: strings as is (quoted when needed); numbers and booleans as text; Dates as ISO 8601 UTC;
 * null → `#N/A` (sets the field to null); undefined/missing → empty (on update: leave unchanged).
 * A string that is literally `#N/A` also means null to Salesforce.
 */
export function toCsv(rows: readonly Readonly<Record<string, CsvValue>>[], columns: readonly string[]): string {
  let text = csvHeader(columns);
  rows.forEach((row, index) => {
    text += csvLine(row, columns, index);
  });
  return text;
}

/** UTF-8 byte length of a string without allocating the encoded bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else {
        bytes += 3;
      }
    } else {
      bytes += 3;
    }
  }
  return bytes;
}
