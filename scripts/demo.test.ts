/**
 * `npm run demo` as a user runs it (with --no-build): seeds on first run, prints the demo account
 * URL, serves the page and the REST API, and a second run keeps what the first one wrote.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEV_TOKEN } from '../sandbox/auth';

let dir: string;
let running: ChildProcess | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-script-'));
});
afterEach(async () => {
  await stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the demo on a free port; resolves with the printed demo account URL. */
function startDemo(dataFile: string): Promise<string> {
  const child = spawn(process.execPath, ['scripts/demo.mjs', '--no-build', '--data', dataFile, '--accounts', '5'], {
    env: { ...process.env, PORT: '0', BROWSER: 'none', SANDBOX_TOKEN: DEFAULT_DEV_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo did not become ready in 30 s')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /\[demo\] Demo account:\s+(\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`demo exited early with ${code}`)));
  });
}

async function stop(): Promise<void> {
  const child = running;
  running = null;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const api = (origin: string, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${origin}/services/data/v66.0${path}`, { ...init, headers: { Authorization: `Bearer ${DEFAULT_DEV_TOKEN}`, 'Content-Type': 'application/json' } });

describe('npm run demo', () => {
  it('serves the demo account page and keeps data written in a previous run', async () => {
    const dataFile = join(dir, 'demo.json');
    const pageUrl = await startDemo(dataFile);
    expect(pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lightning\/r\/Account\/001\w{15}\/view$/);
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jaipur Textiles Pvt Ltd');
    const origin = new URL(pageUrl).origin;
    const created = await api(origin, '/sobjects/Task', { method: 'POST', body: JSON.stringify({ Subject: 'logged during the first demo run' }) });
    expect(created.status).toBe(201);
    await stop();

    const secondUrl = await startDemo(dataFile);
    const rows = await api(new URL(secondUrl).origin, `/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Subject = 'logged during the first demo run'")}`);
    expect((await rows.json() as { totalSize: number }).totalSize).toBe(1);
  }, 60_000);
});
