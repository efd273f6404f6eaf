/**
 * Proves a browser or service-worker bundle of bulk2 works: bundle csv-parse/stream for the
 * browser with `node:stream/web` aliased to web-streams-shim.ts, then run it in a bare V8 context that
 * has only web globals: no Buffer, no process, no require (the shim supplies Buffer, which csv-parse's
 * core needs at load time).
 */
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../../test/support/browser-bundle';
import { CountQueuingStrategy, TransformStream } from './web-streams-shim';

const entry = fileURLToPath(new URL('./web-streams-shim.fixture.ts', import.meta.url));

/** A context with web globals only: no Buffer, no process, no require. */
function webContext(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return createContext({ TransformStream: globalThis.TransformStream, CountQueuingStrategy: globalThis.CountQueuingStrategy, ReadableStream, WritableStream, TextEncoder, TextDecoder, ...extra }) as Record<string, unknown>;
}

describe('web-streams-shim', () => {
  it('re-exports the global web-stream constructors', () => {
    expect(TransformStream).toBe(globalThis.TransformStream);
    expect(CountQueuingStrategy).toBe(globalThis.CountQueuingStrategy);
  });

  it('lets a browser bundle of csv-parse/stream run on web globals alone (the shim brings Buffer)', async () => {
    const code = await browserBundle(entry, 'ShimProbe');
    expect(code).not.toMatch(/(from\s*|require\(|import\()\s*["']node:stream\/web/);

    const bare = webContext();
    expect(bare.Buffer).toBeUndefined();
    runInContext(code, bare);
    const probe = bare.ShimProbe as { parseCsv(text: string): Promise<unknown[]> };
    expect(await probe.parseCsv('"Id","Name"\n"001R00000033JNuIAM","Acme, Inc."\n')).toEqual([{ Id: '001R00000033JNuIAM', Name: 'Acme, Inc.' }]);
  }, 60_000);
});
