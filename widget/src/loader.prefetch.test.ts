/**
 * Load chain (issue 18): the loader starts the snapshot request as soon as it has a port and a
 * record id, while the panel core is still loading; the panel then takes over that request.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetLoader, loadLoader, type LoaderWindow as W } from '../test/loader';

type MountOptions = { recordId: string; port: { loadSnapshot(ref: unknown, o?: unknown): Promise<unknown>; logCall(x: unknown): unknown } };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A host port whose snapshot answer we control; `this` must stay the port for its other methods. */
function hostPort() {
  const answer = deferred<{ account: { id: string } }>();
  const signals: AbortSignal[] = [];
  const port = {
    name: 'host',
    loadSnapshot: vi.fn((_ref: unknown, options?: { signal?: AbortSignal }) => {
      if (options?.signal) {
        signals.push(options.signal);
      }
      return answer.promise;
    }),
    logCall(this: { name: string }, _x: unknown) {
      return this.name;
    },
  };
  return { port, answer, signals };
}

beforeEach(forgetLoader);

describe('loader.js snapshot prefetch', () => {
  it('starts the snapshot request before the panel core has loaded, and the panel takes it over', async () => {
    const api = await loadLoader();
    const { port, answer, signals } = hostPort();
    const mounted: MountOptions[] = [];
    api.mount(document.createElement('div'), { recordId: '001A', port, policy: { complianceProfile: 'us-fdcpa' } });
    // Requested at mount time: the core (a deferred classic script here) has not arrived.
    expect(port.loadSnapshot).toHaveBeenCalledTimes(1);
    expect(port.loadSnapshot).toHaveBeenCalledWith({ id: '001A' }, expect.objectContaining({ complianceProfile: 'us-fdcpa' }));
    const script = await vi.waitFor(() => {
      const found = document.head.querySelector<HTMLScriptElement>('script[src*="panel.iife.js"]');
      expect(found).not.toBeNull();
      return found as HTMLScriptElement;
    });
    (window as unknown as W).CollectionsPanelCore = {
      CollectionsPanel: { mount: (_el: Element, o: MountOptions) => mounted.push(o), configure() {}, update() {}, unmount() {} },
    };
    script.onload?.(new Event('load'));
    expect(mounted).toHaveLength(1);

    // The panel's first load is the request already in flight: no second request.
    const panel = new AbortController();
    const first = mounted[0]!.port.loadSnapshot({ id: '001A' }, { signal: panel.signal, complianceProfile: 'us-fdcpa' });
    expect(port.loadSnapshot).toHaveBeenCalledTimes(1);
    answer.resolve({ account: { id: '001A' } });
    await expect(first).resolves.toEqual({ account: { id: '001A' } });
    // Unmounting the panel cancels it like its own request.
    panel.abort();
    expect(signals[0]?.aborted).toBe(true);
    // A reload asks the host's port again; other methods keep their `this`.
    void mounted[0]!.port.loadSnapshot({ id: '001A' }, { complianceProfile: 'us-fdcpa' });
    expect(port.loadSnapshot).toHaveBeenCalledTimes(2);
    expect(mounted[0]!.port.logCall({})).toBe('host');
  });

  it('does not hand the prefetched request to another record or compliance profile', async () => {
    const api = await loadLoader();
    const { port } = hostPort();
    const mounted: MountOptions[] = [];
    api.mount(document.createElement('div'), { recordId: '001A', port });
    (window as unknown as W).CollectionsPanelCore = {
      CollectionsPanel: { mount: (_el: Element, o: MountOptions) => mounted.push(o), configure() {}, update() {}, unmount() {} },
    };
    const script = await vi.waitFor(() => document.head.querySelector<HTMLScriptElement>('script[src*="panel.iife.js"]') ?? Promise.reject(new Error('not yet')));
    script.onload?.(new Event('load'));
    void mounted[0]!.port.loadSnapshot({ id: '001B' });
    void mounted[0]!.port.loadSnapshot({ id: '001A' }, { complianceProfile: 'uk-fca' });
    expect(port.loadSnapshot).toHaveBeenCalledTimes(3);
  });
});
