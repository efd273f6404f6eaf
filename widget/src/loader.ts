/**
 * loader.js: the cal.com-style queue stub (≤ 3 KB gzip). Put it on a page, call
 * `CollectionsPanel.mount(el, options)` at once; calls are queued until the panel core arrives,
 * then replayed in order. The core is fetched lazily from the loader's own directory: the ES module
 * `panel.js` (a facade of one content-hashed core chunk), or, when module import fails (old
 * browser, CDN without CORS for module scripts), the classic script `panel.iife.js` (which adds its action forms,
 * `panel-forms.iife.js` from the same directory, after first paint).
 * A bad instruction is logged and skipped, never thrown into the host page. See widget/EMBED.md.
 *
 * Kept dependency-free on purpose: everything here ships to every page that embeds the panel.
 */
import { PANEL_FINGERPRINT, PANEL_VERSION } from './version';

type Instruction = [method: string, ...args: unknown[]];

/** The one port method the loader calls (before the core arrives). */
interface SnapshotPort {
  loadSnapshot(ref: unknown, options?: unknown): Promise<unknown>;
}

interface CoreApi {
  [method: string]: unknown;
}

interface LoaderGlobal {
  q: Instruction[];
  version: string;
  fingerprint: string;
  loaded: boolean;
  /** The directory the core is loaded from; panel.iife.js finds its forms script there when it cannot see its own URL. */
  base: string;
  /** Start fetching the core now (otherwise the first mount does). */
  load(): void;
  mount(element: Element, options: unknown): { update(next: unknown): void; unmount(): void };
  configure(options: unknown): void;
  update(element: Element, next: unknown): void;
  unmount(element: Element): void;
}

const PREFIX = '[collections-panel]';
const METHODS = ['mount', 'configure', 'update', 'unmount'];
const w = window as unknown as { CollectionsPanel?: Partial<LoaderGlobal>; CollectionsPanelCore?: { CollectionsPanel?: CoreApi } };
const existing = w.CollectionsPanel;

// Double-injection guard (Chatwoot `window.$chatwoot`): a second loader keeps the first.
if (!existing || !existing.version) {
  const script = document.currentScript as HTMLScriptElement | null;
  const base = (script?.src ?? '').replace(/[^/]*$/, '');
  // An inline snippet may have queued instructions before this file arrived (EMBED.md).
  const queue: Instruction[] = Array.isArray(existing?.q) ? existing.q : [];
  let core: CoreApi | null = null;
  let requested = false;

  const run = (instruction: Instruction) => {
    const [method, ...args] = Array.isArray(instruction) ? instruction : ([] as unknown as Instruction);
    const fn = core?.[method];
    if (!METHODS.includes(method) || typeof fn !== 'function') {
      console.warn(PREFIX, 'ignored unknown instruction', instruction);
      return;
    }
    try {
      fn(...args);
    } catch (error) {
      // cal.com: "Instead of throwing error, log and move forward in the queue".
      console.error(PREFIX, `${method} failed`, error);
    }
  };

  const drain = (found: CoreApi | undefined) => {
    if (!found) {
      console.error(PREFIX, 'panel core loaded but did not register CollectionsPanelCore');
      return;
    }
    core = found;
    api.loaded = true;
    // Later pushes (inline snippets holding the array) run immediately.
    queue.push = (...items: Instruction[]) => {
      items.forEach(run);
      return queue.length;
    };
    queue.splice(0).forEach(run);
    window.dispatchEvent(new CustomEvent('collections-panel:ready', { detail: { version: api.version, fingerprint: api.fingerprint } }));
  };

  const version = `?v=${encodeURIComponent(PANEL_FINGERPRINT)}`;

  const loadClassic = () => {
    const tag = document.createElement('script');
    tag.src = `${base}panel.iife.js${version}`;
    tag.async = true;
    tag.onload = () => drain(w.CollectionsPanelCore?.CollectionsPanel);
    tag.onerror = () => {
      requested = false;
      console.error(PREFIX, `could not load ${tag.src}`);
      window.dispatchEvent(new CustomEvent('collections-panel:error', { detail: { code: 'core_load_failed', src: tag.src } }));
    };
    document.head.append(tag);
  };

  const load = () => {
    if (requested) {
      return;
    }
    requested = true;
    import(/* @vite-ignore */ `${base}panel.js${version}`)
      .then((module: { CollectionsPanel?: CoreApi }) => drain(module.CollectionsPanel))
      .catch(loadClassic);
  };

  /**
   * Start the snapshot request NOW, in parallel with fetching the core (issue 18: it used to wait
   * for the core). The mount gets a port whose first matching loadSnapshot hands over the request
   * already in flight; the panel's AbortSignal still cancels it. Other calls go to the host's port.
   */
  const prefetching = (options: unknown): unknown => {
    const o = options as { port?: SnapshotPort; recordId?: unknown; policy?: { complianceProfile?: unknown } } | null;
    const port = o?.port;
    const recordId = o?.recordId;
    if (!port || typeof port.loadSnapshot !== 'function' || typeof recordId !== 'string' || !recordId) {
      return options;
    }
    const profile = typeof o.policy?.complianceProfile === 'string' && o.policy.complianceProfile ? o.policy.complianceProfile : undefined;
    const controller = new AbortController();
    let early: Promise<unknown> | null = null;
    try {
      early = port.loadSnapshot({ id: recordId }, profile ? { signal: controller.signal, complianceProfile: profile } : { signal: controller.signal });
      // Rejections are the panel's to show when it takes the request over.
      early.catch(() => undefined);
    } catch (error) {
      console.warn(PREFIX, 'snapshot prefetch failed', error);
      return options;
    }
    const loadSnapshot = (ref: { id?: unknown } | undefined, opts?: { signal?: AbortSignal; complianceProfile?: unknown }) => {
      const same = ref?.id === recordId && ((opts?.complianceProfile as string | undefined) || undefined) === profile;
      if (!early || !same) {
        return port.loadSnapshot(ref, opts);
      }
      const taken = early;
      early = null;
      const signal = opts?.signal;
      if (signal?.aborted) {
        controller.abort();
      }
      signal?.addEventListener('abort', () => controller.abort(), { once: true });
      return taken;
    };
    const wrapped = new Proxy(port, {
      get(target, key) {
        if (key === 'loadSnapshot') {
          return loadSnapshot;
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { ...o, port: wrapped };
  };

  const call = (method: string, ...args: unknown[]) => {
    const instruction = [method, ...args] as Instruction;
    if (core) {
      run(instruction);
    } else {
      queue.push(instruction);
      load();
    }
  };

  const api: LoaderGlobal = {
    q: queue,
    version: PANEL_VERSION,
    fingerprint: PANEL_FINGERPRINT,
    loaded: false,
    base,
    load,
    mount(element, options) {
      call('mount', element, core ? options : prefetching(options));
      return {
        update: (next) => call('update', element, next),
        unmount: () => call('unmount', element),
      };
    },
    configure: (options) => call('configure', options),
    update: (element, next) => call('update', element, next),
    unmount: (element) => call('unmount', element),
  };
  w.CollectionsPanel = api;

  // Pages may use <collections-panel> tags without any call: fetch the core when one exists.
  const scan = () => {
    if (document.querySelector('collections-panel')) {
      load();
    }
  };
  if (queue.length > 0) {
    load();
  } else if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan, { once: true });
  } else {
    scan();
  }
}
