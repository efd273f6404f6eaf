// @vitest-environment node
/**
 * Bundle budgets (zod's bundle-size.test.ts pattern: gzip ceilings per entry + a must-not-appear
 * list). Builds the widget into a fresh temp dir every run, so it can never pass on a stale build.
 * Raising a ceiling needs a reason written next to it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KB = 1024;
/**
 * Product budget: the WHOLE panel (JS + CSS, Preact included) ≤ 40 KB gzip (goal 30 KB), counted for
 * the ESM set (panel.js + its core chunk: what opening the panel loads) and for the single-file IIFE.
 */
const PRODUCT_BUDGET = 40 * KB;
/**
 * Whole-panel sizes now (node zlib, level 9): ESM set 40,296 B (39.4 KB), IIFE 40,217 B (39.3 KB), within
 * the 40 KB budget; from 55.3 / 54.1 KB before zod/mini left the page (0007), 47,130 / 45,828 B before the profile
 * documentation left the rules (0008), the compliance rules and the priority came with the snapshot
 * and the lazy views chunk went (0009). What remains (marginal gzip): Preact + hooks ~5.5 KB, action
 * forms ~7 KB, shell/summary/tabs ~6 KB, compliance engine ~2.8 KB, CSS ~2 KB, the rest of the domain
 * (money, time, dates, aging, promises, plans, disputes, settlements, guards) ~11 KB. Per module:
 * `node scripts/widget-size-report.mjs`.
 * Ceilings are the measured sizes + ~300 B headroom, below the budget. Lower them as the panel
 * shrinks; never raise them without writing the reason here, and never above PRODUCT_BUDGET.
 * Raised once, 40,230 / 40,130 → 40,540 / 40,440 B: the review's fail-closed compliance fixes (no
 * outbound call when contact cannot be checked, only the rules asked for, priority re-gated every
 * minute, policy id checked at mount) cost ~310 B.
 * Raised again, 40,540 / 40,440 → 40,660 / 40,580 B: the write layer (validation at the port, queued
 * activities in the timeline, the durable outbox's panel side) and formatMoney reusing its formatters
 * (fewer long tasks) came to 40,555 / 40,474 B. Issue 18 (forms loaded on first use) is where it shrinks.
 */
const PANEL_ESM_TOTAL_CEILING = 40_660;
/** Single-file IIFE (hosts without ES modules, e.g. LWC loadScript): the same panel as one classic script. */
const PANEL_IIFE_CEILING = 40_580;
const LOADER_BUDGET = 3 * KB;
/**
 * The worklist ("My day", dist/widget/worklist.js, its own page): 40,857 B measured at its first
 * build, + ~300 B headroom. What it carries besides Preact: the portfolio engine (book, facts,
 * ranking, the priority scorer), the strategy and next action, the compliance engine with the six
 * shipped rule sets (it resolves each account's rules itself: no snapshot brings them), aging,
 * promises, plans, disputes. No zod (the strategy is validated by the domain's guards, 0007/0015).
 * Raised once, 41,160 → 41,960 B: re-scoring a row from the panel's snapshot without a list read and
 * keeping the list for an in-app return (rescoreAccount, the kept-list state) cost ~750 B.
 * Raised again, 41,960 → 42,320 B: the next-action and "due today or late" filters cost ~360 B.
 * Raised, 42,320 → 44,700 B (44,364 B measured): collector/segment/country/rule-set filters, sortable
 * columns, next account and the manager view (whose list, reassign) cost ~2.1 KB (issue 13, decision 0024).
 */
const WORKLIST_CEILING = 44_700;
/** Entries that are not part of the panel's ESM set. */
const NOT_PANEL_ESM = new Set(['loader.js', 'panel.iife.js', 'worklist.js']);

