/**
 * Builds an entry for the browser as a worker or page bundle would (vite, `node:stream/web` aliased to
 * the bulk2 shim) and returns the IIFE's code, to run in a `node:vm` context holding web globals only.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Rolldown } from 'vite';

const shim = fileURLToPath(new URL('../../connector/salesforce/bulk2/web-streams-shim.ts', import.meta.url));

export async function browserBundle(entry: string, globalName: string, minify = false): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { 'node:stream/web': shim } },
    build: { write: false, minify, lib: { entry, name: globalName, formats: ['iife'], fileName: () => 'bundle.js' } },
  }) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const first = Array.isArray(output) ? output[0] : output;
  const chunk = first?.output.find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') {
    throw new Error(`vite produced no chunk for ${entry}`);
  }
  return chunk.code;
}
