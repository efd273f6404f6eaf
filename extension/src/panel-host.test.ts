import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from './content-context';
import type { PanelHandleLike } from './panel-host';
import { createPanelHost, HOST_TAG } from './panel-host';
import type { RecordPage } from './salesforce-urls';

const accountA: RecordPage = { objectType: 'account', recordId: '0015g00000XyZ12AAF', view: 'view', relatedList: null };
const contact: RecordPage = { objectType: 'contact', recordId: '0035g00000AbCdEAAV', view: 'view', relatedList: null };

function setup() {
  const dom = new JSDOM('<!doctype html><html><body><main id="page">Lightning</main></body></html>');
  const doc = dom.window.document;
  const ctx = new ContentScriptContext('test', () => true);
  const mounts: { recordId: string; handle: PanelHandleLike & { unmount: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn> } }[] = [];
  const render = vi.fn((element: HTMLElement, recordId: string, _signal?: AbortSignal, _record?: RecordPage) => {
    element.textContent = `panel for ${recordId}`;
    const handle = { update: vi.fn(), unmount: vi.fn(), focus: vi.fn() };
    mounts.push({ recordId, handle });
    return handle;
  });
  const onRequestOAuth = vi.fn();
  // Open and accepting synthetic events, so jsdom can look in and click; the shipped defaults are tested below.
  const host = createPanelHost({ ctx, document: doc, render, onRequestOAuth, shadowMode: 'open', trustedEventsOnly: false });
  const shadow = doc.querySelector(HOST_TAG)!.shadowRoot!;
  return { dom, doc, ctx, host, render, mounts, shadow, onRequestOAuth, tab: shadow.querySelector<HTMLButtonElement>('.tab')!, panel: shadow.querySelector<HTMLElement>('.panel')! };
}

describe('panel host defaults (shipped)', () => {
  it('docks in a closed shadow root and ignores clicks and keys a script made up', () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const doc = dom.window.document;
    const ctx = new ContentScriptContext('test', () => true);
    const render = vi.fn(() => ({ update: vi.fn(), unmount: vi.fn() }));
    let root: ShadowRoot | null = null;
    const attach = dom.window.HTMLElement.prototype.attachShadow;
    dom.window.HTMLElement.prototype.attachShadow = function (this: HTMLElement, init: ShadowRootInit) {
      root = attach.call(this, init);
      return root;
    };
    const host = createPanelHost({ ctx, document: doc, render, onRequestOAuth: vi.fn() });
    host.setRecord(accountA);
    expect(doc.querySelector(HOST_TAG)?.shadowRoot).toBeNull();
    const tab = (root as unknown as ShadowRoot).querySelector<HTMLButtonElement>('.tab')!;
    tab.click();
    tab.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(host.isOpen).toBe(false);
    expect(render).not.toHaveBeenCalled();
    // The API (what the content script calls for the user) still works.
    host.open();
    expect(host.isOpen).toBe(true);
  });
});

