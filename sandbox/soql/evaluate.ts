/**
 * SOQL evaluator over the sandbox store. `@jetstreamapp/soql-parser-js` parses; this module resolves
 * names against the schema (INVALID_FIELD / INVALID_TYPE like Salesforce), filters, sorts, pages
 * and projects records into Salesforce's REST JSON shape, including parent relationships
 * (`Account__r.Owner.Name`) and child subqueries (`(SELECT ... FROM Instalments__r)`).
 *
 * Supported: field lists, parent paths of any depth, child subqueries, semi-joins
 * (`Id IN (SELECT AccountId FROM Contact)`), WHERE with AND/OR/NOT and parentheses, = != < <= > >=,
 * IN, NOT IN, LIKE, INCLUDES, EXCLUDES, null, booleans, numbers, dates, datetimes, date literals,
 * ORDER BY (ASC/DESC, NULLS FIRST/LAST, several keys), LIMIT, OFFSET, COUNT() and simple aggregates
 * (COUNT/COUNT_DISTINCT/SUM/MIN/MAX/AVG) with or without GROUP BY on fields. Not supported
 * (MALFORMED_QUERY): HAVING, GROUP BY functions/ROLLUP/CUBE, TYPEOF,
 * functions in WHERE, FIELDS().
 *
 * Scale: candidates come from the most selective index a top-level AND operand allows (Id,
 * reference, unique/external id, semi-join ids), or the union of an OR's indexed branches, else a
 * scan; `planQueryIds` keeps only the matching ids so cursors project pages on demand.
 */
import type {
  Condition,
  FieldType,
  OrderByClause,
  Query,
  Subquery,
  ValueCondition,
  ValueQueryCondition,
  ValueWithDateNLiteralCondition,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { SalesforceApiError, invalidField, invalidType, malformedQuery } from '../errors';
import { normaliseId } from '../ids';
import type { FieldDef, ObjectDef, OrgSchema } from '../schema';
import type { FieldValue, Store, StoredRecord } from '../store';
import { resolveDateLiteral } from './date-literals';
import { compileLike } from './like';
import { parseSoql, unquote, whereTree } from './syntax';
import type { WhereNode } from './syntax';
import type { DateRange } from './date-literals';

/** Everything a query needs besides the store. */
export interface QueryContext {
  store: Store;
  /** The org's "today" (ISO date, UTC) for date literals. */
  today: string;
  apiVersion: string;
  /** Debug: filled with how candidates were found and how many records were examined. */
  stats?: QueryStats;
  /** Debug: ignore every index (tests compare indexed results with a full scan). */
  fullScan?: boolean;
}

/** How one (sub)query found its candidates. */
export interface QueryAccess {
  object: string;
  /**
   * `scan`: every record of the object; `id` / `reference` / `unique`: an index on `field` (a
   * semi-join's ids count as literals); `children`: a parent's child records (child subquery).
   */
  via: 'scan' | 'id' | 'reference' | 'unique' | 'children';
  field?: string;
  /** Records the WHERE clause was evaluated on. */
  candidates: number;
}

/** Evaluation statistics of one query, its semi-joins and its child subqueries. */
export interface QueryStats {
  /** Records the WHERE clauses were evaluated on, in total. */
  examined: number;
  /** Access paths in execution order (semi-join sub-selects first, child subqueries when projected). */
  access: QueryAccess[];
}

/** A projected record in REST shape. */
export type ResultRecord = { attributes: { type: string; url?: string } } & Record<string, unknown>;

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: ResultRecord[];
}

// ------------------------------------------------------------------------------------------------
// Name resolution

interface PathStep {
  /** Reference field on the current object. */
  field: FieldDef;
  /** Static target when the reference is not polymorphic. */
  target: ObjectDef | undefined;
}

/** A resolved field path: parent hops, then a field on the last object. */
interface FieldPath {
  steps: PathStep[];
  leafName: string;
  /** Leaf definition when statically known (not behind a polymorphic hop). */
  leaf: FieldDef | undefined;
  /** Relationship names as written canonically, e.g. ['Account__r', 'Owner']. */
  relationshipNames: string[];
}

