/**
 * Every shipped file within its ceiling (issue 18, decision 0018). Builds every bundle fresh into one temp
 * layout with the same commands as `npm run build` (so it can never pass on a stale dist/), then measures
 * the rows of scripts/size-budgets.mjs, the table the build prints.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../extension/build.mjs';
import { BUDGETS, formatTable, measure, type MeasuredBudget } from '../../scripts/size-budgets.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
let rows: MeasuredBudget[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'size-budgets-'));
  const dist = join(dir, 'dist');
  const sr = join(dir, 'staticresources');
  mkdirSync(sr, { recursive: true });
  await build({ configFile: join(ROOT, 'connector/vite.config.ts'), logLevel: 'silent', build: { outDir: join(dist, 'connector'), emptyOutDir: true, sourcemap: false } });
  await build({ configFile: join(ROOT, 'widget/vite.config.ts'), logLevel: 'silent', build: { outDir: join(dist, 'widget'), emptyOutDir: true } });
  await buildExtension({ outDir: join(dist, 'extension'), zip: false, quiet: true });
  execFileSync(process.execPath, [join(ROOT, 'salesforce/scripts/build-static-resource.mjs'), '--out-dir', sr], { stdio: 'pipe' });
  rows = measure({ dist, sr });
  console.info(`[size]\n${formatTable(rows)}`);
}, 240_000);

afterAll(() => {
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('shipped file sizes (gzip -9)', () => {
  it('has one row per shipped file, each file found exactly once', () => {
    expect(rows.map((row) => row.id)).toEqual(BUDGETS.map((budget) => budget.id));
    const paths = rows.flatMap((row) => row.paths);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(BUDGETS.map((budget) => [budget.label, budget.id]))('%s within its ceiling', (_label, id) => {
    const row = rows.find((candidate) => candidate.id === id)!;
    expect(row.gzip, `${row.label}: ${row.gzip} B`).toBeLessThanOrEqual(row.ceiling);
  });

  it('no ceiling is above its target once the file meets it (ceilings only go down)', () => {
    for (const row of rows) {
      if (row.target !== undefined && row.gzip <= row.target) {
        expect(row.ceiling, row.label).toBeLessThanOrEqual(row.target);
      }
    }
  });
});
