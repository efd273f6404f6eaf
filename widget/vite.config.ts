/**
 * Widget build → dist/widget/:
 *   panel.js       ESM panel core (extension content script / LWC host import it)
 *   panel.iife.js  IIFE panel core, global `CollectionsPanelCore` (loaded lazily by loader.js)
 *   loader.js      IIFE queue stub (cal.com-style) that lazy-loads panel.iife.js from its own directory
 * CSS is imported `?inline` and injected into each shadow root, so no .css file is emitted.
 * Vite 8 uses rolldown/oxc: JSX via oxc's automatic runtime with preact as import source.
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
const oxc = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };

/** Builds loader.js after the panel, into the same (possibly overridden) outDir. */
function loaderBuild(): Plugin {
  let outDir = '';
  return {
    name: 'collections-panel-loader',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const loaderConfig: InlineConfig = {
        configFile: false,
        root: repoRoot,
        logLevel: 'warn',
        define,
        oxc,
        build: {
          outDir,
          emptyOutDir: false,
          minify: true,
          target: 'es2020',
          copyPublicDir: false,
          lib: {
            entry: `${widgetDir}src/loader.ts`,
            formats: ['iife'],
            name: 'CollectionsPanelLoader',
            fileName: () => 'loader.js',
          },
        },
      };
      await build(loaderConfig);
    },
  };
}

export default defineConfig({
  root: repoRoot,
  publicDir: false,
  define,
  oxc,
  plugins: [loaderBuild()],
  build: {
    outDir: `${repoRoot}dist/widget`,
    emptyOutDir: true,
    minify: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: `${widgetDir}src/index.ts`,
      formats: ['es', 'iife'],
      name: 'CollectionsPanelCore',
      fileName: (format) => (format === 'es' ? 'panel.js' : 'panel.iife.js'),
    },
  },
});
