import { describe, expect, it } from 'vitest';
import { SalesforceApiError } from '../errors';
import { parseSoql, unquote } from './syntax';
import type { WhereNode } from './syntax';

/** Compact rendering of a WHERE tree for assertions. */
function show(node: WhereNode | undefined): string {
  if (!node) {
    return '';
  }
  switch (node.kind) {
    case 'cmp':
      return `${node.field} ${node.operator} ${JSON.stringify(node.value)}`;
    case 'semi-join':
      return `${node.field} ${node.operator} (subquery)`;
    case 'not':
      return `NOT(${show(node.operand)})`;
    default:
      return `${node.kind.toUpperCase()}(${node.operands.map(show).join(', ')})`;
  }
}

describe('parseSoql (syntax only)', () => {
  it('builds the WHERE tree with SOQL precedence: NOT over AND over OR, parentheses first', () => {
    expect(show(parseSoql("SELECT Id FROM Account WHERE A__c = 1 OR B__c = 2 AND C__c = 3").where)).toBe('OR(A__c = "1", AND(B__c = "2", C__c = "3"))');
    expect(show(parseSoql("SELECT Id FROM Account WHERE (A__c = 1 OR B__c = 2) AND C__c = 3").where)).toBe('AND(OR(A__c = "1", B__c = "2"), C__c = "3")');
    expect(show(parseSoql("SELECT Id FROM Account WHERE NOT Name = 'x' AND Id != null").where)).toBe('AND(NOT(Name = "x"), Id != "NULL")');
    expect(show(parseSoql("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Type IN ('a', 'b')").where))
      .toBe('AND(Id IN (subquery), Type IN ["a","b"])');
    expect(parseSoql('SELECT Id FROM Account').where).toBeUndefined();
  });

  it('decodes string literals: an escaped quote stays inside ONE comparison', () => {
    const parsed = parseSoql("SELECT Id FROM Account WHERE Name = 'O\\'Brien\\\\ \\n' ");
    expect(parsed.sObject).toBe('Account');
    expect(parsed.where).toMatchObject({ kind: 'cmp', field: 'Name', operator: '=', value: "O'Brien\\ \n" });
    expect(show(parseSoql("SELECT Id FROM Account WHERE Name = 'x\\' OR Name != \\''").where)).toBe(`Name = "x' OR Name != '"`);
    expect(unquote("'a\\tb'")).toBe('a\tb');
    expect(unquote('2026-11-20')).toBe('2026-11-20');
  });

  it('answers malformed queries with MALFORMED_QUERY', () => {
    for (const soql of ['SELECT FROM Account', 'SELECT Id Account', "SELECT Id FROM Account WHERE Name = 'x' OR", 'DELETE FROM Account']) {
      let error: unknown;
      try {
        parseSoql(soql);
      } catch (caught) {
        error = caught;
      }
      expect(error, soql).toBeInstanceOf(SalesforceApiError);
      expect((error as SalesforceApiError).errorCode, soql).toBe('MALFORMED_QUERY');
    }
  });
});
