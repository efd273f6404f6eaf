/**
 * In-memory record store with the indexes the REST emulation needs: id → record, parent → children
 * per reference field (child subqueries, cascade deletes), and unique/external-id values (upsert,
 * DUPLICATE_VALUE). Mutations can be journaled so `/composite` with `allOrNone` can roll back, and
 * tracked as a change set (ids touched since the last `takeChanges()`) so the persister can append
 * after-images to its journal (persistence.ts).
 */
import { makeId } from './ids';
import { DEFAULT_SCHEMA } from './schema';
import type { ObjectDef, OrgSchema } from './schema';

export type FieldValue = string | number | boolean | null;
/** A stored record: canonical API field names → JSON values (dates as ISO strings). */
export type StoredRecord = Record<string, FieldValue>;

/** Issued OAuth sessions survive restarts so a demo tab keeps working. */
export interface SessionInfo {
  userId: string;
  issuedAt: string;
  clientId: string;
}

/** A user's consent to an OAuth client and redirect URI (`/services/oauth2/authorize` asks once). */
export interface OAuthApproval {
  userId: string;
  clientId: string;
  redirectUri: string;
  approvedAt: string;
}

export interface StoreMeta {
  seed: number | null;
  accounts: number | null;
  referenceDate: string | null;
  generatedAt: string;
}

export interface StoreHeader {
  format: 'collections-sandbox/1';
  meta: StoreMeta;
  counters: Record<string, number>;
  autoNumbers: Record<string, number>;
  sessions: Record<string, SessionInfo>;
  refreshTokens: Record<string, SessionInfo>;
  /** Remembered OAuth consents, keyed by user, client and redirect URI; persisted like sessions. */
  oauthApprovals: Record<string, OAuthApproval>;
}

/** What changed since the last `takeChanges()`: after-images of the records, ids that are gone. */
export interface StoreChanges {
  /** Records inserted or replaced, in their current (final) state, with their storage object. */
  upserts: Array<{ type: string; record: StoredRecord }>;
  /** Ids deleted (cascaded children included). */
  deletes: string[];
  /** `header` was changed outside the Store (OAuth sessions, refresh tokens): see `mutationCount`. */
  headerTouched: boolean;
}

interface UndoEntry {
  object: string;
  id: string;
  /** Record before the change; null when the change was an insert. */
  before: StoredRecord | null;
}

/** Expands an auto-number display format like `CINV-{000000}`. */
export function formatAutoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}

/** Fills the fields Salesforce computes: names, audit stamps, derived flags, note previews. */
export function deriveFields(def: ObjectDef, record: StoredRecord, lookup: (id: string) => StoredRecord | undefined): void {
  switch (def.name) {
    case 'User':
    case 'Contact': {
      if (typeof record.LastName !== 'string') {
        // Records loaded with a Name but no name parts (contract datasets) keep their Name.
        break;
      }
      const first = typeof record.FirstName === 'string' ? record.FirstName : '';
      const last = typeof record.LastName === 'string' ? record.LastName : '';
      record.Name = [first, last].filter(Boolean).join(' ');
      break;
    }
    case 'Task': {
      record.IsClosed = record.Status === 'Completed' || record.Status === 'Deferred';
      // AccountId is derived: the What record's account, else the Who contact's account.
      const whatId = typeof record.WhatId === 'string' ? record.WhatId : null;
      const whoId = typeof record.WhoId === 'string' ? record.WhoId : null;
      let accountId: FieldValue = null;
      if (whatId?.startsWith('001')) {
        accountId = whatId;
      } else if (whatId) {
        const what = lookup(whatId);
        accountId = (what?.AccountId ?? what?.Account__c ?? null) as FieldValue;
      }
      if (!accountId && whoId) {
        accountId = lookup(whoId)?.AccountId ?? null;
      }
      record.AccountId = accountId;
      break;
    }
    case 'Case':
      record.IsClosed = record.Status === 'Closed';
      if (record.IsClosed && !record.ClosedDate) {
        record.ClosedDate = record.LastModifiedDate ?? null;
      }
      break;
    case 'Opportunity':
      record.IsClosed = typeof record.StageName === 'string' && record.StageName.startsWith('Closed');
      record.IsWon = record.StageName === 'Closed Won';
      break;
    case 'ContentNote': {
      const content = typeof record.Content === 'string' ? record.Content : '';
      const text = Buffer.from(content, 'base64').toString('utf8');
      record.ContentSize = Buffer.byteLength(text);
      record.TextPreview = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
      record.FileType = 'SNOTE';
      record.FileExtension = 'snote';
      record.IsReadOnly = false;
      break;
    }
    default:
      break;
  }
}

