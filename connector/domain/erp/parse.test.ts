/** Numbers, dates, headers and the mapping file: each rule with its failure. */
import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../errors';
import { canonicalDecimal, foldHeader, isHeaderRow, locateColumns, MappingError, numberCellText, ORACLE_AR_AGING, parseErpAmount, parseErpDate, parseMapping, sapLayout } from './index';

describe('ERP amounts', () => {
  it.each([
    ['1.234,56-', ',', '-1234.56'],
    ['1.234,56', ',', '1234.56'],
    ['1,234.56-', '.', '-1234.56'],
    ['-1,234.56', '.', '-1234.56'],
    ['(1,234.56)', '.', '-1234.56'],
    ['1 234,56', ',', '1234.56'],
    ['1\u00a0234,56', ',', '1234.56'],
    ['1.500.000', ',', '1500000'],
    ['0,5', ',', '0.5'],
    ['  42  ', '.', '42'],
  ] as const)('%s with "%s" as decimal mark is %s', (text, mark, expected) => {
    expect(canonicalDecimal(text, mark)).toBe(expected);
  });

  it.each([
    ['9.00,00', ','], ['1,234.56', ','], ['12a', '.'], ['', '.'], ['--5', '.'], ['(5)-', '.'], ['1.2.3', '.'], ['1,23,456.00', '.'],
  ] as const)('refuses %j with "%s"', (text, mark) => {
    expect(canonicalDecimal(text, mark)).toBeNull();
  });

  it('scales by the ISO 4217 exponent, exactly', () => {
    expect(parseErpAmount('1.234,56-', ',', 'INR')).toBe(-123456);
    expect(parseErpAmount('1.250,750', ',', 'KWD')).toBe(1250750);
    expect(parseErpAmount('1.500.000', ',', 'JPY')).toBe(1500000);
    expect(parseErpAmount('95000.5000', '.', 'INR')).toBe(9500050);
    expect(parseErpAmount('0.1', '.', 'USD') + parseErpAmount('0.2', '.', 'USD')).toBe(30);
  });

  it('refuses decimals a currency does not have, unknown currencies and non-numbers with a typed error', () => {
    expect(() => parseErpAmount('1.500,5', ',', 'JPY')).toThrow(DomainValidationError);
    expect(() => parseErpAmount('10,00', ',', 'XYZ')).toThrow(expect.objectContaining({ code: 'unknown_currency' }));
    expect(() => parseErpAmount('ten', '.', 'USD')).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'amount' }));
  });

  it('prints spreadsheet numbers exactly as their shortest form', () => {
    expect(numberCellText(1234.56)).toBe('1234.56');
    expect(numberCellText(-0.1)).toBe('-0.1');
    expect(numberCellText(Number.NaN)).toBeNull();
    expect(numberCellText(1e25)).toBeNull();
  });
});

describe('ERP dates', () => {
  it('reads each format to an ISO date', () => {
    expect(parseErpDate('31.12.2026', ['DD.MM.YYYY'])).toBe('2026-12-31');
    expect(parseErpDate('1.2.2026', ['DD.MM.YYYY'])).toBe('2026-02-01');
    expect(parseErpDate('12/31/2026', ['MM/DD/YYYY'])).toBe('2026-12-31');
    expect(parseErpDate('31/12/2026', ['DD/MM/YYYY'])).toBe('2026-12-31');
    expect(parseErpDate('31-DEC-2026', ['DD-MON-YYYY'])).toBe('2026-12-31');
    expect(parseErpDate('05-nov-26', ['DD-MON-YYYY'])).toBe('2026-11-05');
    expect(parseErpDate('2026/12/31', ['DD-MON-YYYY', 'YYYY/MM/DD'])).toBe('2026-12-31');
  });

  it('refuses impossible dates and other formats, naming the field', () => {
    expect(() => parseErpDate('31.02.2026', ['DD.MM.YYYY'], 'dueDate')).toThrow(expect.objectContaining({ code: 'invalid_date', field: 'dueDate' }));
    expect(() => parseErpDate('31-FOO-2026', ['DD-MON-YYYY'])).toThrow(DomainValidationError);
    expect(() => parseErpDate('2026-12-31', ['DD.MM.YYYY'])).toThrow(/like 31.12.2026/);
    // Day-first and month-first are never guessed.
    expect(() => parseErpDate('03/04/2026', ['DD.MM.YYYY'])).toThrow(DomainValidationError);
  });
});

