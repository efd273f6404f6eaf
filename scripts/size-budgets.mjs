#!/usr/bin/env node
/**
 * Size ceilings for EVERY shipped file (issue 18, decision 0018): the one table the size tests check
 * (test/meta/size-budgets.test.ts, widget/size.test.ts, widget/reports-size.test.ts,
 * test/meta/static-resource.test.ts, connector/salesforce/bundle.test.ts) and the build prints
 * (scripts/build.mjs → `node scripts/size-budgets.mjs`).
 *
 * Bytes are gzip -9 (node zlib). A ceiling is the size measured when it was set + ~300 B headroom.
 * Ceilings only go down: lower one when its file shrinks; never raise one without writing the reason
 * next to it. `target` is the product goal where the issue sets one (a ceiling above its target is a
 * known gap, listed in docs/decisions/0018).
 *
 *   node scripts/size-budgets.mjs             # table of dist/ + the LWC static resource
 *   node scripts/size-budgets.mjs --check     # same, exit 1 when a file is over its ceiling
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

/**
 * `files`: paths under the layout's roots (`dist:` = dist/, `sr:` = the LWC staticresources dir); `*` matches a
 * content hash. A row's size is the sum of its files (e.g. what opening the panel loads).
 * Measured 2026-12-06 at issue 18 (before → after): see docs/decisions/0018-every-shipped-file-within-budget.md.
 *
 * Raised, with the reason (second pass, 2026-12-06; decision 0018 "Second pass"):
 * - widget-forms 9,380 → 12,960 and ext-panel-forms 9,330 → 12,850: code MOVED out of the panel's first load into
 *   the after-paint chunk (plans, settlements and promises rules, the timeline tab); the core fell by more.
 * - widget-iife 40,580 → 40 KB (the product budget; measured + 300 would exceed it): the merged keyboard and
 *   big-account work had pushed panel.iife.js to 42,092 B before this pass cut it back to 40,931 B.
 * - widget-loader 1,170 → 1,480: the merged big-account work's load chain (the loader starts the snapshot
 *   request in parallel with the panel code) measured 1,181 B.
 */
export const BUDGETS = [
  // The widget (dist/widget): ESM panel for the demo/embed loader.
  { id: 'widget-initial', label: 'widget panel on open (panel.js + chunks/core-*)', files: ['dist:widget/panel.js', 'dist:widget/chunks/core-*.js'], ceiling: 30_330, target: 30 * KB },
  { id: 'widget-forms', label: 'widget action forms, after paint (chunks/forms-*)', files: ['dist:widget/chunks/forms-*.js'], ceiling: 12_960 },
  { id: 'widget-iife', label: 'widget panel.iife.js (one classic script)', files: ['dist:widget/panel.iife.js'], ceiling: 40 * KB, target: 40 * KB },
  { id: 'widget-loader', label: 'widget loader.js', files: ['dist:widget/loader.js'], ceiling: 1_480, target: 3 * KB },
  // Raised 42,320 → 42,700 (issue 19): the strategy's dispute SLA section is validated with the strategy and every
  // dispute may carry the owner's answer and escalation.
  // Raised 42,700 → 44,700 (issue 13, decision 0024): collector/segment/country/rule-set filters, sortable columns,
  // next account and the manager view (whose list, reassign), ~2.1 KB.
  { id: 'worklist', label: 'worklist.js', files: ['dist:widget/worklist.js'], ceiling: 44_700 },
  { id: 'disputes', label: 'disputes.js ("Disputes waiting for me")', files: ['dist:widget/disputes.js'], ceiling: 15_000 },
  { id: 'reports', label: 'reports/reports.js (up front)', files: ['dist:widget/reports/reports.js'], ceiling: 21_900, target: 25 * KB },
  { id: 'reports-xlsx', label: 'reports xlsx writer, on Export (chunks/browser-*)', files: ['dist:widget/reports/chunks/browser-*.js'], ceiling: 19_830 },
  // The extension (dist/extension/chrome; Firefox ships the same bundles).
  { id: 'ext-content', label: 'extension content.js', files: ['dist:extension/chrome/content.js'], ceiling: 4_420, target: 5 * KB },
  { id: 'ext-panel', label: 'extension panel.js (on open)', files: ['dist:extension/chrome/panel.js'], ceiling: 33_050, target: 35 * KB },
  { id: 'ext-panel-forms', label: 'extension panel-forms.js (after paint)', files: ['dist:extension/chrome/panel-forms.js'], ceiling: 12_850 },
  // Raised (issue 17, decision 0021): the generated holiday table and its source (~3.1 KB gzip: 14 countries, 3 years,
  // 19 seed regions, every region name so a state left out says "not checked") and English country names via Intl.
  { id: 'ext-background', label: 'extension background.js (worker)', files: ['dist:extension/chrome/background.js'], ceiling: 61_450 },
  { id: 'ext-options', label: 'extension options.js', files: ['dist:extension/chrome/options.js'], ceiling: 15_670 },
  // The LWC host's static resource.
  // Raised (issue 17, decision 0021): the generated holiday table and its source (~3.1 KB gzip: 14 countries, 3 years,
  // 19 seed regions, every region name so a state left out says "not checked") and English country names via Intl.
  { id: 'lwc', label: 'LWC static resource collectionsPanel.js', files: ['sr:collectionsPanel.js'], ceiling: 77_650, target: 45 * KB },
  // Its second resource: the action forms, loaded by the LWC on idle or first use (shares the panel's Preact).
  { id: 'lwc-forms', label: 'LWC static resource collectionsPanelForms.js (after paint)', files: ['sr:collectionsPanelForms.js'], ceiling: 23_050 },
  // The connector page bundles (dist/connector).
  // Raised (issue 17, decision 0021): the generated holiday table and its source (~3.1 KB gzip: 14 countries, 3 years,
  // 19 seed regions, every region name so a state left out says "not checked") and English country names via Intl.
  { id: 'connector-esm', label: 'connector collections-connector.js', files: ['dist:connector/collections-connector.js'], ceiling: 64_600 },
  // Raised (issue 19, +1.8 KB): the sales owner's side of disputes (owner list, answer write, answer fields).
  // Raised 55,000 → 58,300 (issue 17, decision 0021): the generated holiday table, as for connector-esm.
  { id: 'connector-iife', label: 'connector collections-connector.iife.js', files: ['dist:connector/collections-connector.iife.js'], ceiling: 58_300 },
  // Portfolio and reports readers raised ~0.6 KB each (issue 19): every mapped dispute carries the owner's answer.
  // Portfolio +150 B, reports +150 B (issue 17): English country names via Intl.DisplayNames in the record mapper.
  { id: 'connector-portfolio', label: 'connector collections-portfolio.iife.js', files: ['dist:connector/collections-portfolio.iife.js'], ceiling: 36_650 },
  { id: 'connector-reports', label: 'connector collections-reports.iife.js', files: ['dist:connector/collections-reports.iife.js'], ceiling: 48_150 },
];

