/**
 * Panel-open benchmark (not a test): seeds an in-memory org, starts the sandbox on 127.0.0.1 (port 0)
 * and times the real connector's snapshot load (`createSalesforcePort(...).loadSnapshot`, ONE
 * `/composite` with the snapshot's SOQL queries) for a sample of accounts. Then it runs unpaged
 * queries that leave cursors open and reports what the cursor store holds. Prints one JSON line.
 *
 *   npx tsx scripts/bench-panel-open.ts --accounts 1000 [--sample 20] [--iterations 100]
 *   NODE_OPTIONS=--max-old-space-size=4096 npx tsx scripts/bench-panel-open.ts --accounts 100000
 *
 * Figures are in sandbox/README.md ("Scale"). Every loop is bounded by count and by `--max-seconds`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSalesforcePort } from '../connector/salesforce/index';
import { Prng } from '../sandbox/seed/prng';
import { seedOptions, seedStore } from '../sandbox/seed/index';
import { createSandbox } from '../sandbox/server';

const REFERENCE_DATE = '2026-11-20';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    sample: { type: 'string', default: '20' },
    iterations: { type: 'string', default: '100' },
    'cursor-queries': { type: 'string', default: '30' },
    'max-seconds': { type: 'string', default: '120' },
  },
});

const accounts = Number(values.accounts);
const sampleSize = Number(values.sample);
const iterations = Number(values.iterations);
const cursorQueries = Number(values['cursor-queries']);
const deadline = performance.now() + Number(values['max-seconds']) * 1000;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? Number.NaN) * 100) / 100;
}

const seedStarted = performance.now();
const store = seedStore(seedOptions({ seed: Number(values.seed), accounts, referenceDate: REFERENCE_DATE }));
const seedSeconds = (performance.now() - seedStarted) / 1000;

// A deterministic sample of accounts (the demo account is one of them).
const accountIds = [...store.all('Account')].map((record) => record.Id as string);
const prng = new Prng(7);
const sample = Array.from({ length: Math.min(sampleSize, accountIds.length) }, (_, i) => (i === 0 ? accountIds[0] : accountIds[Math.floor(prng.next() * accountIds.length)]) as string);

const sandbox = await createSandbox({ port: 0, dataFile: null, store, today: REFERENCE_DATE });
try {
  const port = createSalesforcePort({
    instanceUrl: sandbox.url,
    getAccessToken: () => sandbox.token,
    timeoutMs: 60_000,
    now: () => new Date(`${REFERENCE_DATE}T10:00:00Z`),
  });
  // Warm-up: one open per sampled account (JIT, first-touch allocations).
  for (const id of sample) {
    await port.loadSnapshot({ id });
  }
  const timings: number[] = [];
  const cpuTimings: number[] = [];
  const serverTimings: number[] = [];
  // Garbage collection during the timed opens (a big heap makes major collections longer).
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < iterations && performance.now() < deadline; i++) {
    const id = sample[i % sample.length] as string;
    sandbox.resetRequestLog();
    const started = performance.now();
    // CPU time of this process (connector and sandbox both run here): less sensitive than wall
    // time to other processes on a shared machine.
    const cpuStarted = process.cpuUsage();
    await port.loadSnapshot({ id });
    timings.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimings.push((cpu.user + cpu.system) / 1000);
    const served = sandbox.requestLog.find((entry) => entry.api);
    if (served) {
      serverTimings.push(served.durationMs);
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
  gcObserver.disconnect();
  timings.sort((a, b) => a - b);
  cpuTimings.sort((a, b) => a - b);
  serverTimings.sort((a, b) => a - b);

  // Unpaged queries leave their cursors open (a client that never reads `nextRecordsUrl`);
  // run with NODE_OPTIONS=--expose-gc for a precise heap delta.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let cursorRows = 0;
  for (let i = 0; i < cursorQueries && performance.now() < deadline; i++) {
    const soql = `SELECT Id, Name, Invoice_Number__c, Balance__c, Due_Date__c, Account__r.Name FROM Collections_Invoice__c WHERE Balance__c >= ${i}`;
    const response = await fetch(`${sandbox.url}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    const body = (await response.json()) as { totalSize?: number };
    cursorRows += body.totalSize ?? 0;
  }
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  console.log(JSON.stringify({
    accounts,
    records: [...store.tables.values()].reduce((n, table) => n + table.size, 0),
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    panelOpens: timings.length,
    sampledAccounts: sample.length,
    medianMs: percentile(timings, 50),
    p95Ms: percentile(timings, 95),
    cpuMedianMs: percentile(cpuTimings, 50),
    cpuP95Ms: percentile(cpuTimings, 95),
    gcMsPerOpen: Math.round((gcMs / Math.max(1, timings.length)) * 100) / 100,
    serverMedianMs: percentile(serverTimings, 50),
    serverP95Ms: percentile(serverTimings, 95),
    unpagedQueries: cursorQueries,
    unpagedRows: cursorRows,
    cursorHeapDeltaMB: mb(heapAfter - heapBefore),
    rssMB: mb(process.memoryUsage().rss),
    heapUsedMB: mb(process.memoryUsage().heapUsed),
  }));
} finally {
  await sandbox.close();
}
