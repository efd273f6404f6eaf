/**
 * `collections report` as a scheduler runs it: the real bin in a child process against a sandbox
 * over HTTP. The workbook read back with read-excel-file holds the seven sheets, and its cells are
 * the figures the same run prints with --json; CSVs go to a folder; failures are one line with an
 * exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../cli/report';
import { REPORT_SHEET_NAMES } from '../../connector/domain';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const BIN = join(__dirname, '..', '..', 'bin', 'collections.mjs');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('collections report', () => {
  let sandbox: Sandbox;
  let connect: string[];
  let dir: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 42, accounts: 120, referenceDate: '2026-11-20' }, today: '2026-11-20' });
    connect = ['--instance-url', sandbox.url, '--token', sandbox.token];
    dir = mkdtempSync(join(tmpdir(), 'collections-report-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the workbook and CSVs whose cells equal the figures of --json', async () => {
    const out = join(dir, 'report.xlsx');
    const csv = join(dir, 'csv');
    const result = await run(['report', ...connect, '--from', '2026-01', '--to', '2026-11', '--out', out, '--csv', csv, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/invoices via REST/);
    const json = JSON.parse(result.stdout) as ReportJson;
    expect(json.files[0]).toBe(out);
    expect(json.report.receivables.months.map((m) => m.month)).toHaveLength(11);
    expect(json.report.aging?.rows[0]?.open).toBeGreaterThan(0);
    expect(json.report.cash.total).toBeGreaterThan(0);
    const read = await readXlsxFile(out);
    expect(read.map((s) => s.sheet)).toEqual([...REPORT_SHEET_NAMES]);
    for (const [index, sheet] of json.sheets.entries()) {
      const data = read[index]?.data ?? [];
      expect(data[0]).toEqual(sheet.columns.map((c) => c.header));
      // A reader drops a row's trailing empty cells: compare up to the last filled one.
      const trim = (row: unknown[]): unknown[] => row.slice(0, row.findLastIndex((v) => v !== null) + 1);
      expect(data.slice(1).map((row) => trim(row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))))).toEqual(sheet.rows.map((row) => trim(row.map((cell) => cell.value))));
    }
    expect(readdirSync(csv).sort()).toEqual(['aging.csv', 'cash-collected.csv', 'collectors.csv', 'disputes.csv', 'dso-cei.csv', 'promises.csv', 'summary.csv']);
  }, 120_000);

  it('fails in one line with exit code 2 on bad months, a missing destination or a wrong file name, writing nothing', async () => {
    const bad = await run(['report', ...connect, '--from', '2026-11', '--to', '2026-01', '--out', join(dir, 'x.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^collections: --from 2026-11 --to 2026-01: .*must not be before from/)]);
    const nowhere = await run(['report', ...connect, '--from', '2026-01', '--to', '2026-02']);
    expect([nowhere.code, nowhere.stderr.trim()]).toEqual([2, 'collections: Say where the report goes: --out report.xlsx, --csv DIR and/or --json.']);
    const name = await run(['report', ...connect, '--from', '2026-01', '--to', '2026-02', '--out', join(dir, 'report.xls')]);
    expect(name.code).toBe(2);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  }, 60_000);

  it('fails in one line with exit code 1 when the token is refused', async () => {
    const result = await run(['report', '--instance-url', sandbox.url, '--token', 'wrong', '--from', '2026-01', '--to', '2026-02', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').filter((l) => l.startsWith('collections:'))).toEqual([expect.stringMatching(/refused the access token/)]);
    expect(result.stdout).toBe('');
  }, 60_000);
});
