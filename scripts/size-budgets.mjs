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
 *
 * Third pass (2026-12-06, after eight feature merges; decision 0018 "Third pass"): every ceiling reset to measured
 * + ~300 B (never above a met target). Raised, with the feature that grew it, next to each row.
 */
export const BUDGETS = [
  // The widget (dist/widget): ESM panel for the demo/embed loader.
  // Third pass: 30,718 B measured; the ceiling is the target (measured + 300 would exceed it).
  { id: 'widget-initial', label: 'widget panel on open (panel.js + chunks/core-*)', files: ['dist:widget/panel.js', 'dist:widget/chunks/core-*.js'], ceiling: 30 * KB, target: 30 * KB },
  // Raised 12,960 → 17,480 (third pass): MOVED here from the first load (open follow-ups and the plan/settlement/
  // dispute lifecycles, the forms' field-error words), plus the merged negotiation checks and customer-locale
  // reminders (issue 17) and the owner's answer on disputes (issue 19).
  // Raised 17,480 → 19,720 (merge of the fourth pass): the sales view's summary, the best-contact line and the priority's Why sentence moved here from the panel's first load (issue 18: panel on open ≤ 30 KB).
  // Raised 19,720 → 20,450 (measured 20,153): the owner's answer form in the dispute list (issue 19: the dispute's owner answers on the account; first load unchanged).
  { id: 'widget-forms', label: 'widget action forms, after paint (chunks/forms-*)', files: ['dist:widget/chunks/forms-*.js'], ceiling: 20_450 },
  // Raised 40 KB → 46,490 (third pass), a KNOWN GAP against the 40 KB product budget: this one file inlines the
  // forms, and the merged follow-ups and lifecycles, negotiation checks, reminders in the customer's locale
  // (issue 17) and the owner's side of disputes (issue 19) added ~5 KB of form code (decision 0018 "Third pass").
  // Raised 46,490 → 48,220 (fourth pass): the single classic script inlines the forms chunk, which grew with issues 17 and 19. Known gap against the 40 KB budget: a second classic script for the forms, as the LWC does, is the fix (decision 0018).
  // Raised 48,220 → 48,870 (measured 48,570): as widget-forms.
  // Lowered 48,870 → 30,250 (fifth pass, measured 29,950; target met): the forms are a second classic script,
  // panel-forms.iife.js, added on idle or first use (widget/src/forms/import-forms-classic.ts).
  // Raised 30,250 → 30,540 (measured 30,238, still far under the 40 KB target): plain words instead of the engine's raw message when the contact rules cannot be applied (review fix, compliance.ts).
  { id: 'widget-iife', label: 'widget panel.iife.js (classic script, on open)', files: ['dist:widget/panel.iife.js'], ceiling: 30_540, target: 40 * KB },
  // New row (fifth pass): the classic panel's action forms, after paint, on the panel's Preact, contexts and compliance
  // memo (measured 28,466 B; it carries its own copies of the domain and format modules the forms use, which the ESM
  // forms chunk imports from the core).
  { id: 'widget-iife-forms', label: 'widget panel-forms.iife.js (classic script, after paint)', files: ['dist:widget/panel-forms.iife.js'], ceiling: 28_770 },
  { id: 'widget-loader', label: 'widget loader.js', files: ['dist:widget/loader.js'], ceiling: 1_480, target: 3 * KB },
  // Raised 42,320 → 42,700 (issue 19): the strategy's dispute SLA section is validated with the strategy and every
  // dispute may carry the owner's answer and escalation.
  // Raised 42,700 → 44,700 (issue 13, decision 0024): collector/segment/country/rule-set filters, sortable columns,
  // next account and the manager view (whose list, reassign), ~2.1 KB.
  // Raised 44,700 → 45,190 (third pass): the merged manager view (whose list, reassign) and the next action's
  // reasons with disputes held (issue 13) measured 44,887 B.
  // Raised 45,190 → 45,750 (issue 13, measured 44,887 → 45,452 B; +565 B): the strategy's bands compare the collectable converted at the org's static rates by ONE domain function for the panel and the worklist (decision 0028, connector/domain/strategy/collectable.ts, with a path through the corporate currency), the facts' collectable per currency.
  { id: 'worklist', label: 'worklist.js', files: ['dist:widget/worklist.js'], ceiling: 45_750 },
  { id: 'disputes', label: 'disputes.js ("Disputes waiting for me")', files: ['dist:widget/disputes.js'], ceiling: 14_790 },
  { id: 'reports', label: 'reports/reports.js (up front)', files: ['dist:widget/reports/reports.js'], ceiling: 21_900, target: 25 * KB },
  { id: 'reports-xlsx', label: 'reports xlsx writer, on Export (chunks/browser-*)', files: ['dist:widget/reports/chunks/browser-*.js'], ceiling: 19_830 },
  // The extension (dist/extension/chrome; Firefox ships the same bundles).
  // Raised 4,420 → 4,840 (issue 19, decision 0025): the dock on Opportunity and Quote pages and the signed-in user's name for reminders (whoami).
  { id: 'ext-content', label: 'extension content.js', files: ['dist:extension/chrome/content.js'], ceiling: 4_840, target: 5 * KB },
  { id: 'ext-panel', label: 'extension panel.js (on open)', files: ['dist:extension/chrome/panel.js'], ceiling: 31_740, target: 35 * KB },
  // Raised 12,850 → 17,460 (third pass): as widget-forms (code moved out of panel.js, merged issue 17/19 forms).
  // Raised 17,460 → 19,660: as widget-forms.
  // Raised 19,660 → 20,390 (measured 20,089): as widget-forms.
  { id: 'ext-panel-forms', label: 'extension panel-forms.js (after paint)', files: ['dist:extension/chrome/panel-forms.js'], ceiling: 20_390 },
  // Raised 58,110 → 83,750 (third pass): the worker now also reads for the extension's worklist and reports pages
  // (portfolio and report readers, decision 0023), and carries the page connector's growth (next action, the
  // owner's side of disputes, negotiation checks on writes; issues 13, 17, 19).
  // Raised 83,750 → 87,810: the holiday table (decision 0021), the opportunity banner's sales view and side-terms (issue 19, decision 0025) and the big-account slicing (decision 0019), merged after the third pass.
  // 2026-12-06 (issues 13, 18): 87,810 → 89,240, measured 88,932: the worker broadcasts each panel snapshot's row inputs to the worklist page (account-refreshed.ts, +129 B); the panel's one request reads the org's currencies and one function converts for the next action's amount bands (decision 0028, +~700 B); the record converters enforce the domain model themselves (decision 0026 third step, +~300 B).
  // Raised 89,240 → 89,620 (review pass, measured 89,321): the worker reads the signed-in user once per token instead of on every worklist, disputes and whoami read (one API request fewer each), and the reassign write takes the adapter's checksum-validated id rules instead of its own pattern.
  { id: 'ext-background', label: 'extension background.js (worker)', files: ['dist:extension/chrome/background.js'], ceiling: 89_620 },
  { id: 'ext-options', label: 'extension options.js', files: ['dist:extension/chrome/options.js'], ceiling: 15_670 },
  // New rows (third pass): the extension's worklist and reports pages (decision 0023), measured 54,319 and 52,235 B.
  // 2026-12-06 (issue 13): 54,620 → 55,870, measured 55,619: live rows from the panel's snapshots (the widget's rescore, +612 B) and the one next-action conversion at static rates (decision 0028, +556 B).
  { id: 'ext-worklist-page', label: 'extension worklist-page.js', files: ['dist:extension/chrome/worklist-page.js'], ceiling: 55_870 },
  { id: 'ext-reports-page', label: 'extension reports-page.js', files: ['dist:extension/chrome/reports-page.js'], ceiling: 52_540 },
  // New row (issue 19): the extension's "Disputes waiting for me" page, measured 24,352 B.
  { id: 'ext-disputes-page', label: 'extension disputes-page.js', files: ['dist:extension/chrome/disputes-page.js'], ceiling: 24_650 },
  // The LWC host's static resource.
  // Raised 64,700 → 73,170 (third pass): it carries the page connector (next action, owner's side of disputes,
  // negotiation checks on writes, the working calendar; issues 13, 17, 19) besides the panel.
  // Raised 73,170 → 76,260: the holiday table (decision 0021), the opportunity banner's sales view and side-terms (issue 19, decision 0025) and the big-account slicing (decision 0019), merged after the third pass.
  // Raised 76,260 → 76,680 (measured 76,380; +410 B): the owner's answer on a dispute row through Apex (issue 19,
  // salesforce/lwc-bundle/disputes-apex.ts answerDisputeThroughApex: the answer's schema and checks, the Apex call).
  // 2026-12-06 (issue 18, decision 0026): LOWERED 76,680 → 38,220, measured 37,915 (45 KB target met): the write path and the snapshot's derived parts (contact rules, compliance engine, holiday table, priority, calendar, next action) load after paint with collectionsPanelForms; the product mapping is worked out at build time; no zod in the page (the converters are the boundary check); +299 B for the 'could not be checked' state.
  { id: 'lwc', label: 'LWC static resource collectionsPanel.js', files: ['sr:collectionsPanel.js'], ceiling: 38_220, target: 45 * KB },
  // Its second resource: the action forms, loaded by the LWC on idle or first use (shares the panel's Preact).
  // Raised 23,050 → 27,460 (third pass): as widget-forms.
  // Raised 27,460 → 32,870: as widget-forms, plus the sales view.
  // Raised 32,870 → 33,590 (measured 33,293): as widget-forms.
  // 2026-12-06 (issue 18, decision 0026): 33,590 → 64,950, measured 64,714: code MOVED here from what the record page loads on open (the write path with its input schemas and own zod/mini copy, the snapshot's derived parts, the next action's currency conversion); the default-contact split (fifth pass of 0018) took ~0.8 KB off.
  { id: 'lwc-forms', label: 'LWC static resource collectionsPanelForms.js (after paint)', files: ['sr:collectionsPanelForms.js'], ceiling: 64_950 },
  // New rows (third pass): the Lightning worklist and reports tabs' resources, measured 70,390 and 83,722 B.
  // 2026-12-06 (issue 13): 70,690 → 71,970, measured 71,664: the one next-action conversion at static rates (decision 0028, +~690 B), the REST pass's page lookahead (decision 0027, +~20 B), the record converters enforcing the model themselves (decision 0026, +~300 B).
  { id: 'lwc-worklist', label: 'LWC static resource collectionsWorklist.js', files: ['sr:collectionsWorklist.js'], ceiling: 71_970 },
  // Raised 84,020 → 84,330: English country names in the record mapper (decision 0021).
  // 2026-12-06: 84,330 → 84,750, measured 84,449: the record converters enforce the domain model themselves (decision 0026 third step).
  { id: 'lwc-reports', label: 'LWC static resource collectionsReports.js', files: ['sr:collectionsReports.js'], ceiling: 84_750 },
  // New row (issue 19): the Lightning disputes tab's resource (disputes view + the connector's dispute mapping), measured 40,606 B.
  { id: 'lwc-disputes', label: 'LWC static resource collectionsDisputes.js', files: ['sr:collectionsDisputes.js'], ceiling: 40_910 },
  // The connector page bundles (dist/connector).
  // Raised 61,000 → 69,870 and 55,000 → 62,420 (third pass): the account's next action derived with the snapshot
  // (ladder under the pre-validated default strategy, issue 13), the owner's side of disputes (issue 19), negotiation
  // checks on writes and follow-ups as tasks (issue 17), the debtor country's working week (decision 0021).
  // Raised 69,870 → 74,140: the holiday table (decision 0021), the opportunity banner's sales view and side-terms (issue 19, decision 0025) and the big-account slicing (decision 0019), merged after the third pass.
  // 2026-12-06 (issues 13, 18): 74,140 → 75,480, measured 75,179: the org's currencies in the panel's one request and the one next-action conversion (decision 0028, +~950 B); the record converters enforcing the model (decision 0026, +~360 B).
  { id: 'connector-esm', label: 'connector collections-connector.js', files: ['dist:connector/collections-connector.js'], ceiling: 75_480 },
  // Raised (issue 19, +1.8 KB): the sales owner's side of disputes (owner list, answer write, answer fields).
  // Raised 62,420 → 66,310: the holiday table (decision 0021), the opportunity banner's sales view and side-terms (issue 19, decision 0025) and the big-account slicing (decision 0019), merged after the third pass.
  // 2026-12-06 (issues 13, 18): 66,310 → 67,550, measured 67,244: as connector-esm.
  { id: 'connector-iife', label: 'connector collections-connector.iife.js', files: ['dist:connector/collections-connector.iife.js'], ceiling: 67_550 },
  // Portfolio and reports readers raised ~0.6 KB each (issue 19): every mapped dispute carries the owner's answer.
  // Portfolio raised 36,500 → 37,600 (third pass): the worklist's manager view and reassign (issue 13).
  // 2026-12-06 (issue 13): 37,600 → 38,230, measured 37,925: the rates row mapping shared with the panel (+40 B), the page lookahead (+~30 B), the record converters enforcing the model (+~290 B).
  { id: 'connector-portfolio', label: 'connector collections-portfolio.iife.js', files: ['dist:connector/collections-portfolio.iife.js'], ceiling: 38_230 },
  // Raised 48,000 → 48,370: English country names in the record mapper (decision 0021).
  // 2026-12-06: 48,370 → 48,820, measured 48,513: the record converters enforce the domain model themselves (decision 0026 third step).
  { id: 'connector-reports', label: 'connector collections-reports.iife.js', files: ['dist:connector/collections-reports.iife.js'], ceiling: 48_820 },
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
