/**
 * The contact rules that could NOT be worked out after paint (decision 0026, second step, "Limits"): the LWC's
 * Panel derives the snapshot with the forms resource's functions (salesforce/lwc-bundle/derived-after-paint.ts).
 * When that resource fails to load, the derived step throws, or a saved copy (no inputs) has its fresh load fail,
 * the badge, the priority and the best contact must not say "Checking contact rules…" for ever, and never
 * "Contact now": they say the rules could not be checked and what to do. After a failed load Try again loads again;
 * a step that threw is not the connection, and loading again would not help, so neither is promised.
 * The Panel gets the LWC's hook here as the panel build gives it (its `../state/useSnapshot` swapped).
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSnapshot } from '../../../connector/port';
import { withDerivedData as deriveNow, type MappedSnapshot } from '../../../connector/snapshot-derived';
import { checkContactWithRules } from '../../../connector/domain/compliance/engine';
import { withComplianceGate } from '../../../connector/domain/priority';
import { defaultHolidaySource } from '../../../connector/holidays/default-source';
import type { DerivedAfterPaint } from '../../../salesforce/lwc-bundle/derived-after-paint';
import { expectNoAxeViolations } from '../../test/axe';
import { FakePort, GivenSnapshotPort } from '../../test/fakePort';
import { inrSnapshot, NOW } from '../../test/fixtures';
import { complianceBadge, figure } from '../../test/queries';
import { memoryStorage } from '../storage';
import { RULES_NOT_LOADED, RULES_NOT_WORKED_OUT } from '../../../salesforce/lwc-bundle/derived-after-paint';
import { snapshotKey } from '../state/useSnapshot';
import type * as SnapshotHook from '../state/useSnapshot';
import type * as FormsImport from '../forms/import-forms';
import type * as Render from '../../test/render';

const control = vi.hoisted(() => ({ hook: null as null | ((...args: never[]) => unknown), failedLoads: 0, loads: 0 }));

vi.mock('../state/useSnapshot', async (importOriginal) => {
  const actual = await importOriginal<typeof SnapshotHook>();
  return { ...actual, useSnapshot: (...args: Parameters<typeof actual.useSnapshot>) => ((control.hook as typeof actual.useSnapshot | null) ?? actual.useSnapshot)(...args) };
});

// The forms resource's load (the LWC's second static resource): a 404 while `failedLoads` lasts.
vi.mock('../forms/import-forms', async (importOriginal) => {
  const actual = await importOriginal<typeof FormsImport>();
  return {
    importForms: () => {
      control.loads += 1;
      return control.failedLoads-- > 0 ? Promise.reject(new Error('collectionsPanelForms: 404')) : actual.importForms();
    },
  };
});

/** What the forms resource sets for the panel (forms-entry.ts). */
const REAL: DerivedAfterPaint = { withDerivedData: deriveNow, defaultHolidaySource, checkContactWithRules, withComplianceGate };

function setAfterPaint(api: DerivedAfterPaint | undefined): void {
  (window as unknown as { CollectionsLdsAfterPaint?: DerivedAfterPaint }).CollectionsLdsAfterPaint = api;
}

let mapInPage: (mapped: MappedSnapshot) => AccountSnapshot;
let renderPanel: typeof Render.renderPanel;

// A fresh module graph per test: the forms resource not loaded yet (the widget setup file preloads it for others).
beforeEach(async () => {
  vi.resetModules();
  const actual = await vi.importActual<typeof SnapshotHook>('../state/useSnapshot');
  const lwc = await import('../../../salesforce/lwc-bundle/derived-after-paint');
  control.hook = lwc.afterPaintOf(actual.useSnapshot) as typeof control.hook;
  // As the LWC's mapping returns it before paint: the records, their inputs kept for later.
  mapInPage = (mapped) => lwc.withDerivedData(mapped, { complianceProfile: null, now: new Date(NOW) });
  ({ renderPanel } = await import('../../test/render'));
});

afterEach(() => {
  cleanup();
  setAfterPaint(undefined);
  control.failedLoads = 0;
  vi.restoreAllMocks();
});

function records(): MappedSnapshot {
  const { complianceRules: _rules, priority: _priority, calendar: _calendar, nextAction: _next, ...mapped } = inrSnapshot();
  return mapped;
}

