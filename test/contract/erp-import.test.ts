/**
 * `collections import` as a user runs it: the real bin in a child process against a sandbox over
 * HTTP (Bulk API 2.0 query + ingest). Idempotency, rejected rows with their lines, an interrupted
 * run finished by a rerun, --close-missing and --dry-run.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../cli/import';
import { sapLines } from '../../scripts/generate-erp-file';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const BIN = join(__dirname, '..', '..', 'bin', 'collections.mjs');
const FIXTURES = join(__dirname, '..', '..', 'sandbox', 'fixtures', 'erp');
const SEED = { seed: 42, accounts: 30, referenceDate: '2026-11-20' };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { interruptWhen?: (stderr: string) => boolean; killSignal?: NodeJS.Signals } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && options.interruptWhen?.(stderr)) {
        interrupted = true;
        child.kill(options.killSignal ?? 'SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function soql(sandbox: Sandbox, query: string): Promise<Record<string, unknown>[]> {
  const answer = await fetch(`${sandbox.url}/services/data/v66.0/query?q=${encodeURIComponent(query)}`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as { records: Record<string, unknown>[]; done: boolean };
  expect(body.done).toBe(true);
  return body.records.map(({ attributes: _attributes, ...rest }) => rest);
}

/** Everything an import of `source` wrote, in a comparable form. */
async function endState(sandbox: Sandbox, source: string): Promise<unknown> {
  const invoices = await soql(sandbox, `SELECT External_Id__c, Account__c, Invoice_Number__c, Invoice_Date__c, Due_Date__c, Total_Amount__c, Balance__c, Currency_Code__c, Status__c, PO_Number__c FROM Collections_Invoice__c WHERE External_Id__c LIKE '${source}-%' ORDER BY External_Id__c`);
  const payments = await soql(sandbox, `SELECT External_Id__c, Account__c, Type__c, Amount__c, Currency_Code__c, Received_On__c, Reference__c FROM Collections_Payment__c WHERE External_Id__c LIKE '${source}-%' ORDER BY External_Id__c`);
  return { invoices, payments };
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

describe('collections import', () => {
  let sandbox: Sandbox;
  let connect: string[];
  let dir: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: SEED, today: SEED.referenceDate });
    connect = ['--instance-url', sandbox.url, '--token', sandbox.token];
    dir = mkdtempSync(join(tmpdir(), 'erp-import-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the German SAP sample into the demo account; a second run creates and updates nothing', async () => {
    const file = join(dir, 'sap-de.csv');
    copyFileSync(join(FIXTURES, 'sap-fbl5n-de.csv'), file);
    const dry = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(lastLine(dry.stdout)).toBe('Dry run, nothing written: rows read 14, new 14, changed 0, unchanged 0, to close 0, rejected 0');
    expect(await soql(sandbox, "SELECT Id FROM Collections_Invoice__c WHERE External_Id__c LIKE 'SAP-%'")).toEqual([]);

    const first = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n']);
    expect(first.code, first.stderr).toBe(0);
    expect(lastLine(first.stdout)).toBe('Rows read 14, created 14, updated 0, closed 0, rejected 0 (unchanged 0)');
    const demo = await soql(sandbox, "SELECT External_Id__c, Invoice_Number__c, Due_Date__c, Total_Amount__c, Balance__c, Status__c, Account__r.Name FROM Collections_Invoice__c WHERE External_Id__c = 'SAP-1000-90001251-2026-001'");
    expect(demo).toEqual([expect.objectContaining({ Invoice_Number__c: 'INV-JT-2003', Due_Date__c: '2026-10-20', Total_Amount__c: 59000.5, Balance__c: 59000.5, Status__c: 'Open', Account__r: expect.objectContaining({ Name: 'Jaipur Textiles Pvt Ltd' }) })]);
    const kwd = await soql(sandbox, "SELECT Total_Amount__c, Currency_Code__c FROM Collections_Invoice__c WHERE External_Id__c = 'SAP-1000-90001300-2026-001'");
    expect(kwd).toEqual([{ Total_Amount__c: 1250.75, Currency_Code__c: 'KWD' }]);
    const money = await soql(sandbox, "SELECT External_Id__c, Type__c, Amount__c FROM Collections_Payment__c WHERE External_Id__c LIKE 'SAP-%' ORDER BY External_Id__c");
    expect(money).toEqual([
      { External_Id__c: 'SAP-1000-1400000501-2026-001', Type__c: 'Payment', Amount__c: 70800 },
      { External_Id__c: 'SAP-1000-1400000533-2026-001', Type__c: 'Unapplied Cash', Amount__c: 25000 },
      { External_Id__c: 'SAP-1000-1700000044-2026-001', Type__c: 'Credit Note', Amount__c: 5900 },
    ]);
    const before = await endState(sandbox, 'SAP');

    const second = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--json', '--quiet']);
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout) as ImportSummary;
    expect(summary).toMatchObject({ rowsRead: 14, created: 0, updated: 0, unchanged: 14, rejected: 0 });
    expect(await endState(sandbox, 'SAP')).toEqual(before);
  }, 120_000);

  it('updates only what changed, and --close-missing closes the open items a full export no longer lists', async () => {
    const file = join(dir, 'sap-de-changed.csv');
    const text = readFileSync(join(FIXTURES, 'sap-fbl5n-de.csv'), 'latin1')
      // INV-JT-2001 was paid in the ERP: it now has a clearing date.
      .replace('14.09.2026;1.300,00;EUR;118.000,00;INR;;;INV-JT-2001', '14.09.2026;1.300,00;EUR;118.000,00;INR;18.11.2026;1400000600;INV-JT-2001')
      // INV-JT-2002 disappears from the export (cleared and archived).
      .split('\r\n').filter((line) => !line.includes('INV-JT-2002')).join('\r\n');
    writeFileSync(file, text, 'latin1');
    const dry = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--close-missing', '--dry-run', '--quiet']);
    expect(lastLine(dry.stdout)).toBe('Dry run, nothing written: rows read 13, new 0, changed 1, unchanged 12, to close 1, rejected 0');
    const real = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--close-missing', '--quiet']);
    expect(real.code, real.stderr).toBe(0);
    expect(lastLine(real.stdout)).toBe('Rows read 13, created 0, updated 1, closed 1, rejected 0 (unchanged 12)');
    const rows = await soql(sandbox, "SELECT External_Id__c, Balance__c, Status__c FROM Collections_Invoice__c WHERE External_Id__c IN ('SAP-1000-90001234-2026-001', 'SAP-1000-90001240-2026-001') ORDER BY External_Id__c");
    expect(rows).toEqual([
      { External_Id__c: 'SAP-1000-90001234-2026-001', Balance__c: 0, Status__c: 'Paid' },
      { External_Id__c: 'SAP-1000-90001240-2026-001', Balance__c: 0, Status__c: 'Paid' },
    ]);
    // The seed's own invoices (another source) are untouched.
    expect(await soql(sandbox, "SELECT Status__c FROM Collections_Invoice__c WHERE Invoice_Number__c = 'INV-JT-1001'")).toEqual([{ Status__c: 'Open' }]);
  }, 120_000);

  it('writes every rejected row to PATH.rejected.csv with its 1-based file line and reason, and exits 1', async () => {
    const file = join(dir, 'sap-bad.csv');
    copyFileSync(join(FIXTURES, 'sap-fbl5n-de-bad.csv'), file);
    const result = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--quiet']);
    expect(result.code).toBe(1);
    expect(lastLine(result.stdout)).toBe('Rows read 10, created 2, updated 0, closed 0, rejected 8 (unchanged 0)');
    expect(result.stdout).toContain('1 customer has no CRM account with that ERP Customer Number: 999999');
    const rejected = readFileSync(`${file}.rejected.csv`, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rejected[0]).toMatch(/^Line,Reason,Buchungskreis,Kunde,Zuordnung,Belegnummer,Geschäftsjahr,/);
    const reasons = rejected.slice(1).map((line) => line.split(',', 2)[0] + ' ' + (/^\d+,("(?:[^"]|"")*"|[^,]*)/.exec(line)?.[1] ?? ''));
    expect(reasons).toEqual([
      '3 "bad document date: ""31.02.2026"" is not a calendar date"',
      '4 "bad amount ""9.00,00"": ""9.00,00"" is not a number written with "","" as the decimal mark"',
      '6 "unknown currency ""XYZ"" (not an ISO 4217 code)"',
      '7 customer 999999 has no account in the CRM (no account has this ERP Customer Number)',
      '9 "bad amount ""1.500,5"": JPY has 0 decimal place(s), so it cannot carry these decimals"',
      '10 no net due date',
      '11 the same ERP item (SAP-1000-90009001-2026-001) is already on line 2',
      '12 amount is zero',
    ]);
    // Fixed and rerun: the rejected file of the earlier run does not linger.
    writeFileSync(file, readFileSync(file, 'latin1').split('\r\n').slice(0, 3).join('\r\n').replace('31.02.2026;31.02.2026', '28.02.2026;28.02.2026'), 'latin1');
    const fixed = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n', '--quiet']);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(existsSync(`${file}.rejected.csv`)).toBe(false);
  }, 120_000);

  it('imports the English SAP, Oracle and mapped-CSV samples', async () => {
    const english = await run(['import', ...connect, '--file', join(FIXTURES, 'sap-fbl5n-en.txt'), '--format', 'sap-fbl5n', '--quiet']);
    expect(lastLine(english.stdout), english.stderr).toBe('Rows read 8, created 8, updated 0, closed 0, rejected 0 (unchanged 0)');
    const oracle = await run(['import', ...connect, '--file', join(FIXTURES, 'oracle-ar-aging.csv'), '--format', 'oracle-ar-aging', '--quiet']);
    expect(lastLine(oracle.stdout), oracle.stderr).toBe('Rows read 8, created 8, updated 0, closed 0, rejected 0 (unchanged 0)');
    const csv = await run(['import', ...connect, '--file', join(FIXTURES, 'finance-open-items.csv'), '--format', 'csv', '--mapping', join(FIXTURES, 'finance-open-items.mapping.json'), '--quiet']);
    expect(lastLine(csv.stdout), csv.stderr).toBe('Rows read 6, created 6, updated 0, closed 0, rejected 0 (unchanged 0)');
    expect(await soql(sandbox, "SELECT Total_Amount__c, Balance__c, Status__c FROM Collections_Invoice__c WHERE External_Id__c = 'ORA-Vision_India-JT-ORA-5502-1'")).toEqual([{ Total_Amount__c: 88500, Balance__c: 38500, Status__c: 'Partially Paid' }]);
  }, 120_000);

  it('refuses a file without the needed columns, or a csv without a mapping, in one line (exit 2)', async () => {
    const file = join(dir, 'wrong.csv');
    writeFileSync(file, 'Kunde;Betrag\n100001;5,00\n');
    const missing = await run(['import', ...connect, '--file', file, '--format', 'sap-fbl5n']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/lacks columns for company code \(Buchungskreis \/ BuKr\), document number/);
    const noMapping = await run(['import', ...connect, '--file', file, '--format', 'csv']);
    expect(noMapping.code).toBe(2);
    expect(noMapping.stderr).toMatch(/--format csv needs --mapping FILE/);
  }, 60_000);
});

