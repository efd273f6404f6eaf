/**
 * Widget build → dist/widget/:
 *   loader.js               IIFE queue stub (cal.com-style, ≤ 3 KB gzip); lazy-loads the core from its own directory
 *   panel.js                ESM entry: a re-export facade of chunks/core-* (stable URL, the loader imports it)
 *   chunks/core-[hash].js   the whole panel: Preact, hooks, shell, summary, tabs, forms, domain (content-hashed, cacheable)
 *   panel.iife.js           the same panel as a classic script, global `CollectionsPanelCore` (hosts without ES modules)
 *   panel-forms.iife.js     its action forms, a second classic script it adds on idle or first use (decision 0018)
 *   worklist.js             the worklist ("My day") as one IIFE, global `CollectionsWorklist` (its own page, its own ceiling)
 * No lazy views chunk (decision 0009): it was prefetched on every open anyway and cost ~1.4 KB gzip in total.
 * CSS is imported `?inline` and injected into each shadow root, so no .css file is emitted.
 * Vite 8 uses rolldown/oxc: JSX via oxc's classic runtime (Preact's `h`), see `oxc` below.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import { formsFromSecondScript, SHARED_GLOBALS, sharedFromPanel } from '../scripts/forms-classic.mjs';
import { trustedGuards } from '../scripts/trusted-guards.mjs';
import { PREACT_JSX, preactJsxImport } from '../scripts/preact-jsx.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const widgetDir = fileURLToPath(new URL('.', import.meta.url));

function fingerprint(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch (_error) {
    return 'dev';
  }
}

const version = (JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string }).version;
const define = {
  __PANEL_VERSION__: JSON.stringify(version),
  __PANEL_FINGERPRINT__: JSON.stringify(fingerprint()),
  'process.env.NODE_ENV': JSON.stringify('production'),
};
// ES2022 keeps class fields native: es2020 lowered them through oxc runtime helpers (defineProperty,
// toPrimitive, typeof; ~0.3 KB gzip). Every browser Salesforce Lightning supports runs ES2022.
const TARGET = 'es2022';
// JSX: Preact's classic runtime, the import added to .tsx modules only (scripts/preact-jsx.mjs).
const oxc = { jsx: PREACT_JSX };
// The minifier keeps `/* @__PURE__ */` annotations (one per JSX element and `new`, ~400 in the panel,
// ~0.5 KB gzip). They only help a bundler that tree-shakes this output again, and pages load it as is.
// Legal comments (`@license`, `/*!`) are kept.
const comments = { legal: true, annotation: false, jsdoc: false };
// Source maps only for scripts/widget-size-report.mjs (per-module gzip attribution); never shipped.
const sourcemap = process.env.PANEL_SIZE_REPORT === '1';

/**
 * Two chunks in the ESM build (issue 18): `core` is the entry module and everything it imports
 * statically (a group takes its modules' dependencies along); `forms` is what only the lazily
 * loaded forms (widget/src/forms/index.ts, through forms/lazy.ts) need.
 */
const PANEL_ENTRY = /widget[\\/]src[\\/]index\.ts$/;

/** A page entry built on its own (same JSX, minifier, target and comments as the panel). */
function entryBuild(outDir: string, lib: NonNullable<NonNullable<InlineConfig['build']>['lib']>, output: Record<string, unknown>): InlineConfig {
  return {
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    define,
    oxc,
    plugins: [preactJsxImport()],
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      sourcemap,
      target: TARGET,
      copyPublicDir: false,
      lib,
      rolldownOptions: { output: { ...output, comments } },
    },
  };
}

function iifeBuild(entry: string, name: string, fileName: string, outDir: string, plugins: Plugin[] = [], output: Record<string, unknown> = {}): InlineConfig {
  const config = entryBuild(outDir, { entry, formats: ['iife'], name, fileName: () => fileName }, { codeSplitting: false, ...output });
  return { ...config, plugins: [...plugins, ...(config.plugins ?? [])] };
}

/**
 * The reports view (widget/src/reports): its own ESM entry in `reports/` with its own size ceiling
 * (widget/reports-size.test.ts); write-excel-file's browser export stays a lazy chunk (Export only).
 */
export function reportsBuild(outDir: string): InlineConfig {
  return entryBuild(outDir, { entry: `${widgetDir}src/reports/index.ts`, formats: ['es'], fileName: () => 'reports.js' }, { chunkFileNames: 'chunks/[name]-[hash].js', minify: true });
}

/** After the ESM core: the single-file IIFE core and the loader, into the same (possibly overridden) outDir. */
function extraBuilds(): Plugin {
  let outDir = '';
  return {
    name: 'collections-panel-extra-builds',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      // The panel renders snapshots the connector validated: no second check in the page (scripts/trusted-guards.mjs).
      // Two classic scripts (decision 0018, fifth pass): the panel, which adds its forms script on idle or first use
      // (forms/import-forms-classic.ts), and the forms, on the panel's Preact, hooks and contexts (one Preact).
      await build(iifeBuild(`${widgetDir}src/index.ts`, 'CollectionsPanelCore', 'panel.iife.js', outDir, [trustedGuards(), formsFromSecondScript()]));
      await build(iifeBuild(`${widgetDir}src/forms/classic-entry.ts`, 'CollectionsPanelFormsBundle', 'panel-forms.iife.js', outDir, [trustedGuards(), sharedFromPanel()], { globals: SHARED_GLOBALS }));
      await build(iifeBuild(`${widgetDir}src/loader.ts`, 'CollectionsPanelLoader', 'loader.js', outDir));
      await build(reportsBuild(`${outDir}/reports`));
      await build(iifeBuild(`${widgetDir}src/worklist/index.tsx`, 'CollectionsWorklist', 'worklist.js', outDir));
      await build(iifeBuild(`${widgetDir}src/disputes/index.tsx`, 'CollectionsDisputes', 'disputes.js', outDir));
    },
  };
}

export default defineConfig({
  root: repoRoot,
  publicDir: false,
  define,
  oxc,
  // trustedGuards: the panel renders snapshots the connector validated, so the page skips the domain's second check.
  plugins: [trustedGuards(), preactJsxImport(), extraBuilds()],
  build: {
    outDir: `${repoRoot}dist/widget`,
    emptyOutDir: true,
    minify: true,
    target: TARGET,
    sourcemap,
    lib: {
      entry: `${widgetDir}src/index.ts`,
      formats: ['es'],
      fileName: () => 'panel.js',
    },
    rolldownOptions: {
      // panel.js is a re-export facade of ONE content-hashed core chunk: hosts and the loader import a
      // stable `panel.js?v=<version>` while the core is cached immutably. Never let a chunk import the
      // entry (e.g. preserveEntrySignatures 'allow-extension'): `./panel.js` without the query would
      // evaluate a second panel.js with a second Preact whose hooks and context see no renderer.
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        comments,
        // Two chunks: `forms` (widget/src/forms, imported dynamically by forms/lazy.ts after first paint,
        // issue 18) and `core` (everything else, Preact included). The forms chunk imports the core.
        codeSplitting: { groups: [{ name: 'core', test: PANEL_ENTRY, priority: 2 }, { name: 'forms', priority: 1 }] },
      },
    },
  },
});
