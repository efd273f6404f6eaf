/**
 * Command line for the sandbox CRM:
 *
 *   npx tsx sandbox/cli.ts [--port 5173] [--data .sandbox-data/sandbox.json] [--reset]
 *                          [--seed 42] [--accounts 100] [--invoices-per-account N] [--reference-date YYYY-MM-DD] [--today YYYY-MM-DD]
 *                          [--memory] [--enable-test-faults] [--api-limit 15000] [--verbose]
 *                          [--host 127.0.0.1] [--allow-origin http://localhost:3000 ...] [--allow-host crm.test ...]
 *
 * Env: PORT (default port), SANDBOX_TOKEN (development access token; required with a non-loopback
 * --host, because the default token is public).
 * Browsers may call the sandbox only from its own origin, chrome-extension:// / moz-extension://
 * origins and each --allow-origin (repeatable or comma-separated). Requests must name the sandbox in
 * Host: 127.0.0.1, localhost, [::1] (its port), the --host, or each --allow-host (DNS rebinding).
 * Prints one JSON line `{"ready":true,"url":...}` on stdout once listening (scripts/demo.mjs and
 * tests parse it). Every write is in the data file's journal before it is answered (decision 0010);
 * SIGINT/SIGTERM compact the journal into the data file before exit, a second signal exits at once
 * (nothing is lost: the next start replays the journal).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_USERNAME, DEMO_PASSWORD } from './auth';
import { SandboxConfigError } from './origin-policy';
import { createSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    'allow-host': { type: 'string', multiple: true },
    data: { type: 'string' },
    memory: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    seed: { type: 'string' },
    accounts: { type: 'string' },
    'invoices-per-account': { type: 'string' },
    'reference-date': { type: 'string' },
    today: { type: 'string' },
    'enable-test-faults': { type: 'boolean', default: false },
    'api-limit': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

function intOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${raw}`);
    process.exit(2);
  }
  return n;
}

function dateOption(name: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    console.error(`--${name} must be YYYY-MM-DD, got ${raw}`);
    process.exit(2);
  }
  return raw;
}

const sandbox = await createSandbox({
  port: intOption('port', values.port ?? process.env.PORT) ?? 5173,
  host: values.host,
  allowOrigins: (values['allow-origin'] ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean),
  allowHosts: (values['allow-host'] ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean),
  dataFile: values.memory ? null : values.data ?? '.sandbox-data/sandbox.json',
  reset: values.reset,
  seed: {
    seed: intOption('seed', values.seed),
    accounts: intOption('accounts', values.accounts),
    invoicesPerAccount: intOption('invoices-per-account', values['invoices-per-account']),
    referenceDate: dateOption('reference-date', values['reference-date']),
  },
  today: dateOption('today', values.today),
  enableFaults: values['enable-test-faults'],
  apiLimit: intOption('api-limit', values['api-limit']),
  verbose: values.verbose,
}).catch((error: unknown) => {
  if (error instanceof SandboxConfigError) {
    console.error(`[sandbox] ${error.message}`);
    process.exit(2);
  }
  throw error;
});

const demoAccount = sandbox.store.all('Account').next().value;
console.log(JSON.stringify({
  ready: true,
  url: sandbox.url,
  token: sandbox.token,
  user: DEFAULT_USERNAME,
  password: DEMO_PASSWORD,
  demoAccountUrl: demoAccount ? `${sandbox.url}/lightning/r/Account/${String(demoAccount.Id)}/view` : null,
}));

let stopping = false;
const stop = (): void => {
  if (stopping) {
    console.error('[sandbox] stopping without compaction; the next start replays the journal');
    process.exit(130);
  }
  stopping = true;
  void sandbox.close().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
