/**
 * Page-side connector bundle → dist/connector/:
 *   collections-connector.js       ESM (extension service worker, sandbox demo page)
 *   collections-connector.iife.js  IIFE, global `CollectionsConnector`
 *   collections-portfolio.iife.js  IIFE, global `CollectionsPortfolio`: the worklist page's REST-only
 *                                  portfolio reader (connector/salesforce/portfolio-page.ts), apart so the
 *                                  panel's connector does not carry the portfolio queries
 *   collections-reports.iife.js    IIFE, global `CollectionsReportsReader`: the reports tab's report pass
 *                                  (connector/salesforce/reports-page.ts), apart so the worklist page does
 *                                  not carry the facts and the report pass
 * Entry is connector/salesforce/index.ts: fetch client + zod/mini only. jsforce (node.ts) and Node
 * built-ins must never appear here; bundle.test.ts builds this config and checks the output.
 */
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Shared so the bundle test can build the same thing into a temp dir. */
export const connectorLibrary = {
  entry: fileURLToPath(new URL('./salesforce/index.ts', import.meta.url)),
  name: 'CollectionsConnector',
  formats: ['es', 'iife'] as ('es' | 'iife')[],
  fileName: (format: string): string => (format === 'es' ? 'collections-connector.js' : `collections-connector.${format}.js`),
};

/** The portfolio reader as one IIFE, into the same (possibly overridden) outDir, after the connector. */
export const portfolioLibrary = {
  entry: fileURLToPath(new URL('./salesforce/portfolio-page.ts', import.meta.url)),
  name: 'CollectionsPortfolio',
  formats: ['iife'] as 'iife'[],
  fileName: (): string => 'collections-portfolio.iife.js',
};

/** The reports tab's reader as one IIFE, beside the portfolio reader. */
export const reportsReaderLibrary = {
  entry: fileURLToPath(new URL('./salesforce/reports-page.ts', import.meta.url)),
  name: 'CollectionsReportsReader',
  formats: ['iife'] as 'iife'[],
  fileName: (): string => 'collections-reports.iife.js',
};

function portfolioBuild(): Plugin {
  let outDir = '';
  return {
    name: 'collections-portfolio-build',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      for (const lib of [portfolioLibrary, reportsReaderLibrary]) {
        await build({
          configFile: false,
          root: repoRoot,
          logLevel: 'warn',
          define: { 'process.env.NODE_ENV': JSON.stringify('production') },
          build: { lib, outDir, emptyOutDir: false, target: 'es2022', sourcemap: false, minify: true },
        });
      }
    },
  };
}

export default defineConfig({
  plugins: [portfolioBuild()],
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
