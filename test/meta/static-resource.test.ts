/**
 * The `collectionsPanel` static resource, built fresh into a temp dir by the same command the root
 * build runs (`node salesforce/scripts/build-static-resource.mjs`), so these checks never pass on a
 * stale file left in `staticresources/`. The build runs under vitest (NODE_ENV=test): exactly the
 * situation that once shipped the development JSX runtime with absolute source paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapApexSnapshot } from '../../salesforce/lwc-bundle/lds-adapter';
import { ceilingOf } from '../../scripts/size-budgets.mjs';

const SALESFORCE = join(import.meta.dirname, '..', '..', 'salesforce');
const DEFAULT_DIR = join(SALESFORCE, 'force-app', 'main', 'default');
const APEX_SNAPSHOT = readFileSync(join(DEFAULT_DIR, 'lwc', 'collectionsPanel', '__tests__', 'data', 'getSnapshot.json'), 'utf8');
const ACCOUNT_ID = '001Hn00001xYzAbIAK';

const KB = 1024;
/** gzip -9 ceiling, from the one table of every shipped file (scripts/size-budgets.mjs: its history is there). */
const GZIP_CEILING = ceilingOf('lwc');

/** Must not appear in the page-loaded resource (team rule: page bundles carry no jsforce, no classic zod). */
const FORBIDDEN: [string, RegExp][] = [
  ['jsforce', /jsforce/],
  // Classic zod registers `ZodString`, `ZodObject`…; zod/mini registers `ZodMiniString`… (allowed).
  ['classic zod', /[`"']Zod(?:String|Object|Array|Number|Enum)[`"']/],
  // Development JSX runtime (preact/jsx-dev-runtime) and its source locations.
  ['jsxDEV', /jsxDEV/],
  ['JSX source line numbers', /lineNumber/],
  ['absolute paths', /\/(?:work|home|root)\//],
  ['this checkout\'s path', new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
  ['Node built-ins', /["'`]node:[a-z]/],
];

type BuiltPanelPage = Window & {
  eval(code: string): unknown;
  CollectionsPanel: { mount: (el: Element, options: unknown) => { unmount(): void } };
  CollectionsLds: { mapSnapshot: typeof mapApexSnapshot };
  CollectionsPanelLoadForms?: () => Promise<void>;
};

/**
 * The built panel resource in a page, as the LWC runs it: the page maps the Apex snapshot, a port serves it, and
 * `loadForms` stands for the LWC's `loadScript` of the forms resource. Mount with `open()`.
 */
function builtPanel(apexSnapshot: string, loadForms: (page: BuiltPanelPage) => Promise<void>, locale = 'en-US') {
  const dom = new JSDOM('<div class="panel"></div>', { runScripts: 'outside-only', pretendToBeVisual: true });
  const page = dom.window as unknown as BuiltPanelPage;
  page.eval(code);
  const snapshot = page.CollectionsLds.mapSnapshot(apexSnapshot, { id: ACCOUNT_ID });
  page.CollectionsPanelLoadForms = () => loadForms(page);
  const write = async () => ({ id: 'a02Hn00000Ptp01IAB', created: true });
  const port = {
    loadSnapshot: async () => snapshot, listContacts: async () => snapshot.contacts,
    logCall: write, logActivity: write, addNote: write, recordPromise: write, savePaymentPlan: write,
    raiseDispute: write, updateDispute: write, recordSettlementOffer: write,
  };
  const host = page.document.querySelector('div.panel') as Element;
  return {
    dom, page, snapshot, host,
    open: () => page.CollectionsPanel.mount(host, { recordId: ACCOUNT_ID, port, locale, userTimeZone: 'Europe/Berlin' }),
    panel: () => host.shadowRoot?.querySelector('[data-collections-panel]') ?? null,
  };
}

let outDir = '';
let code = '';
/** The second resource, collectionsPanelForms: the forms, loaded by the LWC on first use (decision 0018). */
let formsCode = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'collections-static-resource-'));
  execFileSync(process.execPath, [join(SALESFORCE, 'scripts', 'build-static-resource.mjs'), '--out-dir', outDir], { stdio: 'pipe' });
  code = readFileSync(join(outDir, 'collectionsPanel.js'), 'utf8');
  formsCode = readFileSync(join(outDir, 'collectionsPanelForms.js'), 'utf8');
}, 120_000);

afterAll(() => {
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true });
  }
});

