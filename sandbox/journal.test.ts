/**
 * The journal (persistence.ts, decision 0010): after-images fsynced per commit, recovery that ignores a
 * torn last line, idempotent replay, compaction that converges while writes continue, no temp files.
 */
import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JournalPersister, journalSegmentPath, listJournalSegments, loadStore, replayJournalSegment, storeRecords, writeDataFile,
} from './persistence';
import type { TypedRecord } from './persistence';
import { objectDef } from './schema';
import { seedOptions, seedStore } from './seed/index';
import type { Store, StoredRecord } from './store';
import { createSandbox } from './server';

let dir: string;
let file: string;
const open: JournalPersister[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-journal-'));
  file = join(dir, 's.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((persister) => persister.close()));
  await rm(dir, { recursive: true, force: true });
});

const seed = (accounts: number) => (): Store => seedStore(seedOptions({ seed: 4, accounts, referenceDate: '2026-11-20' }));

async function openJournal(path: string, accounts = 3, compactAtBytes?: number): Promise<JournalPersister> {
  const persister = await JournalPersister.open(path, { seed: seed(accounts), compactAtBytes });
  open.push(persister);
  return persister;
}

/** Every record and the persisted header parts, comparable with toEqual. */
function stateOf(store: Store): { records: Record<string, StoredRecord>; counters: Record<string, number>; sessions: string[] } {
  const records: Record<string, StoredRecord> = {};
  for (const { record } of storeRecords(store)) {
    records[record.Id as string] = record;
  }
  return { records, counters: { ...store.header.counters }, sessions: Object.keys(store.header.sessions).sort() };
}

function addTask(store: Store, subject: string): string {
  const def = objectDef('Task');
  if (!def) {
    throw new Error('no Task');
  }
  const record: StoredRecord = Object.fromEntries(def.fields.map((field) => [field.name, null]));
  Object.assign(record, { Id: store.nextId(def), Subject: subject, Status: 'Not Started', IsClosed: false });
  store.insert('Task', record);
  return record.Id as string;
}

function rename(store: Store, id: string, subject: string): void {
  const current = store.get(id);
  if (!current) {
    throw new Error(`no ${id}`);
  }
  store.replace(current.object, { ...current.record, Subject: subject });
}

/** What a kill leaves: a copy of the snapshot and the segments as they are on disk right now. */
async function crashImage(name: string): Promise<string> {
  const target = join(dir, name);
  await copyFile(file, target);
  for (const segment of await listJournalSegments(file)) {
    await copyFile(journalSegmentPath(file, segment), journalSegmentPath(target, segment));
  }
  return target;
}

