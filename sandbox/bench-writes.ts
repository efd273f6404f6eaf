/**
 * Write benchmark (not a test): what one durable write costs over HTTP as the org grows. Per size it
 * seeds a temp data file through createSandbox (what `--accounts N` does), then measures sequential
 * PATCH Account and POST Task round trips (each journaled and fsynced before the answer), concurrent
 * POSTs (group commit), writes while a background compaction runs, and the compaction on close.
 *
 *   npx tsx sandbox/bench-writes.ts [--accounts 1000,10000,100000] [--writes 100] [--memory]
 *
 * 100k accounts holds ~2.5 GB of heap: NODE_OPTIONS=--max-old-space-size=4096 where the default is lower.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSandbox } from './server';
import type { Sandbox } from './server';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000,10000' },
    writes: { type: 'string', default: '100' },
    // Same requests without a data file: what the journal adds to a write.
    memory: { type: 'boolean', default: false },
  },
});
const sizes = values.accounts.split(',').map(Number);
const writes = Number(values.writes);
/** Low enough that the benchmark's own writes start a compaction (the default is 64 MiB). */
const COMPACT_AT_BYTES = 2 * 1024 * 1024;
const REFERENCE_DATE = '2026-11-20';

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(sorted.at(-1) ?? NaN)} (n=${sorted.length})`;
}

async function timed(call: () => Promise<Response>, expected: number): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (response.status !== expected) {
    throw new Error(`expected ${expected}, got ${response.status}`);
  }
  return performance.now() - started;
}

async function measure(sandbox: Sandbox, dir: string): Promise<void> {
  const api = `${sandbox.url}/services/data/v66.0`;
  const headers = { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' };
  const accountIds = [...sandbox.store.all('Account')].slice(0, 50).map((record) => String(record.Id));
  const patchAccount = (i: number): Promise<number> => timed(() => fetch(`${api}/sobjects/Account/${accountIds[i % accountIds.length] ?? ''}`, {
    method: 'PATCH', headers, body: JSON.stringify({ Phone: `+1555${String(i).padStart(7, '0')}` }),
  }), 204);
  const postTask = (i: number): Promise<number> => timed(() => fetch(`${api}/sobjects/Task`, {
    method: 'POST', headers, body: JSON.stringify({ Subject: `bench ${i}`, WhatId: accountIds[i % accountIds.length] }),
  }), 201);

  for (let i = 0; i < 10; i++) {
    await patchAccount(i);
  }
  const patches: number[] = [];
  const posts: number[] = [];
  for (let i = 0; i < writes; i++) {
    patches.push(await patchAccount(i));
    posts.push(await postTask(i));
  }
  console.log(`  PATCH Account: ${summary(patches)}`);
  console.log(`  POST Task:     ${summary(posts)}`);

  // Ten clients in flight (more measures fetch's connection set-up, not the sandbox).
  const concurrentStarted = performance.now();
  const concurrent: number[] = [];
  await Promise.all(Array.from({ length: 10 }, async (_, client) => {
    for (let i = 0; i < writes / 10; i++) {
      concurrent.push(await postTask(writes * (client + 2) + i));
    }
  }));
  const wall = performance.now() - concurrentStarted;
  console.log(`  POST Task, 10 clients: ${Math.round(concurrent.length / (wall / 1000))} writes/s (concurrent writes share an fsync), ${summary(concurrent)}`);
  if (values.memory) {
    return;
  }

  // One composite of 200 Tasks with large descriptions pushes the journal past COMPACT_AT_BYTES.
  const bulk = Array.from({ length: 200 }, (_, i) => ({ attributes: { type: 'Task' }, Subject: `bulk ${i}`, Description: 'x'.repeat(16_000) }));
  await timed(() => fetch(`${api}/composite/sobjects`, { method: 'POST', headers, body: JSON.stringify({ allOrNone: true, records: bulk }) }), 200);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const during: number[] = [];
  const compactionStarted = performance.now();
  let sawTemp = false;
  // Writes while the snapshot streams (a temp file exists until the rename); bounded in count and time.
  for (let i = 0; i < 5000 && performance.now() - compactionStarted < 120_000; i++) {
    const compacting = (await readdir(dir)).some((name) => name.endsWith('.tmp'));
    sawTemp ||= compacting;
    if (sawTemp && !compacting) {
      break;
    }
    during.push(await patchAccount(i));
  }
  delay.disable();
  console.log(`  during background compaction (${seconds(compactionStarted)}): PATCH Account ${summary(during)}; event-loop delay max ${ms(delay.max / 1e6)}${sawTemp ? '' : ' (compaction not observed)'}`);
}

for (const accounts of sizes) {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-writes-'));
  try {
    console.log(`${accounts} accounts${values.memory ? ' (in memory, no data file)' : ''}`);
    const seeded = performance.now();
    const dataFile = values.memory ? null : join(dir, 's.json');
    const sandbox = await createSandbox({ port: 0, dataFile, seed: { seed: 42, accounts, referenceDate: REFERENCE_DATE }, today: REFERENCE_DATE, journalCompactAtBytes: COMPACT_AT_BYTES });
    console.log(`  seed${values.memory ? '' : ' + snapshot'}: ${seconds(seeded)}, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
    await measure(sandbox, dir);
    const closing = performance.now();
    await sandbox.close();
    console.log(`  close${values.memory ? '' : ' (final compaction)'}: ${seconds(closing)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
