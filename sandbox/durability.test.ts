/**
 * Acknowledged writes survive `kill -9`: the command-line sandbox is killed while requests are in
 * flight, restarted on the same data file, and every write that got a 2xx must be there.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
let dir = '';

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  if (dir) {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Starts `sandbox/cli.ts` on a free port; resolves with its URL and token from the ready line. */
async function startCli(dataFile: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--data', dataFile, '--accounts', '40', '--seed', '3',
    '--reference-date', '2026-11-20', '--today', '2026-11-20',
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    for await (const line of lines) {
      const ready = JSON.parse(line) as { ready?: boolean; url: string; token: string };
      if (ready.ready) {
        return { child, url: ready.url, token: ready.token };
      }
    }
  } finally {
    clearTimeout(timeout);
  }
  throw new Error('the sandbox exited before it was ready');
}

describe('sandbox durability', () => {
  it('keeps every acknowledged write across SIGKILL, and leaves no temp files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-kill-'));
    const dataFile = join(dir, 's.json');
    const first = await startCli(dataFile);
    const headers = { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' };
    const created = new Map<string, string>();
    const patched = new Set<string>();
    let attempted = 0;
    let killed = false;

    /** One client: create a Task, then update it; records what was acknowledged (2xx). */
    const client = async (worker: number): Promise<void> => {
      for (let index = 0; !killed && index < 200; index++) {
        const subject = `kill-test ${worker}-${index}`;
        attempted++;
        try {
          const response = await fetch(`${first.url}/services/data/v66.0/sobjects/Task`, { method: 'POST', headers, body: JSON.stringify({ Subject: subject }) });
          if (response.status !== 201) {
            throw new Error(`create answered ${response.status}`);
          }
          created.set(subject, (await response.json() as { id: string }).id);
          const update = await fetch(`${first.url}/services/data/v66.0/sobjects/Task/${created.get(subject) ?? ''}`, {
            method: 'PATCH', headers, body: JSON.stringify({ Description: 'patched' }),
          });
          if (update.status === 204) {
            patched.add(subject);
          }
        } catch (error) {
          if (!killed) {
            throw error;
          }
          return;
        }
      }
    };
    const clients = [0, 1, 2, 3, 4, 5].map(client);
    // Kill mid-stream: once some writes are acknowledged, while the six clients still have requests out.
    for (let wait = 0; wait < 200 && patched.size < 40; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    killed = true;
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    await Promise.all(clients);
    expect(patched.size).toBeGreaterThanOrEqual(40);

    const second = await startCli(dataFile);
    const soql = encodeURIComponent("SELECT Id, Subject, Description FROM Task WHERE Subject LIKE 'kill-test %'");
    const response = await fetch(`${second.url}/services/data/v66.0/query?q=${soql}`, { headers: { Authorization: `Bearer ${second.token}` } });
    const stored = new Map(((await response.json()) as { records: Array<{ Id: string; Subject: string; Description: string | null }> }).records
      .map((record) => [record.Subject, record]));
    for (const [subject, id] of created) {
      expect(stored.get(subject)?.Id, subject).toBe(id);
    }
    for (const subject of patched) {
      expect(stored.get(subject)?.Description, subject).toBe('patched');
    }
    // Unacknowledged writes may or may not be there; nothing else may.
    expect(stored.size).toBeLessThanOrEqual(attempted);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // A graceful stop compacts: the snapshot alone is left.
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit') as [number | null];
    expect(code).toBe(0);
    expect(await readdir(dir)).toEqual(['s.json']);
  }, 60_000);
});
