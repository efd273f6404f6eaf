// Builds the `collectionsPanel` static resource for the LWC host:
//   salesforce/lwc-bundle/entry.ts → force-app/main/default/staticresources/collectionsPanel.js (IIFE)
// exposing window.CollectionsPanel (widget mount API) and window.CollectionsLds (connector mapping
// for the Apex/LDS port). Run by the root build: `node salesforce/scripts/build-static-resource.mjs`.
// `--out-dir <dir>` writes elsewhere (test/meta/static-resource.test.ts builds into a temp dir, so it
// never checks a stale committed-tree file).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { formsEager } from '../../scripts/forms-eager.mjs';
import { trustedGuards } from '../../scripts/trusted-guards.mjs';
import { PREACT_JSX, preactJsxImport } from '../../scripts/preact-jsx.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const entry = `${repoRoot}salesforce/lwc-bundle/entry.ts`;
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag >= 0 && process.argv[outDirFlag + 1]
  ? resolve(process.argv[outDirFlag + 1])
  : `${repoRoot}salesforce/force-app/main/default/staticresources`;
const RESOURCE = 'collectionsPanel';

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

await build({
  configFile: false,
  root: repoRoot,
  publicDir: false,
  logLevel: 'warn',
  define: {
    __PANEL_VERSION__: JSON.stringify(version),
    __PANEL_FINGERPRINT__: JSON.stringify(fingerprint()),
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  // Same JSX setup as every panel bundle (scripts/preact-jsx.mjs).
  oxc: { jsx: PREACT_JSX },
  // One classic script: the action forms are imported statically, not as a lazy chunk (decision 0018).
  // The domain runs on the snapshot the in-page connector mapping just validated (zod/mini): no second
  // check by the domain's guards (scripts/trusted-guards.mjs, decision 0018).
  plugins: [trustedGuards(), formsEager(), preactJsxImport()],
  build: {
    outDir,
    // staticresources/ also holds the committed .resource-meta.xml.
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    // ES2022 as the widget (class fields stay native); no /* @__PURE__ */ annotations: the page loads this as is
    // (same comment policy as widget/vite.config.ts; issue 18).
    target: 'es2022',
    rolldownOptions: { output: { comments: { legal: true, annotation: false, jsdoc: false } } },
    // Source maps only for scripts/widget-size-report.mjs --lwc (per-module attribution); never shipped.
    sourcemap: process.env.PANEL_SIZE_REPORT === '1',
    lib: {
      entry,
      formats: ['iife'],
      name: 'CollectionsPanelBundle',
      fileName: () => `${RESOURCE}.js`,
    },
  },
});

const output = `${outDir}/${RESOURCE}.js`;
const code = readFileSync(output, 'utf8');
// The LWC looks for these two globals; a tree-shaken or renamed assignment would break the host.
for (const global of ['CollectionsPanel', 'CollectionsLds']) {
  if (!code.includes(global)) {
    console.error(`[build-static-resource] ${RESOURCE}.js does not assign window.${global}`);
    process.exit(1);
  }
}
// Page bundle rules: no jsforce, no Node built-ins.
for (const forbidden of ['jsforce', 'node:', 'require("fs")']) {
  if (code.includes(forbidden)) {
    console.error(`[build-static-resource] ${RESOURCE}.js contains ${forbidden}`);
    process.exit(1);
  }
}
writeFileSync(
  `${outDir}/${RESOURCE}.resource-meta.xml`,
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    '    <cacheControl>Private</cacheControl>\n' +
    '    <contentType>application/javascript</contentType>\n' +
    '    <description>Collections panel (Preact widget + connector mapping) for the collectionsPanel LWC. Built by npm run build.</description>\n' +
    '</StaticResource>\n',
);
console.log(`[build-static-resource] wrote ${output} (${(statSync(output).size / 1024).toFixed(1)} KB)`);
