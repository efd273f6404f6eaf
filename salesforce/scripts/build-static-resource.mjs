// Builds the `collectionsPanel` static resource for the LWC host:
//   salesforce/lwc-bundle/entry.ts → force-app/main/default/staticresources/collectionsPanel.js (IIFE)
// exposing window.CollectionsPanel (widget mount API) and window.CollectionsLds (connector mapping
// for the Apex/LDS port). Run by the root build: `node salesforce/scripts/build-static-resource.mjs`.
// `--out-dir <dir>` writes elsewhere (test/meta/static-resource.test.ts builds into a temp dir, so it
// never checks a stale committed-tree file).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { build, runnerImport } from 'vite';
import { trustedGuards } from '../../scripts/trusted-guards.mjs';
import { PREACT_JSX, preactJsxImport } from '../../scripts/preact-jsx.mjs';
import { formsFromSecondScript } from '../../scripts/forms-classic.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const entry = `${repoRoot}salesforce/lwc-bundle/entry.ts`;
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag >= 0 && process.argv[outDirFlag + 1]
  ? resolve(process.argv[outDirFlag + 1])
  : `${repoRoot}salesforce/force-app/main/default/staticresources`;
const RESOURCE = 'collectionsPanel';
const FORMS_RESOURCE = 'collectionsPanelForms';
const formsEntry = `${repoRoot}salesforce/lwc-bundle/forms-entry.ts`;

// The bundle re-exports code other parts of the repo provide; fail clearly if they are missing.
const required = [
  ['widget/src/mount.tsx', 'the widget mount API (widget helper)'],
  ['widget/src/version.ts', 'the widget version constants (widget helper)'],
  ['connector/salesforce/snapshot/map.ts', "the connector's mapSnapshot (connector helper)"],
  ['connector/salesforce/writes/records.ts', "the connector's write builders (connector helper)"],
  ['salesforce/lwc-bundle/entry.ts', 'the static resource entry'],
];
const missing = required.filter(([path]) => !existsSync(`${repoRoot}${path}`));
if (missing.length > 0) {
  console.error('[build-static-resource] cannot build the collectionsPanel static resource; missing:');
  for (const [path, what] of missing) {
    console.error(`  - ${path}: ${what}`);
  }
  process.exit(1);
}

function fingerprint() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'dev';
  }
}
const version = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')).version;

const define = {
  __PANEL_VERSION__: JSON.stringify(version),
  __PANEL_FINGERPRINT__: JSON.stringify(fingerprint()),
  'process.env.NODE_ENV': JSON.stringify('production'),
};

/** One classic script (IIFE) into `outDir`; the panel's JSX setup, minifier, target and comment policy. */
function classicScript({ entryFile, name, fileName, plugins, output = {}, treeshake = {} }) {
  return build({
    configFile: false,
    root: repoRoot,
    publicDir: false,
    logLevel: 'warn',
    define,
    // Same JSX setup as every panel bundle (scripts/preact-jsx.mjs).
    oxc: { jsx: PREACT_JSX },
    plugins: [...plugins, preactJsxImport()],
    build: {
      outDir,
      // staticresources/ also holds the committed .resource-meta.xml.
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      // ES2022 as the widget (class fields stay native); no /* @__PURE__ */ annotations: the page loads this as is
      // (same comment policy as widget/vite.config.ts; issue 18).
      target: 'es2022',
      rolldownOptions: { treeshake, output: { comments: { legal: true, annotation: false, jsdoc: false }, ...output } },
      // Source maps only for scripts/widget-size-report.mjs --lwc (per-module attribution); never shipped.
      sourcemap: process.env.PANEL_SIZE_REPORT === '1',
      lib: { entry: entryFile, formats: ['iife'], name, fileName: () => fileName },
    },
  });
}

// The Lightning host's mapping is always `productPreset()` (lds-adapter.ts): plain data, worked out here from
// connector/salesforce/mapping/presets.ts and product-schema.ts, so the page carries the mapping but not the
// package's field table (labels, descriptions, lengths: metadata for the SFDX package) nor the other presets
// (decision 0026). A name that drifts from product-schema.ts now fails this build instead of the page's load.
const PRESETS_MODULE = `${repoRoot}connector/salesforce/mapping/presets.ts`;
const PRECOMPUTED_PRESET = '\0collections-lwc-product-preset';
const { module: presets } = await runnerImport(PRESETS_MODULE, { configFile: false, root: repoRoot, logLevel: 'warn' });
const productPresetData = presets.productPreset();
if (!isDeepStrictEqual(JSON.parse(JSON.stringify(productPresetData)), productPresetData)) {
  console.error('[build-static-resource] productPreset() is not plain data; it cannot be worked out at build time');
  process.exit(1);
}
function precomputedProductPreset() {
  return {
    name: 'collections-lwc-product-preset',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]salesforce[\\/]lwc-bundle[\\/]lds-adapter\.ts$/.test(importer) && /mapping\/presets(\.ts)?$/.test(source)) {
        return PRECOMPUTED_PRESET;
      }
      return null;
    },
    load(id) {
      // A fresh object per call, as productPreset() gives.
      return id === PRECOMPUTED_PRESET ? `export function productPreset() { return ${JSON.stringify(productPresetData)}; }` : null;
    },
  };
}

