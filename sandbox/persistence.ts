/**
 * The sandbox's data file: ONE JSON document, laid out one record per line so it can be written
 * and read as a stream (100k-account seeds exceed what `JSON.parse` of one string can hold):
 *
 *   {"header":{...},
 *   "records":[
 *   {"type":"Account","record":{...}},
 *   ...
 *   ]}
 *
 * Writes are atomic (temp file in the same directory + rename), so a crash never leaves half a file.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { objectDef } from './schema';
import { Store } from './store';
import type { StoreHeader, StoredRecord } from './store';

export interface TypedRecord {
  type: string;
  record: StoredRecord;
}

/** Streams header + records to `file` atomically. Accepts sync or async record sources. */
export async function writeDataFile(file: string, header: StoreHeader, records: Iterable<TypedRecord> | AsyncIterable<TypedRecord>): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  let count = 0;
  try {
    const write = async (chunk: string): Promise<void> => {
      if (!out.write(chunk)) {
        await once(out, 'drain');
      }
    };
    await write(`{"header":${JSON.stringify(header)},\n"records":[\n`);
    for await (const item of records) {
      // Nulls are left out (loading restores them from the schema): half the size, twice the speed.
      await write(`${count === 0 ? '' : ',\n'}${JSON.stringify({ type: item.type, record: item.record }, omitNull)}`);
      count++;
    }
    await write('\n]}\n');
    out.end();
    await once(out, 'finish');
    await rename(temp, file);
  } catch (error) {
    out.destroy();
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
  const auto = item.type === 'Case' ? item.record.CaseNumber : objectDef(item.type)?.fieldIndex.get('name')?.autoNumber ? item.record.Name : null;
  const digits = typeof auto === 'string' ? /(\d+)$/.exec(auto)?.[1] : undefined;
  if (digits) {
    const n = Number(digits) - (item.type === 'Case' ? 1000 : 0);
    store.header.autoNumbers[item.type] = Math.max(store.header.autoNumbers[item.type] ?? 0, n);
  }
}

function addRecord(store: Store, item: TypedRecord): void {
  reconcileCounters(store, item);
  const def = objectDef(item.type);
  for (const field of def?.fields ?? []) {
    if (item.record[field.name] === undefined) {
      item.record[field.name] = null;
    }
  }
  if (!def || def.storage !== def.name) {
    throw new Error(`data file has records of unknown object ${item.type}`);
  }
  store.insert(def.name, item.record);
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
    addRecord(store, JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as TypedRecord);
  }
  lines.close();
  if (streamed && store) {
    store.mutationCount = 0;
    return store;
  }
  const whole = JSON.parse(await readFile(file, 'utf8')) as { header: StoreHeader; records: TypedRecord[] };
  const fallback = new Store(whole.header);
  for (const item of whole.records) {
    addRecord(fallback, item);
  }
  fallback.mutationCount = 0;
  return fallback;
}

/** Saves the store shortly after mutations (debounced) and on flush(); one write at a time. */
export class Persister {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private savedAt = -1;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store, private readonly file: string, private readonly debounceMs = 150) {
    this.savedAt = store.mutationCount;
  }

  /** Call after each request; schedules a save if anything changed. */
  touch(): void {
    if (this.store.mutationCount === this.savedAt || this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
  }

  /** Writes now if anything changed since the last save. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(async () => {
      const version = this.store.mutationCount;
      if (version === this.savedAt) {
        return;
      }
      await saveStore(this.store, this.file);
      this.savedAt = version;
    });
    return this.writing;
  }
}