/** The in-memory org. */
export class Store {
  readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly byId = new Map<string, { object: string; record: StoredRecord }>();
  /** `Object.Field` → parent id → child ids. */
  private readonly childIndex = new Map<string, Map<string, Set<string>>>();
  /**
   * `Object.Field` → lower-cased value → id(s), for unique and external-id fields. Case-folded so
   * SOQL (case-insensitive text comparison) can use it; exact lookups (upsert, DUPLICATE_VALUE)
   * check the record's value. Several ids only when values differ in case alone.
   */
  private readonly uniqueIndex = new Map<string, Map<string, string | string[]>>();
  header: StoreHeader;
  private journal: UndoEntry[] | null = null;
  private mutations = 0;
  /**
   * Change tracking (off until `trackChanges()`): id → the record object it had when first touched
   * since the last `takeChanges()` (null: absent). Records are never changed in place (writes store a
   * new object), so "same object as before" means a rollback restored it: nothing to persist.
   */
  private touched: Map<string, StoredRecord | null> | null = null;
  /** Ids written back with the very object they already held (nothing to compare): always persisted. */
  private rewritten = new Set<string>();
  private headerTouched = false;

  /** Incremented on every mutation. */
  get mutationCount(): number {
    return this.mutations;
  }

  /**
   * Code that changes `header` directly (OAuth sessions in auth.ts, revoke in server.ts) bumps this,
   * which marks the header as changed for the persister's next journal entry.
   */
  set mutationCount(value: number) {
    this.mutations = value;
    this.headerTouched = true;
  }

  /** @param schema - the org's schema (default: the sandbox's); every lookup in this store uses it. */
  constructor(header?: Partial<StoreHeader>, readonly schema: OrgSchema = DEFAULT_SCHEMA) {
    this.header = {
      format: 'collections-sandbox/1',
      meta: header?.meta ?? { seed: null, accounts: null, referenceDate: null, generatedAt: new Date().toISOString() },
      counters: header?.counters ?? {},
      autoNumbers: header?.autoNumbers ?? {},
      sessions: header?.sessions ?? {},
      refreshTokens: header?.refreshTokens ?? {},
      oauthApprovals: header?.oauthApprovals ?? {},
    };
    for (const def of schema.values()) {
      if (def.storage === def.name) {
        this.tables.set(def.name, new Map());
      }
    }
  }

  /** Starts recording which records change, for `takeChanges()`. */
  trackChanges(): void {
    this.touched ??= new Map();
    this.rewritten.clear();
    this.headerTouched = false;
  }

  /**
   * The changes since the last call (or `trackChanges()`), as after-images of the current state, and
   * forgets them; null when nothing changed (e.g. a rolled-back composite). Cost: O(records touched).
   */
  takeChanges(): StoreChanges | null {
    const touched = this.touched;
    if (!touched) {
      return null;
    }
    const changes: StoreChanges = { upserts: [], deletes: [], headerTouched: this.headerTouched };
    for (const [id, before] of touched) {
      const current = this.byId.get(id);
      if ((current?.record ?? null) === before && !this.rewritten.has(id)) {
        continue;
      }
      if (current) {
        changes.upserts.push({ type: current.object, record: current.record });
      } else {
        changes.deletes.push(id);
      }
    }
    touched.clear();
    this.rewritten.clear();
    this.headerTouched = false;
    return changes.upserts.length > 0 || changes.deletes.length > 0 || changes.headerTouched ? changes : null;
  }

