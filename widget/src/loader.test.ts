/**
 * The loader's queue protocol, with the real loader module and a stand-in core: calls made before
 * the core arrives are replayed in order; bad instructions are logged and skipped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetLoader, loadLoader, type LoaderApi, type LoaderWindow as W } from '../test/loader';


function coreScript(): HTMLScriptElement | null {
  return document.head.querySelector('script[src*="panel.iife.js"]');
}

/** jsdom cannot import the (fictional CDN) ES module, so the loader falls back to the classic script. */
async function classicScript(): Promise<HTMLScriptElement> {
  await vi.waitFor(() => expect(coreScript()).not.toBeNull());
  return coreScript() as HTMLScriptElement;
}

beforeEach(() => {
  forgetLoader();
  document.body.innerHTML = '';
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loader.js', () => {
  it('queues calls, lazily loads the core from its own directory, then replays them in order', async () => {
    const api = await loadLoader();
    expect(api.version).toBeTruthy();
    expect(api.fingerprint).toBeTruthy();
    // panel.iife.js finds its forms script here when it cannot see its own URL (forms/import-forms-classic.ts).
    expect(api.base).toBe('https://cdn.example.com/widget/v1/');
    expect(coreScript()).toBeNull(); // nothing fetched until used

    const el = document.createElement('div');
    const calls: string[] = [];
    api.configure({ locale: 'en-IN' });
    const handle = api.mount(el, { recordId: 'A' });
    handle.update({ recordId: 'B' });
    expect(api.q).toHaveLength(3);
    const script = await classicScript();
    expect(script?.src).toMatch(/^https:\/\/cdn\.example\.com\/widget\/v1\/panel\.iife\.js\?v=/);

    (window as unknown as W).CollectionsPanelCore = {
      CollectionsPanel: {
        configure: (o: { locale: string }) => calls.push(`configure ${o.locale}`),
        mount: (_el: Element, o: { recordId: string }) => calls.push(`mount ${o.recordId}`),
        update: (_el: Element, n: { recordId: string }) => calls.push(`update ${n.recordId}`),
        unmount: () => calls.push('unmount'),
      },
    };
    const ready = vi.fn();
    window.addEventListener('collections-panel:ready', ready);
    script?.onload?.(new Event('load'));
    expect(calls).toEqual(['configure en-IN', 'mount A', 'update B']);
    expect(api.loaded).toBe(true);
    expect(ready).toHaveBeenCalledTimes(1);
    // After load, calls go straight to the core.
    handle.unmount();
    expect(calls.at(-1)).toBe('unmount');
  });

  it('logs and skips bad instructions instead of throwing into the host page', async () => {
    const api = await loadLoader();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const calls: string[] = [];
    api.q.push(['explode', 1]);
    api.mount(document.createElement('div'), { recordId: 'bad' });
    api.mount(document.createElement('div'), { recordId: 'good' });
    (window as unknown as W).CollectionsPanelCore = {
      CollectionsPanel: {
        mount: (_el: Element, o: { recordId: string }) => {
          if (o.recordId === 'bad') {
            throw new TypeError('bad options');
          }
          calls.push(o.recordId);
        },
      },
    };
    (await classicScript()).onload?.(new Event('load'));
    expect(calls).toEqual(['good']);
    expect(warn).toHaveBeenCalledWith('[collections-panel]', 'ignored unknown instruction', ['explode', 1]);
    expect(error).toHaveBeenCalledWith('[collections-panel]', 'mount failed', expect.any(TypeError));
  });

  it('adopts instructions queued by an inline snippet and reports a failed core load', async () => {
    (window as unknown as W).CollectionsPanel = { q: [['configure', { locale: 'de-DE' }]] } as unknown as LoaderApi;
    const api = await loadLoader();
    expect(api.q).toEqual([['configure', { locale: 'de-DE' }]]);
    const script = await classicScript();
    const failed = vi.fn();
    window.addEventListener('collections-panel:error', failed);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    script?.onerror?.(new Event('error'));
    expect(failed).toHaveBeenCalledTimes(1);
    expect(api.q).toHaveLength(1); // kept for a later retry
  });

  it('does not replace an already-installed loader (double injection)', async () => {
    const first = await loadLoader();
    const second = await loadLoader();
    expect(second).toBe(first);
  });
});
