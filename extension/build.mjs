// Builds the MV3 extension: one standalone IIFE per script (Chrome loads content scripts and the worker as
// classic scripts; Jetstream vite.plugins.mts), the options page, manifests for Chrome and Firefox, and zips.
//
//   node extension/build.mjs                                      → dist/extension/{chrome,firefox}/ + zips
//   EXTENSION_DEV_ORIGINS=http://127.0.0.1:* node extension/build.mjs
//                                                                 → dist/extension-dev/… (adds the local sandbox
//                                                                   origin; production output never contains it)
//
// Programmatic use (tests): `import { buildExtension } from './extension/build.mjs'`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, zipSync } from 'fflate';
import { tsImport } from 'tsx/esm/api';
import { build } from 'vite';
import { PREACT_JSX, preactJsxImport } from '../scripts/preact-jsx.mjs';
import { trustedGuards } from '../scripts/trusted-guards.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/** Parses `EXTENSION_DEV_ORIGINS` (comma-separated origins). */
export function devOriginsFromEnv(value = process.env.EXTENSION_DEV_ORIGINS) {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * @param {{ outDir?: string, devOrigins?: string[], minify?: boolean, zip?: boolean, quiet?: boolean, shadowMode?: 'open' | 'closed' }} [options]
 * @returns {Promise<{ chromeDir: string, firefoxDir: string, zips: string[], sizes: Record<string, { raw: number, gzip: number }> }>}
 */
export async function buildExtension(options = {}) {
  const devOrigins = options.devOrigins ?? [];
  const outDir = resolve(root, options.outDir ?? (devOrigins.length > 0 ? 'dist/extension-dev' : 'dist/extension'));
  const chromeDir = join(outDir, 'chrome');
  const firefoxDir = join(outDir, 'firefox');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(chromeDir, { recursive: true });

  const { buildManifest, ENTRIES, PANEL_LAZY_FILES } = await tsImport('./src/manifest.ts', import.meta.url);
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const fingerprint = gitFingerprint();

  for (const { name, file, format } of ENTRIES) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      // Same JSX setup as the widget's config: the panel core bundles the Preact panel from source.
      oxc: { jsx: PREACT_JSX },
      // The panel (panel.js + panel-forms.js) renders snapshots the worker's connector validated: no second
      // check by the domain's guards in the page, as in the widget's and the LWC's panel builds (scripts/trusted-guards.mjs).
      plugins: name === 'panel-core' ? [trustedGuards(), preactJsxImport()] : [preactJsxImport()],
      define: {
        __DEV_ORIGINS__: JSON.stringify(devOrigins),
        // Closed shadow roots unless a test build asks to inspect them.
        __SHADOW_MODE__: JSON.stringify(options.shadowMode ?? 'closed'),
        // The widget reports which code runs on a customer page (widget/src/version.ts).
        __PANEL_VERSION__: JSON.stringify(version),
        __PANEL_FINGERPRINT__: JSON.stringify(fingerprint),
        'process.env.NODE_ENV': JSON.stringify('production'),
      },
      build: {
        outDir: chromeDir,
        emptyOutDir: false,
        target: ['chrome116', 'firefox128'],
        minify: options.minify ?? true,
        sourcemap: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        // One file per entry: classic scripts cannot load chunks, and the ES-module panel core (panel.js,
        // imported lazily by the content script) has no lazy parts of its own (decision 0009).
        // `minify` in output too: Vite's lib mode leaves whitespace in ES-module output (panel.js) otherwise,
        // ~4.7 KB gzip (issue 18); same comment policy as the widget (legal comments only).
        // The ES-module panel core (panel.js) splits off the action forms (panel-forms.js, imported after first
        // paint; issue 18): the content script imports panel.js by its plain extension URL, so the forms chunk's
        // `import "./panel.js"` is the same module instance (no facade needed, unlike the widget's versioned URL).
        rolldownOptions: {
          preserveEntrySignatures: format === 'es' ? 'allow-extension' : 'strict',
          output: {
            codeSplitting: format === 'es',
            // One lazy chunk only: a second would get a suffixed name and fail the output check below.
            chunkFileNames: 'panel-forms.js',
            minify: options.minify ?? true,
            comments: { legal: true, annotation: false, jsdoc: false },
          },
        },
        lib: {
          entry: join(here, 'src', `${name}.ts`),
          formats: [format],
          name: `collectionsPanel_${name.replace(/\W/g, '_')}`,
          fileName: () => file,
        },
      },
    });
  }
  const unexpected = readdirSync(chromeDir).filter((f) => !ENTRIES.some((entry) => entry.file === f) && !PANEL_LAZY_FILES.includes(f));
  const missingLazy = PANEL_LAZY_FILES.filter((f) => !readdirSync(chromeDir).includes(f));
  if (missingLazy.length > 0) {
    throw new Error(`[extension] expected lazy chunk(s) missing (renamed?): ${missingLazy.join(', ')}`);
  }
  if (unexpected.length > 0) {
    throw new Error(`[extension] unexpected build output (code splitting?): ${unexpected.join(', ')}`);
  }
  const { PAGE_FILES, WIDGET_PAGES } = await tsImport('./src/manifest.ts', import.meta.url);
  const shell = readFileSync(join(here, 'src', 'widget-page.html'), 'utf8');
  for (const page of PAGE_FILES) {
    const widgetPage = WIDGET_PAGES.find((candidate) => candidate.file === page);
    if (widgetPage) {
      writeFileSync(join(chromeDir, page), shell.replace(/\{\{(title|slot|script)\}\}/g, (_, key) => widgetPage[key]));
    } else {
      copyFileSync(join(here, 'src', page), join(chromeDir, page));
    }
  }

  // Firefox gets the very same bundles, only its manifest differs.
  cpSync(chromeDir, firefoxDir, { recursive: true });
  for (const [target, dir] of [['chrome', chromeDir], ['firefox', firefoxDir]]) {
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(buildManifest({ target, version, devOrigins }), null, 2)}\n`);
  }

  const sizes = {};
  for (const file of Object.keys(readTree(chromeDir)).filter((f) => f.endsWith('.js'))) {
    const bytes = readFileSync(join(chromeDir, file));
    sizes[file] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }

  const zips = [];
  if (options.zip ?? true) {
    for (const [target, dir] of [['chrome', chromeDir], ['firefox', firefoxDir]]) {
      const zipPath = join(outDir, `collections-panel-${target}-${version}${devOrigins.length > 0 ? '-dev' : ''}.zip`);
      writeFileSync(zipPath, zipSync(readTree(dir), { level: 9 }));
      zips.push(zipPath);
    }
  }
  if (!options.quiet) {
    for (const [file, size] of Object.entries(sizes)) {
      console.log(`[extension] ${file}: ${(size.raw / 1024).toFixed(1)} KB, ${(size.gzip / 1024).toFixed(1)} KB gzip`);
    }
    console.log(`[extension] ${relative(root, chromeDir)}, ${relative(root, firefoxDir)}${zips.map((z) => `, ${relative(root, z)}`).join('')}`);
  }
  return { chromeDir, firefoxDir, zips, sizes };
}

function gitFingerprint() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'dev';
  }
}

/** Files under `dir` as fflate's zip input (paths relative, forward slashes, fixed mtime for reproducible zips). */
function readTree(dir, prefix = '') {
  const tree = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      Object.assign(tree, readTree(path, `${prefix}${name}/`));
    } else {
      tree[`${prefix}${name}`] = [readFileSync(path), { mtime: new Date('2026-01-01T00:00:00Z') }];
    }
  }
  return tree;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildExtension({ devOrigins: devOriginsFromEnv() }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