/**
 * `words`: why, as the badge and the priority say it; `formsIn`: the forms resource loaded (the best contact comes
 * with it; without it there is no such line).
 */
async function expectNotChecked(container: Element, words: string, formsIn: boolean): Promise<void> {
  // The summary follows a new snapshot one render later (NextTask).
  await waitFor(() => expect(figure('Priority')).toBe(words));
  expect(complianceBadge().textContent).toBe('Compliance check unavailable');
  expect(complianceBadge().parentElement?.nextElementSibling?.textContent).toBe(words);
  if (formsIn) {
    await waitFor(() => expect(screen.getByTestId('best-contact').textContent).toMatch(/^No contact allowed now · Call blocked \(cannot be checked\)/));
  } else {
    expect(screen.queryByTestId('best-contact')).toBeNull();
  }
  expect(container.textContent).not.toMatch(/Checking|Contact now|OK to call|Best now/);
}

describe('contact rules that could not be worked out after paint (the LWC)', () => {
  it('a failed load of the forms resource: says the rules could not be checked, never "Contact now"; Try again loads again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    control.failedLoads = 1;
    const loadsBefore = control.loads;
    const pending = mapInPage(records());
    const { container } = await renderPanel(pending, { port: new GivenSnapshotPort(pending) });
    expect(complianceBadge().textContent).toBe('Checking contact rules…');
    await waitFor(() => expect(figure('Priority')).toBe(RULES_NOT_LOADED));
    await expectNotChecked(container, RULES_NOT_LOADED, false);
    // The panel's one error view, with its Try again.
    const banner = screen.getByRole('alert');
    expect(banner.getAttribute('data-error-kind')).toBe('network');
    expect(banner.textContent).toContain(RULES_NOT_LOADED);
    await expectNoAxeViolations(container);

    // The resource is reachable again: Try again loads it, and the verdict comes from the same records.
    setAfterPaint(REAL);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    // 18:40 in Kolkata: in-rbi allows calls until 19:00 (as Panel.test.tsx).
    await waitFor(() => expect(complianceBadge().textContent).toMatch(/^OK to call until 07:00 pm IST/));
    await waitFor(() => expect(figure('Priority')).toMatch(/^Contact nowWhy/));
    expect(control.loads - loadsBefore).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a derived step that throws: its own words, not "Checking…" for ever, and no connection or Try again to blame', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setAfterPaint({ ...REAL, withDerivedData: () => { throw new Error('broken holiday table'); } });
    const pending = mapInPage(records());
    const { container } = await renderPanel(pending, { port: new GivenSnapshotPort(pending) });
    await expectNotChecked(container, RULES_NOT_WORKED_OUT, true);
    // The connection is fine and loading again would throw again: not "Offline or unreachable", no Try again.
    const banner = screen.getByRole('alert');
    expect(banner.getAttribute('data-error-kind')).toBe('unknown');
    expect(banner.textContent).toContain(RULES_NOT_WORKED_OUT);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(container.textContent).not.toMatch(/Offline|unreachable|connection|try again|broken holiday table/i);
    await expectNoAxeViolations(container);
  });

  it('a saved copy (its inputs are gone) whose fresh load fails: not pending beside the error banner', async () => {
    setAfterPaint(REAL);
    const pending = mapInPage(records());
    const storage = memoryStorage();
    // As useSnapshot saves it in the LWC (JSON: the derived parts are simply absent).
    await storage.set(snapshotKey(pending.account.id), JSON.parse(JSON.stringify({ v: 2, recordId: pending.account.id, complianceProfile: null, snapshot: pending })));
    const port = new FakePort([inrSnapshot()]);
    const release = port.hold();
    port.failNext('loadSnapshot', 'network');
    const { container } = await renderPanel(pending, { port, storage });
    // While the fresh load runs, it brings the inputs: the rules are being checked.
    expect(complianceBadge().textContent).toBe('Checking contact rules…');
    release();
    await waitFor(() => expect(screen.getByRole('alert').getAttribute('data-error-kind')).toBe('network'));
    await expectNotChecked(container, RULES_NOT_LOADED, true);
    // The saved copy's age stays on screen.
    expect(container.textContent).toContain('Showing saved data from');
  });
});
