/**
 * CSV as Bulk API 2.0 speaks it (RFC 4180 with Salesforce's options): every cell written quoted with
 * inner quotes doubled, so commas, quotes and line breaks in values survive; the column delimiter and
 * the line ending are per job (`columnDelimiter`, `lineEnding`).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_valid_record_rows.htm
 */

/** `columnDelimiter` values of a job and the character each stands for. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

/** `lineEnding` values of a job. */
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

export function isColumnDelimiter(value: unknown): value is ColumnDelimiter {
  return typeof value === 'string' && Object.hasOwn(COLUMN_DELIMITERS, value);
}

export function isLineEnding(value: unknown): value is LineEnding {
  return value === 'LF' || value === 'CRLF';
}

/** One cell, always quoted (as Salesforce writes result files). */
export function csvCell(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** One row of quoted cells followed by the line ending. */
export function csvRow(cells: readonly string[], delimiter: ColumnDelimiter, lineEnding: LineEnding): string {
  return cells.map(csvCell).join(COLUMN_DELIMITERS[delimiter]) + LINE_ENDINGS[lineEnding];
}

/** Upload data Salesforce would refuse; `message` is the job's `errorMessage`. */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

/**
 * Parses uploaded CSV into rows of cells. Quoted cells may hold delimiters, doubled quotes and line
 * breaks. A record separator other than the job's `lineEnding` fails the job, as Salesforce does
 * ("LineEnding is invalid on user data"); blank lines are skipped; a leading UTF-8 BOM is ignored.
 */
export function parseCsv(text: string, delimiter: ColumnDelimiter, lineEnding: LineEnding): string[][] {
  const separator = COLUMN_DELIMITERS[delimiter];
  const wrongLineEnding = (): CsvFormatError =>
    new CsvFormatError(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRow = (): void => {
    endCell();
    // A blank line is one empty unquoted cell: skip it.
    if (!(row.length === 1 && row[0] === '')) {
      rows.push(row);
    }
    row = [];
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
      i++;
      continue;
    }
    if (ch === separator) {
      endCell();
      i++;
      continue;
    }
    if (ch === '\r' && text.charAt(i + 1) === '\n') {
      if (lineEnding !== 'CRLF') {
        throw wrongLineEnding();
      }
      endRow();
      i += 2;
      continue;
    }
    if (ch === '\n') {
      if (lineEnding !== 'LF') {
        throw wrongLineEnding();
      }
      endRow();
      i++;
      continue;
    }
    cell += ch;
    cellStarted = true;
    i++;
  }
  if (quoted) {
    throw new CsvFormatError('ClientInputError : Unterminated quoted field at the end of the data');
  }
  if (cellStarted || cell !== '' || row.length > 0) {
    endRow();
  }
  return rows;
}