/** Must not appear in any page bundle: jsforce, Node polyfills, classic zod. */
const MUST_NOT_APPEAR: [label: string, pattern: RegExp][] = [
  ['jsforce', /jsforce/i],
  ['Node buffer polyfill', /\bBuffer\.from\b|feross|base64-js|ieee754/],
  ['process/browser polyfill', /process\/browser|process\.nextTick|process\.binding/],
  ['stream polyfill', /readable-stream|stream-browserify|\bnode:stream\b/],
  ['Node built-ins', /\brequire\(\s*["'`](?:node:)?(?:fs|path|crypto|stream|buffer|events|util)["'`]/],
  // Classic zod registers `ZodString`, `ZodObject`…; zod/mini registers `ZodMiniString`, `ZodMiniObject`.
  ['classic zod', /[`"']Zod(?:String|Object|Array|Number|Enum)[`"']/],
  // The page validates with connector/domain/guards.ts; zod/mini stays in the connector (~8 KB gzip).
  ['zod/mini', /ZodMini|\$ZodType|\._zod\b/],
  // Development JSX (jsxDEV with file names and line numbers) when NODE_ENV is not production.
  ['development JSX', /\bjsxDEV\b|\blineNumber:|\bcolumnNumber:/],
  ['absolute build paths', new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
];

let outDir = '';
const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
const text = (file: string) => readFileSync(join(outDir, file), 'utf8');

/** panel.js plus every chunk it imports statically (not the lazily imported views). */
function staticClosure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) {
    return seen;
  }
  seen.add(entry);
  const code = text(entry);
  const dir = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  // Static `import … from "./x.js"` / `import "./x.js"`; dynamic `import("./x.js")` has a parenthesis and is skipped.
  for (const match of code.matchAll(/\b(?:from|import)\s*["'`](\.\.?\/[^"'`]+)["'`]/g)) {
    const spec = match[1] as string;
    const resolved = new URL(spec, `file:///${dir}`).pathname.slice(1);
    staticClosure(resolved, seen);
  }
  return seen;
}

function allJs(): string[] {
  const files = readdirSync(outDir).filter((f) => f.endsWith('.js'));
  const chunks = readdirSync(join(outDir, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => `chunks/${f}`);
  return [...files, ...chunks];
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'widget-size-'));
  await build({ configFile: 'widget/vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
}, 120_000);

afterAll(() => {
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true });
  }
});

describe('widget bundle budgets (gzip -9)', () => {
  it('emits loader.js, panel.js (a facade of one core chunk) and panel.iife.js with no CSS file', () => {
    const files = allJs();
    expect(files).toEqual(expect.arrayContaining(['loader.js', 'panel.js', 'panel.iife.js', 'worklist.js']));
    expect(files.filter((f) => f.startsWith('chunks/'))).toEqual([expect.stringMatching(/^chunks\/core-[\w-]+\.js$/)]);
    expect([...staticClosure('panel.js')].sort()).toEqual(files.filter((f) => !NOT_PANEL_ESM.has(f)).sort());
    expect(readdirSync(outDir).filter((f) => f.endsWith('.css'))).toEqual([]);
  });

  it('keeps Preact in the core chunk only, which never imports the entry', () => {
    // The loader imports panel.js with a `?v=` query; if a chunk imported `./panel.js` the browser would
    // evaluate a second copy (second Preact: hooks and context break).
    const chunks = allJs().filter((f) => f.startsWith('chunks/'));
    for (const file of chunks) {
      expect(text(file), file).not.toMatch(/["'`]\.\.\/panel\.js["'`]/);
    }
    const preactHolders = allJs().filter((f) => !NOT_PANEL_ESM.has(f) && /\.__H\b|__H:/.test(text(f)));
    expect(preactHolders).toHaveLength(1);
    expect(preactHolders[0]).toMatch(/^chunks\/core-/);
  });

  it(`whole panel, ESM set (panel.js + its core chunk) ≤ ${PANEL_ESM_TOTAL_CEILING} B, within the ${PRODUCT_BUDGET / KB} KB budget`, () => {
    const esm = allJs().filter((f) => !NOT_PANEL_ESM.has(f));
    expect(esm).toContain('panel.js');
    const total = esm.reduce((acc, f) => acc + gz(f), 0);
    console.info(
      `[size] panel ESM total ${esm.map((f) => `${f} ${(gz(f) / KB).toFixed(1)}`).join(' + ')} = ${total} B (${(total / KB).toFixed(1)} KB) gzip` +
        ` (budget ${PRODUCT_BUDGET / KB} KB)`,
    );
    expect(PANEL_ESM_TOTAL_CEILING).toBeLessThanOrEqual(PRODUCT_BUDGET);
    expect(total).toBeLessThanOrEqual(PANEL_ESM_TOTAL_CEILING);
  });

  it(`whole panel, single-file panel.iife.js ≤ ${PANEL_IIFE_CEILING} B, within the ${PRODUCT_BUDGET / KB} KB budget`, () => {
    const iife = gz('panel.iife.js');
    console.info(`[size] panel.iife.js ${iife} B (${(iife / KB).toFixed(1)} KB) gzip (budget ${PRODUCT_BUDGET / KB} KB)`);
    expect(PANEL_IIFE_CEILING).toBeLessThanOrEqual(PRODUCT_BUDGET);
    expect(iife).toBeLessThanOrEqual(PANEL_IIFE_CEILING);
  });

  it(`loader ≤ ${LOADER_BUDGET / KB} KB`, () => {
    const size = gz('loader.js');
    console.info(`[size] loader.js ${size} B gzip`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
    // The loader must stay dependency-free: no Preact, no zod, no panel code.
    expect(text('loader.js')).not.toMatch(/ZodMini|__H|createElement\("div"\)/);
  });

  it(`worklist entry (worklist.js, one IIFE) ≤ ${WORKLIST_CEILING} B`, () => {
    const size = gz('worklist.js');
    console.info(`[size] worklist.js ${size} B (${(size / KB).toFixed(1)} KB) gzip`);
    expect(size).toBeLessThanOrEqual(WORKLIST_CEILING);
    // Its own Preact and its own styles; never the panel's core chunk.
    expect(text('worklist.js')).toContain('CollectionsWorklist');
    expect(text('worklist.js')).toContain('.worklist-table');
    expect(text('worklist.js')).not.toMatch(/chunks\/core-/);
  });

  it('inlines the CSS into the panel (shadow-root styles, SLDS tokens)', () => {
    const initial = [...staticClosure('panel.js')].map(text).join('\n');
    expect(initial).toContain(':host');
    expect(initial).toContain('--slds-g-color-brand-base-50');
    expect(text('panel.iife.js')).toContain(':host');
  });

  it.each(MUST_NOT_APPEAR)('contains no %s', (_label, pattern) => {
    for (const file of allJs()) {
      expect(text(file), file).not.toMatch(pattern);
    }
  });

  it('stamps version and fingerprint on the loader global and the core', () => {
    expect(text('loader.js')).toMatch(/version:/);
    expect(text('panel.iife.js')).toContain('CollectionsPanelCore');
  });
});
