import { readdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStore, saveStore } from './persistence';
import { seedOptions, seedStore, seedToFile } from './seed/index';
import { createSandbox } from './server';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const auth = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

describe('sandbox persistence', () => {
  it('keeps a record created over HTTP across a restart, and seeds only when the file is absent', async () => {
    const dataFile = join(dir, 'org.json');
    const first = await createSandbox({ port: 0, dataFile, seed: { seed: 5, accounts: 3, referenceDate: '2026-11-20' } });
    const created = await fetch(`${first.url}/services/data/v66.0/sobjects/Task`, {
      method: 'POST', headers: auth(first.token), body: JSON.stringify({ Subject: 'survives restarts' }),
    });
    const { id } = await created.json() as { id: string };
    await first.close();

    // Different seed options are ignored: the file exists, so its data is used.
    const second = await createSandbox({ port: 0, dataFile, seed: { seed: 99, accounts: 1 } });
    try {
      const read = await fetch(`${second.url}/services/data/v66.0/sobjects/Task/${id}`, { headers: auth(second.token) });
      expect(read.status).toBe(200);
      expect((await read.json() as { Subject: string }).Subject).toBe('survives restarts');
      expect(second.store.count('Account')).toBe(3);
      // New ids continue after the stored ones.
      const next = await fetch(`${second.url}/services/data/v66.0/sobjects/Task`, { method: 'POST', headers: auth(second.token), body: JSON.stringify({ Subject: 'next' }) });
      expect((await next.json() as { id: string }).id).not.toBe(id);
    } finally {
      await second.close();
    }
    const reset = await createSandbox({ port: 0, dataFile, reset: true, seed: { seed: 5, accounts: 2, referenceDate: '2026-11-20' } });
    expect(reset.store.count('Account')).toBe(2);
    expect(reset.store.get(id)).toBeUndefined();
    await reset.close();
  });

  it('writes one valid JSON document atomically (no temp files left behind)', async () => {
    const file = join(dir, 'atomic.json');
    const store = seedStore(seedOptions({ seed: 1, accounts: 4, referenceDate: '2026-11-20' }));
    await saveStore(store, file);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { header: { format: string }; records: Array<{ type: string }> };
    expect(parsed.header.format).toBe('collections-sandbox/1');
    expect(parsed.records.length).toBe([...store.tables.values()].reduce((s, t) => s + t.size, 0));
    expect(await readdir(dir)).toEqual(['atomic.json']);
  });

  it('round-trips a store, and loads a hand-formatted (pretty-printed) file', async () => {
    const file = join(dir, 'round.json');
    const store = seedStore(seedOptions({ seed: 2, accounts: 5, referenceDate: '2026-11-20' }));
    await saveStore(store, file);
    const loaded = await loadStore(file);
    for (const [name, table] of store.tables) {
      expect([...loaded.tables.get(name)?.values() ?? []], name).toEqual([...table.values()]);
    }
    const pretty = join(dir, 'pretty.json');
    await writeFile(pretty, JSON.stringify(JSON.parse(await readFile(file, 'utf8')), null, 2));
    const fromPretty = await loadStore(pretty);
    expect(fromPretty.count('Collections_Invoice__c')).toBe(store.count('Collections_Invoice__c'));
  });

  it('streams a seed to a file whose id counters are recovered on load', async () => {
    const file = join(dir, 'streamed.json');
    const written = await seedToFile(seedOptions({ seed: 3, accounts: 6, referenceDate: '2026-11-20' }), file);
    const loaded = await loadStore(file);
    expect([...loaded.tables.values()].reduce((s, t) => s + t.size, 0)).toBe(written);
    expect(loaded.header.counters['001']).toBe(6);
    expect(loaded.header.autoNumbers.Collections_Invoice__c).toBe(loaded.count('Collections_Invoice__c'));
  });
});
