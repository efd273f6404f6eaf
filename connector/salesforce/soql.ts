/**
 * SOQL escaping and a tiny string builder.
 *
 * We hand-build SOQL instead of using @jetstreamapp/soql-parser-js `composeQuery`: the parser pulls
 * Chevrotain into the page bundle (~190 KB min in 6.x) for something a few escaping functions do.
 * Every value placed in SOQL goes through `soqlString` / `soqlLike` / `soqlId`; field and object
 * names come from the validated mapping (`assertApiName`), never from user input.
 */
import { isSalesforceId } from './ids';

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Escape a value for use inside a single-quoted SOQL string literal (without the quotes). */
export function escapeSoqlString(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => STRING_ESCAPES[ch] ?? ch);
}

/** A quoted SOQL string literal: `'O\'Brien'`. */
export function soqlString(value: string): string {
  return `'${escapeSoqlString(value)}'`;
}

/**
 * A quoted LIKE pattern matching `value` literally (with `%`/`_` escaped), wrapped as `prefix%`,
 * `%contains%` or an exact match.
 */
export function soqlLike(value: string, mode: 'exact' | 'prefix' | 'contains' = 'contains'): string {
  const escaped = escapeSoqlString(value).replace(/[%_]/g, (ch) => `\\${ch}`);
  const pattern = mode === 'exact' ? escaped : mode === 'prefix' ? `${escaped}%` : `%${escaped}%`;
  return `'${pattern}'`;
}

/**
 * A quoted id literal. Ids are checksum-validated, so they can never carry SOQL syntax.
 * @throws TypeError for anything that is not a valid Salesforce id.
 */
export function soqlId(id: string): string {
  if (!isSalesforceId(id)) {
    throw new TypeError(`Not a valid Salesforce record id: ${JSON.stringify(id)}`);
  }
  return `'${id}'`;
}

/** `('a','b')` for IN clauses; every id validated. */
export function soqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) {
    throw new TypeError('An IN list needs at least one id');
  }
  return `(${ids.map(soqlId).join(',')})`;
}

/** A SOQL date literal (unquoted) from `YYYY-MM-DD`. */
export function soqlDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new TypeError(`Not a calendar date: ${JSON.stringify(isoDate)}`);
  }
  return isoDate;
}

/** A SOQL datetime literal (unquoted) in UTC, from an instant. */
export function soqlDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) {
    throw new TypeError('Invalid date');
  }
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * Guard for object/field names (which cannot be escaped, only validated): letters, digits, underscores,
 * and dots for relationship paths.
 */
export function assertApiName(name: string, allowPath = false): string {
  if (!(allowPath ? FIELD_PATH : API_NAME).test(name)) {
    throw new TypeError(`Not a valid Salesforce API name: ${JSON.stringify(name)}`);
  }
  return name;
}

/** Parts of a SELECT statement. Every string here is already safe SOQL. */
export interface SelectParts {
  fields: readonly string[];
  from: string;
  where?: readonly string[];
  orderBy?: string;
  limit?: number;
}

/** Compose `SELECT … FROM … WHERE a AND b ORDER BY … LIMIT n`. Field entries may be subqueries `(SELECT …)`. */
export function select(parts: SelectParts): string {
  const fields = [...new Set(parts.fields)];
  if (fields.length === 0) {
    throw new TypeError('SELECT needs at least one field');
  }
  let soql = `SELECT ${fields.join(', ')} FROM ${assertApiName(parts.from)}`;
  const where = parts.where?.filter((c) => c.length > 0) ?? [];
  if (where.length > 0) {
    soql += ` WHERE ${where.map((c) => (where.length > 1 && / OR /.test(c) ? `(${c})` : c)).join(' AND ')}`;
  }
  if (parts.orderBy) {
    soql += ` ORDER BY ${parts.orderBy}`;
  }
  if (parts.limit !== undefined) {
    if (!Number.isInteger(parts.limit) || parts.limit < 1) {
      throw new TypeError('LIMIT must be a positive integer');
    }
    soql += ` LIMIT ${parts.limit}`;
  }
  return soql;
}
