/**
 * The sandbox's data: a snapshot file plus an append-only journal next to it (decision 0010).
 *
 * Snapshot: ONE JSON document, laid out one record per line so it can be written and read as a
 * stream (100k-account seeds exceed what `JSON.parse` of one string can hold):
 *
 *   {"header":{...},
 *   "records":[
 *   {"type":"Account","record":{...}},
 *   ...
 *   ]}
 *
 * Snapshots are written atomically (temp file in the same directory, fsync, rename, fsync of the
 * directory), so a crash never leaves half a file. Journal: `<file>.journal.<n>` segments, one JSON
 * line per mutating request holding the after-images of the records it changed, the ids it deleted
 * and the header values it changed; a line is fsynced before the request is answered, so an
 * acknowledged write survives a kill. Start-up loads the snapshot, replays the segments and compacts.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Store } from './store';
import type { SessionInfo, StoreChanges, StoreHeader, StoredRecord } from './store';

export interface TypedRecord {
  type: string;
  record: StoredRecord;
}

/** Characters per write while streaming a snapshot; each write lets the event loop serve requests. */
const SNAPSHOT_CHUNK_CHARS = 512 * 1024;

/** Writes all of `text` at the handle's position (a single write may be partial). */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * fsyncs a directory so a rename or a new file in it survives a power loss (POSIX: the entry lives in
 * the directory). Windows cannot open directories for this; there the rename's own guarantees stand.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Streams header + records to `file` atomically: temp file in the same directory, fsync, rename over
 * `file`, fsync of the directory. The temp file is removed if anything fails. Accepts sync or async
 * record sources; the records may change while this runs (compaction), see decision 0010.
 */
export async function writeDataFile(file: string, header: StoreHeader, records: Iterable<TypedRecord> | AsyncIterable<TypedRecord>): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  let handle: FileHandle | null = await open(temp, 'w');
  let count = 0;
  try {
    let chunk = `{"header":${JSON.stringify(header)},\n"records":[\n`;
    /** Adds one record; true when the chunk is full (each chunk write gives the event loop a turn). */
    const add = (item: TypedRecord): boolean => {
      // Nulls are left out (loading restores them from the schema): half the size, twice the speed.
      chunk += `${count === 0 ? '' : ',\n'}${JSON.stringify({ type: item.type, record: item.record }, omitNull)}`;
      count++;
      return chunk.length >= SNAPSHOT_CHUNK_CHARS;
    };
    if (Symbol.iterator in records) {
      // Synchronous sources (the store, the seed) without an await per record.
      for (const item of records) {
        if (add(item)) {
          await writeAll(handle, chunk);
          chunk = '';
        }
      }
    } else {
      for await (const item of records) {
        if (add(item)) {
          await writeAll(handle, chunk);
          chunk = '';
        }
      }
    }
    await writeAll(handle, `${chunk}\n]}\n`);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, file);
    await syncDirectory(dirname(file));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return count;
}

function omitNull(_key: string, value: unknown): unknown {
  return value === null ? undefined : value;
}

/** Every record of a store, typed by storage object. */
export function* storeRecords(store: Store): Generator<TypedRecord> {
  for (const [type, table] of store.tables) {
    for (const record of table.values()) {
      yield { type, record };
    }
  }
}

