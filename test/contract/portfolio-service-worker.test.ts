/**
 * The portfolio source runs where an extension service worker runs it: bundled for the browser
 * (vite, `node:stream/web` aliased to the bulk2 shim) and executed in a V8 context that has web
 * globals only (fetch, streams, AbortController, timers; no Buffer, process or require), against the
 * sandbox over HTTP. Its records equal a Node pass's.
 */
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { browserBundle } from '../support/browser-bundle';
import { runPass } from './fixtures/portfolio-worker-entry';

const entry = fileURLToPath(new URL('./fixtures/portfolio-worker-entry.ts', import.meta.url));

describe('the portfolio source in a service-worker-like context', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 8, accounts: 150, referenceDate: '2026-11-20' }, today: '2026-11-20' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads the book through REST and Bulk API 2.0 with web globals only, as Node does', async () => {
    const code = await browserBundle(entry, 'PortfolioWorker', true);
    expect(code).not.toMatch(/require\(["']node:|from["']node:/);
    const context = createContext({
      fetch, Headers, Request, Response, URL, URLSearchParams, AbortController, AbortSignal, DOMException, TextEncoder, TextDecoder,
      ReadableStream, WritableStream, TransformStream, CountQueuingStrategy, setTimeout, clearTimeout, queueMicrotask, console,
    }) as Record<string, unknown>;
    expect(context.Buffer).toBeUndefined();
    runInContext(code, context);
    const worker = context.PortfolioWorker as { runPass: typeof runPass };
    const inNode = await runPass(sandbox.url, sandbox.token, 'rest');
    expect(inNode.records.length).toBeGreaterThan(1_000);
    for (const mode of ['rest', 'bulk'] as const) {
      const inWorker = await worker.runPass(sandbox.url, sandbox.token, mode);
      expect([...inWorker.records].sort()).toEqual([...inNode.records].sort());
      expect(inWorker.apiRequests).toBeGreaterThan(0);
    }
  }, 90_000);
});
