/**
 * A small SOQL parser + evaluator for the subset the connector sends (test backends only):
 * SELECT fields, parent paths (`Owner.Name`, `ContentDocument.CreatedBy.Name`), nested child
 * subqueries, WHERE with AND/OR/NOT and parentheses, = != < <= > >= LIKE IN NOT IN, string/number/
 * date/datetime/boolean/null literals, ORDER BY (ASC/DESC, NULLS FIRST/LAST), LIMIT.
 * Unknown fields/objects raise the same error codes Salesforce uses (INVALID_FIELD, INVALID_TYPE,
 * MALFORMED_QUERY) so the connector's error mapping is exercised for real.
 */

export class SoqlError extends Error {
  constructor(readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE', message: string) {
    super(message);
  }
}

export type Literal = string | number | boolean | null | { date: string };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'cmp'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE'; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] };

export interface SelectItem {
  path?: string;
  subquery?: ParsedQuery;
}

export interface ParsedQuery {
  fields: SelectItem[];
  from: string;
  where: Condition | null;
  orderBy: { path: string; desc: boolean; nullsLast: boolean }[];
  limit: number | null;
}

type Token = { t: 'id' | 'str' | 'num' | 'date' | 'op' | 'punct'; v: string };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const ch = soql.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= soql.length) {
          throw new SoqlError('MALFORMED_QUERY', 'unterminated string literal');
        }
        const c = soql.charAt(i);
        if (c === '\\') {
          const next = soql.charAt(i + 1);
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\\': '\\', "'": "'", '"': '"', '%': '\\%', _: '\\_' };
          const mapped = map[next];
          if (mapped === undefined) {
            throw new SoqlError('MALFORMED_QUERY', `invalid escape \\${next}`);
          }
          value += mapped;
          i += 2;
        } else if (c === "'") {
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
      tokens.push({ t: 'str', v: value });
    } else if (/\d/.test(ch)) {
      const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|^(\d{4}-\d{2}-\d{2})|^(\d+(?:\.\d+)?)/.exec(soql.slice(i));
      if (!m) {
        throw new SoqlError('MALFORMED_QUERY', `bad literal at ${i}`);
      }
      tokens.push({ t: m[3] !== undefined ? 'num' : 'date', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(soql.slice(i));
      tokens.push({ t: 'id', v: (m as RegExpExecArray)[0] });
      i += (m as RegExpExecArray)[0].length;
    } else if (/[<>!=]/.test(ch)) {
      const m = /^(<=|>=|!=|<>|=|<|>)/.exec(soql.slice(i));
      if (!m) {
        throw new SoqlError('MALFORMED_QUERY', `unexpected ${ch}`);
      }
      tokens.push({ t: 'op', v: m[0] === '<>' ? '!=' : m[0] });
      i += m[0].length;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: 'punct', v: ch });
      i += 1;
    } else if (ch === '-' && /\d/.test(soql.charAt(i + 1))) {
      const m = /^-\d+(?:\.\d+)?/.exec(soql.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else {
      throw new SoqlError('MALFORMED_QUERY', `unexpected character ${JSON.stringify(ch)}`);
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'id' && t.v.toUpperCase() === word;
  }
  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) {
      throw new SoqlError('MALFORMED_QUERY', `expected ${word} near ${JSON.stringify(this.peek()?.v ?? 'end')}`);
    }
    this.pos += 1;
  }
  private expectPunct(p: string): void {
    const t = this.peek();
    if (t?.t !== 'punct' || t.v !== p) {
      throw new SoqlError('MALFORMED_QUERY', `expected ${p} near ${JSON.stringify(t?.v ?? 'end')}`);
    }
    this.pos += 1;
  }
  private identifier(): string {
    const t = this.peek();
    if (t?.t !== 'id') {
      throw new SoqlError('MALFORMED_QUERY', `expected a name near ${JSON.stringify(t?.v ?? 'end')}`);
    }
    this.pos += 1;
    return t.v;
  }

  query(): ParsedQuery {
    this.expectKeyword('SELECT');
    const fields: SelectItem[] = [];
    do {
      if (this.peek()?.t === 'punct' && this.peek()?.v === '(') {
        this.pos += 1;
        fields.push({ subquery: this.query() });
        this.expectPunct(')');
      } else {
        fields.push({ path: this.identifier() });
      }
    } while (this.consumePunct(','));
    this.expectKeyword('FROM');
    const from = this.identifier();
    let where: Condition | null = null;
    if (this.isKeyword('WHERE')) {
      this.pos += 1;
      where = this.orExpr();
    }
    const orderBy: ParsedQuery['orderBy'] = [];
    if (this.isKeyword('ORDER')) {
      this.pos += 1;
      this.expectKeyword('BY');
      do {
        const path = this.identifier();
        let desc = false;
        if (this.isKeyword('ASC')) {
          this.pos += 1;
        } else if (this.isKeyword('DESC')) {
          desc = true;
          this.pos += 1;
        }
        let nullsLast = desc;
        if (this.isKeyword('NULLS')) {
          this.pos += 1;
          nullsLast = this.identifier().toUpperCase() === 'LAST';
        }
        orderBy.push({ path, desc, nullsLast });
      } while (this.consumePunct(','));
    }
    let limit: number | null = null;
    if (this.isKeyword('LIMIT')) {
      this.pos += 1;
      const t = this.peek();
      if (t?.t !== 'num') {
        throw new SoqlError('MALFORMED_QUERY', 'LIMIT needs a number');
      }
      limit = Number(t.v);
      this.pos += 1;
    }
    return { fields, from, where, orderBy, limit };
  }

  end(): void {
    if (this.pos !== this.tokens.length) {
      throw new SoqlError('MALFORMED_QUERY', `unexpected ${JSON.stringify(this.peek()?.v)}`);
    }
  }

  private consumePunct(p: string): boolean {
    const t = this.peek();
    if (t?.t === 'punct' && t.v === p) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  private orExpr(): Condition {
    let left = this.andExpr();
    while (this.isKeyword('OR')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }
  private andExpr(): Condition {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Condition {
    if (this.isKeyword('NOT') && !this.isKeyword('IN', 1)) {
      this.pos += 1;
      return { kind: 'not', inner: this.unary() };
    }
    if (this.consumePunct('(')) {
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    const field = this.identifier();
    if (this.isKeyword('IN') || (this.isKeyword('NOT') && this.isKeyword('IN', 1))) {
      const negated = this.isKeyword('NOT');
      this.pos += negated ? 2 : 1;
      this.expectPunct('(');
      const values: Literal[] = [];
      do {
        values.push(this.literal());
      } while (this.consumePunct(','));
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    let op: Condition & { kind: 'cmp' } extends { op: infer O } ? O : never;
    if (this.isKeyword('LIKE')) {
      this.pos += 1;
      op = 'LIKE';
    } else {
      const t = this.peek();
      if (t?.t !== 'op') {
        throw new SoqlError('MALFORMED_QUERY', `expected an operator after ${field}`);
      }
      this.pos += 1;
      op = t.v as typeof op;
    }
    return { kind: 'cmp', field, op, value: this.literal() };
  }
  private literal(): Literal {
    const t = this.peek();
    if (!t) {
      throw new SoqlError('MALFORMED_QUERY', 'expected a value');
    }
    this.pos += 1;
    if (t.t === 'str') {
      return t.v;
    }
    if (t.t === 'num') {
      return Number(t.v);
    }
    if (t.t === 'date') {
      return { date: t.v };
    }
    if (t.t === 'id') {
      const upper = t.v.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') {
        return upper === 'TRUE';
      }
      if (upper === 'NULL') {
        return null;
      }
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected value ${JSON.stringify(t.v)}`);
  }
}

/** Parse a SOQL statement of the supported subset. */
export function parseSoql(soql: string): ParsedQuery {
  const parser = new Parser(tokenize(soql));
  const query = parser.query();
  parser.end();
  return query;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export type StoredRecord = Record<string, unknown> & { Id: string };

/** What the evaluator needs to know about the org. */
export interface OrgModel {
  /** Records of an object, or throws INVALID_TYPE. */
  recordsOf(object: string): StoredRecord[];
  /** True when `object` has `field`. */
  hasField(object: string, field: string): boolean;
  /** The record with this id, with its object name. */
  byId(id: string): { object: string; record: StoredRecord } | null;
  /** Parent relationship on `object` → lookup field name, e.g. Owner → OwnerId. */
  parentField(object: string, relationship: string): string | null;
  /** Child relationship on `object` → [child object, lookup field]. */
  childRelationship(object: string, relationship: string): { object: string; field: string } | null;
  /** REST URL of a record for `attributes.url`. */
  recordUrl(object: string, id: string): string;
}

function resolvePath(model: OrgModel, object: string, record: StoredRecord, path: string): { value: unknown; parents: { rel: string; object: string; record: StoredRecord | null }[] } {
  const parts = path.split('.');
  let currentObject = object;
  let current: StoredRecord | null = record;
  const parents: { rel: string; object: string; record: StoredRecord | null }[] = [];
  for (let i = 0; i < parts.length - 1; i += 1) {
    const rel = parts[i] as string;
    const field = model.parentField(currentObject, rel);
    if (!field) {
      throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`);
    }
    const id: unknown = current ? current[field] : null;
    const found: { object: string; record: StoredRecord } | null = typeof id === 'string' ? model.byId(id) : null;
    parents.push({ rel, object: found?.object ?? '', record: found?.record ?? null });
    current = found?.record ?? null;
    currentObject = found?.object ?? '';
    if (!current) {
      return { value: null, parents };
    }
  }
  const last = parts[parts.length - 1] as string;
  if (currentObject && !model.hasField(currentObject, last)) {
    throw new SoqlError('INVALID_FIELD', `No such column '${last}' on entity '${currentObject}'.`);
  }
  return { value: current ? current[last] ?? null : null, parents };
}

function checkField(model: OrgModel, object: string, path: string): void {
  const parts = path.split('.');
  if (parts.length === 1 && !model.hasField(object, path)) {
    throw new SoqlError('INVALID_FIELD', `No such column '${path}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
  }
  if (parts.length > 1 && !model.parentField(object, parts[0] as string)) {
    throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${parts[0]}' in field path.`);
  }
}

function comparable(value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'object' && value !== null && 'date' in value) {
    return comparable((value as { date: string }).date);
  }
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}(T|$)/.test(text)) {
    const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(ms)) {
      return ms;
    }
  }
  return text.toLowerCase();
}