  private touch(id: string): void {
    if (this.touched && !this.touched.has(id)) {
      this.touched.set(id, this.byId.get(id)?.record ?? null);
    }
  }

  /** Next id for an object (deterministic: a per-prefix counter). */
  nextId(def: ObjectDef): string {
    const n = (this.header.counters[def.keyPrefix] ?? 0) + 1;
    this.header.counters[def.keyPrefix] = n;
    return makeId(def.keyPrefix, n);
  }

  /** Next auto-number for an object's Name (custom objects) or CaseNumber. */
  nextAutoNumber(def: ObjectDef): string {
    const n = (this.header.autoNumbers[def.name] ?? 0) + 1;
    this.header.autoNumbers[def.name] = n;
    if (def.name === 'Case') {
      return String(1000 + n).padStart(8, '0');
    }
    return formatAutoNumber(def.nameFormat ?? '{000000}', n);
  }

  get(id: string): { object: string; record: StoredRecord } | undefined {
    return this.byId.get(id);
  }

  /** All records of an object (ContentDocument reads ContentNote storage). */
  all(objectName: string): IterableIterator<StoredRecord> {
    const def = this.schema.objectDef(objectName);
    const table = def ? this.tables.get(def.storage) : undefined;
    return (table ?? new Map<string, StoredRecord>()).values();
  }

  count(objectName: string): number {
    const def = this.schema.objectDef(objectName);
    return def ? this.tables.get(def.storage)?.size ?? 0 : 0;
  }

  /** Ids of `childObject` records whose `field` points at `parentId`. */
  childIds(childObject: string, field: string, parentId: string): ReadonlySet<string> {
    return this.childIndex.get(`${childObject}.${field}`)?.get(parentId) ?? new Set();
  }

  /** Id of the record whose unique/external-id field has this exact value. */
  findUnique(objectName: string, field: string, value: string): string | undefined {
    return this.findUniqueFolded(objectName, field, value.toLowerCase()).find((id) => this.byId.get(id)?.record[field] === value);
  }

  /** Ids of the records whose unique/external-id field equals `foldedValue` ignoring case (SOQL `=`). */
  findUniqueFolded(objectName: string, field: string, foldedValue: string): readonly string[] {
    const entry = this.uniqueIndex.get(`${objectName}.${field}`)?.get(foldedValue);
    return entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry;
  }

  /** Runs `work`; if it throws or returns false, every mutation it made is undone. */
  transaction<T>(work: () => T, keep: (result: T) => boolean): T {
    const outer = this.journal;
    this.journal = [];
    const journal = this.journal;
    try {
      const result = work();
      if (!keep(result)) {
        this.undo(journal);
      } else if (outer) {
        outer.push(...journal);
      }
      return result;
    } catch (error) {
      this.undo(journal);
      throw error;
    } finally {
      this.journal = outer;
    }
  }

  private undo(journal: UndoEntry[]): void {
    for (const entry of journal.reverse()) {
      this.touch(entry.id);
      const current = this.byId.get(entry.id);
      if (current) {
        this.unindex(entry.object, current.record);
        this.tables.get(entry.object)?.delete(entry.id);
        this.byId.delete(entry.id);
      }
      if (entry.before) {
        this.put(entry.object, entry.before);
      }
    }
    this.mutations++;
  }

  /** Inserts a complete record (the caller has validated and derived it). */
  insert(objectName: string, record: StoredRecord): void {
    const id = record.Id;
    if (typeof id !== 'string') {
      throw new Error('record without Id');
    }
    this.journal?.push({ object: objectName, id, before: null });
    this.touch(id);
    this.put(objectName, record);
    this.mutations++;
  }

