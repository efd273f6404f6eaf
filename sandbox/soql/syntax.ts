/**
 * SOQL syntax without an org: `@jetstreamapp/soql-parser-js` parses, and its flat WHERE clause
 * (conditions with paren counts and AND/OR/NOT links) becomes a tree with SOQL precedence
 * (NOT > AND > OR). The evaluator compiles this tree; tests use `parseSoql` to check what a built
 * query means (e.g. that an escaped string stays ONE literal).
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { Condition, Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformedQuery } from '../errors';

/** A literal as written: strings unquoted with backslash escapes decoded; other literals as text. */
export type SoqlLiteral = string;

/** A WHERE clause as a tree. */
export type WhereNode =
  | {
    kind: 'cmp';
    field: string;
    operator: string;
    /** The decoded literal (the list for IN / NOT IN / INCLUDES / EXCLUDES). */
    value: SoqlLiteral | SoqlLiteral[];
    condition: Condition;
  }
  | { kind: 'semi-join'; field: string; operator: string; condition: ValueQueryCondition }
  | { kind: 'and' | 'or'; operands: WhereNode[] }
  | { kind: 'not'; operand: WhereNode };

/** A parsed query: the parser's AST plus the WHERE tree. */
export interface SoqlSyntax {
  query: Query;
  sObject: string;
  where: WhereNode | undefined;
}

/** Removes the quotes of a string literal and decodes its backslash escapes. */
export function unquote(raw: string): string {
  if (!(raw.startsWith("'") && raw.endsWith("'"))) {
    return raw;
  }
  return raw.slice(1, -1).replace(/\\(.)/g, (_m, ch: string) => {
    switch (ch) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'b': return '\b';
      case 'f': return '\f';
      default: return ch;
    }
  });
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition | ValueQueryCondition };

function flattenWhere(node: WhereClause | undefined, out: Token[]): void {
  if (!node) {
    return;
  }
  const left = node.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  if (left) {
    for (let i = 0; i < (left.openParen ?? 0); i++) {
      out.push('(');
    }
    if ('field' in left || 'fn' in left) {
      out.push({ condition: left });
    }
    for (let i = 0; i < (left.closeParen ?? 0); i++) {
      out.push(')');
    }
  }
  if ('operator' in node && node.operator) {
    out.push(node.operator);
    flattenWhere('right' in node ? node.right : undefined, out);
  }
}

function leaf(condition: Condition | ValueQueryCondition): WhereNode {
  if (!('field' in condition)) {
    throw malformedQuery('functions in WHERE are not supported by the sandbox');
  }
  if ('valueQuery' in condition && condition.valueQuery) {
    return { kind: 'semi-join', field: condition.field, operator: condition.operator.toUpperCase(), condition };
  }
  const value = (condition as { value?: unknown }).value;
  const decode = (v: unknown): string => unquote(String(v));
  return {
    kind: 'cmp',
    field: condition.field,
    operator: condition.operator.toUpperCase(),
    value: Array.isArray(value) ? value.map(decode) : decode(value),
    condition: condition as Condition,
  };
}

/** Builds the WHERE tree (undefined when there is no WHERE). */
export function whereTree(where: WhereClause | undefined): WhereNode | undefined {
  const tokens: Token[] = [];
  flattenWhere(where, tokens);
  if (tokens.length === 0) {
    return undefined;
  }
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const parseOr = (): WhereNode => {
    const operands = [parseAnd()];
    while (peek() === 'OR') {
      pos++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? (operands[0] as WhereNode) : { kind: 'or', operands };
  };
  const parseAnd = (): WhereNode => {
    const operands = [parseNot()];
    while (peek() === 'AND') {
      pos++;
      operands.push(parseNot());
    }
    return operands.length === 1 ? (operands[0] as WhereNode) : { kind: 'and', operands };
  };
  const parseNot = (): WhereNode => {
    if (peek() === 'NOT') {
      pos++;
      return { kind: 'not', operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): WhereNode => {
    const token = peek();
    if (token === '(') {
      pos++;
      const inner = parseOr();
      if (peek() !== ')') {
        throw malformedQuery('unbalanced parentheses in WHERE');
      }
      pos++;
      return inner;
    }
    if (token && typeof token === 'object') {
      pos++;
      return leaf(token.condition);
    }
    throw malformedQuery('unexpected token in WHERE clause');
  };
  const tree = parseOr();
  if (pos !== tokens.length) {
    throw malformedQuery('unexpected token in WHERE clause');
  }
  return tree;
}

/** Parses SOQL with the real parser (syntax only, no schema), mapping failures to MALFORMED_QUERY. */
export function parseSoql(soql: string): SoqlSyntax {
  let query: Query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw malformedQuery(`\n${soql}\n^\nERROR at Row:1:Column:1\n${message}`);
  }
  if (!query.sObject) {
    throw malformedQuery(`\n${soql}\n^\nERROR at Row:1:Column:1\nmissing FROM clause`);
  }
  if (!query.fields || query.fields.length === 0) {
    throw malformedQuery(`\n${soql}\n^\nERROR at Row:1:Column:1\nunexpected token: FROM`);
  }
  return { query, sObject: query.sObject, where: whereTree(query.where) };
}
