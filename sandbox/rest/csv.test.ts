import { describe, expect, it } from 'vitest';
import { CsvFormatError, csvRow, parseCsv } from './csv';

describe('Bulk CSV', () => {
  it('writes every cell quoted with quotes doubled', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', ''], 'COMMA', 'LF')).toBe('"a","b,c","say ""hi""","two\nlines",""\n');
    expect(csvRow(['a', 'b'], 'TAB', 'CRLF')).toBe('"a"\t"b"\r\n');
  });

  it('reads quoted delimiters, doubled quotes and line breaks back', () => {
    const cells = ['plain', 'b,c', 'say "hi"', 'two\nlines', ''];
    expect(parseCsv(`h1,h2,h3,h4,h5\n${csvRow(cells, 'COMMA', 'LF')}`, 'COMMA', 'LF')).toEqual([['h1', 'h2', 'h3', 'h4', 'h5'], cells]);
    expect(parseCsv('a;b\r\n"x;y";z', 'SEMICOLON', 'CRLF')).toEqual([['a', 'b'], ['x;y', 'z']]);
  });

  it('skips a BOM and blank lines, keeps empty cells, tolerates a missing final line ending', () => {
    expect(parseCsv('\uFEFFName,Phone\n\nAcme,\n,555', 'COMMA', 'LF')).toEqual([['Name', 'Phone'], ['Acme', ''], ['', '555']]);
  });

  it('refuses the other line ending and an unterminated quote', () => {
    expect(() => parseCsv('a\r\nb\r\n', 'COMMA', 'LF')).toThrow(new CsvFormatError('ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF'));
    expect(() => parseCsv('a\nb\n', 'COMMA', 'CRLF')).toThrow(/Current LineEnding setting is CRLF/);
    expect(() => parseCsv('a\n"open', 'COMMA', 'LF')).toThrow(CsvFormatError);
    // A CR LF inside quotes is data, not a line ending.
    expect(parseCsv('a\n"x\r\ny"\n', 'COMMA', 'LF')).toEqual([['a'], ['x\r\ny']]);
  });
});