// The action forms are the second resource (decision 0018, second pass): forms/lazy.ts asks the LWC to load it.
const FORMS_RESOURCE_LOADER = `${repoRoot}salesforce/lwc-bundle/forms-resource.ts`;

// The snapshot's derived parts (contact rules, priority, calendar, next action) are worked out after paint in the
// LWC (decision 0026, second step): in the panel resource, derived-after-paint.ts stands in for
// connector/snapshot-derived.ts in the mapping, for the holiday table in lds-adapter.ts, for the compliance engine and
// the priority gate in the widget's domain bridge, and for useSnapshot in the Panel (which derives the snapshot with
// the forms resource's functions once it is in). The Summary's next action then comes with the derived snapshot.
const DERIVED_AFTER_PAINT = `${repoRoot}salesforce/lwc-bundle/derived-after-paint.ts`;
const AFTER_PAINT_SWAPS = [
  [/[\\/]connector[\\/]salesforce[\\/]snapshot[\\/]map\.ts$/, /^\.\.\/\.\.\/snapshot-derived(\.ts)?$/],
  [/[\\/]salesforce[\\/]lwc-bundle[\\/]lds-adapter\.ts$/, /\/connector\/holidays\/default-source(\.ts)?$/],
  [/[\\/]widget[\\/]src[\\/]domain\.ts$/, /\/connector\/domain\/(compliance\/engine|priority)(\.ts)?$/],
  [/[\\/]widget[\\/]src[\\/]ui[\\/]Panel\.tsx$/, /^\.\.\/state\/useSnapshot(\.ts)?$/],
];
function derivedAfterPaint() {
  return {
    name: 'collections-lwc-derived-after-paint',
    enforce: 'pre',
    resolveId(source, importer) {
      return importer && AFTER_PAINT_SWAPS.some(([from, what]) => from.test(importer) && what.test(source)) ? DERIVED_AFTER_PAINT : null;
    },
  };
}

// The shipped profile table is data (profiles.ts only freezes its own objects): when nothing in the panel reads it
// (the REST query builder's activity window, snapshot/build.ts, is never called in the LWC), it must not stay for its
// top-level calls the bundler cannot prove free of side effects.
const PROFILE_TABLE = /[\\/]connector[\\/]domain[\\/]compliance[\\/](profiles|profile-rules)\.ts$/;
function profileTableIsData() {
  return {
    name: 'collections-lwc-profile-table-is-data',
    transform(source, id) {
      return PROFILE_TABLE.test(id) ? { code: source, moduleSideEffects: false } : null;
    },
  };
}

// The domain model's zod/mini re-check of each converted record is left out of the panel (decision 0026, third
// step): the converters are the boundary check, and model-check.equivalence.test.ts tests field by field that they enforce the model (no cross-field rules: model-check.single-field.test.ts).
const MODEL_CHECK_BY_CONVERTERS = `${repoRoot}salesforce/lwc-bundle/model-check-by-converters.ts`;
function modelCheckByConverters() {
  return {
    name: 'collections-lwc-model-check-by-converters',
    enforce: 'pre',
    resolveId(source, importer) {
      const fromMapping = importer && /[\\/]connector[\\/]salesforce[\\/]snapshot[\\/]map\.ts$/.test(importer) && /^\.\/model-check(\.ts)?$/.test(source);
      return fromMapping ? MODEL_CHECK_BY_CONVERTERS : null;
    },
  };
}