describe('panel host', () => {
  it('appears collapsed on a record page without rendering the panel', () => {
    const { host, render, tab, panel, doc } = setup();
    host.setRecord(accountA);
    expect(doc.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(tab.hidden).toBe(false);
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    expect(render).not.toHaveBeenCalled();
  });

  it('docks as a fixed overlay that does not take part in the page layout', () => {
    const { doc } = setup();
    const style = doc.querySelector<HTMLElement>(HOST_TAG)!.style;
    expect(style.position).toBe('fixed');
    expect(style.width).toBe('0px');
  });

  it('renders once on open, re-mounts on record change, tears down on collapse', () => {
    const { host, render, mounts, tab } = setup();
    host.setRecord(accountA);
    tab.click();
    expect(host.isOpen).toBe(true);
    expect(render).toHaveBeenCalledTimes(1);
    host.setRecord(accountA);
    expect(render).toHaveBeenCalledTimes(1);
    host.setRecord(contact);
    expect(mounts[0]?.handle.unmount).toHaveBeenCalledTimes(1);
    expect(mounts.map((m) => m.recordId)).toEqual([accountA.recordId, contact.recordId]);
    host.collapse();
    expect(mounts[1]?.handle.unmount).toHaveBeenCalledTimes(1);
    expect(host.isOpen).toBe(false);
  });

  it('hides itself off record pages and auto-opens when asked', () => {
    const { host, doc, render } = setup();
    host.setRecord(null);
    expect(doc.querySelector<HTMLElement>(HOST_TAG)!.style.display).toBe('none');
    host.setRecord(accountA, { autoOpen: true });
    expect(render).toHaveBeenCalledTimes(1);
    expect(doc.querySelector<HTMLElement>(HOST_TAG)!.style.display).toBe('block');
  });

  it('offers OAuth sign-in when the org blocks cookie sessions', () => {
    const { host, shadow, onRequestOAuth, tab } = setup();
    host.setRecord(accountA);
    tab.click();
    host.showApiDisabledNotice();
    const button = shadow.querySelector<HTMLButtonElement>('.notice button')!;
    expect(shadow.querySelector<HTMLElement>('.notice')!.hidden).toBe(false);
    button.click();
    expect(onRequestOAuth).toHaveBeenCalledTimes(1);
  });

  it('removes itself when the extension context goes away', () => {
    const { ctx, doc, host, tab, mounts } = setup();
    host.setRecord(accountA);
    tab.click();
    ctx.abort();
    expect(doc.querySelector(HOST_TAG)).toBeNull();
    expect(mounts[0]?.handle.unmount).toHaveBeenCalled();
  });
});

describe('keyboard (issue 17)', () => {
  const shortcut = (doc: Document, init: KeyboardEventInit = {}) =>
    doc.body.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'C', code: 'KeyC', altKey: true, shiftKey: true, bubbles: true, cancelable: true, ...init }));

  it("Alt+Shift+C opens the collapsed dock and focuses the panel; other chords are the page's", () => {
    const { doc, host, mounts } = setup();
    host.setRecord(accountA);
    expect(shortcut(doc, { shiftKey: false })).toBe(true);
    expect(host.isOpen).toBe(false);
    expect(shortcut(doc)).toBe(false);
    expect(host.isOpen).toBe(true);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.handle.focus).toHaveBeenCalledTimes(1);
    // Open already: focuses again, no re-mount.
    shortcut(doc);
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.handle.focus).toHaveBeenCalledTimes(2);
  });

  it('off a record page the shortcut is left alone', () => {
    const { doc, host } = setup();
    host.setRecord(null);
    expect(shortcut(doc)).toBe(true);
    expect(host.isOpen).toBe(false);
  });

  it('an Escape the panel used to close a form does not collapse the dock', () => {
    const { doc, host, shadow } = setup();
    host.setRecord(accountA);
    host.open();
    const body = shadow.querySelector('.body')!;
    const used = new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
    used.preventDefault();
    body.dispatchEvent(used);
    expect(host.isOpen).toBe(true);
    body.dispatchEvent(new doc.defaultView!.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    expect(host.isOpen).toBe(false);
  });
});

describe('panel host on the rep\'s pages (issue 19, decision 0025)', () => {
  const opportunity: RecordPage = { objectType: 'opportunity', recordId: '0065g00000AbCdEAAV', view: 'view', relatedList: null };
  const quote: RecordPage = { objectType: 'quote', recordId: '0Q05g00000AbCdEAAV', view: 'view', relatedList: null };

  it('names the customer check on an opportunity or quote, renders nothing while collapsed, and passes the page on open', () => {
    const { host, render, tab, shadow } = setup();
    host.setRecord(opportunity);
    expect(tab.textContent).toBe('Collections: check this customer');
    expect(render).not.toHaveBeenCalled();
    tab.click();
    expect(render).toHaveBeenCalledTimes(1);
    expect(render.mock.calls[0]?.[3]).toEqual(opportunity);
    expect(shadow.querySelector('.title')?.textContent).toBe('Collections: check this customer');
    host.collapse();
    host.setRecord(quote);
    expect(tab.textContent).toBe('Collections: check this customer');
    host.setRecord(accountA);
    expect(tab.textContent).toBe('Collections');
  });
});