/** Writes the whole store. */
export function saveStore(store: Store, file: string): Promise<number> {
  return writeDataFile(file, store.header, storeRecords(store));
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Raises id and auto-number counters to at least what the records use (hand-edited or streamed files). */
function reconcileCounters(store: Store, item: TypedRecord): void {
  const id = item.record.Id;
  if (typeof id === 'string' && id.length >= 15) {
    let n = 0;
    for (const ch of id.slice(6, 15)) {
      n = n * 62 + BASE62.indexOf(ch);
    }
    const prefix = id.slice(0, 3);
    store.header.counters[prefix] = Math.max(store.header.counters[prefix] ?? 0, n);
  }
  const auto = item.type === 'Case' ? item.record.CaseNumber : store.schema.objectDef(item.type)?.fieldIndex.get('name')?.autoNumber ? item.record.Name : null;
  const digits = typeof auto === 'string' ? /(\d+)$/.exec(auto)?.[1] : undefined;
  if (digits) {
    const n = Number(digits) - (item.type === 'Case' ? 1000 : 0);
    store.header.autoNumbers[item.type] = Math.max(store.header.autoNumbers[item.type] ?? 0, n);
  }
}

/**
 * Puts a record from a snapshot or a journal after-image into the store: nulls restored from the
 * schema (files leave them out), replacing any version already there (replay is idempotent; a
 * snapshot written while writes continued may hold a record twice, the later copy being newer).
 */
function putRecord(store: Store, item: TypedRecord): void {
  reconcileCounters(store, item);
  const def = store.schema.objectDef(item.type);
  if (!def || def.storage !== def.name) {
    throw new Error(`data file has records of unknown object ${item.type}`);
  }
  for (const field of def.fields) {
    if (item.record[field.name] === undefined) {
      item.record[field.name] = null;
    }
  }
  if (store.get(item.record.Id as string)) {
    store.replace(def.name, item.record);
  } else {
    store.insert(def.name, item.record);
  }
}

/** Loads a data file (streamed line by line; falls back to whole-file JSON for hand-edited files). */
export async function loadStore(file: string): Promise<Store> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let store: Store | null = null;
  let lineNumber = 0;
  let streamed = true;
  for await (const line of lines) {
    lineNumber++;
    if (lineNumber === 1) {
      const match = /^\{"header":(.*),$/.exec(line);
      if (!match?.[1]) {
        streamed = false;
        break;
      }
      store = new Store(JSON.parse(match[1]) as StoreHeader);
      continue;
    }
    if (line === '"records":[' || line === ']}' || line === '') {
      continue;
    }
    if (!store) {
      streamed = false;
      break;
    }
    putRecord(store, JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as TypedRecord);
  }
  lines.close();
  if (streamed && store) {
    store.mutationCount = 0;
    return store;
  }
  const whole = JSON.parse(await readFile(file, 'utf8')) as { header: StoreHeader; records: TypedRecord[] };
  const fallback = new Store(whole.header);
  for (const item of whole.records) {
    putRecord(fallback, item);
  }
  fallback.mutationCount = 0;
  return fallback;
}


/** One journal line: the effect of one mutating request (plus anything changed outside requests). */
export interface JournalEntry {
  /** After-images: the full records as they are now (nulls left out, as in the snapshot). */
  put?: TypedRecord[];
  /** Ids deleted, cascaded children included. */
  del?: string[];
  /** Id and auto-number counters that moved (new values). */
  counters?: Record<string, number>;
  autoNumbers?: Record<string, number>;
  /** OAuth sessions and refresh tokens issued / revoked. */
  sessions?: Record<string, SessionInfo>;
  dropSessions?: string[];
  refreshTokens?: Record<string, SessionInfo>;
  dropRefreshTokens?: string[];
  /** OAuth consents given (client + redirect approved by a user); never withdrawn. */
  approvals?: StoreHeader['oauthApprovals'];
}

/**
 * Applies one journal entry. Idempotent (after-images and sets, not increments), so replaying an
 * entry again, or over a snapshot that already holds it, leaves the same state.
 */
export function applyJournalEntry(store: Store, entry: JournalEntry): void {
  // Deletes first: a record re-parented away from a deleted parent is then put back by its after-image.
  for (const id of entry.del ?? []) {
    store.delete(id);
  }
  for (const item of entry.put ?? []) {
    putRecord(store, item);
  }
  const { header } = store;
  for (const [key, value] of Object.entries(entry.counters ?? {})) {
    header.counters[key] = Math.max(header.counters[key] ?? 0, value);
  }
  for (const [key, value] of Object.entries(entry.autoNumbers ?? {})) {
    header.autoNumbers[key] = Math.max(header.autoNumbers[key] ?? 0, value);
  }
  Object.assign(header.sessions, entry.sessions);
  Object.assign(header.refreshTokens, entry.refreshTokens);
  for (const token of entry.dropSessions ?? []) {
    delete header.sessions[token];
  }
  for (const token of entry.dropRefreshTokens ?? []) {
    delete header.refreshTokens[token];
  }
  Object.assign(header.oauthApprovals, entry.approvals);
}

const SEGMENT_INFIX = '.journal.';

/** `<file>.journal.000001`: zero-padded so a directory listing shows them in order. */
export function journalSegmentPath(file: string, segment: number): string {
  return `${file}${SEGMENT_INFIX}${String(segment).padStart(6, '0')}`;
}

/** Numbers of the journal segments that exist for `file`, ascending. */
export async function listJournalSegments(file: string): Promise<number[]> {
  const prefix = `${basename(file)}${SEGMENT_INFIX}`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)))
    .sort((a, b) => a - b);
}

