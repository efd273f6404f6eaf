/**
 * Starts the sandbox CRM in-process for a test: random free port, fresh temp data file, explicit
 * seed and reference date (so figures are stable), fault injection enabled.
 *
 *   const sb = await startSandbox({ seed: 7, accounts: 25, referenceDate: '2026-11-20' });
 *   ... fetch(`${sb.url}/services/data/v66.0/query?q=...`, { headers: { Authorization: `Bearer ${sb.token}` } })
 *   sb.requestLog(); await sb.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '../../../sandbox/server';
import type { RequestLogEntry, Sandbox, SandboxOptions } from '../../../sandbox/server';
import { DEMO_ACCOUNT_NAME } from '../../../sandbox/seed/index';

export interface StartSandboxOptions {
  seed?: number;
  accounts?: number;
  /** ISO date the seed ages from; also the org's TODAY unless `today` is given. */
  referenceDate?: string;
  today?: string;
  /** Keep data in memory only (no temp file). */
  inMemory?: boolean;
  widgetDir?: string;
  connectorDir?: string;
  /** Extra options passed through to createSandbox. */
  sandboxOptions?: Partial<SandboxOptions>;
}

export interface StartedSandbox {
  url: string;
  token: string;
  /** Temp data file (null when in memory). */
  dataFile: string | null;
  sandbox: Sandbox;
  /** Id of the fixed demo account ("Jaipur Textiles Pvt Ltd"). */
  demoAccountId: string;
  /** Snapshot of the request log (oldest first). */
  requestLog(): RequestLogEntry[];
  /** Only `/services/data` requests (the ones counted as API calls). */
  apiRequests(): RequestLogEntry[];
  resetRequestLog(): void;
  stop(): Promise<void>;
}

/** Default reference date for tests: fixed, so aging buckets never drift. */
export const TEST_REFERENCE_DATE = '2026-11-20';

export async function startSandbox(options: StartSandboxOptions = {}): Promise<StartedSandbox> {
  const dir = options.inMemory ? null : await mkdtemp(join(tmpdir(), 'collections-sandbox-'));
  const dataFile = dir ? join(dir, 'sandbox.json') : null;
  const referenceDate = options.referenceDate ?? TEST_REFERENCE_DATE;
  const sandbox = await createSandbox({
    port: 0,
    dataFile,
    reset: true,
    seed: { seed: options.seed ?? 42, accounts: options.accounts ?? 25, referenceDate },
    today: options.today ?? referenceDate,
    enableFaults: true,
    widgetDir: options.widgetDir,
    connectorDir: options.connectorDir,
    ...options.sandboxOptions,
  });
  const demo = [...sandbox.store.all('Account')].find((a) => a.Name === DEMO_ACCOUNT_NAME);
  return {
    url: sandbox.url,
    token: sandbox.token,
    dataFile,
    sandbox,
    demoAccountId: String(demo?.Id ?? ''),
    requestLog: () => [...sandbox.requestLog],
    apiRequests: () => sandbox.requestLog.filter((entry) => entry.api),
    resetRequestLog: () => sandbox.resetRequestLog(),
    stop: async () => {
      await sandbox.close();
      if (dir) {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
