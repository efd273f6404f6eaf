#!/usr/bin/env node
/**
 * Where the panel's gzip bytes go: builds the widget with source maps into a temp dir and prints,
 * per source module, its minified bytes and its marginal gzip cost (gzip of the whole file minus
 * gzip of the file without that module's bytes). Marginal costs do not add up exactly to the total:
 * gzip shares repeated text between modules.
 *
 *   node scripts/widget-size-report.mjs            # panel.iife.js and panel-forms.iife.js (the two classic scripts)
 *   node scripts/widget-size-report.mjs --esm      # panel.js + chunks/*, one table per file
 *   node scripts/widget-size-report.mjs --lwc      # the LWC static resource (collectionsPanel.js)
 *   node scripts/widget-size-report.mjs --connector  # the page connector (collections-connector.js)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
process.env.PANEL_SIZE_REPORT = '1';
const { build } = await import('vite');

const gz = (text) => gzipSync(text, { level: 9 }).length;

function report(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const owner = new Int32Array(code.length).fill(-1);
  // decode(): per generated line, segments [column, sourceIndex, …]; a one-field segment maps to no source.
  const marks = decode(map.mappings).flatMap((line, index) =>
    line.map((segment) => ({ at: lineStarts[index] + segment[0], source: segment.length > 1 ? segment[1] : -1 })),
  );
  marks.sort((a, b) => a.at - b.at);
  marks.forEach((mark, i) => owner.fill(mark.source, mark.at, marks[i + 1]?.at ?? code.length));
  const total = gz(code);
  const bytes = new Map();
  owner.forEach((source) => bytes.set(source, (bytes.get(source) ?? 0) + 1));
  const rows = [...bytes].map(([source, raw]) => {
    let rest = '';
    for (let i = 0; i < code.length; i++) {
      if (owner[i] !== source) {
        rest += code[i];
      }
    }
    const name = source < 0 ? '(glue, inlined CSS)' : relative(repoRoot, resolve(dirname(file), map.sources[source])).replace(/^.*node_modules\//, 'node_modules/');
    return { name, raw, marginal: total - gz(rest) };
  });
  rows.sort((a, b) => b.marginal - a.marginal);
  console.log(`\n${relative(outDir, file)}: ${total} B gzip, ${code.length} B minified`);
  console.log('  gzip(marginal)  minified  module');
  for (const row of rows) {
    console.log(`${String(row.marginal).padStart(16)}  ${String(row.raw).padStart(8)}  ${row.name}`);
  }
}

const outDir = mkdtempSync(join(tmpdir(), 'panel-size-'));
try {
  if (process.argv.includes('--lwc')) {
    execFileSync(process.execPath, [join(repoRoot, 'salesforce/scripts/build-static-resource.mjs'), '--out-dir', outDir], { stdio: 'inherit' });
    report(join(outDir, 'collectionsPanel.js'));
    process.exit(0);
  }
  if (process.argv.includes('--connector')) {
    await build({ configFile: join(repoRoot, 'connector/vite.config.ts'), logLevel: 'warn', build: { outDir, sourcemap: true } });
    report(join(outDir, 'collections-connector.js'));
    process.exit(0);
  }
  await build({ configFile: join(repoRoot, 'widget/vite.config.ts'), logLevel: 'warn', build: { outDir } });
  if (process.argv.includes('--esm')) {
    const chunks = readdirSync(join(outDir, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => join(outDir, 'chunks', f));
    for (const file of chunks) {
      report(file);
    }
  } else {
    report(join(outDir, 'panel.iife.js'));
    report(join(outDir, 'panel-forms.iife.js'));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
