/**
 * The classic-script panel's second script (decision 0018, fifth pass): panel.iife.js finds `panel-forms.iife.js`
 * beside its own URL (or in the loader's directory), adds it when forms/lazy.ts asks, shares its Preact through
 * window.CollectionsPanelShared, and when the script cannot be loaded the panel says so in words, keeps the
 * collector's saved draft and loads the form on "Try again".
 * jsdom never fetches the script: the tests fire its `load` / `error` as a browser would.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';
import { memoryStorage } from '../storage';
import type { FormsModule } from './lazy';

interface ClassicWindow {
  CollectionsPanelShared?: { preact?: unknown; hooks?: unknown; context?: unknown; compliance?: unknown };
  CollectionsPanelForms?: FormsModule;
  CollectionsPanel?: { base?: string };
}
const w = window as unknown as ClassicWindow;
const PANEL_SRC = 'https://cdn.example.com/widget/v1/panel.iife.js?v=abc123';
const FORMS_SRC = 'https://cdn.example.com/widget/v1/panel-forms.iife.js?v=abc123';

/** Evaluates import-forms-classic.ts afresh, as panel.iife.js runs: `document.currentScript` is the panel's tag. */
async function runPanelScript(src: string | null, loaderBase?: string) {
  vi.resetModules();
  if (loaderBase) {
    w.CollectionsPanel = { base: loaderBase };
  }
  const script = src ? Object.assign(document.createElement('script'), { src }) : null;
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  const module = await import('./import-forms-classic');
  Object.defineProperty(document, 'currentScript', { value: null, configurable: true });
  return module;
}

const formsTags = () => [...document.head.querySelectorAll<HTMLScriptElement>('script[src*="panel-forms.iife.js"]')];

/** What the forms script does when it runs (forms/classic-entry.ts), then the browser's `load`. */
async function formsScriptLoads(tag: HTMLScriptElement) {
  w.CollectionsPanelForms = (await vi.importActual('./index')) as FormsModule;
  tag.dispatchEvent(new Event('load'));
}

beforeEach(() => {
  delete w.CollectionsPanelShared;
  delete w.CollectionsPanelForms;
  delete w.CollectionsPanel;
  document.head.innerHTML = '';
});

afterEach(() => {
  cleanup();
  vi.doUnmock('./import-forms');
  vi.restoreAllMocks();
});

describe('where the forms script is', () => {
  it('beside the panel script, its query kept (one cache key for both files), no fragment', async () => {
    const { formsScriptUrl } = await runPanelScript(null);
    expect(formsScriptUrl(PANEL_SRC, undefined, 'f1')).toBe(FORMS_SRC);
    expect(formsScriptUrl('https://cdn.example.com/a/b/panel.iife.js#x', undefined, 'f1')).toBe('https://cdn.example.com/a/b/panel-forms.iife.js?v=f1');
    // A host that renamed the panel file still finds the forms in the same directory; a query without `v` gets the
    // panel's fingerprint, so a cached forms script of another version is never paired with this panel.
    expect(formsScriptUrl('https://static.example.org/collections-panel-2.js?token=q', undefined, 'f1')).toBe('https://static.example.org/panel-forms.iife.js?token=q&v=f1');
    expect(formsScriptUrl('https://static.example.org/panel.iife.js?token=q&v=host7', undefined, 'f1')).toBe('https://static.example.org/panel-forms.iife.js?token=q&v=host7');
  });

  it("in the loader's directory when the panel cannot see its own script; nowhere without either", async () => {
    const { formsScriptUrl } = await runPanelScript(null);
    expect(formsScriptUrl(undefined, 'https://cdn.example.com/widget/v1/', 'f 1')).toBe('https://cdn.example.com/widget/v1/panel-forms.iife.js?v=f%201');
    expect(formsScriptUrl(undefined, undefined, 'f1')).toBeNull();
    expect(formsScriptUrl('', '', 'f1')).toBeNull();
  });
});

