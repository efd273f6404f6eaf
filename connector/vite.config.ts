/**
 * Page-side connector bundle → dist/connector/:
 *   collections-connector.js       ESM (extension service worker, sandbox demo page)
 *   collections-connector.iife.js  IIFE, global `CollectionsConnector`
 * Entry is connector/salesforce/index.ts: fetch client + zod/mini only. jsforce (node.ts) and Node
 * built-ins must never appear here; bundle.test.ts builds this config and checks the output.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Shared so the bundle test can build the same thing into a temp dir. */
export const connectorLibrary = {
  entry: fileURLToPath(new URL('./salesforce/index.ts', import.meta.url)),
  name: 'CollectionsConnector',
  formats: ['es', 'iife'] as ('es' | 'iife')[],
  fileName: (format: string): string => (format === 'es' ? 'collections-connector.js' : `collections-connector.${format}.js`),
};

export default defineConfig({
  root: repoRoot,
  publicDir: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    lib: connectorLibrary,
    outDir: fileURLToPath(new URL('../dist/connector', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
  },
});
