/**
 * The one host element on the Lightning page: a shadow root (isolated styles and events, wxt "Shadow Root" UI,
 * §4) docked as a fixed overlay on the right edge, so it never shifts the page layout (CLS 0). Collapsed by
 * default, showing only a small tab; the panel (and its single API request) is created only when opened.
 *
 * CRM text never reaches this file: the widget renders records; we only render our own fixed strings, via
 * textContent.
 */
import type { ContentScriptContext } from './content-context';
import type { RecordPage } from './salesforce-urls';
import { isFocusShortcut } from '../../widget/src/ui/keys';

/** Marker on <html> against double injection (refined-github pattern). */
export const INJECTION_MARKER = 'data-collections-panel-extension';
export const HOST_TAG = 'collections-panel-dock';

/** What the host needs from the widget: mount into an element, get a handle back. */
export interface PanelHandleLike {
  update(next: { recordId: string }): void;
  unmount(): void;
  /** Focus the panel (now or once loaded): the widget's Alt+Shift+C. */
  focus?(): void;
}
/** `record`: the page the dock is on (an opportunity or quote opens the rep's "Before you sell" view, decision 0025). */
export type RenderPanel = (element: HTMLElement, recordId: string, signal: AbortSignal, record?: RecordPage) => PanelHandleLike;

/** The rep's pages (issue 19): the dock's collapsed tab names the customer check, and it stays collapsed (no request). */
export function isSalesPage(record: RecordPage | null): boolean {
  return record?.objectType === 'opportunity' || record?.objectType === 'quote';
}

const SALES_LABEL = 'Collections: check this customer';

export interface PanelHost {
  /** Show the dock for a record page (or hide it with null). Re-mounts an open panel for a new record. */
  setRecord(record: RecordPage | null, options?: { autoOpen?: boolean }): void;
  open(): void;
  collapse(): void;
  readonly isOpen: boolean;
  /** Shows the "cookie session not allowed" notice with an OAuth sign-in button. */
  showApiDisabledNotice(): void;
  destroy(): void;
}

const STYLES = `
:host { all: initial; }
.dock { position: fixed; top: 0; right: 0; z-index: 2147483000; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #181818; }
.tab { position: fixed; right: 0; top: 40vh; writing-mode: vertical-rl; transform: rotate(180deg); padding: 12px 6px; border: 1px solid #c9c9c9; border-right: 0; border-radius: 0 6px 6px 0; background: #0176d3; color: #fff; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.tab:focus-visible, .close:focus-visible, .notice button:focus-visible { outline: 3px solid #1b96ff; outline-offset: 2px; }
.panel { position: fixed; top: 0; right: 0; bottom: 0; width: min(440px, 100vw); display: flex; flex-direction: column; background: #fff; border-left: 1px solid #c9c9c9; box-shadow: -4px 0 16px rgba(0,0,0,.18); }
.panel[hidden], .tab[hidden], .notice[hidden] { display: none; }
.header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; border-bottom: 1px solid #e5e5e5; font-weight: 600; }
.page-link { border: 1px solid #c9c9c9; border-radius: 4px; background: #fff; font: inherit; font-size: 12px; cursor: pointer; padding: 2px 8px; margin-left: 6px; color: #0b5cab; }
.page-link:focus-visible { outline: 3px solid #1b96ff; outline-offset: 2px; }
.close { border: 0; background: transparent; font: inherit; font-size: 18px; line-height: 1; cursor: pointer; padding: 4px 8px; color: inherit; }
.notice { margin: 8px 12px; padding: 8px 12px; border: 1px solid #fe9339; border-radius: 4px; background: #fff8f0; }
.notice button { margin-top: 6px; font: inherit; padding: 4px 10px; cursor: pointer; }
.body { flex: 1; overflow: auto; }
`;

