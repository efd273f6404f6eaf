import { describe, expect, it } from 'vitest';
import { parseCsvStream, parseCsvText, toCsv, utf8Length } from './csv';
import type { CsvRow } from './csv';

function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function rowsOf(stream: ReadableStream<Uint8Array>): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of parseCsvStream(stream, 'test')) {
    rows.push(row);
  }
  return rows;
}

describe('toCsv (RFC 4180, Salesforce null rules)', () => {
  it('quotes commas, quotes, line breaks and edge spaces; null → #N/A; undefined → empty', () => {
    const csv = toCsv([
      { A: 'plain', B: 'a,b', C: 'say "hi"', D: 'one\ntwo', E: ' padded ' },
      { A: 'Zürich 東京 👍', B: null, C: undefined, D: true, E: 12.5 },
      { A: new Date(Date.UTC(2026, 10, 20, 10, 0, 0)), B: 0, C: false, D: 'cr\rlf', E: '' },
    ], ['A', 'B', 'C', 'D', 'E']);
    expect(csv).toBe(
      'A,B,C,D,E\n'
      + 'plain,"a,b","say ""hi""","one\ntwo"," padded "\n'
      + 'Zürich 東京 👍,#N/A,,true,12.5\n'
      + '2026-11-20T10:00:00.000Z,0,false,"cr\rlf",\n',
    );
  });

  it('round-trips through the parser (empty → null; #N/A stays the null marker)', async () => {
    const rows = [{ Name: 'He said "no", then left\nfor good', Note__c: 'ü', Empty__c: '' }, { Name: 'x', Note__c: null, Empty__c: undefined }];
    const parsed = await parseCsvText(toCsv(rows, ['Name', 'Note__c', 'Empty__c']), 'round trip');
    expect(parsed).toEqual([
      { Name: 'He said "no", then left\nfor good', Note__c: 'ü', Empty__c: null },
      { Name: 'x', Note__c: '#N/A', Empty__c: null },
    ]);
  });

  it('refuses values and columns it cannot write faithfully', () => {
    expect(() => toCsv([{ A: Number.POSITIVE_INFINITY }], ['A'])).toThrow(/row 0 A is Infinity/);
    expect(() => toCsv([{ A: new Date('nope') }], ['A'])).toThrow(/not a string/);
    expect(() => toCsv([{ A: { nested: 1 } as unknown as string }], ['A'])).toThrow(/not a string/);
    expect(() => toCsv([], ['A,B'])).toThrow(/not a field name/);
    expect(() => toCsv([], ['A', 'A'])).toThrow(/duplicate/);
    expect(toCsv([], ['Account__r.External_Id__c'])).toBe('Account__r.External_Id__c\n');
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    for (const text of ['', 'abc', 'Zürich', '東京', '👍', 'a\u{1F600}b', '\ud800x']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('parseCsvStream', () => {
  const text = '\ufeff"Id","Account__r.Name","Description"\n"001R00000033JNuIAM","東京商事","a ""b"", c"\n"001R00000033JNvIAM",,"x\ny"\n';

  it('parses across arbitrary chunk boundaries (inside multi-byte characters and quotes), dropping a BOM', async () => {
    const expected = [
      { Id: '001R00000033JNuIAM', 'Account__r.Name': '東京商事', Description: 'a "b", c' },
      { Id: '001R00000033JNvIAM', 'Account__r.Name': null, Description: 'x\ny' },
    ];
    for (const size of [1, 2, 3, 5, 7, 1024]) {
      expect(await rowsOf(chunked(text, size))).toEqual(expected);
    }
  });

  it('turns malformed CSV into malformed_response', async () => {
    await expect(rowsOf(chunked('"Id","Name"\n"1","unclosed\n', 4))).rejects.toMatchObject({ kind: 'malformed_response' });
    await expect(rowsOf(chunked('"Id","Name"\n"1","a","extra"\n', 4))).rejects.toMatchObject({ kind: 'malformed_response' });
  });
});