describe('loading the forms script', () => {
  it("shares the panel's Preact, hooks, contexts and compliance memo before any form loads", async () => {
    await runPanelScript(PANEL_SRC);
    const shared = w.CollectionsPanelShared;
    expect(shared?.preact).toBe(await import('preact'));
    expect(shared?.hooks).toBe(await import('preact/hooks'));
    expect(shared?.context).toBe(await import('../state/context'));
    // One compliance memo per snapshot and minute for the badge and the forms (issue 18: one compliance check).
    expect(shared?.compliance).toBe(await import('../state/compliance'));
    expect(formsTags()).toEqual([]);
  });

  it('adds panel-forms.iife.js from the URL panel.iife.js had while it ran, and resolves with its forms', async () => {
    const { importForms } = await runPanelScript(PANEL_SRC);
    const loading = importForms();
    const [tag] = formsTags();
    expect(tag?.src).toBe(FORMS_SRC);
    expect(tag?.async).toBe(true);
    await formsScriptLoads(tag as HTMLScriptElement);
    const forms = await loading;
    expect(typeof forms.LogCallForm).toBe('function');
    expect(formsTags()).toEqual([]);
    // Loaded once: later asks do not add the script again.
    expect(await importForms()).toBe(forms);
    expect(formsTags()).toEqual([]);
  });

  it("falls back to the loader's directory", async () => {
    const { importForms } = await runPanelScript(null, 'https://cdn.example.com/widget/v2/');
    void importForms().catch(() => undefined);
    expect(formsTags()[0]?.src).toMatch(/^https:\/\/cdn\.example\.com\/widget\/v2\/panel-forms\.iife\.js\?v=/);
  });

  it('rejects, naming the script, when it fails to load, defines nothing, or cannot be located; a retry adds a fresh tag', async () => {
    const { importForms } = await runPanelScript(PANEL_SRC);
    const failed = importForms();
    formsTags()[0]?.dispatchEvent(new Event('error'));
    await expect(failed).rejects.toThrow(`could not load ${FORMS_SRC}`);
    expect(formsTags()).toEqual([]);

    const empty = importForms();
    expect(formsTags()).toHaveLength(1);
    formsTags()[0]?.dispatchEvent(new Event('load'));
    await expect(empty).rejects.toThrow('did not define window.CollectionsPanelForms');

    const nowhere = await runPanelScript(null);
    await expect(nowhere.importForms()).rejects.toThrow('cannot tell where panel-forms.iife.js is');
  });
});

describe('the panel when the forms script cannot be loaded', () => {
  it('says so in words, keeps the saved draft, and "Try again" opens the form with it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // The classic panel: forms/lazy.ts loads through import-forms-classic.ts (scripts/forms-classic.mjs does this in the build).
    vi.resetModules();
    Object.defineProperty(document, 'currentScript', { value: Object.assign(document.createElement('script'), { src: PANEL_SRC }), configurable: true });
    vi.doMock('./import-forms', () => import('./import-forms-classic'));
    // A page that never idles: only the click starts the load.
    vi.stubGlobal('requestIdleCallback', () => 0);
    vi.stubGlobal('cancelIdleCallback', () => {});
    const snapshot = inrSnapshot();
    const storage = memoryStorage();
    const notes = 'Spoke to Mr Rao: cheque handed to the courier';
    await storage.set(`draft:${snapshot.account.id}:call`, { notes });
    const { renderPanel } = await import('../../test/render');
    await renderPanel(snapshot, { storage });
    Object.defineProperty(document, 'currentScript', { value: null, configurable: true });

    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    formsTags()[0]?.dispatchEvent(new Event('error'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/This part of the panel could not be loaded\. Check your connection/);
    // Words for people: no file names, URLs or error codes on screen (the console has them).
    expect(alert.textContent).not.toMatch(/iife|https?:|\.js|Error/);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('could not be loaded'), expect.objectContaining({ message: `[collections-panel] could not load ${FORMS_SRC}` }));
    // The panel itself stays: the figures are still there, and the typed draft is untouched.
    expect(screen.getByText(snapshot.account.name)).toBeTruthy();
    expect(await storage.get(`draft:${snapshot.account.id}:call`)).toEqual({ notes });

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(formsTags()).toHaveLength(1);
    await formsScriptLoads(formsTags()[0] as HTMLScriptElement);
    const form = await screen.findByRole('form', { name: 'Log a call' });
    // The saved draft arrives from storage a moment after the form opens.
    await waitFor(() => expect((within(form).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe(notes));
    expect(screen.queryByRole('alert')).toBeNull();
    vi.unstubAllGlobals();
  });
});