/** 15/18-char id equality (case-insensitive on the 15 significant chars is wrong; compare first 15 exactly). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(a) && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(b) && /\d/.test(a) && /\d/.test(b)) {
    return a.slice(0, 15) === b.slice(0, 15);
  }
  const x = comparable(a);
  const y = comparable(b);
  return x === y;
}

function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += `\\${pattern.charAt(i + 1)}`;
      i += 1;
    } else if (ch === '%') {
      source += '.*';
    } else if (ch === '_') {
      source += '.';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'is');
}

function test(model: OrgModel, object: string, record: StoredRecord, cond: Condition): boolean {
  switch (cond.kind) {
    case 'and':
      return test(model, object, record, cond.left) && test(model, object, record, cond.right);
    case 'or':
      return test(model, object, record, cond.left) || test(model, object, record, cond.right);
    case 'not':
      return !test(model, object, record, cond.inner);
    case 'in': {
      checkField(model, object, cond.field);
      const value = resolvePath(model, object, record, cond.field).value;
      const found = cond.values.some((v) => sameValue(value, v));
      return cond.negated ? !found : found;
    }
    case 'cmp': {
      checkField(model, object, cond.field);
      const value = resolvePath(model, object, record, cond.field).value;
      if (cond.op === '=') {
        return cond.value === null ? value == null : value != null && sameValue(value, cond.value);
      }
      if (cond.op === '!=') {
        return cond.value === null ? value != null : value == null || !sameValue(value, cond.value);
      }
      if (cond.op === 'LIKE') {
        return typeof value === 'string' && typeof cond.value === 'string' && likeToRegExp(cond.value).test(value);
      }
      const a = comparable(value);
      const b = comparable(cond.value);
      if (a === null || b === null) {
        return false;
      }
      return cond.op === '<' ? a < b : cond.op === '<=' ? a <= b : cond.op === '>' ? a > b : a >= b;
    }
  }
}

export interface QueryAnswer {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
}

function project(model: OrgModel, object: string, record: StoredRecord, query: ParsedQuery): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: object, url: model.recordUrl(object, record.Id) } };
  for (const item of query.fields) {
    if (item.subquery) {
      const rel = model.childRelationship(object, item.subquery.from);
      if (!rel) {
        throw new SoqlError('INVALID_TYPE', `Didn't understand relationship '${item.subquery.from}' in FROM part of query call.`);
      }
      const children = model.recordsOf(rel.object).filter((c) => sameValue(c[rel.field], record.Id));
      const answer = run(model, rel.object, children, item.subquery);
      // Salesforce answers null (not an empty result) when a parent has no children.
      out[item.subquery.from] = answer.totalSize === 0 ? null : answer;
      continue;
    }
    const path = item.path as string;
    const { value, parents } = resolvePath(model, object, record, path);
    if (parents.length === 0) {
      out[path] = value ?? null;
      continue;
    }
    // Nest parent fields: Owner.Name → { Owner: { attributes, Name } }.
    let target = out;
    let parentObject = object;
    for (let i = 0; i < parents.length; i += 1) {
      const p = parents[i] as { rel: string; object: string; record: StoredRecord | null };
      if (!p.record) {
        if (!(p.rel in target)) {
          target[p.rel] = null;
        }
        break;
      }
      let nested = target[p.rel] as Record<string, unknown> | null | undefined;
      if (!nested) {
        nested = { attributes: { type: p.object, url: model.recordUrl(p.object, p.record.Id) } };
        target[p.rel] = nested;
      }
      target = nested;
      parentObject = p.object;
      if (i === parents.length - 1) {
        target[path.split('.').pop() as string] = value ?? null;
      }
    }
    void parentObject;
  }
  return out;
}

function run(model: OrgModel, object: string, rows: StoredRecord[], query: ParsedQuery): QueryAnswer {
  for (const item of query.fields) {
    if (item.path) {
      checkField(model, object, item.path);
    }
  }
  let matched = query.where ? rows.filter((r) => test(model, object, r, query.where as Condition)) : [...rows];
  if (query.orderBy.length > 0) {
    const keys = query.orderBy;
    matched = matched
      .map((r) => ({ r, k: keys.map((o) => comparable(resolvePath(model, object, r, o.path).value)) }))
      .sort((a, b) => {
        for (let i = 0; i < keys.length; i += 1) {
          const o = keys[i] as { desc: boolean; nullsLast: boolean };
          const x = a.k[i] ?? null;
          const y = b.k[i] ?? null;
          if (x === y) {
            continue;
          }
          if (x === null) {
            return o.nullsLast ? 1 : -1;
          }
          if (y === null) {
            return o.nullsLast ? -1 : 1;
          }
          const c = x < y ? -1 : 1;
          return o.desc ? -c : c;
        }
        return 0;
      })
      .map((x) => x.r);
  }
  if (query.limit !== null) {
    matched = matched.slice(0, query.limit);
  }
  const records = matched.map((r) => project(model, object, r, query));
  return { totalSize: records.length, done: true, records };
}

/** Run a SOQL statement against the org model. */
export function executeSoql(model: OrgModel, soql: string): QueryAnswer {
  const query = parseSoql(soql);
  return run(model, query.from, model.recordsOf(query.from), query);
}