describe('collectionsPanel static resource (fresh production build)', () => {
  it('assigns both globals the LWC looks for, without a leading "use strict" (LWS virtual window)', () => {
    expect(code).toMatch(/\.CollectionsPanel\s*=/);
    expect(code).toMatch(/\.CollectionsLds\s*=/);
    expect(code.trimStart().startsWith('"use strict"')).toBe(false);
  });

  it.each(FORBIDDEN)('contains no %s', (_what, pattern) => {
    expect(pattern.exec(code)?.[0] ?? null).toBeNull();
    expect(pattern.exec(formsCode)?.[0] ?? null).toBeNull();
  });

  it('leaves the action forms to the second resource, which uses the panel\'s Preact', () => {
    expect(code).not.toContain('Down payment');
    expect(formsCode).toContain('Down payment');
    expect(formsCode).toMatch(/\.CollectionsPanelForms\s*=/);
    expect(formsCode).toContain('CollectionsPanelShared.preact');
    expect(formsCode).toContain('CollectionsPanelShared.hooks');
  });

  it('carries the product mapping worked out at build time, not the package\'s field table (decision 0026)', () => {
    // product-schema.ts describes every field for the SFDX package; the page needs only the API names.
    expect(code).not.toContain('Client-generated key; upserting on it makes retries never create duplicates.');
    expect(code).toContain('Idempotency_Key__c');
  });

  it('carries no zod/mini on open: the converters are the page\'s boundary check (decision 0026, third step)', () => {
    // zod/mini's core names its internals `_zod` and `$Zod…`; the forms resource (after paint) keeps its input schemas.
    expect(/_zod|\$Zod/.exec(code)?.[0] ?? null).toBeNull();
    expect(formsCode).toContain('_zod');
    // What stands in for the model re-check (model-check-by-converters.ts) says nothing; the converters' words do.
    expect(code).toContain('is not a whole number from 0 up');
  });

  it('leaves the write path to the forms resource too (after paint, decision 0026), which uses the panel\'s errors and mapping', () => {
    expect(code).not.toContain('Lightning host cannot perform this write');
    expect(code).not.toMatch(/\.CollectionsLdsAfterPaint\s*=/);
    expect(formsCode).toMatch(/\.CollectionsLdsAfterPaint\s*=/);
    expect(formsCode).toContain('CollectionsPanelShared.errors');
    expect(formsCode).toContain('CollectionsPanelShared.lds');
  });

  it('writes in a page through the forms resource\'s writer, with the panel\'s ConnectorError and mapping', async () => {
    const dom = new JSDOM('', { runScripts: 'outside-only' });
    type Writer = (method: string, input: unknown) => Promise<{ id: string; created: boolean }>;
    const page = dom.window as unknown as Window & {
      eval(code: string): unknown;
      CollectionsLdsAfterPaint: { createWriter(platform: unknown, options: { timeZone: string; now?: () => Date }): Writer };
      CollectionsPanelShared: { errors: { ConnectorError: new (...args: never[]) => Error } };
    };
    page.eval(code);
    expect(page.CollectionsLdsAfterPaint).toBeUndefined();
    page.eval(formsCode);
    const saved: string[] = [];
    const platform = {
      getFreshSnapshot: async () => APEX_SNAPSHOT,
      save: async ({ requestJson }: { requestJson: string }) => {
        saved.push(requestJson);
        return { id: 'a02Hn00000Ptp01IAB', created: true };
      },
      updateRecord: async () => ({ id: 'x' }),
    };
    const write = page.CollectionsLdsAfterPaint.createWriter(platform, { timeZone: 'Europe/Berlin', now: () => new Date('2026-11-22T10:00:00Z') });
    const promise = {
      idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID, contactId: null, amount: { amountMinor: 50_000, currency: 'EUR' },
      dueDate: '2026-11-28', invoiceIds: [], note: null,
    };
    await expect(write('recordPromise', promise)).resolves.toEqual({ id: 'a02Hn00000Ptp01IAB', created: true });
    expect(JSON.parse(saved[0] ?? '{}').operations[0].record).toMatchObject({ attributes: { type: 'Promise_To_Pay__c' }, Idempotency_Key__c: 'ptp-7f3a9c2e' });
    // Refused before anything is sent, as the panel's own error class (one ConnectorError in the page).
    const refused = await write('recordPromise', { ...promise, amount: { amountMinor: 0, currency: 'EUR' } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(page.CollectionsPanelShared.errors.ConnectorError);
    expect(refused).toMatchObject({ kind: 'invalid_input' });
    expect(saved).toHaveLength(1);
    dom.window.close();
  });

  it(`keeps the forms resource within ${(ceilingOf('lwc-forms') / KB).toFixed(1)} KB gzip -9`, () => {
    const size = gzipSync(Buffer.from(formsCode), { level: 9 }).length;
    console.info(`[size] collectionsPanelForms.js ${(formsCode.length / KB).toFixed(1)} KB, ${size} B gzip -9`);
    expect(size).toBeLessThanOrEqual(ceilingOf('lwc-forms'));
  });

  it(`stays within ${(GZIP_CEILING / KB).toFixed(1)} KB gzip -9`, () => {
    const size = gzipSync(Buffer.from(code), { level: 9 }).length;
    console.info(`[size] collectionsPanel.js ${(code.length / KB).toFixed(1)} KB, ${size} B (${(size / KB).toFixed(1)} KB) gzip -9`);
    expect(size).toBeLessThanOrEqual(GZIP_CEILING);
  });

  it.each(['collectionsPanel', 'collectionsPanelForms', 'collectionsWorklist', 'collectionsReports', 'collectionsDisputes'])('writes the same %s.resource-meta.xml as the committed one', (resource) => {
    expect(readFileSync(join(outDir, `${resource}.resource-meta.xml`), 'utf8'))
      .toBe(readFileSync(join(DEFAULT_DIR, 'staticresources', `${resource}.resource-meta.xml`), 'utf8'));
  });

  it('defines both globals in a page, maps the Apex fixture and renders the real panel through the port', async () => {
    // As the LWC does before mounting: the panel asks the LWC's loader for the second resource, which renders with the panel's Preact.
    let formsLoads = 0;
    const { dom, page, host, open } = builtPanel(APEX_SNAPSHOT, async (inPage) => {
      formsLoads += 1;
      inPage.eval(formsCode);
    }, 'de-DE');
    expect(typeof page.CollectionsPanel.mount).toBe('function');
    const handle = open();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rendered = host.shadowRoot?.querySelector('[data-collections-panel]')?.textContent ?? '';
    expect(rendered).toContain('Globex Industrial GmbH');
    // CRM text is rendered as text: the quarantined invoice note is visible, never executed.
    expect(rendered).toContain('a00Hn00000Inv03IAB');

    const promiseButton = [...(host.shadowRoot?.querySelectorAll('button[data-action]') ?? [])].find((b) => /promise/i.test(b.textContent ?? ''));
    expect(promiseButton).toBeDefined();
    (promiseButton as HTMLElement).click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(formsLoads).toBe(1);
    expect(host.shadowRoot?.querySelector('form')).not.toBeNull();
    handle.unmount();
    dom.window.close();
  });
});

describe('collectionsPanel static resource: the next action after paint (decision 0026)', () => {
  it('paints without the strategy code, then shows the line the connector works out from the same records', async () => {
    expect(code).not.toContain('could not be worked out here');
    // A dollar account (the shipped strategy's currency), so there is a next action without rates.
    const usdSnapshot = APEX_SNAPSHOT.replaceAll('"EUR"', '"USD"');
    const expected = mapApexSnapshot(usdSnapshot, { id: ACCOUNT_ID }).nextAction;
    expect(expected?.label).toEqual(expect.any(String));

    let release: () => void = () => undefined;
    const formsArrive = new Promise<void>((resolve) => (release = resolve));
    const { dom, snapshot, open, panel } = builtPanel(usdSnapshot, async (page) => {
      await formsArrive;
      page.eval(formsCode);
    });
    expect(snapshot.nextAction).toBeUndefined();
    const handle = open();
    const summary = () => panel()?.textContent ?? '';
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(summary()).toContain('Globex Industrial GmbH');
    expect(summary()).not.toContain('Next action');
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(summary()).toContain(`Next action${expected?.label}`);
    expect(summary()).toContain(expected?.reason);
    handle.unmount();
    dom.window.close();
  });
});

describe('collectionsPanel static resource: the contact rules after paint (decision 0026, second step)', () => {
  it('carries no compliance engine, profile table or holiday table; the forms resource does', () => {
    // engine.ts's zone note, profile-rules.ts's citations, the generated holiday table's source.
    for (const marker of ['Confirm where the debtor is', 'FDCPA', 'date-holidays']) {
      expect(code).not.toContain(marker);
      expect(formsCode).toContain(marker);
    }
  });

  it('paints the figures with "Checking contact rules…", then the verdict of the rules the connector resolves from the same records', async () => {
    const expected = mapApexSnapshot(APEX_SNAPSHOT, { id: ACCOUNT_ID });
    expect(expected.complianceRules?.id).toEqual(expect.any(String));
    let release: () => void = () => undefined;
    const formsArrive = new Promise<void>((resolve) => (release = resolve));
    const { dom, snapshot, open, panel } = builtPanel(APEX_SNAPSHOT, async (page) => {
      await formsArrive;
      page.eval(formsCode);
    });
    // Not known yet, never "no rules" (null means an unknown profile: "cannot be checked").
    expect(snapshot.complianceRules).toBeUndefined();
    expect(snapshot.priority).toBeUndefined();
    const handle = open();
    const badge = () => panel()?.querySelector('[aria-label="Call compliance"]');
    const priority = () => [...(panel()?.querySelectorAll('dt') ?? [])].find((dt) => dt.textContent === 'Priority')?.nextElementSibling?.textContent ?? null;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The figures paint first; the badge and the priority say the rules are being checked, politely, once.
    expect(panel()?.textContent).toContain('Globex Industrial GmbH');
    expect(panel()?.querySelector('table')).not.toBeNull();
    expect(badge()?.textContent).toBe('Checking contact rules…');
    expect(badge()?.getAttribute('role')).toBe('status');
    expect(priority()).toBe('Checking contact rules…');
    expect(panel()?.textContent).not.toMatch(/Contact now|Not contactable now|OK to call|Blocked:/);
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The forms resource's withDerivedData on the same records: a verdict either way, never "unavailable".
    expect(badge()?.textContent).toMatch(/^(OK to call|Blocked: )/);
    expect(priority()).toMatch(/^(Contact now|Not contactable now)/);
    handle.unmount();
    dom.window.close();
  });

  it('says the contact rules could not be checked when the forms resource cannot be loaded (404), never "Contact now"', async () => {
    // As the LWC's loadScript rejects when the static resource is missing.
    const { dom, page, open, panel } = builtPanel(APEX_SNAPSHOT, async () => {
      throw new Error('collectionsPanelForms: 404');
    });
    const errors: unknown[] = [];
    (page as unknown as { console: Console }).console.error = (...args: unknown[]) => errors.push(args);
    const handle = open();
    const priority = () => [...(panel()?.querySelectorAll('dt') ?? [])].find((dt) => dt.textContent === 'Priority')?.nextElementSibling?.textContent ?? null;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(panel()?.textContent).toContain('Globex Industrial GmbH');
    expect(panel()?.querySelector('[aria-label="Call compliance"]')?.textContent).toBe('Compliance check unavailable');
    expect(priority()).toBe('Contact rules could not be checked — check your connection and try again.');
    expect(panel()?.textContent).not.toMatch(/Checking|Contact now|OK to call/);
    // The panel's one error view offers Try again.
    expect([...(panel()?.querySelectorAll('[role="alert"] button') ?? [])].map((b) => b.textContent)).toContain('Try again');
    expect(errors.length).toBeGreaterThan(0);
    handle.unmount();
    dom.window.close();
  });
});

describe('collectionsDisputes static resource (fresh production build, issue 19)', () => {
  it("defines window.CollectionsDisputes in a page and renders the Apex fixture's dispute through the connector's mapping", async () => {
    const disputesCode = readFileSync(join(outDir, 'collectionsDisputes.js'), 'utf8');
    for (const [what, pattern] of FORBIDDEN) {
      expect(pattern.exec(disputesCode)?.[0] ?? null, what).toBeNull();
    }
    const rows = JSON.parse(readFileSync(join(DEFAULT_DIR, 'lwc', 'collectionsDisputes', '__tests__', 'data', 'getOwnerDisputes.json'), 'utf8')) as string;
    const dom = new JSDOM('<div class="disputes"></div>', { runScripts: 'outside-only', pretendToBeVisual: true });
    const page = dom.window as unknown as Window & { eval(code: string): unknown; CollectionsDisputes: { mount: (el: Element, options: unknown) => { unmount(): void } } };
    page.eval(disputesCode);
    const host = page.document.querySelector('div.disputes') as Element;
    const handle = page.CollectionsDisputes.mount(host, { call: async () => rows, userId: '005Hs0000000005IAA', locale: 'en-IN', userTimeZone: 'Asia/Kolkata' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rendered = host.shadowRoot?.textContent ?? '';
    expect(rendered).toContain('Jaipur Textiles Pvt Ltd');
    expect(rendered).toContain('1 dispute waiting for your answer.');
    handle.unmount();
    dom.window.close();
  });
});