function noSuchColumn(name: string, def: ObjectDef): never {
  throw invalidField(
    `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Resolves `A__r.B.Name` from `def`; `alias` (the FROM alias) may prefix the path. */
function resolvePath(schema: OrgSchema, def: ObjectDef, raw: string, alias?: string): FieldPath {
  const parts = raw.split('.');
  if (alias && parts.length > 1 && parts[0]?.toLowerCase() === alias.toLowerCase()) {
    parts.shift();
  }
  const leafRaw = parts.pop() ?? '';
  const steps: PathStep[] = [];
  const relationshipNames: string[] = [];
  let current: ObjectDef | undefined = def;
  for (const part of parts) {
    if (!current) {
      // Behind a polymorphic hop we cannot check statically; Salesforce only allows common fields there.
      throw invalidField(`Didn't understand relationship '${part}' in field path. Polymorphic relationships allow only Id, Name and Type in the sandbox.`);
    }
    const field: FieldDef | undefined = current.parentRelationships.get(part.toLowerCase());
    if (!field) {
      throw invalidField(
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const targets: string[] = field.referenceTo ?? [];
    const target: ObjectDef | undefined = targets.length === 1 ? schema.objectDef(targets[0] ?? '') : undefined;
    steps.push({ field, target });
    relationshipNames.push(field.relationshipName ?? part);
    current = target;
  }
  let leaf: FieldDef | undefined;
  if (current) {
    leaf = current.fieldIndex.get(leafRaw.toLowerCase());
    if (!leaf) {
      noSuchColumn(leafRaw, current);
    }
  } else if (!['id', 'name', 'type'].includes(leafRaw.toLowerCase())) {
    throw invalidField(`No such column '${leafRaw}' on polymorphic relationship; the sandbox allows Id, Name and Type.`);
  }
  const leafName = leaf?.name ?? (leafRaw.toLowerCase() === 'id' ? 'Id' : leafRaw.toLowerCase() === 'name' ? 'Name' : 'Type');
  return { steps, leafName, leaf, relationshipNames };
}

/** Follows parent hops; returns the record holding the leaf, its object, or null when a hop is empty. */
function walk(store: Store, record: StoredRecord, path: FieldPath): { record: StoredRecord; object: string } | null {
  let current = record;
  let objectName = '';
  for (const step of path.steps) {
    const id = current[step.field.name];
    if (typeof id !== 'string') {
      return null;
    }
    const parent = store.get(id);
    if (!parent) {
      return null;
    }
    current = parent.record;
    objectName = parent.object;
  }
  return { record: current, object: objectName };
}

/** The raw stored value at a path (null when any hop is empty). */
function valueAt(store: Store, record: StoredRecord, path: FieldPath): FieldValue {
  const holder = walk(store, record, path);
  if (!holder) {
    return null;
  }
  if (path.leafName === 'Type' && !path.leaf) {
    return holder.object || null;
  }
  return holder.record[path.leafName] ?? null;
}

// ------------------------------------------------------------------------------------------------
// Typed values and comparison

type Comparable = string | number | boolean | null;

function fieldKind(field: FieldDef | undefined): 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'id' | 'multi' {
  switch (field?.type) {
    case 'int': case 'double': case 'currency': case 'percent': return 'number';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
    case 'id': case 'reference': return 'id';
    case 'multipicklist': return 'multi';
    default: return 'string';
  }
}

/** Salesforce datetime strings use `+0000`; Date.parse wants `Z` or `+00:00`. */
export function parseSfDateTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function comparable(value: FieldValue, kind: ReturnType<typeof fieldKind>): Comparable {
  if (value === null || value === undefined) {
    return null;
  }
  switch (kind) {
    case 'string': case 'multi': return String(value).toLowerCase();
    case 'datetime': return typeof value === 'string' ? parseSfDateTime(value) : Number(value);
    case 'id': return typeof value === 'string' ? normaliseId(value) ?? value : String(value);
    default: return value;
  }
}

type Literal = { kind: 'value'; value: Comparable } | { kind: 'range'; range: DateRange };

function literalFor(raw: string, literalType: string, field: FieldDef | undefined, fieldName: string, n: number, today: string): Literal {
  const kind = fieldKind(field);
  switch (literalType) {
    case 'NULL':
      return { kind: 'value', value: null };
    case 'BOOLEAN':
      if (field && kind !== 'boolean') {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type ${field.type} and should be enclosed in quotes`);
      }
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    case 'INTEGER': case 'DECIMAL': case 'INTEGER_WITH_CURRENCY_PREFIX': case 'DECIMAL_WITH_CURRENCY_PREFIX':
      if (field && kind !== 'number') {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type ${field.type} and should be enclosed in quotes`);
      }
      return { kind: 'value', value: Number(raw.replace(/^[A-Z]{3}/, '')) };
    case 'DATE':
      if (kind === 'datetime') {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type dateTime and should not be enclosed in quotes`);
      }
      return { kind: 'value', value: raw };
    case 'DATETIME':
      if (kind === 'date') {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type date and should not be enclosed in quotes`);
      }
      return { kind: 'value', value: parseSfDateTime(raw) };
    case 'DATE_LITERAL': case 'DATE_N_LITERAL': {
      const range = resolveDateLiteral(raw, today, n);
      if (!range) {
        throw malformedQuery(`unexpected token: ${raw}`);
      }
      if (kind !== 'date' && kind !== 'datetime') {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type ${field?.type ?? 'string'} and should be enclosed in quotes`);
      }
      return { kind: 'range', range };
    }
    case 'STRING': {
      if (field && (kind === 'number' || kind === 'boolean' || kind === 'date' || kind === 'datetime')) {
        throw malformedQuery(`value of filter criterion for field '${fieldName}' must be of type ${field.type} and should not be enclosed in quotes`);
      }
      const text = unquote(raw);
      if (kind === 'id') {
        if (text !== '' && !normaliseId(text)) {
          throw new SalesforceApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
        }
        return { kind: 'value', value: text === '' ? null : normaliseId(text) };
      }
      return { kind: 'value', value: text.toLowerCase() };
    }
    default:
      throw malformedQuery(`unsupported literal ${raw} (${literalType}) in the sandbox`);
  }
}

/** Range bound for a date literal in the field's kind (datetime bounds are midnight UTC). */
function bound(iso: string, kind: ReturnType<typeof fieldKind>): Comparable {
  return kind === 'datetime' ? Date.parse(`${iso}T00:00:00Z`) : iso;
}

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return Number(a) - Number(b);
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function matchOne(op: string, actual: Comparable, literal: Literal, kind: ReturnType<typeof fieldKind>): boolean {
  if (literal.kind === 'range') {
    if (actual === null) {
      return op === '!=';
    }
    const start = bound(literal.range.start, kind);
    const end = bound(literal.range.end, kind);
    const inRange = compare(actual, start) >= 0 && compare(actual, end) < 0;
    switch (op) {
      case '=': return inRange;
      case '!=': return !inRange;
      case '<': return compare(actual, start) < 0;
      case '<=': return compare(actual, end) < 0;
      case '>': return compare(actual, end) >= 0;
      case '>=': return compare(actual, start) >= 0;
      default: throw malformedQuery(`operator ${op} is not valid for a date literal`);
    }
  }
  const expected = literal.value;
  if (op === '=') {
    if (kind === 'multi' && typeof actual === 'string' && typeof expected === 'string') {
      return sameSet(actual, expected);
    }
    return actual === expected;
  }
  if (op === '!=') {
    if (kind === 'multi' && typeof actual === 'string' && typeof expected === 'string') {
      return !sameSet(actual, expected);
    }
    return actual !== expected;
  }
  if (actual === null || expected === null) {
    return false;
  }
  const c = compare(actual, expected);
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    default: throw malformedQuery(`unexpected operator ${op}`);
  }
}

const splitMulti = (value: string): Set<string> => new Set(value.split(';').map((s) => s.trim()).filter(Boolean));
function sameSet(a: string, b: string): boolean {
  const sa = splitMulti(a);
  const sb = splitMulti(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

// ------------------------------------------------------------------------------------------------
// WHERE compilation

type Predicate = (record: StoredRecord) => boolean;

/**
 * An index that narrows the candidates of a WHERE clause: every record the clause can match is
 * among `ids()` (a superset; the predicate still filters each one).
 */
interface IndexAccess {
  via: 'id' | 'reference' | 'unique';
  /** Field the index is on (for a union of several indexes, the first). */
  field: string;
  /** Upper bound of the ids it yields, cheap to compute (set sizes), to pick the most selective index. */
  estimate: number;
  ids: () => Iterable<string>;
}

/** A compiled WHERE node: its predicate and, when an index can answer it, how. */
interface CompiledNode {
  predicate: Predicate;
  /** Resolved at execution time (index sizes change with the store); null: no index applies. */
  access: (() => IndexAccess | null) | null;
}

interface CompiledWhere {
  predicate: Predicate;
  /** Conditions ANDed at the top level (the ContentDocumentLink filter restriction reads these). */
  conjuncts: Array<{ path: FieldPath; op: string }>;
  /** Index access for the whole clause, or null when only a full scan can answer it. */
  access: (() => IndexAccess | null) | null;
}

/**
 * AND: the most selective operand with an index (the others filter its candidates), so
 * `Account__c = X AND (Balance__c != 0 OR ...)` reads only X's invoices. OR: the union of its
 * operands' indexes, only when every operand has one. NOT: never (its matches are not in an index).
 */
function combineAccess(kind: 'and' | 'or', parts: CompiledNode[]): CompiledNode['access'] {
  const accessors = parts.map((p) => p.access);
  if (kind === 'and') {
    const usable = accessors.filter((a): a is NonNullable<typeof a> => a !== null);
    if (usable.length === 0) {
      return null;
    }
    return () => {
      let best: IndexAccess | null = null;
      for (const accessor of usable) {
        const access = accessor();
        if (access && (!best || access.estimate < best.estimate)) {
          best = access;
        }
      }
      return best;
    };
  }
  if (accessors.some((a) => a === null)) {
    return null;
  }
  return () => {
    const accesses: IndexAccess[] = [];
    for (const accessor of accessors) {
      const access = accessor?.();
      if (!access) {
        return null;
      }
      accesses.push(access);
    }
    const first = accesses[0];
    if (!first) {
      return null;
    }
    return {
      via: first.via,
      field: first.field,
      estimate: accesses.reduce((n, a) => n + a.estimate, 0),
      ids: () => accesses.flatMap((a) => [...a.ids()]),
    };
  };
}

function compileWhere(where: WhereClause | undefined, def: ObjectDef, ctx: QueryContext, alias?: string): CompiledWhere {
  const tree = whereTree(where);
  const conjuncts: CompiledWhere['conjuncts'] = [];
  if (!tree) {
    return { predicate: () => true, conjuncts, access: null };
  }
  const compile = (node: WhereNode, topLevelAnd: boolean): CompiledNode => {
    switch (node.kind) {
      case 'and': {
        // Nested ANDs (`(a AND b) AND c`) are still top-level conjuncts.
        const parts = node.operands.map((operand) => compile(operand, topLevelAnd));
        const predicates = parts.map((p) => p.predicate);
        return { predicate: (r) => predicates.every((p) => p(r)), access: combineAccess('and', parts) };
      }
      case 'or': {
        const parts = node.operands.map((operand) => compile(operand, false));
        const predicates = parts.map((p) => p.predicate);
        return { predicate: (r) => predicates.some((p) => p(r)), access: combineAccess('or', parts) };
      }
      case 'not': {
        const inner = compile(node.operand, false).predicate;
        return { predicate: (r) => !inner(r), access: null };
      }
      default:
        return compileCondition(node.condition, def, ctx, alias, topLevelAnd ? conjuncts : null);
    }
  };
  const root = compile(tree, true);
  return { predicate: root.predicate, conjuncts, access: root.access };
}

/** Ids of the records of `def` whose reference `field` holds one of `parentIds` (the parent → children index). */
function referenceAccess(store: Store, def: ObjectDef, field: string, parentIds: readonly string[]): IndexAccess {
  let estimate = 0;
  for (const parentId of parentIds) {
    estimate += store.childIds(def.storage, field, parentId).size;
  }
  return {
    via: 'reference',
    field,
    estimate,
    ids: () => parentIds.flatMap((parentId) => [...store.childIds(def.storage, field, parentId)]),
  };
}

/**
 * Index access for `path op literals` when one applies: `=`/`IN` with non-null literals on Id, on a
 * reference field (parent → children index) or on a unique/external-id text field (case-folded
 * index: SOQL compares text case-insensitively).
 */
function conditionAccess(store: Store, def: ObjectDef, path: FieldPath, op: string, values: readonly Comparable[]): CompiledNode['access'] {
  if (path.steps.length > 0 || (op !== '=' && op !== 'IN') || values.length === 0) {
    return null;
  }
  const keys: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string' || value === '') {
      return null;
    }
    keys.push(value);
  }
  if (path.leafName === 'Id') {
    return () => ({ via: 'id', field: 'Id', estimate: keys.length, ids: () => keys });
  }
  const leaf = path.leaf;
  if (leaf?.type === 'reference') {
    return () => referenceAccess(store, def, leaf.name, keys);
  }
  if (leaf && (leaf.unique || leaf.externalId) && fieldKind(leaf) === 'string') {
    return () => {
      const ids = keys.flatMap((key) => store.findUniqueFolded(def.storage, leaf.name, key));
      return { via: 'unique', field: leaf.name, estimate: ids.length, ids: () => ids };
    };
  }
  return null;
}

function compileCondition(
  condition: Condition | ValueQueryCondition,
  def: ObjectDef,
  ctx: QueryContext,
  alias: string | undefined,
  conjuncts: CompiledWhere['conjuncts'] | null,
): CompiledNode {
  if (!('field' in condition)) {
    throw malformedQuery('functions in WHERE are not supported by the sandbox');
  }
  const path = resolvePath(ctx.store.schema, def, condition.field, alias);
  const kind = path.leaf ? fieldKind(path.leaf) : path.leafName === 'Id' ? 'id' : 'string';
  const op = condition.operator.toUpperCase();
  conjuncts?.push({ path, op });

  // Semi-join / anti-join: Id IN (SELECT AccountId FROM Contact ...)
  if ('valueQuery' in condition && condition.valueQuery) {
    const inner = runQuery(condition.valueQuery, ctx);
    const innerField = condition.valueQuery.fields?.[0];
    if (!innerField || innerField.type !== 'Field') {
      throw malformedQuery('semi-join sub-selects must select exactly one field');
    }
    const innerDef = ctx.store.schema.objectDef(condition.valueQuery.sObject ?? '');
    if (!innerDef) {
      throw invalidType(condition.valueQuery.sObject ?? '');
    }
    const innerPath = resolvePath(ctx.store.schema, innerDef, innerField.field);
    const values = new Set(inner.matched.map((r) => comparable(valueAt(ctx.store, r, innerPath), kind)));
    values.delete(null);
    const predicate: Predicate = (record) => {
      const actual = comparable(valueAt(ctx.store, record, path), kind);
      const found = actual !== null && values.has(actual);
      return op === 'NOT IN' ? !found : found;
    };
    if (op !== 'IN' || kind !== 'id') {
      return { predicate, access: null };
    }
    // The sub-select's ids are index keys like literals; an empty sub-select matches nothing.
    const access = values.size === 0
      ? (): IndexAccess => ({ via: path.leafName === 'Id' ? 'id' : 'reference', field: path.leafName, estimate: 0, ids: () => [] })
      : conditionAccess(ctx.store, def, path, 'IN', [...values]);
    return { predicate, access };
  }

  const valueCondition = condition as ValueCondition | ValueWithDateNLiteralCondition;
  const rawValues = Array.isArray(valueCondition.value) ? valueCondition.value : [valueCondition.value];
  const literalTypes = Array.isArray(valueCondition.literalType)
    ? valueCondition.literalType
    : rawValues.map(() => valueCondition.literalType ?? 'STRING');
  const ns = 'dateLiteralVariable' in valueCondition
    ? (Array.isArray(valueCondition.dateLiteralVariable) ? valueCondition.dateLiteralVariable : [valueCondition.dateLiteralVariable])
    : [];
  const literals = rawValues.map((raw, i) =>
    literalFor(String(raw), String(literalTypes[i] ?? 'STRING'), path.leaf, condition.field, Number(ns[i] ?? 0), ctx.today));
  const values = literals.map((l) => (l.kind === 'value' ? l.value : null));
  const access = literals.every((l) => l.kind === 'value') ? conditionAccess(ctx.store, def, path, op, values) : null;
  return { predicate: conditionPredicate(ctx, path, kind, op, literals, rawValues, condition.field), access };
}

function conditionPredicate(ctx: QueryContext, path: FieldPath, kind: ReturnType<typeof fieldKind>, op: string, literals: Literal[], rawValues: readonly unknown[], fieldName: string): Predicate {
  switch (op) {
    case 'IN':
    case 'NOT IN':
      return (record) => {
        const actual = comparable(valueAt(ctx.store, record, path), kind);
        const found = literals.some((l) => matchOne('=', actual, l, kind));
        // NOT IN excludes nulls too, as in Salesforce.
        return op === 'IN' ? found : actual !== null && !found;
      };
    case 'LIKE': {
      // Compiled from the literal as written: `\%` and `\_` are escapes only LIKE knows (like.ts).
      const patterns = literals.map((l, i) => (l.kind === 'value' && typeof l.value === 'string' ? compileLike(String(rawValues[i])) : null));
      return (record) => {
        const actual = valueAt(ctx.store, record, path);
        return actual !== null && patterns.some((pattern) => pattern?.matches(String(actual)) ?? false);
      };
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      if (kind !== 'multi') {
        throw malformedQuery(`INCLUDES/EXCLUDES operator only valid on multi-select picklist fields: ${fieldName}`);
      }
      const wanted = literals.map((l) => (l.kind === 'value' && typeof l.value === 'string' ? [...splitMulti(l.value)] : []));
      return (record) => {
        const actual = valueAt(ctx.store, record, path);
        const have = splitMulti(typeof actual === 'string' ? actual.toLowerCase() : '');
        const includes = wanted.some((set) => set.length > 0 && set.every((v) => have.has(v)));
        return op === 'INCLUDES' ? includes : !includes;
      };
    }
    default: {
      const literal = literals[0];
      if (!literal) {
        throw malformedQuery('missing value in WHERE condition');
      }
      return (record) => matchOne(op, comparable(valueAt(ctx.store, record, path), kind), literal, kind);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// SELECT list

type Projection =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'child'; relationshipName: string; childDef: ObjectDef; parentField: string; query: CompiledQuery }
  | { kind: 'aggregate'; fn: string; path: FieldPath | null; alias: string };

interface CompiledQuery {
  def: ObjectDef;
  projections: Projection[];
  where: CompiledWhere;
  orderBy: Array<{ path: FieldPath; desc: boolean; nullsFirst: boolean }>;
  limit: number | undefined;
  offset: number;
  countOnly: boolean;
  /** GROUP BY paths; aggregate queries without GROUP BY have one group. */
  groupBy: FieldPath[];
}

const pathKey = (path: FieldPath): string => [...path.relationshipNames, path.leafName].join('.').toLowerCase();

function compileQuery(query: Query | Subquery, def: ObjectDef, ctx: QueryContext): CompiledQuery {
  const alias = query.sObjectAlias;
  if (query.having) {
    throw malformedQuery('HAVING is not supported by the sandbox');
  }
  const groupClauses = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
  const groupBy = groupClauses.map((clause) => {
    if (!('field' in clause)) {
      throw malformedQuery('GROUP BY functions, ROLLUP and CUBE are not supported by the sandbox');
    }
    return resolvePath(ctx.store.schema, def, clause.field, alias);
  });
  const projections: Projection[] = [];
  let countOnly = false;
  let aggregateIndex = 0;
  for (const field of query.fields ?? []) {
    projections.push(...compileField(field, def, ctx, alias, () => aggregateIndex++, () => {
      countOnly = true;
    }));
  }
  const hasAggregate = projections.some((p) => p.kind === 'aggregate');
  if (countOnly && projections.length > 0) {
    throw malformedQuery('COUNT() must be the only element in the SELECT list');
  }
  if (hasAggregate || groupBy.length > 0) {
    const grouped = new Set(groupBy.map(pathKey));
    for (const projection of projections) {
      if (projection.kind === 'child' || (projection.kind === 'field' && !grouped.has(pathKey(projection.path)))) {
        throw malformedQuery('Field must be grouped or aggregated');
      }
    }
    if (countOnly) {
      throw malformedQuery('COUNT() cannot be used with GROUP BY');
    }
  }
  const orderClauses: OrderByClause[] = query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : [];
  const orderBy = orderClauses.map((clause) => {
    if (!('field' in clause)) {
      throw malformedQuery('ORDER BY functions are not supported by the sandbox');
    }
    const desc = clause.order === 'DESC';
    // Salesforce default: nulls first ascending, last descending.
    const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !desc;
    const path = resolvePath(ctx.store.schema, def, clause.field, alias);
    if ((hasAggregate || groupBy.length > 0) && !groupBy.some((g) => pathKey(g) === pathKey(path))) {
      throw malformedQuery(`Ordered field must be grouped or aggregated: ${clause.field}`);
    }
    return { path, desc, nullsFirst };
  });
  return {
    def,
    projections,
    where: compileWhere(query.where, def, ctx, alias),
    orderBy,
    limit: query.limit,
    offset: query.offset ?? 0,
    countOnly,
    groupBy,
  };
}

function compileField(
  field: FieldType,
  def: ObjectDef,
  ctx: QueryContext,
  alias: string | undefined,
  nextAggregate: () => number,
  markCountOnly: () => void,
): Projection[] {
  switch (field.type) {
    case 'Field':
      return [{ kind: 'field', path: resolvePath(ctx.store.schema, def, field.field, alias) }];
    case 'FieldRelationship':
      return [{ kind: 'field', path: resolvePath(ctx.store.schema, def, [...field.relationships, field.field].join('.'), alias) }];
    case 'FieldSubquery': {
      const sub = field.subquery;
      const rel = def.childRelationships.get(sub.relationshipName.toLowerCase());
      if (!rel) {
        throw invalidType(`${sub.relationshipName}`);
      }
      const childDef = ctx.store.schema.objectDef(rel.childObject);
      if (!childDef) {
        throw invalidType(rel.childObject);
      }
      return [{ kind: 'child', relationshipName: rel.relationshipName, childDef, parentField: rel.field, query: compileQuery(sub, childDef, ctx) }];
    }
    case 'FieldFunctionExpression': {
      const fn = field.functionName.toUpperCase();
      if (fn === 'COUNT' && field.parameters.length === 0) {
        markCountOnly();
        return [];
      }
      if (!['COUNT', 'COUNT_DISTINCT', 'SUM', 'MIN', 'MAX', 'AVG'].includes(fn)) {
        throw malformedQuery(`function ${fn} is not supported by the sandbox`);
      }
      const param = field.parameters[0];
      if (typeof param !== 'string') {
        throw malformedQuery(`${fn} needs a field`);
      }
      // Only unaliased aggregates are numbered expr0, expr1, ... (as in Salesforce).
      const name = field.alias ?? `expr${nextAggregate()}`;
      return [{ kind: 'aggregate', fn, path: resolvePath(ctx.store.schema, def, param, alias), alias: name }];
    }
    default:
      throw malformedQuery(`${field.type} is not supported by the sandbox`);
  }
}

// ------------------------------------------------------------------------------------------------
// Execution

function recordUrl(ctx: QueryContext, type: string, id: FieldValue): string {
  return `/services/data/v${ctx.apiVersion}/sobjects/${type}/${String(id)}`;
}

/** Output value of a stored field, in REST form. */
function outputValue(ctx: QueryContext, objectName: string, record: StoredRecord, fieldName: string): unknown {
  const value = record[fieldName] ?? null;
  if (objectName === 'ContentNote' && fieldName === 'Content' && value !== null) {
    // Salesforce returns base64 fields as a URL to the blob, never inline, in query results.
    return `${recordUrl(ctx, 'ContentNote', record.Id ?? null)}/Content`;
  }
  return value;
}

function sortRecords(records: StoredRecord[], compiled: CompiledQuery, store: Store): StoredRecord[] {
  if (compiled.orderBy.length === 0) {
    return records;
  }
  const keys = compiled.orderBy.map((o) => ({ ...o, kind: o.path.leaf ? fieldKind(o.path.leaf) : 'string' as const }));
  const decorated = records.map((record) => ({ record, values: keys.map((k) => comparable(valueAt(store, record, k.path), k.kind)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const va = a.values[i] ?? null;
      const vb = b.values[i] ?? null;
      if (!key || va === vb) {
        continue;
      }
      if (va === null) {
        return key.nullsFirst ? -1 : 1;
      }
      if (vb === null) {
        return key.nullsFirst ? 1 : -1;
      }
      const c = compare(va, vb);
      if (c !== 0) {
        return key.desc ? -c : c;
      }
    }
    return 0;
  });
  return decorated.map((d) => d.record);
}

/** Candidate records: a child scope, else the most selective index the WHERE clause allows, else every record. */
function candidates(compiled: CompiledQuery, ctx: QueryContext, scope?: readonly StoredRecord[]): Iterable<StoredRecord> {
  const object = compiled.def.name;
  if (scope) {
    ctx.stats?.access.push({ object, via: 'children', candidates: scope.length });
    return scope;
  }
  const access = ctx.fullScan ? null : compiled.where.access?.() ?? null;
  // An index yielding more ids than the table has (a broad semi-join) is slower than the scan.
  if (!access || access.estimate > ctx.store.count(object)) {
    ctx.stats?.access.push({ object, via: 'scan', candidates: ctx.store.count(object) });
    return ctx.store.all(object);
  }
  const out: StoredRecord[] = [];
  // A Set: `Id IN (X, X)` or overlapping OR branches must not yield a record twice.
  for (const id of new Set(access.ids())) {
    const found = ctx.store.get(id);
    if (found && found.object === compiled.def.storage) {
      out.push(found.record);
    }
  }
  ctx.stats?.access.push({ object, via: access.via, field: access.field, candidates: out.length });
  return out;
}

interface RunResult {
  /** Matching stored records after ORDER BY/OFFSET/LIMIT. */
  matched: StoredRecord[];
  /** Count before LIMIT/OFFSET (COUNT() reports this). */
  totalMatching: number;
}

function execute(compiled: CompiledQuery, ctx: QueryContext, scope?: readonly StoredRecord[]): RunResult {
  const filtered: StoredRecord[] = [];
  let examined = 0;
  for (const record of candidates(compiled, ctx, scope)) {
    examined++;
    if (compiled.where.predicate(record)) {
      filtered.push(record);
    }
  }
  if (ctx.stats) {
    ctx.stats.examined += examined;
  }
  const sorted = sortRecords(filtered, compiled, ctx.store);
  const start = compiled.offset;
  const end = compiled.limit === undefined ? undefined : start + compiled.limit;
  return { matched: sorted.slice(start, end), totalMatching: filtered.length };
}

/** What projecting needs: an open cursor keeps only this, not the WHERE clause (nor a semi-join's id set). */
type Projector = Pick<CompiledQuery, 'def' | 'projections'>;

function project(compiled: Projector, record: StoredRecord, ctx: QueryContext): ResultRecord {
  const type = compiled.def.name;
  const out: ResultRecord = { attributes: { type, url: recordUrl(ctx, type, record.Id ?? null) } };
  for (const projection of compiled.projections) {
    if (projection.kind === 'field') {
      const { path } = projection;
      if (path.steps.length === 0) {
        out[path.leafName] = outputValue(ctx, compiled.def.storage, record, path.leafName);
        continue;
      }
      // Nest parent values: { Account__r: { attributes, Owner: { attributes, Name } } }.
      let container: Record<string, unknown> = out;
      let current: StoredRecord | null = record;
      let objectName = compiled.def.storage;
      for (let i = 0; i < path.steps.length; i++) {
        const step = path.steps[i] as PathStep;
        const relName = path.relationshipNames[i] as string;
        const parentId: FieldValue = current ? current[step.field.name] ?? null : null;
        const parent: { object: string; record: StoredRecord } | undefined = typeof parentId === 'string' ? ctx.store.get(parentId) : undefined;
        if (!parent) {
          if (!(relName in container)) {
            container[relName] = null;
          }
          current = null;
          break;
        }
        const parentType = step.target?.name ?? parent.object;
        let nested = container[relName] as Record<string, unknown> | null | undefined;
        if (!nested) {
          nested = { attributes: { type: parentType, url: recordUrl(ctx, parentType, parentId) } };
          container[relName] = nested;
        }
        container = nested;
        current = parent.record;
        objectName = parent.object;
      }
      if (current) {
        container[path.leafName] = path.leafName === 'Type' && !path.leaf ? objectName : outputValue(ctx, objectName, current, path.leafName);
      }
    } else if (projection.kind === 'child') {
      const ids = ctx.store.childIds(projection.childDef.storage, projection.parentField, record.Id as string);
      const scope: StoredRecord[] = [];
      for (const id of ids) {
        const child = ctx.store.get(id);
        if (child) {
          scope.push(child.record);
        }
      }
      const result = execute(projection.query, ctx, scope);
      // Salesforce returns null, not an empty list, for a child relationship without rows.
      out[projection.relationshipName] = result.matched.length === 0
        ? null
        : { totalSize: result.matched.length, done: true, records: result.matched.map((r) => project(projection.query, r, ctx)) };
    }
  }
  return out;
}

function aggregate(compiled: CompiledQuery, records: StoredRecord[], ctx: QueryContext): ResultRecord {
  const out: ResultRecord = { attributes: { type: 'AggregateResult' } };
  const first = records[0];
  for (const projection of compiled.projections) {
    if (projection.kind === 'field') {
      // Grouped fields are keyed by their field name, without the relationship path.
      out[projection.path.leafName] = first ? valueAt(ctx.store, first, projection.path) : null;
      continue;
    }
    if (projection.kind !== 'aggregate' || !projection.path) {
      continue;
    }
    const path = projection.path;
    const values = records.map((r) => valueAt(ctx.store, r, path)).filter((v) => v !== null);
    let result: unknown = null;
    switch (projection.fn) {
      case 'COUNT': result = values.length; break;
      case 'COUNT_DISTINCT': result = new Set(values.map((v) => String(v).toLowerCase())).size; break;
      case 'SUM': result = values.length ? values.reduce<number>((s, v) => s + Number(v), 0) : null; break;
      case 'AVG': result = values.length ? values.reduce<number>((s, v) => s + Number(v), 0) / values.length : null; break;
      case 'MIN': case 'MAX': {
        const kind = fieldKind(path.leaf);
        const sorted = [...values].sort((a, b) => compare(comparable(a, kind), comparable(b, kind)));
        result = (projection.fn === 'MIN' ? sorted[0] : sorted[sorted.length - 1]) ?? null;
        break;
      }
    }
    out[projection.alias] = result;
  }
  return out;
}

/** Resolves and compiles a top-level query (or a semi-join's sub-select). */
function compileTopLevel(query: Query, ctx: QueryContext): CompiledQuery {
  const def = ctx.store.schema.objectDef(query.sObject ?? '');
  if (!def || !def.queryable) {
    throw invalidType(query.sObject ?? '');
  }
  const compiled = compileQuery(query, def, ctx);
  if (def.name === 'ContentDocumentLink') {
    // Salesforce implementation restriction, kept so the connector cannot rely on an unfiltered scan.
    const filtered = compiled.where.conjuncts.some((c) => c.path.steps.length === 0 && (c.op === '=' || c.op === 'IN')
      && ['ContentDocumentId', 'LinkedEntityId', 'Id'].includes(c.path.leafName));
    if (!filtered) {
      throw malformedQuery('Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id\'s using the IN operator.');
    }
  }
  return compiled;
}

function runQuery(query: Query, ctx: QueryContext): RunResult {
  return execute(compileTopLevel(query, ctx), ctx);
}

/** Aggregate queries: filter everything, group, aggregate, then ORDER BY/OFFSET/LIMIT the groups. */
function executeAggregate(compiled: CompiledQuery, ctx: QueryContext): ResultRecord[] {
  const all = execute({ ...compiled, orderBy: [], limit: undefined, offset: 0 }, ctx).matched;
  const groups = new Map<string, StoredRecord[]>();
  if (compiled.groupBy.length === 0) {
    // Without GROUP BY there is exactly one row, even when nothing matched (COUNT = 0).
    groups.set('', all);
  }
  for (const record of compiled.groupBy.length > 0 ? all : []) {
    const key = JSON.stringify(compiled.groupBy.map((path) => comparable(valueAt(ctx.store, record, path), path.leaf ? fieldKind(path.leaf) : 'string')));
    const group = groups.get(key);
    if (group) {
      group.push(record);
    } else {
      groups.set(key, [record]);
    }
  }
  const rows = [...groups.values()].map((records) => ({ records, row: aggregate(compiled, records, ctx) }));
  if (compiled.orderBy.length > 0) {
    const representatives = new Map(rows.map((r) => [r.records[0] as StoredRecord, r]));
    const sorted = sortRecords([...representatives.keys()], compiled, ctx.store);
    rows.splice(0, rows.length, ...sorted.map((record) => representatives.get(record) as (typeof rows)[number]));
  }
  const end = compiled.limit === undefined ? undefined : compiled.offset + compiled.limit;
  return rows.slice(compiled.offset, end).map((r) => r.row);
}

/**
 * A planned query. Record queries keep only the ordered ids of the matching records and project
 * pages on demand, so an open cursor costs an id list, not its rows (Bulk API query jobs can page
 * the same way). COUNT() and aggregate queries carry their (few) rows.
 */
export type PlannedQuery =
  | {
    kind: 'records';
    /** Ids of the matching records in result order (after ORDER BY/OFFSET/LIMIT). */
    ids: readonly string[];
    /**
     * Projects records by id in REST shape, from the store as it is now: a record deleted since
     * the query ran is left out.
     */
    project(ids: readonly string[]): ResultRecord[];
  }
  | { kind: 'rows'; totalSize: number; rows: ResultRecord[] };

/** Parses, plans and runs a SOQL query; records are projected later, page by page. */
export function planQueryIds(soql: string, ctx: QueryContext): PlannedQuery {
  const { query } = parseSoql(soql);
  const compiled = compileTopLevel(query, ctx);
  if (compiled.countOnly) {
    return { kind: 'rows', totalSize: execute(compiled, ctx).totalMatching, rows: [] };
  }
  if (compiled.groupBy.length > 0 || compiled.projections.some((p) => p.kind === 'aggregate')) {
    const rows = executeAggregate(compiled, ctx);
    return { kind: 'rows', totalSize: rows.length, rows };
  }
  const ids = execute(compiled, ctx).matched.map((record) => record.Id as string);
  const projector: Projector = { def: compiled.def, projections: compiled.projections };
  return {
    kind: 'records',
    ids,
    project(pageIds) {
      const records: ResultRecord[] = [];
      for (const id of pageIds) {
        const found = ctx.store.get(id);
        if (found && found.object === projector.def.storage) {
          // Parent fields and child subqueries are read now, at projection time.
          records.push(project(projector, found.record, ctx));
        }
      }
      return records;
    },
  };
}

/** Runs a SOQL query and returns every row projected (tests; the REST layer pages `planQueryIds`). */
export function executeSoql(soql: string, ctx: QueryContext): QueryResult {
  const planned = planQueryIds(soql, ctx);
  if (planned.kind === 'rows') {
    return { totalSize: planned.totalSize, done: true, records: planned.rows };
  }
  const records = planned.project(planned.ids);
  return { totalSize: records.length, done: true, records };
}

/** One output column of a flat (CSV) rendering: `Account__r.Owner.Name` is the path ['Account__r', 'Owner', 'Name']. */
export interface FlatColumn {
  name: string;
  path: string[];
  /** Leaf field type when statically known (not behind a polymorphic hop). */
  fieldType: FieldDef['type'] | undefined;
}

/**
 * A query evaluated once to the records it matches (references to the stored records, so memory stays
 * one pointer per row), projected one record at a time on demand. Bulk API 2.0 query jobs page from it.
 */
export interface PreparedQuery {
  object: string;
  records: StoredRecord[];
  /** Field columns in SELECT order (child subqueries and aggregates are not columns). */
  columns: FlatColumn[];
  /** What the caller may refuse: Bulk API 2.0 rejects these shapes. */
  shape: { childSubquery: boolean; aggregate: boolean; offset: boolean };
  project(record: StoredRecord): ResultRecord;
}

/** Parses, checks and runs a query without projecting it (see PreparedQuery). */
export function prepareSoql(soql: string, ctx: QueryContext): PreparedQuery {
  const { query } = parseSoql(soql);
  const compiled = compileTopLevel(query, ctx);
  const matched = execute(compiled, ctx).matched;
  const columns: FlatColumn[] = [];
  for (const projection of compiled.projections) {
    if (projection.kind === 'field') {
      const path = [...projection.path.relationshipNames, projection.path.leafName];
      columns.push({ name: path.join('.'), path, fieldType: projection.path.leaf?.type });
    }
  }
  return {
    object: compiled.def.name,
    records: matched,
    columns,
    shape: {
      childSubquery: compiled.projections.some((p) => p.kind === 'child'),
      aggregate: compiled.countOnly || compiled.groupBy.length > 0 || compiled.projections.some((p) => p.kind === 'aggregate'),
      offset: query.offset !== undefined,
    },
    project: (record) => project({ def: compiled.def, projections: compiled.projections }, record, ctx),
  };
}