export function createPanelHost(params: {
  ctx: ContentScriptContext;
  document: Document;
  render: RenderPanel;
  onRequestOAuth: () => void;
  /** When given, the dock's header links to the extension's worklist and reports pages (decision 0023). */
  onOpenPage?: (page: 'worklist' | 'reports' | 'disputes') => void;
  label?: string;
  /** Default 'closed': the Salesforce page's scripts cannot reach the dock (extension SHADOW_MODE). */
  shadowMode?: 'open' | 'closed';
  /** Default true: the dock's buttons act only on real user input, never on a click a script made up. */
  trustedEventsOnly?: boolean;
}): PanelHost {
  const { ctx, document: doc, render } = params;
  const host = doc.createElement(HOST_TAG);
  // Inline styles on the host itself, so page CSS cannot give it a box that shifts the layout.
  host.setAttribute('style', 'all: initial; position: fixed; top: 0; right: 0; width: 0; height: 0; z-index: 2147483000;');
  const shadow = host.attachShadow({ mode: params.shadowMode ?? 'closed' });
  const trustedOnly = params.trustedEventsOnly ?? true;
  /** A handler that ignores events a script dispatched (isTrusted false). */
  const byUser = <E extends Event>(handler: (event: E) => void) => (event: E): void => {
    if (trustedOnly && !event.isTrusted) {
      return;
    }
    handler(event);
  };

  const style = doc.createElement('style');
  style.textContent = STYLES;
  const dock = el(doc, 'div', 'dock');
  const tab = el(doc, 'button', 'tab');
  tab.type = 'button';
  tab.textContent = params.label ?? 'Collections';
  tab.setAttribute('aria-expanded', 'false');
  tab.setAttribute('aria-controls', 'collections-panel');
  const panel = el(doc, 'section', 'panel');
  panel.id = 'collections-panel';
  panel.setAttribute('role', 'complementary');
  panel.setAttribute('aria-label', 'Collections panel');
  panel.hidden = true;
  const header = el(doc, 'div', 'header');
  const title = el(doc, 'span', 'title');
  title.textContent = params.label ?? 'Collections';
  const close = el(doc, 'button', 'close');
  close.type = 'button';
  close.setAttribute('aria-label', 'Collapse collections panel');
  close.textContent = '×';
  header.append(title);
  if (params.onOpenPage) {
    const onOpenPage = params.onOpenPage;
    for (const [page, words] of [['worklist', 'My worklist'], ['reports', 'Reports'], ['disputes', 'My disputes']] as const) {
      const link = el(doc, 'button', 'page-link');
      link.type = 'button';
      link.textContent = words;
      link.dataset.page = page;
      link.addEventListener('click', byUser(() => onOpenPage(page)));
      header.append(link);
    }
  }
  header.append(close);
  const notice = el(doc, 'div', 'notice');
  notice.hidden = true;
  notice.setAttribute('role', 'status');
  const body = el(doc, 'div', 'body');
  panel.append(header, notice, body);
  dock.append(tab, panel);
  shadow.append(style, dock);

  let record: RecordPage | null = null;
  let isOpen = false;
  let mount: { ctx: ContentScriptContext; handle: PanelHandleLike | null } | null = null;

  function teardown(): void {
    if (mount) {
      mount.ctx.abort();
      mount.handle?.unmount();
      mount = null;
    }
    body.replaceChildren();
    notice.hidden = true;
  }

  function mountPanel(): void {
    teardown();
    if (!record || !isOpen || ctx.isInvalid) {
      return;
    }
    const mountCtx = ctx.child(`mount:${record.recordId}`);
    const element = doc.createElement('div');
    body.append(element);
    mount = { ctx: mountCtx, handle: null };
    try {
      mount.handle = render(element, record.recordId, mountCtx.signal, record);
    } catch (error) {
      // A broken render must not break the Salesforce page.
      console.error('[collections-panel] render failed', error);
    }
  }

  function sync(): void {
    // Not `hidden`: the inline `all: initial` would override the UA's [hidden] rule.
    host.style.display = record === null ? 'none' : 'block';
    tab.hidden = isOpen;
    panel.hidden = !isOpen;
    tab.setAttribute('aria-expanded', String(isOpen));
    const words = isSalesPage(record) ? SALES_LABEL : params.label ?? 'Collections';
    if (tab.textContent !== words) {
      tab.textContent = words;
      title.textContent = words;
    }
  }

  const api: PanelHost = {
    setRecord(next, options = {}) {
      const changed = next?.recordId !== record?.recordId;
      record = next;
      if (!next) {
        isOpen = false;
        teardown();
      } else if (changed) {
        if (options.autoOpen) {
          isOpen = true;
        }
        mountPanel();
      }
      sync();
    },
    open() {
      if (isOpen || !record) {
        return;
      }
      isOpen = true;
      sync();
      mountPanel();
      close.focus();
    },
    collapse() {
      if (!isOpen) {
        return;
      }
      isOpen = false;
      teardown();
      sync();
      tab.focus();
    },
    get isOpen() {
      return isOpen;
    },
    showApiDisabledNotice() {
      const text = doc.createElement('p');
      text.textContent = 'Your org does not let browser sessions use the Salesforce API. Sign in once with Salesforce (OAuth) to use the panel.';
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = 'Sign in with Salesforce';
      button.addEventListener('click', byUser(() => params.onRequestOAuth()));
      notice.replaceChildren(text, button);
      notice.hidden = false;
    },
    destroy() {
      teardown();
      host.remove();
    },
  };

  ctx.addEventListener(tab, 'click', byUser(() => api.open()));
  ctx.addEventListener(close, 'click', byUser(() => api.collapse()));
  // The panel's focus shortcut also opens the collapsed dock (the widget is not mounted until then).
  ctx.addEventListener(doc, 'keydown', byUser((event) => {
    const key = event as KeyboardEvent;
    if (record && !key.defaultPrevented && isFocusShortcut(key)) {
      key.preventDefault();
      api.open();
      mount?.handle?.focus?.();
    }
  }));
  ctx.addEventListener(shadow, 'keydown', byUser((event) => {
    // defaultPrevented: the panel used this Escape to close one of its forms.
    if ((event as KeyboardEvent).key === 'Escape' && !event.defaultPrevented) {
      api.collapse();
    }
  }));
  ctx.onInvalidated(() => api.destroy());

  sync();
  doc.documentElement.append(host);
  return api;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  return node;
}