describe('an interrupted import, run again, ends as one clean run', () => {
  let clean: Sandbox;
  const stoppedBy: Partial<Record<'SIGINT' | 'SIGKILL', Sandbox>> = {};
  let file: string;
  let dir: string;
  beforeAll(async () => {
    const start = (): Promise<Sandbox> => createSandbox({ port: 0, dataFile: null, seed: SEED, today: SEED.referenceDate });
    [clean, stoppedBy.SIGINT, stoppedBy.SIGKILL] = await Promise.all([start(), start(), start()]);
    dir = mkdtempSync(join(tmpdir(), 'erp-interrupt-'));
    file = join(dir, 'fbl5n-600.csv');
    const out = createWriteStream(file);
    for (const line of sapLines(600, 30)) {
      out.write(Buffer.from(`${line}\r\n`, 'latin1'));
    }
    out.end();
    await once(out, 'close');
  });
  afterAll(async () => {
    await Promise.all([clean?.close(), stoppedBy.SIGINT?.close(), stoppedBy.SIGKILL?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGINT', 'SIGKILL'] as const)('stopped by %s after the first batch', async (signal) => {
    const interrupted = stoppedBy[signal] as Sandbox;
    const args = (sb: Sandbox): string[] => ['import', '--instance-url', sb.url, '--token', sb.token, '--file', file, '--format', 'sap-fbl5n', '--batch-size', '100'];
    if (signal === 'SIGINT') {
      const whole = await run(args(clean));
      expect(lastLine(whole.stdout), whole.stderr).toBe('Rows read 600, created 600, updated 0, closed 0, rejected 0 (unchanged 0)');
    }
    // Stop it as the second batch starts: the first is written, the rest is not.
    const stopped = await run(args(interrupted), { interruptWhen: (stderr) => (stderr.match(/Writing \d+ items/g) ?? []).length >= 2, killSignal: signal });
    if (signal === 'SIGINT') {
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stderr).toMatch(/Cancelled after \d+ rows: what was written stays .* run the same command again to finish/);
    } else {
      expect(stopped.signal).toBe('SIGKILL');
    }
    const partial = (await endState(interrupted, 'SAP')) as { invoices: unknown[]; payments: unknown[] };
    expect(partial.invoices.length + partial.payments.length).toBeLessThan(600);

    const rerun = await run([...args(interrupted), '--json', '--quiet']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout) as ImportSummary;
    expect(summary.rowsRead).toBe(600);
    expect(summary.created + summary.unchanged).toBe(600);
    expect(summary.updated).toBe(0);
    expect(await endState(interrupted, 'SAP')).toEqual(await endState(clean, 'SAP'));
  }, 180_000);
});
