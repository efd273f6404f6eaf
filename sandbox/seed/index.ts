/** Seeding entry points: into a Store (server start, tests) or streamed to a data file (huge seeds). */
import { writeDataFile } from '../persistence';
import { Store } from '../store';
import { seedRecords, todayIso } from './generate';
import type { SeedOptions } from './generate';

export { DEMO_ACCOUNT_FIGURES, DEMO_ACCOUNT_ID, DEMO_ACCOUNT_NAME, SEED_USERS, todayIso } from './generate';
export type { SeedOptions } from './generate';

/** Accounts in the default seed (`npm run demo`): enough for the demo collector's worklist to mean something. */
export const DEFAULT_SEED_ACCOUNTS = 100;

/** Defaults: seed 42, 100 accounts (the demo collector's book: 64 of them), reference date today (UTC). */
export function seedOptions(partial: Partial<SeedOptions> = {}): SeedOptions {
  const options: SeedOptions = { seed: partial.seed ?? 42, accounts: partial.accounts ?? DEFAULT_SEED_ACCOUNTS, referenceDate: partial.referenceDate ?? todayIso() };
  return partial.invoicesPerAccount === undefined ? options : { ...options, invoicesPerAccount: partial.invoicesPerAccount };
}

/** A fresh in-memory org seeded from `options`. */
export function seedStore(options: SeedOptions): Store {
  const { records, header } = seedRecords(options);
  const store = new Store();
  for (const item of records) {
    store.insert(item.type, item.record);
  }
  store.header = header();
  store.mutationCount = 0;
  return store;
}

/**
 * Streams a seed straight into a data file without holding it in memory; returns the record count.
 * The header's id counters are written empty: loading recomputes them from the ids (persistence.ts).
 */
export function seedToFile(options: SeedOptions, file: string): Promise<number> {
  const { records, header } = seedRecords(options);
  return writeDataFile(file, header(), records);
}