describe('columns by header name', () => {
  it('folds case, umlauts and punctuation', () => {
    expect(foldHeader('Geschäftsjahr')).toBe(foldHeader('GESCHAEFTSJAHR'));
    expect(foldHeader('Amount in doc. curr.')).toBe('amountindoccurr');
  });

  it('finds German and English SAP columns in any order and picks the notation from the language', () => {
    const german = sapLayout(['Kunde', 'Buchungskreis', 'Belegnummer', 'Geschäftsjahr', 'Position', 'Belegdatum', 'Nettofälligkeit', 'Betrag in BW', 'Belegwährung']);
    expect(german.decimalMark).toBe(',');
    expect(locateColumns(['Kunde', 'Buchungskreis', 'Belegnummer', 'Geschäftsjahr', 'Position', 'Belegdatum', 'Betrag in BW', 'Belegwährung'], german).index).toMatchObject({ customerNumber: 0, companyCode: 1, amount: 6, currency: 7 });
    const english = sapLayout(['Company Code', 'Customer', 'Document Number', 'Fiscal Year', 'Line item', 'Document Date', 'Amount in local currency', 'Local Currency']);
    expect(english.decimalMark).toBe('.');
    const located = locateColumns(['Company Code', 'Customer', 'Document Number', 'Fiscal Year', 'Line item', 'Document Date', 'Amount in local currency', 'Local Currency'], english);
    expect(located.missing).toEqual([]);
    expect(located.index).toMatchObject({ localAmount: 6, localCurrency: 7 });
  });

  it('names the columns a file lacks', () => {
    expect(locateColumns(['Customer Number', 'Currency'], ORACLE_AR_AGING).missing).toEqual(['documentNumber', 'documentDate', 'amount', 'openAmount']);
    const sap = sapLayout(['Kunde']);
    expect(locateColumns(['Kunde'], sap).missing).toEqual(expect.arrayContaining(['companyCode', 'amount', 'currency']));
  });

  it('recognises a repeated header row', () => {
    expect(isHeaderRow(['Kunde', 'Belegnummer', ''], ['Kunde', 'Belegnummer', 'Text'])).toBe(true);
    expect(isHeaderRow(['100001', 'Belegnummer'], ['Kunde', 'Belegnummer'])).toBe(false);
    expect(isHeaderRow(['', ''], ['Kunde', 'Belegnummer'])).toBe(false);
  });
});

describe('the mapping file', () => {
  const valid = {
    source: 'FIN', decimalSeparator: ',', dateFormat: 'DD.MM.YYYY',
    columns: { customerNumber: 'Kd', documentNumber: 'Re', documentDate: 'Datum', dueDate: 'Fällig', amount: 'Betrag', currency: 'Whg' },
  };

  it('accepts a complete mapping', () => {
    expect(parseMapping(valid)).toMatchObject({ source: 'FIN', decimalSeparator: ',', dateFormat: 'DD.MM.YYYY' });
    const { currency: _column, ...withoutCurrency } = valid.columns;
    expect(parseMapping({ ...valid, columns: withoutCurrency, currency: 'EUR' }).currency).toBe('EUR');
    expect(() => parseMapping({ ...valid, columns: withoutCurrency })).toThrow(/fixed "currency"/);
  });

  it('lists every problem at once', () => {
    try {
      parseMapping({ source: 'no spaces please', decimalSeparator: ';', dateFormat: 'D/M/Y', columns: { customer: 'Kd' }, kinds: { invoice: 'RE' }, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MappingError);
      const problems = (error as MappingError).problems.join('\n');
      for (const part of ['unknown setting "extra"', '"source"', '"decimalSeparator"', '"dateFormat"', '"columns.customer" is not a field', '"columns.customerNumber" is required', '"kinds"']) {
        expect(problems).toContain(part);
      }
    }
  });
});
