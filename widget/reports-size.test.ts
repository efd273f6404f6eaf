// @vitest-environment node
/**
 * The reports view's own budget (issue "Reports for management": nothing over ~25 KB gzip of chart
 * code loaded up front). Builds only the reports entry (vite.config.ts `reportsBuild`) into a fresh
 * temp dir. What loads up front is reports.js and every chunk it imports statically; the xlsx writer
 * must stay a chunk imported dynamically, on Export.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ceilingOf } from '../scripts/size-budgets.mjs';
import { reportsBuild } from './vite.config';

/**
 * Measured (node zlib, level 9) when the view was added: reports.js 21,596 B up front (Preact + hooks
 * ~5.5 KB, the domain's report definitions with promises, metrics, money, dates and guards, the SVG
 * charts, filters and CSS); the write-excel-file chunk 19,530 B, loaded on Export. Ceiling = measured
 * + ~300 B headroom; never raise it without writing the reason, and never above 25 KB. The ceilings of every
 * shipped file are in one table: scripts/size-budgets.mjs (issue 18).
 */
const REPORTS_UP_FRONT_CEILING = ceilingOf('reports');
const REPORTS_XLSX_CEILING = ceilingOf('reports-xlsx');

let outDir = '';
const text = (file: string) => readFileSync(join(outDir, file), 'utf8');
const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;

function staticClosure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) {
    return seen;
  }
  seen.add(entry);
  const dir = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  for (const match of text(entry).matchAll(/\b(?:from|import)\s*["'`](\.\.?\/[^"'`]+)["'`]/g)) {
    staticClosure(new URL(match[1] as string, `file:///${dir}`).pathname.slice(1), seen);
  }
  return seen;
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'reports-size-'));
  await build(reportsBuild(outDir));
}, 120_000);

afterAll(() => {
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true });
  }
});

describe('reports view bundle (gzip -9)', () => {
  it(`loads ≤ ${REPORTS_UP_FRONT_CEILING} B up front, the xlsx writer only on Export`, () => {
    const chunks = readdirSync(join(outDir, 'chunks')).map((f) => `chunks/${f}`);
    const upFront = [...staticClosure('reports.js')];
    const total = upFront.reduce((sum, f) => sum + gz(f), 0);
    const lazy = chunks.filter((f) => !upFront.includes(f));
    console.info(`[size] reports up front ${upFront.join(' + ')} = ${total} B gzip; lazy ${lazy.map((f) => `${f} ${gz(f)} B`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(REPORTS_UP_FRONT_CEILING);
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy.reduce((sum, f) => sum + gz(f), 0)).toBeLessThanOrEqual(REPORTS_XLSX_CEILING);
    expect(lazy.some((f) => /sheetData|xl\/workbook|spreadsheetml/.test(text(f)))).toBe(true);
    expect(upFront.some((f) => /spreadsheetml/.test(text(f)))).toBe(false);
    expect(text('reports.js')).toMatch(/import\(["'`]\.\/chunks\//);
  });

  it('carries no jsforce, classic zod or Node built-ins', () => {
    for (const file of ['reports.js', ...readdirSync(join(outDir, 'chunks')).map((f) => `chunks/${f}`)]) {
      expect(text(file), file).not.toMatch(/jsforce|[`"']Zod(?:String|Object)[`"']|\brequire\(\s*["'`](?:node:)?(?:fs|path|stream)["'`]/);
    }
  });
});