// In the forms resource, the instances it must share with the panel come from window.CollectionsPanelShared:
// one Preact tree (preact, hooks, the panel's contexts), one ConnectorError / DomainValidationError class (the
// widget reads errors by kind, but the write-once layer and the forms test `instanceof`), and the panel's Apex
// read functions (lds-adapter.ts: the writer maps fresh snapshots with the code the panel already loaded).
const SHARED_CONTEXT = 'collections-panel-shared-context';
const SHARED_MODULES = new Map([
  [`${repoRoot}widget/src/state/context.ts`, { id: SHARED_CONTEXT, global: 'CollectionsPanelShared.context' }],
  [`${repoRoot}connector/errors.ts`, { id: 'collections-panel-shared-errors', global: 'CollectionsPanelShared.errors' }],
  [`${repoRoot}connector/domain/errors.ts`, { id: 'collections-panel-shared-domain-errors', global: 'CollectionsPanelShared.domainErrors' }],
  [`${repoRoot}salesforce/lwc-bundle/lds-adapter.ts`, { id: 'collections-panel-shared-lds', global: 'CollectionsPanelShared.lds' }],
  [`${repoRoot}connector/salesforce/picklists.ts`, { id: 'collections-panel-shared-picklists', global: 'CollectionsPanelShared.picklists' }],
  // Never bound in the forms (disputes/owner.ts imports it for the tab's list only): kept out, not shared.
  [`${repoRoot}connector/salesforce/snapshot/map.ts`, { id: 'collections-panel-shared-map', global: 'CollectionsPanelShared.map' }],
]);
function sharedFromPanel() {
  return {
    name: 'collections-lwc-shared-from-panel',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'preact' || source === 'preact/hooks') {
        return { id: source, external: true };
      }
      if (importer && source.startsWith('.')) {
        const path = resolve(dirname(importer), source);
        const shared = SHARED_MODULES.get(path) ?? SHARED_MODULES.get(`${path}.ts`);
        if (shared) {
          return { id: shared.id, external: true };
        }
      }
      return null;
    },
  };
}
const SHARED_GLOBALS = Object.fromEntries([...SHARED_MODULES.values()].map(({ id, global }) => [id, global]));

// The panel (what the record page loads on open): mount API, connector mapping; the write path and the derived parts
// load after paint with the forms (decision 0026). The page's domain runs on the snapshot the in-page converters just
// checked, so no second check by the domain's guards (scripts/trusted-guards.mjs).
await classicScript({ entryFile: entry, name: 'CollectionsPanelBundle', fileName: `${RESOURCE}.js`, plugins: [trustedGuards(), formsFromSecondScript(FORMS_RESOURCE_LOADER), precomputedProductPreset(), derivedAfterPaint(), profileTableIsData(), modelCheckByConverters()] });
// The forms and the write path: loaded on idle, first use or first write, sharing the panel's Preact, hooks,
// contexts, error classes and Apex mapping.
await classicScript({
  entryFile: formsEntry,
  name: 'CollectionsPanelFormsBundle',
  fileName: `${FORMS_RESOURCE}.js`,
  plugins: [trustedGuards(), sharedFromPanel()],
  output: { globals: { preact: 'CollectionsPanelShared.preact', 'preact/hooks': 'CollectionsPanelShared.hooks', ...SHARED_GLOBALS } },
});

const output = `${outDir}/${RESOURCE}.js`;
const code = readFileSync(output, 'utf8');
const formsOutput = `${outDir}/${FORMS_RESOURCE}.js`;
const formsCode = readFileSync(formsOutput, 'utf8');
function fail(message) {
  console.error(`[build-static-resource] ${message}`);
  process.exit(1);
}
// The LWC looks for these globals; a tree-shaken or renamed assignment would break the host.
for (const global of ['CollectionsPanel', 'CollectionsLds', 'CollectionsPanelShared']) {
  if (!code.includes(global)) {
    fail(`${RESOURCE}.js does not assign window.${global}`);
  }
}
for (const global of ['CollectionsPanelForms', 'CollectionsLdsAfterPaint']) {
  if (!formsCode.includes(global)) {
    fail(`${FORMS_RESOURCE}.js does not assign window.${global}`);
  }
}
// One Preact: the forms resource reads it from the panel's (a second copy would render outside its hooks).
if (!formsCode.includes('CollectionsPanelShared.preact') || /Symbol\.for\(.pv.\)/.test(formsCode)) {
  fail(`${FORMS_RESOURCE}.js must use the panel's Preact (CollectionsPanelShared), not bundle its own`);
}
// The panel resource must not carry the forms (they are the second resource's).
if (code.includes('Every two weeks')) {
  fail(`${RESOURCE}.js carries the action forms (forms/lazy.ts should load ${FORMS_RESOURCE})`);
}
// Nor the write path (lds-writes.ts plans writes after paint, decision 0026).
if (code.includes('Lightning host cannot perform this write')) {
  fail(`${RESOURCE}.js carries the write path (it belongs to ${FORMS_RESOURCE}, loaded after paint)`);
}
// Nor the strategy code, the contact rules or the holiday table (the derived parts come after paint: derived-after-paint.ts).
for (const [marker, what] of [['could not be worked out here', 'the strategy code'], ['Confirm where the debtor is', 'the compliance engine'], ['FDCPA', 'the compliance profiles'], ['date-holidays', 'the holiday table']]) {
  if (code.includes(marker)) {
    fail(`${RESOURCE}.js carries ${what} (it belongs to ${FORMS_RESOURCE}, loaded after paint)`);
  }
}
// Nor zod/mini (decision 0026, third step): the converters are the page's boundary check, tested equivalent to
// the model's schemas (model-check.equivalence.test.ts); a page module importing a schema module brings zod back.
if (/_zod|\$Zod/.test(code)) {
  fail(`${RESOURCE}.js carries zod/mini (a page module imports a schema module: port.ts, mapping/schema.ts, domain/model.ts, compliance/profile.ts?)`);
}
// Every instance the forms resource takes from the panel must be one the panel shares (entry.ts).
const sharedByPanel = new Set((/CollectionsPanelShared=\{([^}]*)\}/.exec(code)?.[1] ?? '').split(',').map((entry) => entry.split(':')[0].trim()));
for (const [, name] of formsCode.matchAll(/CollectionsPanelShared\.(\w+)/g)) {
  if (!sharedByPanel.has(name)) {
    fail(`${FORMS_RESOURCE}.js takes CollectionsPanelShared.${name}, which ${RESOURCE}.js does not share (salesforce/lwc-bundle/entry.ts)`);
  }
}
// One ConnectorError and one mapping in the page: the forms resource takes them from the panel's.
if (!formsCode.includes('CollectionsPanelShared.errors') || !formsCode.includes('CollectionsPanelShared.lds')) {
  fail(`${FORMS_RESOURCE}.js must use the panel's error classes and Apex mapping (CollectionsPanelShared)`);
}
// Page bundle rules: no jsforce, no Node built-ins.
for (const [file, text] of [[RESOURCE, code], [FORMS_RESOURCE, formsCode]]) {
  for (const forbidden of ['jsforce', 'node:', 'require("fs")']) {
    if (text.includes(forbidden)) {
      fail(`${file}.js contains ${forbidden}`);
    }
  }
}