/** Removes `<file>.*.tmp` left by a snapshot write that was killed (one process per data file). */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const prefix = `${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
  for (const name of stale) {
    await rm(join(dirname(file), name), { force: true });
  }
  return stale;
}

/**
 * Replays one journal segment into `store`; returns the number of entries applied. A last line
 * without its newline is a write torn by a kill (never acknowledged: the response waits for the
 * fsync of the whole line) and is ignored; a complete line that does not parse is corruption.
 */
export async function replayJournalSegment(store: Store, path: string): Promise<number> {
  let rest = '';
  let applied = 0;
  let lineNumber = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      lineNumber++;
      if (line === '') {
        continue;
      }
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch (error) {
        throw new Error(`journal ${path} line ${lineNumber} is corrupt: ${(error as Error).message}`, { cause: error });
      }
      applyJournalEntry(store, entry);
      applied++;
    }
  }
  return applied;
}

/** Journal size that triggers a background compaction. */
export const DEFAULT_COMPACT_AT_BYTES = 64 * 1024 * 1024;

export interface JournalOptions {
  /** Journal segment size that starts a background compaction (default 64 MiB). */
  compactAtBytes?: number;
}

interface PendingLine {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Counters that differ from `saved` (and records them as saved); undefined when none did. */
function movedCounters(saved: Record<string, number>, current: Record<string, number>): Record<string, number> | undefined {
  let moved: Record<string, number> | undefined;
  for (const [key, value] of Object.entries(current)) {
    if (saved[key] !== value) {
      moved ??= {};
      moved[key] = value;
      saved[key] = value;
    }
  }
  return moved;
}

/** Tokens added to and dropped from `current` since `saved` (which is updated). */
function tokenDelta(saved: Set<string>, current: Record<string, SessionInfo>): { added?: Record<string, SessionInfo>; dropped?: string[] } {
  const delta: { added?: Record<string, SessionInfo>; dropped?: string[] } = {};
  for (const [token, session] of Object.entries(current)) {
    if (!saved.has(token)) {
      delta.added ??= {};
      delta.added[token] = session;
      saved.add(token);
    }
  }
  for (const token of saved) {
    if (!(token in current)) {
      (delta.dropped ??= []).push(token);
      saved.delete(token);
    }
  }
  return delta;
}

/**
 * Durable, cheap writes: `commit()` appends the store's changes since the last commit to the journal
 * as one line and resolves once it is fsynced; concurrent commits share one fsync (group commit).
 * Cost per write: the records it touched, not the size of the org. `compact()` folds the journal
 * into a fresh snapshot (at start, on close, and in the background past `compactAtBytes`).
 */
export class JournalPersister {
  private segment: number;
  /** Opened on the first append to the segment, so rotations never leave empty files. */
  private handle: FileHandle | null = null;
  private segmentBytes = 0;
  private linesWritten = 0;
  private syncs = 0;
  private pending: PendingLine[] = [];
  private batchQueued = false;
  /** Serialises appends and rotations (never rejects). */
  private tail: Promise<void> = Promise.resolve();
  /** Resolves when the newest appended line is durable. */
  private lastLine: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly compactAtBytes: number;
  private readonly saved: { counters: Record<string, number>; autoNumbers: Record<string, number>; sessions: Set<string>; refreshTokens: Set<string>; approvals: Set<string> };

  private constructor(readonly store: Store, readonly file: string, nextSegment: number, options: JournalOptions) {
    this.segment = nextSegment;
    this.compactAtBytes = options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES;
    const { header } = store;
    this.saved = {
      counters: { ...header.counters },
      autoNumbers: { ...header.autoNumbers },
      sessions: new Set(Object.keys(header.sessions)),
      refreshTokens: new Set(Object.keys(header.refreshTokens)),
      approvals: new Set(Object.keys(header.oauthApprovals)),
    };
    store.trackChanges();
  }

  /**
   * Opens the data set at `file`: removes stale temp files; seeds (and snapshots) when the file is
   * absent or `reset` is set; otherwise loads the snapshot, replays the journal and compacts.
   */
  static async open(file: string, options: JournalOptions & { seed: () => Store; reset?: boolean }): Promise<JournalPersister> {
    await mkdir(dirname(file), { recursive: true });
    await removeStaleTempFiles(file);
    const segments = await listJournalSegments(file);
    const next = (segments.at(-1) ?? 0) + 1;
    if (options.reset || !existsSync(file)) {
      const seeded = options.seed();
      await writeDataFile(file, seeded.header, storeRecords(seeded));
      // A journal without its snapshot (or of the data set being reset) describes other data.
      await removeSegments(file, segments);
      return new JournalPersister(seeded, file, next, options);
    }
    const store = await loadStore(file);
    let replayed = 0;
    for (const segment of segments) {
      replayed += await replayJournalSegment(store, journalSegmentPath(file, segment));
    }
    const persister = new JournalPersister(store, file, next, options);
    if (replayed > 0) {
      await persister.compact();
    } else {
      await removeSegments(file, segments);
    }
    return persister;
  }

  /** Persists a store given as is (tests): snapshot of it now, any old journal removed. */
  static async adopt(store: Store, file: string, options: JournalOptions = {}): Promise<JournalPersister> {
    await removeStaleTempFiles(file);
    const segments = await listJournalSegments(file);
    await writeDataFile(file, store.header, storeRecords(store));
    await removeSegments(file, segments);
    return new JournalPersister(store, file, (segments.at(-1) ?? 0) + 1, options);
  }

  /** Lines appended and fsyncs done since open (lines > fsyncs: commits shared an fsync). */
  get stats(): { lines: number; syncs: number } {
    return { lines: this.linesWritten, syncs: this.syncs };
  }

  /**
   * Appends the changes since the last commit as one journal line; resolves once it is on disk
   * (fsync). Nothing changed: resolves once every earlier line is on disk, so no response shows
   * data that a kill could still lose. Call synchronously after the mutation (lines keep its order).
   */
  commit(): Promise<void> {
    const changes = this.store.takeChanges();
    const entry = changes ? this.entryFor(changes) : null;
    if (!entry) {
      return this.lastLine.catch(() => undefined);
    }
    const text = `${JSON.stringify(entry, omitNull)}\n`;
    const durable = new Promise<void>((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
    });
    if (!this.batchQueued) {
      this.batchQueued = true;
      this.tail = this.tail.then(() => this.writeBatch());
    }
    this.lastLine = durable;
    return durable;
  }

  /** Same as commit(): every change so far is durable when it resolves. */
  flush(): Promise<void> {
    return this.commit();
  }

  /**
   * Folds the journal into a new snapshot: rotate to a new segment, stream the live store to a temp
   * file, fsync, rename, fsync the directory, then delete the older segments. Writes continue
   * meanwhile; the new segment's after-images make snapshot + segment converge (decision 0010).
   */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** Commits what is left, compacts and closes the journal. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commit();
      // A compaction under way may have rotated before the last writes: compact once more after it.
      await this.compacting?.catch(() => undefined);
      await this.compact();
      await this.serially(async () => this.closeSegment());
    })();
    return this.closing;
  }

  private entryFor(changes: StoreChanges): JournalEntry | null {
    const { header } = this.store;
    const entry: JournalEntry = {};
    if (changes.upserts.length > 0) {
      entry.put = changes.upserts;
    }
    if (changes.deletes.length > 0) {
      entry.del = changes.deletes;
    }
    const counters = movedCounters(this.saved.counters, header.counters);
    const autoNumbers = movedCounters(this.saved.autoNumbers, header.autoNumbers);
    if (counters) {
      entry.counters = counters;
    }
    if (autoNumbers) {
      entry.autoNumbers = autoNumbers;
    }
    if (changes.headerTouched) {
      const sessions = tokenDelta(this.saved.sessions, header.sessions);
      const refreshTokens = tokenDelta(this.saved.refreshTokens, header.refreshTokens);
      Object.assign(entry, {
        sessions: sessions.added, dropSessions: sessions.dropped, refreshTokens: refreshTokens.added, dropRefreshTokens: refreshTokens.dropped,
      });
      const approvals = Object.entries(header.oauthApprovals).filter(([key]) => !this.saved.approvals.has(key));
      if (approvals.length > 0) {
        entry.approvals = Object.fromEntries(approvals);
        for (const [key] of approvals) {
          this.saved.approvals.add(key);
        }
      }
    }
    const meaningful = entry.put ?? entry.del ?? entry.sessions ?? entry.dropSessions ?? entry.refreshTokens ?? entry.dropRefreshTokens ?? entry.approvals;
    // Counters alone (a failed create used an id) are not worth a line: the next entry carries them.
    return meaningful ? entry : null;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }

  private async writeBatch(): Promise<void> {
    this.batchQueued = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) {
      return;
    }
    const text = batch.map((line) => line.text).join('');
    try {
      if (!this.handle) {
        this.handle = await open(journalSegmentPath(this.file, this.segment), 'a');
        await syncDirectory(dirname(this.file));
      }
      await writeAll(this.handle, text);
      await this.handle.datasync();
      this.syncs++;
      this.linesWritten += batch.length;
      this.segmentBytes += Buffer.byteLength(text);
    } catch (error) {
      // The segment may now end in a torn line: never append to it again (replay ignores a torn tail).
      await this.closeSegment();
      this.segment++;
      for (const line of batch) {
        line.reject(error);
      }
      return;
    }
    for (const line of batch) {
      line.resolve();
    }
    if (this.segmentBytes >= this.compactAtBytes && !this.compacting && !this.closing) {
      this.compact().catch((error: unknown) => {
        console.error('[sandbox] background compaction failed; the journal keeps every write', error);
      });
    }
  }

  private async closeSegment(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.segmentBytes = 0;
    await handle?.close().catch(() => undefined);
  }

  private async runCompaction(): Promise<void> {
    // Rotate in the append order: every line before this point goes to the old segments, and was
    // applied to the store before the snapshot below starts reading it.
    const firstKept = await this.serially(async () => {
      await this.closeSegment();
      this.segment++;
      return this.segment;
    });
    await writeDataFile(this.file, this.store.header, storeRecords(this.store));
    await removeSegments(this.file, (await listJournalSegments(this.file)).filter((segment) => segment < firstKept));
  }
}

async function removeSegments(file: string, segments: readonly number[]): Promise<void> {
  for (const segment of segments) {
    await rm(journalSegmentPath(file, segment), { force: true });
  }
  if (segments.length > 0) {
    await syncDirectory(dirname(file));
  }
}
