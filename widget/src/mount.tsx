/**
 * Mount the panel into a Shadow DOM root on any element, with its CSS inside (no style leaks in
 * either direction) and one AbortSignal per mount: unmount aborts in-flight loads.
 */
import { render } from 'preact';
import { isProfileId } from '../../connector/domain/vocabulary';
import type { CollectionsPort } from '../../connector/port';
import css from './styles.css?inline';
import { localStorageAdapter } from './storage';
import type { MountOptions, PanelHandle } from './types';
import type { PanelEnv } from './state/context';
import { Panel } from './ui/Panel';
import { focusPanelIn, isFocusShortcut } from './ui/keys';

/**
 * Methods the panel calls. Listed here rather than importing PORT_METHODS: importing a value from
 * connector/port.ts would pull every write schema (zod) into the page bundle.
 */
const REQUIRED_PORT_METHODS = [
  'loadSnapshot',
  'logCall',
  'logActivity',
  'recordPromise',
  'savePaymentPlan',
  'raiseDispute',
  'recordSettlementOffer',
] as const satisfies readonly (keyof CollectionsPort)[];

const mounted = new WeakMap<Element, PanelHandle>();
const roots = new WeakMap<Element, ShadowRoot>();
/**
 * The events through which a collector ACTS (saves, retries, opens a form). Typing into a field
 * (input/change) is not an action and stays open to tools that fill fields for the user.
 */
const USER_EVENTS = ['click', 'submit', 'keydown'] as const;

function dropUntrusted(event: Event): void {
  if (!event.isTrusted) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
}

/** Defaults set by CollectionsPanel.configure (custom elements and mounts without a port use them). */
let defaults: Partial<Omit<MountOptions, 'recordId'>> = {};

export function configure(options: Partial<Omit<MountOptions, 'recordId'>>): void {
  if (options == null || typeof options !== 'object') {
    throw new TypeError('[collections-panel] configure() needs an options object');
  }
  defaults = { ...defaults, ...options };
}

export function getDefaults(): Partial<Omit<MountOptions, 'recordId'>> {
  return defaults;
}

/** Hand-written checks (cal.com `validate()`: no schema library on the page path). */
function assertPort(port: unknown): asserts port is CollectionsPort {
  if (typeof port !== 'object' || port === null) {
    throw new TypeError('[collections-panel] options.port is required (a CollectionsPort); pass it to mount() or configure()');
  }
  const missing = REQUIRED_PORT_METHODS.filter((m) => typeof (port as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    throw new TypeError(`[collections-panel] options.port is missing ${missing.join(', ')}`);
  }
}

function assertRecordId(recordId: unknown): asserts recordId is string {
  if (typeof recordId !== 'string' || recordId.trim() === '') {
    throw new TypeError('[collections-panel] recordId must be a non-empty string');
  }
}

function assertPolicy(policy: MountOptions['policy']): void {
  const profile: unknown = policy?.complianceProfile;
  // Sent with every snapshot request: a malformed id would fail every load, not just compliance.
  // Absent, null or '' means no override (as in the connector and the extension's settings).
  if (profile !== undefined && profile !== null && profile !== '' && !isProfileId(profile)) {
    throw new TypeError(`[collections-panel] policy.complianceProfile must be a profile id such as 'us-fdcpa', got ${JSON.stringify(profile)}`);
  }
}

function resolveLocale(locale: string | undefined): string {
  const wanted = locale ?? (typeof navigator !== 'undefined' ? navigator.language : undefined) ?? 'en-US';
  try {
    return Intl.getCanonicalLocales(wanted)[0] ?? 'en-US';
  } catch (_error) {
    console.warn(`[collections-panel] invalid locale ${JSON.stringify(wanted)}; using en-US`);
    return 'en-US';
  }
}

function buildEnv(options: MountOptions): PanelEnv {
  return {
    port: options.port,
    locale: resolveLocale(options.locale),
    policy: options.policy ?? {},
    storage: options.storage ?? localStorageAdapter(),
    now: options.now ?? Date.now,
    userTimeZone: options.userTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    senderName: options.senderName?.trim() || 'Accounts receivable',
    ...(options.userId ? { userId: options.userId } : {}),
    salesView: options.salesView === true,
    reportingCurrency: options.reportingCurrency ?? null,
    fxRates: options.fxRates ?? [],
  };
}

/**
 * Put the panel's CSS into the shadow root: a constructable stylesheet where supported (not
 * subject to a host page's `style-src` CSP), else a <style> element. Returns the undo.
 */
function adoptStyles(root: ShadowRoot): () => void {
  if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype && Array.isArray(root.adoptedStyleSheets)) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
  return () => style.remove();
}

/** Mount (or re-mount) the panel on `element`. */
export function mount(element: Element, options: MountOptions): PanelHandle {
  if (!element || typeof (element as Element).attachShadow !== 'function') {
    throw new TypeError('[collections-panel] mount() needs a DOM element');
  }
  const merged = { ...defaults, ...options } as MountOptions;
  assertRecordId(merged.recordId);
  assertPort(merged.port);
  assertPolicy(merged.policy);
  mounted.get(element)?.unmount();

  // A closed root is not reachable through element.shadowRoot: remember ours for a re-mount.
  const root = roots.get(element) ?? element.shadowRoot ?? element.attachShadow({ mode: merged.shadowMode ?? 'open' });
  roots.set(element, root);
  const removeStyles = adoptStyles(root);
  const container = document.createElement('div');
  container.setAttribute('data-collections-panel', '');
  if (merged.trustedEventsOnly) {
    // Capture on the container runs before any control's own handler: an event a script made up
    // (isTrusted false) never reaches Save, Retry or any other action.
    for (const type of USER_EVENTS) {
      container.addEventListener(type, dropUntrusted, true);
    }
  }
  root.append(container);

  const controller = new AbortController();
  const env = buildEnv(merged);
  let recordId = merged.recordId;
  // The documented shortcut (Alt+Shift+C, ui/keys.ts) focuses this panel from anywhere on the page.
  let cancelFocus = () => undefined as void;
  const focus = () => {
    cancelFocus();
    cancelFocus = focusPanelIn(container);
  };
  const onShortcut = (event: KeyboardEvent) => {
    if (!event.defaultPrevented && isFocusShortcut(event)) {
      event.preventDefault();
      focus();
    }
  };
  const doc = element.ownerDocument;
  doc.addEventListener('keydown', onShortcut);
  const draw = () => render(<Panel key={recordId} env={env} recordId={recordId} signal={controller.signal} />, container);
  draw();

  const handle: PanelHandle = {
    update(next) {
      assertRecordId(next?.recordId);
      if (controller.signal.aborted || next.recordId === recordId) {
        return;
      }
      recordId = next.recordId;
      draw();
    },
    focus,
    unmount() {
      if (controller.signal.aborted) {
        return;
      }
      controller.abort();
      doc.removeEventListener('keydown', onShortcut);
      cancelFocus();
      render(null, container);
      removeStyles();
      container.remove();
      mounted.delete(element);
    },
  };
  mounted.set(element, handle);
  return handle;
}

/** Update the panel mounted on `element` (loader protocol: queued calls address panels by element). */
export function update(element: Element, next: { recordId: string }): void {
  const handle = mounted.get(element);
  if (!handle) {
    throw new Error('[collections-panel] update(): no panel is mounted on this element');
  }
  handle.update(next);
}

export function unmount(element: Element): void {
  mounted.get(element)?.unmount();
}