describe('sandbox journal', () => {
  it('recovers every committed line and ignores a torn last line', async () => {
    const persister = await openJournal(file);
    const ids = [addTask(persister.store, 'one'), addTask(persister.store, 'two')];
    await persister.commit();
    rename(persister.store, ids[0] as string, 'one, renamed');
    persister.store.delete(ids[1] as string);
    await persister.commit();
    const image = await crashImage('crash.json');
    const [segment] = await listJournalSegments(image);
    const torn = journalSegmentPath(image, segment ?? 0);
    expect((await readFile(torn, 'utf8')).split('\n')).toHaveLength(3);
    // A kill during the write of the next line: it was never acknowledged.
    await appendFile(torn, '{"put":[{"type":"Task","record":{"Id":"00THs0000000zzz');

    const recovered = await openJournal(image);
    expect(stateOf(recovered.store)).toEqual(stateOf(persister.store));
    expect(recovered.store.get(ids[0] as string)?.record.Subject).toBe('one, renamed');
    expect(recovered.store.get(ids[1] as string)).toBeUndefined();
    // Recovery compacted: the snapshot alone now holds everything, and the journal is gone.
    expect(await listJournalSegments(image)).toEqual([]);
    expect(stateOf(await loadStore(image))).toEqual(stateOf(persister.store));
  });

  it('group commit: commits queued while a line is being written share the next fsync', async () => {
    const persister = await openJournal(file);
    addTask(persister.store, 'alone');
    const first = persister.commit();
    // Queued in the same tick, one mutation each: they are written together.
    const grouped = ['a', 'b', 'c', 'd'].map((subject) => {
      addTask(persister.store, subject);
      return persister.commit();
    });
    await Promise.all([first, ...grouped]);
    expect(persister.stats).toEqual({ lines: 5, syncs: 1 });
    // A commit while that fsync is running waits for the next one, which the later commits share.
    addTask(persister.store, 'next');
    const running = persister.commit();
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['e', 'f'].map((subject) => {
      addTask(persister.store, subject);
      return persister.commit();
    });
    await Promise.all([running, ...later]);
    expect(persister.stats).toEqual({ lines: 8, syncs: 3 });
    const lines = (await readFile(journalSegmentPath(file, 1), 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { put: TypedRecord[] }).put[0]?.record.Subject)).toEqual(['alone', 'a', 'b', 'c', 'd', 'next', 'e', 'f']);
  });

  it('refuses a journal whose complete line is corrupt instead of dropping later writes', async () => {
    const persister = await openJournal(file);
    addTask(persister.store, 'kept');
    await persister.commit();
    const image = await crashImage('corrupt.json');
    const segment = journalSegmentPath(image, (await listJournalSegments(image))[0] ?? 0);
    await writeFile(segment, `{"put":[oops\n${await readFile(segment, 'utf8')}`);
    await expect(JournalPersister.open(image, { seed: seed(3) })).rejects.toThrow(/line 1 is corrupt/);
  });

  it('replays idempotently: twice, or over a snapshot that already holds the changes', async () => {
    const persister = await openJournal(file);
    const id = addTask(persister.store, 'first');
    await persister.commit();
    rename(persister.store, id, 'second');
    const other = addTask(persister.store, 'other');
    await persister.commit();
    persister.store.delete(other);
    await persister.commit();
    const segment = journalSegmentPath(file, (await listJournalSegments(file))[0] ?? 0);
    const expected = stateOf(persister.store);

    const once = await loadStore(file);
    expect(await replayJournalSegment(once, segment)).toBe(3);
    expect(stateOf(once)).toEqual(expected);
    await replayJournalSegment(once, segment);
    expect(stateOf(once)).toEqual(expected);

    await writeDataFile(file, persister.store.header, storeRecords(persister.store));
    const over = await loadStore(file);
    await replayJournalSegment(over, segment);
    expect(stateOf(over)).toEqual(expected);
  });

  it('appends nothing for a failed request or a rolled-back composite, one line with after-images for a write', async () => {
    const sandbox = await createSandbox({ port: 0, dataFile: file, seed: { seed: 4, accounts: 3, referenceDate: '2026-11-20' } });
    try {
      const call = (method: string, path: string, body: unknown): Promise<Response> => fetch(`${sandbox.url}/services/data/v66.0${path}`, {
        method, headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      expect((await call('POST', '/sobjects/Task', { Subject: 'bad', NoSuchField__c: 1 })).status).toBe(400);
      const composite = await call('POST', '/composite', {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v66.0/sobjects/Task', referenceId: 'ok', body: { Subject: 'rolled back' } },
          { method: 'POST', url: '/services/data/v66.0/sobjects/Task', referenceId: 'bad', body: { Subject: 'x', NoSuchField__c: 1 } },
        ],
      });
      expect(composite.status).toBe(200);
      expect(await listJournalSegments(file)).toEqual([]);

      const account = sandbox.store.all('Account').next().value as StoredRecord;
      expect((await call('PATCH', `/sobjects/Account/${String(account.Id)}`, { Phone: '+15550100' })).status).toBe(204);
      const segments = await listJournalSegments(file);
      expect(segments).toHaveLength(1);
      const lines = (await readFile(journalSegmentPath(file, segments[0] ?? 0), 'utf8')).split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0] ?? '') as { put: TypedRecord[] };
      // The full record, not a diff.
      expect(entry.put).toEqual([{ type: 'Account', record: expect.objectContaining({ Id: account.Id, Name: account.Name, Phone: '+15550100' }) }]);
    } finally {
      await sandbox.close();
    }
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('keeps OAuth sessions issued after the snapshot and forgets revoked ones (journaled header changes)', async () => {
    const sandbox = await createSandbox({ port: 0, dataFile: file, seed: { seed: 4, accounts: 2, referenceDate: '2026-11-20' } });
    try {
      const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=collector@sandbox.example&password=sandbox-password',
      });
      const token = (await response.json() as { access_token: string }).access_token;
      const image = await crashImage('oauth.json');
      const recovered = await openJournal(image);
      expect(recovered.store.header.sessions[token]?.userId).toMatch(/^005/);
      expect(recovered.store.header.sessions[token]).toEqual(sandbox.store.header.sessions[token]);
      const revoke = await fetch(`${sandbox.url}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token }) });
      expect(revoke.status).toBe(200);
      expect((await openJournal(await crashImage('revoked.json'))).store.header.sessions[token]).toBeUndefined();
    } finally {
      await sandbox.close();
    }
  });

  it('keeps an OAuth consent given after the snapshot (journaled header change)', async () => {
    const sandbox = await createSandbox({ port: 0, dataFile: file, seed: { seed: 4, accounts: 2, referenceDate: '2026-11-20' } });
    try {
      const redirectUri = 'http://127.0.0.1:9/consented';
      const authorize = `${sandbox.url}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'journal-cli', redirect_uri: redirectUri, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' })}`;
      const page = await (await fetch(authorize)).text();
      const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const approved = await fetch(`${sandbox.url}/services/oauth2/authorize`, {
        method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf_token: csrf, decision: 'approve' }).toString(),
      });
      expect(approved.status).toBe(302);
      const recovered = await openJournal(await crashImage('consent.json'));
      expect(Object.values(recovered.store.header.oauthApprovals)).toEqual([expect.objectContaining({ clientId: 'journal-cli', redirectUri })]);
    } finally {
      await sandbox.close();
    }
  });

  it('converges when writes continue during compaction, with or without the old segment still on disk', async () => {
    const persister = await openJournal(file, 150);
    const ids = [...persister.store.all('Collections_Invoice__c')].slice(0, 40).map((record) => record.Id as string);
    for (const [index, id] of ids.entries()) {
      rename(persister.store, id, `before compaction ${index}`);
      await persister.commit();
    }
    const oldSegment = journalSegmentPath(file, (await listJournalSegments(file))[0] ?? 0);
    const oldSegmentCopy = await readFile(oldSegment);

    let compacted = false;
    const compaction = persister.compact().then(() => {
      compacted = true;
    });
    let during = 0;
    // Bounded: at most one pass over the invoices (each step waits for an fsync, so the snapshot
    // streams in between); updates records on both sides of the snapshot's cursor, deletes, inserts.
    for (let index = 0; !compacted && index < ids.length; index++) {
      const id = ids[(index * 7) % ids.length] as string;
      if (persister.store.get(id)) {
        if (index % 5 === 4) {
          persister.store.delete(id);
        } else {
          rename(persister.store, id, `during compaction ${index}`);
        }
      }
      addTask(persister.store, `during compaction ${index}`);
      await persister.commit();
      during++;
    }
    await compaction;
    expect(during, 'writes interleaved with the snapshot').toBeGreaterThan(1);
    const expected = stateOf(persister.store);

    const afterCompaction = await crashImage('after.json');
    expect(await listJournalSegments(afterCompaction)).toHaveLength(1);
    expect(stateOf((await openJournal(afterCompaction)).store)).toEqual(expected);

    // Killed after the new snapshot's rename but before the old segment was deleted.
    const beforeDelete = await crashImage('before-delete.json');
    await writeFile(journalSegmentPath(beforeDelete, 1), oldSegmentCopy);
    expect(await listJournalSegments(beforeDelete)).toHaveLength(2);
    expect(stateOf((await openJournal(beforeDelete)).store)).toEqual(expected);
  });

  it('compacts in the background once the journal passes its threshold', async () => {
    const persister = await openJournal(file, 3, 1000);
    const id = addTask(persister.store, 'grows');
    for (let index = 0; index < 12; index++) {
      rename(persister.store, id, `grows ${index}`);
      await persister.commit();
    }
    // The first segment passed 1,000 bytes, rotated, and is deleted once the snapshot is in place.
    for (let wait = 0; wait < 100 && (await listJournalSegments(file)).includes(1); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await listJournalSegments(file)).not.toContain(1);
    expect((await loadStore(file)).get(id)?.record.Subject).toMatch(/^grows \d+$/);
  });

  it('leaves no temp files: a failed snapshot removes its own, start-up removes stale ones', async () => {
    const failing = function* (): Generator<TypedRecord> {
      yield { type: 'Task', record: { Id: '00THs0000000001AAA' } };
      throw new Error('disk full (simulated)');
    };
    await expect(writeDataFile(file, seed(1)().header, failing())).rejects.toThrow('disk full');
    expect(await readdir(dir)).toEqual([]);

    await writeFile(`${file}.4242.1700000000000.abc123.tmp`, '{"header":');
    await writeFile(join(dir, 'unrelated.tmp'), 'not ours');
    await openJournal(file);
    expect((await readdir(dir)).sort()).toEqual(['s.json', 'unrelated.tmp']);
  });
});