/** The committed resource-meta.xml of each resource (test/meta/static-resource.test.ts compares them). */
function writeMeta(resource, description) {
  writeFileSync(
    `${outDir}/${resource}.resource-meta.xml`,
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
      '    <cacheControl>Private</cacheControl>\n' +
      '    <contentType>application/javascript</contentType>\n' +
      `    <description>${description}</description>\n` +
      '</StaticResource>\n',
  );
}
writeMeta(RESOURCE, 'Collections panel (Preact widget + connector mapping) for the collectionsPanel LWC. Built by npm run build.');
writeMeta(FORMS_RESOURCE, 'Collections panel action forms, loaded by the collectionsPanel LWC on first use. Built by npm run build.');
console.log(`[build-static-resource] wrote ${output} (${(statSync(output).size / 1024).toFixed(1)} KB) and ${formsOutput} (${(statSync(formsOutput).size / 1024).toFixed(1)} KB)`);

// The Lightning tabs' resources (docs/decisions/0023): the worklist and the reports view, each an
// IIFE over the Apex portfolio client (a library IIFE build inlines the reports' lazy xlsx writer: one classic script).
const TAB_RESOURCES = [
  { name: 'collectionsWorklist', entry: 'salesforce/lwc-bundle/worklist-entry.ts', global: 'CollectionsWorklist', description: 'Collections worklist (Preact widget + connector portfolio pass over Apex) for the collectionsWorklist LWC. Built by npm run build.' },
  { name: 'collectionsReports', entry: 'salesforce/lwc-bundle/reports-entry.ts', global: 'CollectionsReports', description: 'Collections reports view (Preact widget + connector report pass over Apex) for the collectionsReports LWC. Built by npm run build.' },
  // "Disputes waiting for me" (issue 19): the sales owner's side of disputes over CollectionsDisputesController.
  { name: 'collectionsDisputes', entry: 'salesforce/lwc-bundle/disputes-entry.ts', global: 'CollectionsDisputes', description: 'Collections disputes waiting for me (Preact widget + connector dispute mapping over Apex) for the collectionsDisputes LWC. Built by npm run build.' },
];
for (const tab of TAB_RESOURCES) {
  await build({
    configFile: false,
    root: repoRoot,
    publicDir: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: PREACT_JSX },
    plugins: [preactJsxImport()],
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      target: 'es2020',
      sourcemap: false,
      lib: { entry: `${repoRoot}${tab.entry}`, formats: ['iife'], name: `${tab.global}Bundle`, fileName: () => `${tab.name}.js` },
    },
  });
  const file = `${outDir}/${tab.name}.js`;
  const text = readFileSync(file, 'utf8');
  for (const forbidden of [tab.global, 'jsforce', 'node:', 'require("fs")']) {
    if ((forbidden === tab.global) !== text.includes(forbidden)) {
      console.error(`[build-static-resource] ${tab.name}.js: ${forbidden === tab.global ? `does not assign window.${tab.global}` : `contains ${forbidden}`}`);
      process.exit(1);
    }
  }
  writeMeta(tab.name, tab.description);
  console.log(`[build-static-resource] wrote ${file} (${(statSync(file).size / 1024).toFixed(1)} KB)`);
}
