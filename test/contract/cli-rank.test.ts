/**
 * `collections rank` as a user runs it: the real bin (node bin/collections.mjs) in a child process
 * against a sandbox over HTTP. Results on stdout, one clear line on stderr for each failure.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankJson } from '../../cli/rank';
import { configureBulk2 } from '../../sandbox/rest/bulk2';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const BIN = join(__dirname, '..', '..', 'bin', 'collections.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { env?: NodeJS.ProcessEnv; interruptWhen?: (stderr: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && options.interruptWhen?.(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('collections rank', () => {
  let sandbox: Sandbox;
  let connect: string[];
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 42, accounts: 200, referenceDate: '2026-11-20' }, today: '2026-11-20' });
    connect = ['--instance-url', sandbox.url, '--token', sandbox.token];
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('prints who to call first, with the reasons in words, and what the pass cost', async () => {
    // When, in words in the user's zone (TZ), with the zone named: never an ISO instant.
    const inKolkata = (at: Date) => `${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' }).format(at)} IST`;
    const started = inKolkata(new Date());
    const result = await run(['rank', ...connect, '--top', '5'], { env: { TZ: 'Asia/Kolkata' } });
    const finished = inKolkata(new Date());
    expect(result.stderr).toMatch(/invoices via REST/);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Who to call first — 5 of \d+ accounts with something to collect \(200 in the book\), amounts in USD, as of /);
    expect([`as of ${started}`, `as of ${finished}`].some((words) => lines[0]?.endsWith(words)), lines[0]).toBe(true);
    expect(lines[0]).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const rows = lines.filter((line) => /^\d+\s{2,}/.test(line));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/\$[\d,]+\.\d{2} collectable; oldest invoice \d+ days late/);
    expect(result.stdout).toMatch(/Not ranked: \d+ with a bankruptcy, cease-communication or breathing-space flag/);
    expect(result.stdout).toMatch(/Read with \d+ API requests \(REST\)\./);
    // No formulas or minor units reach the reader.
    expect(result.stdout).not.toMatch(/minor units|ln\(|·/);
  }, 90_000);

  it('--json ranks deterministically, and --write-back stores every score where REST can read it', async () => {
    const first = await run(['rank', ...connect, '--top', '20', '--json', '--quiet', '--write-back']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const json = JSON.parse(first.stdout) as RankJson;
    expect(json.rows.map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(json.rows.every((r, i) => i === 0 || (json.rows[i - 1] as { score: number }).score >= r.score)).toBe(true);
    expect(json.writeBack).toEqual({ written: json.accounts, failed: 0 });

    const top = json.rows[0] as RankJson['rows'][number];
    const answer = await fetch(`${sandbox.url}/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Collections_Priority_Score__c, Collections_Priority_Scored_At__c FROM Account ORDER BY Collections_Priority_Score__c DESC NULLS LAST LIMIT 20')}`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    const stored = (await answer.json()) as { records: { Id: string; Collections_Priority_Score__c: number; Collections_Priority_Scored_At__c: string }[] };
    expect(stored.records[0]?.Id).toBe(top.accountId);
    expect(stored.records[0]?.Collections_Priority_Score__c).toBeCloseTo(top.score, 2);
    expect(Date.parse(stored.records[0]?.Collections_Priority_Scored_At__c.replace('+0000', 'Z') ?? '')).toBe(Date.parse(json.asOf));
    expect(stored.records.map((r) => r.Id)).toEqual(json.rows.map((r) => r.accountId));

    const again = await run(['rank', ...connect, '--top', '20', '--json', '--quiet']);
    expect((JSON.parse(again.stdout) as RankJson).rows.map((r) => r.accountId)).toEqual(json.rows.map((r) => r.accountId));
  }, 90_000);

  it('says in one line when the token is wrong, the host cannot be reached, a collector id is mistyped or nothing says where to connect', async () => {
    const badToken = await run(['rank', '--instance-url', sandbox.url, '--token', 'not-a-session', '--quiet']);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr.trim().split('\n')).toEqual([`collections: ${sandbox.url} refused the access token: it is wrong or has expired. Get a fresh one (sf org display --target-org ALIAS) or sign in again.`]);

    const unreachable = await run(['rank', '--instance-url', 'http://127.0.0.1:9', '--token', 'x', '--quiet']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^collections: Cannot reach http:\/\/127\.0\.0\.1:9: check the URL and your network/);

    const typo = await run(['rank', ...connect, '--collector', 'priya', '--quiet']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split('\n')).toEqual(['collections: --collector takes Salesforce user ids (18 characters starting 005, as in the user\'s URL), not "priya".']);

    const nothing = await run(['rank'], { env: { SF_INSTANCE_URL: '', SF_ACCESS_TOKEN: '', SF_TARGET_ORG: '' } });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^collections: No org to connect to: pass --instance-url URL --token TOKEN, or --target-org ALIAS/);
  }, 90_000);

  it('reads --target-org through the Salesforce CLI and names an unknown alias', async () => {
    // A stand-in `sf` on PATH answering like `sf org display --json` does.
    const bin = mkdtempSync(join(tmpdir(), 'fake-sf-'));
    try {
      const script = [
        '#!/usr/bin/env node',
        'const alias = process.argv[process.argv.indexOf("--target-org") + 1];',
        `if (alias === "demo") { console.log(JSON.stringify({ status: 0, result: { accessToken: ${JSON.stringify(sandbox.token)}, instanceUrl: ${JSON.stringify(sandbox.url)} } })); process.exit(0); }`,
        'console.log(JSON.stringify({ status: 1, name: "NamedOrgNotFoundError", message: `No authorization information found for ${alias}.` }));',
        'process.exit(1);',
      ].join('\n');
      writeFileSync(join(bin, 'sf'), script);
      chmodSync(join(bin, 'sf'), 0o755);
      const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
      const known = await run(['rank', '--target-org', 'demo', '--top', '3', '--json', '--quiet'], { env });
      expect(known.code, known.stderr).toBe(0);
      expect((JSON.parse(known.stdout) as RankJson).rows).toHaveLength(3);
      const unknown = await run(['rank', '--target-org', 'nosuch', '--quiet'], { env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim().split('\n')).toEqual(['collections: Unknown org alias "nosuch": No authorization information found for nosuch. Run sf org login web --alias nosuch, or pass --instance-url and --token.']);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 90_000);

  it('Ctrl+C while a Bulk API 2.0 job runs aborts the job and exits 130', async () => {
    // Jobs that never finish on their own: the CLI is still waiting when interrupted.
    configureBulk2(sandbox.store, { statusReadsBeforeComplete: 1_000_000 });
    try {
      const result = await run(['rank', ...connect, '--via', 'bulk'], { interruptWhen: (stderr) => /waiting for the query job/.test(stderr) });
      expect(result.code).toBe(130);
      expect(result.stderr).toMatch(/Cancelled: nothing was written; query jobs still running in Salesforce were aborted\./);
      const answer = await fetch(`${sandbox.url}/services/data/v66.0/jobs/query`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
      const jobs = ((await answer.json()) as { records: { state: string }[] }).records;
      expect(jobs.length).toBeGreaterThanOrEqual(4);
      expect(jobs.every((job) => job.state === 'Aborted')).toBe(true);
    } finally {
      configureBulk2(sandbox.store, { statusReadsBeforeComplete: 1 });
    }
  }, 90_000);

  it('leaves query jobs running when it gives up waiting, and --resume reads them without starting new ones', async () => {
    const listJobs = async (): Promise<{ id: string; state: string }[]> => {
      const answer = await fetch(`${sandbox.url}/services/data/v66.0/jobs/query`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
      return ((await answer.json()) as { records: { id: string; state: string }[] }).records;
    };
    const before = (await listJobs()).length;
    configureBulk2(sandbox.store, { statusReadsBeforeComplete: 1_000_000 });
    let resume: string;
    try {
      const timedOut = await run(['rank', ...connect, '--via', 'bulk', '--job-timeout', '1', '--quiet']);
      expect(timedOut.code).toBe(1);
      const lines = timedOut.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const match = /Run the same command again with --resume (\S+) to read the jobs when they are done\.$/.exec(lines[0] ?? '');
      expect(match, timedOut.stderr).not.toBeNull();
      resume = match?.[1] ?? '';
      expect(resume.split(',').map((pair) => pair.split('=')[0]).sort()).toEqual(['activities', 'disputes', 'invoices', 'promises']);
      const started = await listJobs();
      expect(started.slice(before).every((job) => job.state === 'InProgress' || job.state === 'UploadComplete')).toBe(true);
    } finally {
      configureBulk2(sandbox.store, { statusReadsBeforeComplete: 0 });
    }
    const resumed = await run(['rank', ...connect, '--via', 'bulk', '--resume', resume, '--json', '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as RankJson).rows.length).toBeGreaterThan(0);
    const after = await listJobs();
    expect(after.length - before).toBe(4);
    expect(after.slice(before).every((job) => job.state === 'JobComplete')).toBe(true);
    configureBulk2(sandbox.store, { statusReadsBeforeComplete: 1 });
  }, 90_000);
});
