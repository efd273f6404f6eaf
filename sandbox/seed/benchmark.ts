/**
 * Seed benchmark (not a test): streams a large seed to a temp data file and reports time, records
 * and memory; `--load` also loads it back into a Store (what the server does at start).
 *
 *   npx tsx sandbox/seed/benchmark.ts [--accounts 100000] [--seed 42] [--load] [--keep]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStore } from '../persistence';
import { seedOptions, seedToFile } from './index';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    load: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-'));
const file = join(dir, 'bench.json');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

try {
  const options = seedOptions({ seed: Number(values.seed), accounts: Number(values.accounts), referenceDate: '2026-11-20' });
  const started = performance.now();
  const records = await seedToFile(options, file);
  const seconds = (performance.now() - started) / 1000;
  const size = (await stat(file)).size;
  console.log(`generate+write: ${options.accounts} accounts, ${records} records, ${mb(size)} in ${seconds.toFixed(1)} s (${Math.round(records / seconds)} records/s), peak RSS ${mb(process.memoryUsage().rss)}`);
  if (values.load) {
    const loadStarted = performance.now();
    const store = await loadStore(file);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(`load: ${store.count('Account')} accounts in ${loadSeconds.toFixed(1)} s, heap ${mb(process.memoryUsage().heapUsed)}, RSS ${mb(process.memoryUsage().rss)}`);
  }
} finally {
  if (values.keep) {
    console.log(`kept ${file}`);
  } else {
    await rm(dir, { recursive: true, force: true });
  }
}