  /** Replaces a record with a new version (same Id). */
  replace(objectName: string, record: StoredRecord): void {
    const id = record.Id as string;
    const current = this.byId.get(id);
    if (!current) {
      throw new Error(`no record ${id}`);
    }
    this.journal?.push({ object: objectName, id, before: current.record });
    this.touch(id);
    if (this.touched && record === current.record) {
      this.rewritten.add(id);
    }
    this.unindex(objectName, current.record);
    this.put(objectName, record);
    this.mutations++;
  }

  /** Deletes a record and, recursively, its master-detail children. Returns the deleted ids. */
  delete(id: string): string[] {
    const current = this.byId.get(id);
    if (!current) {
      return [];
    }
    const deleted: string[] = [];
    const def = this.schema.objectDef(current.object);
    for (const rel of def?.childRelationships.values() ?? []) {
      if (rel.cascadeDelete) {
        for (const childId of [...this.childIds(rel.childObject, rel.field, id)]) {
          deleted.push(...this.delete(childId));
        }
      }
    }
    this.journal?.push({ object: current.object, id, before: current.record });
    this.touch(id);
    this.unindex(current.object, current.record);
    this.tables.get(current.object)?.delete(id);
    this.byId.delete(id);
    this.mutations++;
    deleted.push(id);
    return deleted;
  }

  private put(objectName: string, record: StoredRecord): void {
    const id = record.Id as string;
    const table = this.tables.get(objectName);
    if (!table) {
      throw new Error(`no storage for ${objectName}`);
    }
    table.set(id, record);
    this.byId.set(id, { object: objectName, record });
    const def = this.schema.objectDef(objectName);
    for (const field of def?.fields ?? []) {
      const value = record[field.name];
      if (typeof value !== 'string' || value === '') {
        continue;
      }
      if (field.type === 'reference') {
        const key = `${objectName}.${field.name}`;
        let byParent = this.childIndex.get(key);
        if (!byParent) {
          byParent = new Map();
          this.childIndex.set(key, byParent);
        }
        let children = byParent.get(value);
        if (!children) {
          children = new Set();
          byParent.set(value, children);
        }
        children.add(id);
      } else if (field.unique || field.externalId) {
        const key = `${objectName}.${field.name}`;
        let values = this.uniqueIndex.get(key);
        if (!values) {
          values = new Map();
          this.uniqueIndex.set(key, values);
        }
        const folded = value.toLowerCase();
        const entry = values.get(folded);
        if (entry === undefined || entry === id) {
          values.set(folded, id);
        } else if (typeof entry === 'string') {
          values.set(folded, [entry, id]);
        } else if (!entry.includes(id)) {
          entry.push(id);
        }
      }
    }
  }

  private unindex(objectName: string, record: StoredRecord): void {
    const def = this.schema.objectDef(objectName);
    for (const field of def?.fields ?? []) {
      const value = record[field.name];
      if (typeof value !== 'string') {
        continue;
      }
      if (field.type === 'reference') {
        this.childIndex.get(`${objectName}.${field.name}`)?.get(value)?.delete(record.Id as string);
      } else if (field.unique || field.externalId) {
        const values = this.uniqueIndex.get(`${objectName}.${field.name}`);
        const folded = value.toLowerCase();
        const entry = values?.get(folded);
        if (entry === record.Id) {
          values?.delete(folded);
        } else if (Array.isArray(entry)) {
          const rest = entry.filter((other) => other !== record.Id);
          values?.set(folded, rest.length === 1 ? rest[0] as string : rest);
        }
      }
    }
  }

  /** Object definition of the record with this id, from the store or, failing that, its key prefix. */
  objectOf(id: string): ObjectDef | undefined {
    const stored = this.byId.get(id);
    return stored ? this.schema.objectDef(stored.object) : this.schema.objectForId(id);
  }
}
