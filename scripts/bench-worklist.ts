/**
 * Worklist benchmark (not a test): how long the demo collector's worklist takes to open against the
 * sandbox over real HTTP, from the first request to ranked rows with their next actions.
 *
 *   npx tsx scripts/bench-worklist.ts --accounts 3100 --invoices-per-account 10 [--runs 5] [--seed 42]
 *
 * Starts the sandbox as its own process (`sandbox/cli.ts --memory`, as `npm run demo` does; seeding
 * is not timed), so the timing is the page's side plus real HTTP, not the server's CPU on the same
 * thread. The demo collector owns about 64 % of the accounts (sandbox/seed/generate.ts collectorFor),
 * 2–7 invoices each, or N open ones on average with `--invoices-per-account N` (sandbox seed knob). Timed: the currencies composite
 * plus one REST portfolio pass over her scope (every kind), the domain's facts and ranking, and every
 * ranked row's next action and call check: what `CollectionsWorklist` does when it opens. The first
 * run is cold (JIT, sandbox query caches); the median of the others is "warm". The LAST line printed
 * is one JSON object. BENCH_SANDBOX_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" profiles the sandbox process.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createFetchClient } from '../connector/salesforce';
import { createPortfolioReader } from '../connector/salesforce/portfolio/page';
import type { PortfolioRecord, PortfolioSource } from '../connector/portfolio-source';
import { WORKLIST_KINDS, loadWorklist } from '../widget/src/worklist/load';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '3200' },
    'invoices-per-account': { type: 'string' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
  },
});
const accounts = Number(args.accounts);
const runs = Math.max(2, Number(args.runs));
const today = new Date().toISOString().slice(0, 10);

const started = performance.now();
const child = spawn(process.execPath, ['--max-old-space-size=4096', ...(process.env.BENCH_SANDBOX_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--memory', '--seed', String(args.seed), '--accounts', String(accounts), ...(args['invoices-per-account'] === undefined ? [] : ['--invoices-per-account', args['invoices-per-account']]), '--reference-date', today, '--today', today], { stdio: ['ignore', 'pipe', 'inherit'] });
const sandbox = await new Promise<{ url: string; token: string }>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const message = JSON.parse(line) as { ready?: boolean; url: string; token: string };
      if (message.ready) {
        resolve(message);
      }
    } catch {
      // not the ready line
    }
  });
});
const seededMs = performance.now() - started;
try {
  const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
  const collectorId = (await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'collector@sandbox.example'")).records[0]!.Id;
  const scope = await client.query<{ expr0: number }>(`SELECT COUNT(Id) FROM Account WHERE Collector__c = '${collectorId}'`);
  const openInvoices = await client.query<{ expr0: number }>(`SELECT COUNT(Id) FROM Collections_Invoice__c WHERE Account__r.Collector__c = '${collectorId}' AND Balance__c > 0`);
  const times: number[] = [];
  // This process's CPU per run (REST parsing, record mapping, facts, ranking, next actions): the page's
  // share, which wall time mixes with the sandbox's query work and, on a shared machine, other load.
  const cpuTimes: number[] = [];
  let summary = { rows: 0, requests: 0 };
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const currencies = await reader.readCurrencies();
    const list = await loadWorklist({ source: reader.source, currencies, collectorId, at: new Date().toISOString(), locale: 'en-IN' });
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    summary = { rows: list.rows.length, requests: list.apiRequests + 1 };
    console.log(`run ${run + 1}: ${Math.round(times[run]!)} ms, ${list.rows.length} rows, ${summary.requests} API requests`);
  }
  // The same pass replayed from memory: the page's share (facts, ranking, next actions, call checks) without the HTTP.
  const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
  const currencies = await reader.readCurrencies();
  const pages: PortfolioRecord[][] = [];
  for await (const page of reader.source.read({ scope: { kind: 'collectors', collectorIds: [collectorId] }, kinds: WORKLIST_KINDS, mode: 'rest' })) {
    pages.push(page);
  }
  const replay: PortfolioSource = {
    read: () => (async function* () {
      yield* pages;
    })(),
    lastPass: () => null,
  };
  const computeTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    await loadWorklist({ source: replay, currencies, collectorId, at: new Date().toISOString(), locale: 'en-IN' });
    computeTimes.push(performance.now() - t0);
  }
  const computeWarm = computeTimes.slice(1).sort((a, b) => a - b)[Math.floor((computeTimes.length - 1) / 2)]!;
  const warm = times.slice(1).sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
  console.log(JSON.stringify({
    sandboxAccounts: accounts,
    invoicesPerAccount: args['invoices-per-account'] === undefined ? null : Number(args['invoices-per-account']),
    collectorAccounts: (scope.records[0] as unknown as { expr0: number } | undefined)?.expr0 ?? scope.totalSize,
    collectorOpenInvoices: (openInvoices.records[0] as unknown as { expr0: number } | undefined)?.expr0 ?? openInvoices.totalSize,
    seededMs: Math.round(seededMs),
    coldMs: Math.round(times[0]!),
    warmMedianMs: Math.round(warm),
    computeOnlyWarmMs: Math.round(computeWarm),
    pageCpuWarmMs: Math.round(cpuTimes.slice(1).sort((a, b) => a - b)[Math.floor((cpuTimes.length - 1) / 2)]!),
    rows: summary.rows,
    apiRequests: summary.requests,
  }));
} finally {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
}