/** The ceiling of one row, by id (for the per-area size tests). */
export function ceilingOf(id) {
  const row = BUDGETS.find((budget) => budget.id === id);
  if (!row) {
    throw new Error(`[size-budgets] no budget row ${id}`);
  }
  return row.ceiling;
}

export const DEFAULT_LAYOUT = { dist: join(repoRoot, 'dist'), sr: join(repoRoot, 'salesforce/force-app/main/default/staticresources') };

/** Resolves one `root:path` pattern to exactly one file; throws when none or several match. */
function resolveFile(pattern, layout) {
  const [root, rest] = pattern.split(/:(.*)/s);
  const base = layout[root];
  const slash = rest.lastIndexOf('/');
  const dir = join(base, rest.slice(0, slash + 1));
  const name = rest.slice(slash + 1);
  if (!name.includes('*')) {
    if (!existsSync(join(dir, name))) {
      throw new Error(`[size-budgets] missing ${join(dir, name)} (build first)`);
    }
    return join(dir, name);
  }
  const test = new RegExp(`^${name.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\w-]+')}$`);
  const found = existsSync(dir) ? readdirSync(dir).filter((file) => test.test(file)) : [];
  if (found.length !== 1) {
    throw new Error(`[size-budgets] ${pattern}: expected one file in ${dir}, found ${found.length ? found.join(', ') : 'none'}`);
  }
  return join(dir, found[0]);
}

/** Every row with its measured gzip -9 size and raw bytes. */
export function measure(layout = DEFAULT_LAYOUT) {
  return BUDGETS.map((budget) => {
    const files = budget.files.map((pattern) => resolveFile(pattern, layout));
    const bytes = files.map((file) => readFileSync(file));
    const gzip = bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
    const raw = bytes.reduce((sum, b) => sum + b.length, 0);
    return { ...budget, paths: files, raw, gzip, over: gzip > budget.ceiling };
  });
}

export function formatTable(rows) {
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  const lines = [['file', 'gzip -9', 'ceiling', 'target', 'minified', ''].join(' | ')];
  for (const row of rows) {
    lines.push(
      [
        row.label,
        `${row.gzip} B (${kb(row.gzip)})`,
        `${row.ceiling} B`,
        row.target ? kb(row.target) : '—',
        kb(row.raw),
        row.over ? 'OVER CEILING' : row.target && row.gzip > row.target ? 'over target' : 'ok',
      ].join(' | '),
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = measure();
  console.log('[size] shipped files, gzip -9 (scripts/size-budgets.mjs)');
  console.log(formatTable(rows));
  if (process.argv.includes('--check') && rows.some((row) => row.over)) {
    process.exit(1);
  }
}
