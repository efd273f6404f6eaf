/**
 * Widget build → dist/widget/:
 *   loader.js               IIFE queue stub (cal.com-style, ≤ 3 KB gzip); lazy-loads the core from its own directory
 *   panel.js                ESM entry: a re-export facade of chunks/core-*
 *   chunks/core-[hash].js   everything opening the panel loads: Preact, hooks, shell, summary, shared domain (one instance, see below)
 *   chunks/views-[hash].js  ESM tabs and action forms, prefetched right after the first render
 *   panel.iife.js           single-file IIFE core, global `CollectionsPanelCore` (hosts without ES modules, e.g. LWC loadScript)
 * CSS is imported `?inline` and injected into each shadow root, so no .css file is emitted.
 * Vite 8 uses rolldown/oxc: JSX via oxc's classic runtime (Preact's `h`), see `oxc` below.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

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
// Preact's classic runtime (`h(type, props, ...children)`): ~0.35 KB gzip less than the automatic
// runtime's `jsx(type, { ...props, children: [...] })` calls plus the preact/jsx-runtime module.
// Sources stay runtime-agnostic (tests and other builds may compile them with the automatic runtime):
// `jsxInject` adds the import (none of them imports `h`/`Fragment` itself). In builds it reaches
// every .ts file too, and Preact's module side effects would then pull all of Preact into the
// JSX-free loader: the loader build drops it (`loaderOxc`).
// `development: false` pins production JSX: Vite otherwise follows NODE_ENV, and a build started
// under vitest (NODE_ENV=test, widget/size.test.ts) emitted jsxDEV calls carrying absolute file
// paths and line numbers (~3 KB gzip) into the shipped bundle.
const oxc = {
  jsx: { runtime: 'classic' as const, pragma: 'h', pragmaFrag: 'Fragment', development: false },
  jsxInject: "import { h, Fragment } from 'preact'",
};
const loaderOxc = { jsx: oxc.jsx };
// The minifier keeps `/* @__PURE__ */` annotations (one per JSX element and `new`, ~400 in the panel,
// ~0.5 KB gzip). They only help a bundler that tree-shakes this output again, and pages load it as is.
// Legal comments (`@license`, `/*!`) are kept.
const comments = { legal: true, annotation: false, jsdoc: false };
// Source maps only for scripts/widget-size-report.mjs (per-module gzip attribution); never shipped.
const sourcemap = process.env.PANEL_SIZE_REPORT === '1';

/**
 * Single-file builds cannot split, so the lazy `import('./views')` in lazyViews.ts would only be
 * inlined behind rolldown's lazy module initialisers (one wrapper per module of the views graph,
 * ~0.6 KB gzip). Import the views statically there instead; loadViews() stays asynchronous.
 */
function staticViewsImport(): Plugin {
  return {
    name: 'collections-panel-static-views-import',
    transform(code, id) {
      if (!id.endsWith('/widget/src/ui/lazyViews.ts')) {
        return null;
      }
      const dynamicImport = /\bimport\(\s*["']\.\/views["']\s*\)/;
      if (!dynamicImport.test(code)) {
        this.error(`lazyViews.ts no longer contains import('./views'); update the collections-panel-static-views-import plugin`);
      }
      return { code: `import * as __panelViews from './views';\n${code.replace(dynamicImport, 'Promise.resolve(__panelViews)')}`, map: null };
    },
  };
}

function iifeBuild(entry: string, name: string, fileName: string, outDir: string, oxcOptions: InlineConfig['oxc'] = oxc): InlineConfig {
  return {
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    define,
    oxc: oxcOptions,
    plugins: [staticViewsImport()],
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      sourcemap,
      target: TARGET,
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
      // One file: IIFE hosts cannot load chunks.
      rolldownOptions: { output: { codeSplitting: false, comments } },
    },
  };
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
      await build(iifeBuild(`${widgetDir}src/index.ts`, 'CollectionsPanelCore', 'panel.iife.js', outDir));
      await build(iifeBuild(`${widgetDir}src/loader.ts`, 'CollectionsPanelLoader', 'loader.js', outDir, loaderOxc));
    },
  };
}

/** The part of rolldown's chunking context used here (structural, so rolldown needs no direct import). */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

const openingModulesByGraph = new WeakMap<ModuleGraph, Set<string>>();

/** Modules the entry reaches through static imports: what opening the panel loads (not the lazy views). */
function openingModules(graph: ModuleGraph): Set<string> {
  let modules = openingModulesByGraph.get(graph);
  if (!modules) {
    modules = new Set<string>();
    const pending = [`${widgetDir}src/index.ts`];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (!modules.has(id)) {
        modules.add(id);
        pending.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
      }
    }
    openingModulesByGraph.set(graph, modules);
  }
  return modules;
}

export default defineConfig({
  root: repoRoot,
  publicDir: false,
  define,
  oxc,
  plugins: [extraBuilds()],
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
      // `views` is the lazy chunk; everything shared with the entry is the core chunk.
      // Never let the views import the entry (e.g. preserveEntrySignatures 'allow-extension'): the loader
      // imports `panel.js?v=<version>`, so `./panel.js` from a chunk would evaluate a second panel.js
      // with a second Preact whose hooks and context see no renderer (every section failed in e2e).
      // Instead everything the entry loads statically goes into ONE core chunk and panel.js is a
      // re-export facade: one Preact, one core URL, and ~0.6 KB gzip less than splitting the opening
      // code between panel.js and a shared chunk (one file's gzip overhead and import/export lists).
      output: {
        chunkFileNames: (chunk) => (chunk.name === 'views' ? 'chunks/views-[hash].js' : 'chunks/core-[hash].js'),
        minify: true,
        comments,
        codeSplitting: { groups: [{ debugName: 'core', name: (id: string, ctx: ModuleGraph) => (openingModules(ctx).has(id) ? 'core' : null) }] },
      },
    },
  },
});
