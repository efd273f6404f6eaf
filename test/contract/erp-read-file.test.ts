/** Reading ERP exports from disk: encodings, separators, line endings, line numbers, spreadsheets. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWindows1252, readRows, sniffDelimiter, sniffEncoding } from '../../cli/import/read-file';
import type { FileRow } from '../../cli/import/read-file';
import { xlsxBytes } from './xlsx-fixture';

const FIXTURES = join(__dirname, '..', '..', 'sandbox', 'fixtures', 'erp');
const dir = mkdtempSync(join(tmpdir(), 'erp-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  for await (const row of readRows(path)) {
    rows.push(row);
  }
  return rows;
}

describe('reading ERP exports', () => {
  it('decodes Windows-1252 by the WHATWG table, which Node 20\'s TextDecoder gets wrong for 0x80-0x9F', () => {
    const bytes = new Uint8Array([0x47, 0xe4, 0x80, 0x92, 0x96, 0x9f]);
    expect(decodeWindows1252(bytes)).toBe('Gä€’–Ÿ');
    // nodejs/node#56542: the Latin-1 fast path. When this starts failing, Node is fixed and TextDecoder may be used again.
    expect(new TextDecoder('windows-1252').decode(bytes)).toBe('Gä\u0080\u0092\u0096\u009f');
  });

  it('reads a Windows-1252 file with euro signs and typographic quotes', async () => {
    const path = join(dir, 'cp1252.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('Text;Betrag\r\n', 'latin1'), Buffer.from([0x93, 0x47, 0xfc, 0x6c, 0x74, 0x69, 0x67, 0x94, 0x3b, 0x35, 0x80, 0x0d, 0x0a])]));
    expect((await all(path))[1]?.cells).toEqual(['“Gültig”', '5€']);
  });

  it('reads the German SAP sample: Windows-1252, ";" and CRLF, with the header on line 1', async () => {
    const rows = await all(join(FIXTURES, 'sap-fbl5n-de.csv'));
    expect(rows[0]?.cells).toContain('Geschäftsjahr');
    expect(rows[0]?.cells).toContain('Nettofälligkeit');
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.find((r) => r.cells.includes('Kissenbezüge'))?.line).toBe(10);
  });

  it('reads the English sample: UTF-8 with BOM, tabs, LF', async () => {
    const rows = await all(join(FIXTURES, 'sap-fbl5n-en.txt'));
    expect(rows[0]?.cells[0]).toBe('Company Code');
    expect(rows[1]?.cells[10]).toBe('35,400.00');
  });

  it('decides encoding and separator from the first bytes and line', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), true)).toBe('utf-8');
    expect(sniffEncoding(new TextEncoder().encode('Geschäftsjahr'), true)).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array([0x47, 0xe4, 0x3b]), true)).toBe('windows-1252');
    // A sample cut inside a multi-byte character is still UTF-8.
    expect(sniffEncoding(new TextEncoder().encode('aä').subarray(0, 2), false)).toBe('utf-8');
    expect(sniffDelimiter('\n\na;b;"c,d"\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a,b')).toBe(',');
  });

  it('counts file lines through blank lines and quoted fields that span lines', async () => {
    const path = join(dir, 'lines.csv');
    writeFileSync(path, 'a;b\r\n1;2\r\n\r\n3;"x\r\ny"\r\n;;\r\n4;5');
    expect((await all(path)).map((r) => [r.line, r.cells[0]])).toEqual([[1, 'a'], [2, '1'], [3, ''], [4, '3'], [6, ''], [7, '4']]);
    writeFileSync(path, 'a,b\n1,2\n\n3,"x\ny"\n,,\n4,5\n');
    expect((await all(path)).map((r) => r.line)).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('reads .xlsx with read-excel-file: number cells as exact decimal text, date cells as ISO dates', async () => {
    const path = join(dir, 'fbl5n.xlsx');
    writeFileSync(path, xlsxBytes([
      ['Buchungskreis', 'Kunde', 'Belegdatum', 'Betrag in BW', 'Belegwährung'],
      ['1000', 100001, { date: '2026-08-15' }, 118000.5, 'INR'],
      [null, null, null, null, null],
      ['1000', '0000100004', { date: '2026-12-31' }, -1250.75, 'KWD'],
    ]));
    const rows = await all(path);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(rows[1]?.cells).toEqual(['1000', { number: '100001' }, { date: '2026-08-15' }, { number: '118000.5' }, 'INR']);
    expect(rows.at(-1)?.cells).toEqual(['1000', '0000100004', { date: '2026-12-31' }, { number: '-1250.75' }, 'KWD']);
  });
});
