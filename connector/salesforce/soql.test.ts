import { describe, expect, it } from 'vitest';
import { parseSoql } from '../../sandbox/soql/syntax';
import { escapeSoqlString, select, soqlDate, soqlId, soqlIdList, soqlLike, soqlString, assertApiName } from './soql';

/** The literal value a SOQL parser reads back from `… WHERE Name = <literal>`. */
function readBack(literal: string): unknown {
  const query = parseSoql(`SELECT Id FROM Account WHERE Name = ${literal}`);
  expect(query.where?.kind).toBe('cmp');
  return query.where?.kind === 'cmp' ? query.where.value : undefined;
}

describe('SOQL escaping', () => {
  it('escapes every special character', () => {
    expect(escapeSoqlString(`a\\b'c"d\ne\rf\tg\bh\fi`)).toBe(`a\\\\b\\'c\\"d\\ne\\rf\\tg\\bh\\fi`);
  });

  it('keeps injection attempts inside one string literal', () => {
    const attempts = [
      "O'Brien",
      "x' OR Name != '",
      "x\\' OR Name != '",
      "x'); DELETE FROM Account; --",
      "line1\nline2' OR Id != null OR Name = '",
      '\\',
      "'''",
    ];
    for (const attempt of attempts) {
      const literal = soqlString(attempt);
      expect(readBack(literal)).toBe(attempt);
      // One comparison, no OR smuggled in.
      expect(parseSoql(`SELECT Id FROM Account WHERE Name = ${literal}`).where?.kind).toBe('cmp');
    }
  });

  it('escapes LIKE wildcards so search text matches literally', () => {
    expect(soqlLike('50%_off', 'contains')).toBe("'%50\\%\\_off%'");
    expect(soqlLike("a'b", 'prefix')).toBe("'a\\'b%'");
    expect(soqlLike('exact_', 'exact')).toBe("'exact\\_'");
  });

  it('accepts only checksum-valid ids as id literals', () => {
    expect(soqlId('001A0000006Vm9rIAC')).toBe("'001A0000006Vm9rIAC'");
    expect(() => soqlId("001A0000006Vm9r' OR Id != '")).toThrow(TypeError);
    expect(() => soqlId('001A0000006Vm9rXXX')).toThrow(TypeError);
    expect(soqlIdList(['001A0000006Vm9r', '001A0000006Vm9rIAC'])).toBe("('001A0000006Vm9r','001A0000006Vm9rIAC')");
    expect(() => soqlIdList([])).toThrow();
  });

  it('validates dates and API names (which cannot be escaped)', () => {
    expect(soqlDate('2026-11-20')).toBe('2026-11-20');
    expect(() => soqlDate("2026-11-20' OR")).toThrow();
    expect(assertApiName('Due_Date__c')).toBe('Due_Date__c');
    expect(() => assertApiName('Name FROM User --')).toThrow();
    expect(() => assertApiName('Owner.Name')).toThrow();
    expect(assertApiName('Owner.Name', true)).toBe('Owner.Name');
  });

  it('composes SELECT with grouped OR conditions', () => {
    const soql = select({ fields: ['Id', 'Name', 'Id'], from: 'Account', where: ['Id = ' + soqlId('001A0000006Vm9r'), 'A__c = 1 OR B__c = 2'], orderBy: 'Name', limit: 5 });
    expect(soql).toBe("SELECT Id, Name FROM Account WHERE Id = '001A0000006Vm9r' AND (A__c = 1 OR B__c = 2) ORDER BY Name LIMIT 5");
    expect(() => select({ fields: ['Id'], from: 'Account', limit: 0 })).toThrow();
  });
});
