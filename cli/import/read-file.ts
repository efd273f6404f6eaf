/**
 * Rows of an ERP export, one at a time, with their 1-based file line (the header is line 1).
 *
 * CSV/TXT: streamed (csv-parse over a decoded byte stream), so a 200,000-row file never sits in
 * memory whole. Encoding: a UTF-8 BOM, else valid UTF-8, else Windows-1252 (SAP GUI "local file"
 * exports on Western European Windows), decided from the first 64 KiB. Windows-1252 is decoded here,
 * not with TextDecoder: Node 20's TextDecoder('windows-1252') takes a Latin-1 fast path and turns
 * 0x80-0x9F (€, ‘ ’ “ ” – —, Š, Ž …) into C1 control characters (nodejs/node#56542; measured on
 * 20.20.2). Separator `;`, `,` or tab,
 * from the first non-blank line unless given. CRLF or LF.
 *
 * XLSX: read-excel-file reads the workbook whole (it unzips "all at once", its README says), so
 * memory grows with the sheet; number cells stay numbers, date cells dates.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { ErpCell } from '../../connector/domain/erp';
import { numberCellText } from '../../connector/domain/erp';

export interface FileRow {
  /** 1-based line of the file where the row starts (a spreadsheet: its row number). */
  line: number;
  cells: ErpCell[];
}

export interface ReadOptions {
  delimiter?: ';' | ',' | '\t' | undefined;
  encoding?: 'utf-8' | 'windows-1252' | undefined;
  /** Bytes read so far and the file size, for a progress bar. */
  onBytes?: (read: number, total: number) => void;
  signal?: AbortSignal | undefined;
}

export class FileFormatError extends Error {
  constructor(message: string, readonly line: number | null = null) {
    super(message);
    this.name = 'FileFormatError';
  }
}

const SNIFF_BYTES = 64 * 1024;

/** WHATWG Encoding Standard index-windows-1252 for 0x80-0x9F (the rest of the code page is Latin-1). */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes → text (single-byte: chunks decode independently). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    .replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80] as string);
}

function textDecoder(encoding: 'utf-8' | 'windows-1252'): { decode(chunk?: Uint8Array, options?: { stream: boolean }): string } {
  return encoding === 'utf-8' ? new TextDecoder('utf-8') : { decode: (chunk) => (chunk ? decodeWindows1252(chunk) : '') };
}

/** The encoding of a file's first bytes: a UTF-8 BOM or valid UTF-8 → utf-8, else windows-1252. */
export function sniffEncoding(head: Uint8Array, complete: boolean): 'utf-8' | 'windows-1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return 'utf-8';
  }
  // A multi-byte sequence may be cut at the end of the sample: drop up to 3 trailing bytes.
  let end = head.length;
  if (!complete) {
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && ((head[end - back - 1] as number) & 0xc0) === 0x80) {
      back += 1;
    }
    if (end - back - 1 >= 0 && ((head[end - back - 1] as number) & 0xc0) === 0xc0) {
      end = end - back - 1;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The separator of the first non-blank line: the most frequent of `;`, tab and `,` outside quotes. */
export function sniffDelimiter(text: string): ';' | ',' | '\t' {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const counts = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === ';' || ch === '\t' || ch === ',')) {
      counts[ch] += 1;
    }
  }
  const best = (Object.entries(counts) as [';' | ',' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ';';
}

export function isSpreadsheet(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

export async function* readRows(path: string, options: ReadOptions = {}): AsyncGenerator<FileRow> {
  if (isSpreadsheet(path)) {
    yield* readSpreadsheet(path, options);
    return;
  }
  const size = (await stat(path)).size;
  const handle = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buffer = new Uint8Array(Math.min(SNIFF_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const encoding = options.encoding ?? sniffEncoding(head, head.length >= size);
  const delimiter = options.delimiter ?? sniffDelimiter(textDecoder(encoding).decode(head));
  let read = 0;
  const decoder = textDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      options.onBytes?.(read, size);
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    raw: true,
  });
  const source = createReadStream(path, options.signal ? { signal: options.signal } : {});
  source.pipe(decode).pipe(parser);
  source.on('error', (error) => parser.destroy(error));
  // Lines are counted here: csv-parse's info.lines miscounts CRLF inside quoted fields. Each record's
  // raw text holds its own newlines (a quoted field may span lines) and, depending on the detected record
  // delimiter, the one that ends it or not.
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      yield { line, cells: record.record };
      const newlines = (record.raw.match(/\n/g) ?? []).length;
      line += record.raw.endsWith('\n') ? newlines : newlines + 1;
    }
  } catch (error) {
    if (options.signal?.aborted) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    const at = /line (\d+)/i.exec(message);
    throw new FileFormatError(`the file is not readable as CSV with "${delimiter === '\t' ? 'tab' : delimiter}" between fields: ${message}`, at ? Number(at[1]) : null);
  } finally {
    source.destroy();
  }
}

async function* readSpreadsheet(path: string, options: ReadOptions): AsyncGenerator<FileRow> {
  const { readSheet } = await import('read-excel-file/node');
  const size = (await stat(path)).size;
  let rows: unknown[][];
  try {
    rows = (await readSheet(path)) as unknown[][];
  } catch (error) {
    throw new FileFormatError(`the file is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
  options.onBytes?.(size, size);
  for (const [index, row] of rows.entries()) {
    if (options.signal?.aborted) {
      throw options.signal.reason;
    }
    yield { line: index + 1, cells: row.map(spreadsheetCell) };
  }
}

function spreadsheetCell(value: unknown): ErpCell {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    const text = numberCellText(value);
    return text === null ? String(value) : { number: text };
  }
  if (value instanceof Date) {
    // Excel stores a serial day without a zone; read-excel-file turns it into UTC midnight.
    return Number.isNaN(value.getTime()) ? '' : { date: value.toISOString().slice(0, 10) };
  }
  return String(value);
}
