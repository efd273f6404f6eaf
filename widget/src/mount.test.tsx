import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePort } from '../test/fakePort';
import { inrSnapshot, jpySnapshot, NOW } from '../test/fixtures';
import { CollectionsPanel, memoryStorage } from './index';

afterEach(() => {
  document.body.innerHTML = '';
});

function host(): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
}

function shadow(el: Element): HTMLElement {
  return el.shadowRoot as unknown as HTMLElement;
}

const base = { now: () => NOW, locale: 'en-IN', storage: memoryStorage() };

describe('CollectionsPanel.mount', () => {
  it('renders into an open shadow root with its own styles and nothing in the light DOM', async () => {
    const el = host();
    el.innerHTML = '<p class="host-content">host</p>';
    const port = new FakePort([inrSnapshot()]);
    const handle = CollectionsPanel.mount(el, { ...base, recordId: '001000000000001AAA', port });
    expect(el.shadowRoot).not.toBeNull();
    await waitFor(() => expect(within(shadow(el)).getByText('Shree Ganesh Traders Pvt Ltd')).toBeTruthy());
    // The stylesheet lives in the shadow root (its text is inlined at build time; vitest stubs
    // `?inline` CSS to '', so size.test.ts checks the built bundle carries the rules).
    expect(el.shadowRoot?.querySelector('style')).not.toBeNull();
    // No style element leaked into the document, and the host's own content is untouched.
    expect(document.head.querySelector('style')).toBeNull();
    expect(el.querySelector('.host-content')?.textContent).toBe('host');
    expect(within(shadow(el)).getByRole('region', { name: 'Collections' })).toBeTruthy();
    handle.unmount();
    expect(el.shadowRoot?.childNodes.length).toBe(0);
  });

  it('aborts the in-flight load on unmount', async () => {
    const el = host();
    const port = new FakePort([inrSnapshot()]);
    port.hold();
    let signal: AbortSignal | undefined;
    const original = port.loadSnapshot.bind(port);
    port.loadSnapshot = (ref, options) => {
      signal = options?.signal;
      return original(ref, options);
    };
    const handle = CollectionsPanel.mount(el, { ...base, recordId: '001000000000001AAA', port });
    await waitFor(() => expect(signal).toBeDefined());
    expect(signal?.aborted).toBe(false);
    handle.unmount();
    expect(signal?.aborted).toBe(true);
  });

  it('update({ recordId }) aborts the previous load and shows the new record', async () => {
    const el = host();
    const port = new FakePort([inrSnapshot(), jpySnapshot()]);
    const signals: AbortSignal[] = [];
    const original = port.loadSnapshot.bind(port);
    port.loadSnapshot = (ref, options) => {
      if (options?.signal) {
        signals.push(options.signal);
      }
      return original(ref, options);
    };
    const release = port.hold();
    const handle = CollectionsPanel.mount(el, { ...base, recordId: '001000000000001AAA', port });
    await waitFor(() => expect(signals).toHaveLength(1));
    release();
    handle.update({ recordId: '001000000000002AAA' });
    await waitFor(() => expect(within(shadow(el)).getByText('Sakura Components KK')).toBeTruthy());
    expect(signals[0]?.aborted).toBe(true);
    handle.unmount();
  });

  it('rejects bad options with a clear message', () => {
    const el = host();
    expect(() => CollectionsPanel.mount(el, { recordId: '', port: new FakePort([]) })).toThrow(/recordId/);
    expect(() => CollectionsPanel.mount(el, { recordId: 'x', port: {} as never })).toThrow(/options.port is missing loadSnapshot/);
    expect(() => CollectionsPanel.mount(null as never, { recordId: 'x', port: new FakePort([]) })).toThrow(/DOM element/);
    expect(() => CollectionsPanel.mount(el, { recordId: 'x', port: new FakePort([]), policy: { complianceProfile: 'US FDCPA' } })).toThrow(/policy.complianceProfile/);
    expect(() => CollectionsPanel.mount(el, { recordId: 'x', port: new FakePort([]), policy: { complianceProfile: 123 as never } })).toThrow(/policy.complianceProfile/);
    // '' is "no override", as everywhere else.
    expect(() => CollectionsPanel.mount(el, { recordId: 'x', port: new FakePort([]), policy: { complianceProfile: '' } }).unmount()).not.toThrow();
  });

  it('re-mounting the same element replaces the previous panel', async () => {
    const el = host();
    const port = new FakePort([inrSnapshot(), jpySnapshot()]);
    CollectionsPanel.mount(el, { ...base, recordId: '001000000000001AAA', port });
    CollectionsPanel.mount(el, { ...base, recordId: '001000000000002AAA', port });
    await waitFor(() => expect(within(shadow(el)).getByText('Sakura Components KK')).toBeTruthy());
    expect(el.shadowRoot?.querySelectorAll('[data-collections-panel]')).toHaveLength(1);
    CollectionsPanel.unmount(el);
  });
});

describe('<collections-panel>', () => {
  it('mounts from the record-id attribute with the configured port, and follows attribute changes', async () => {
    const port = new FakePort([inrSnapshot(), jpySnapshot()]);
    CollectionsPanel.configure({ port, ...base });
    const el = document.createElement('collections-panel');
    el.setAttribute('record-id', '001000000000001AAA');
    document.body.append(el);
    await waitFor(() => expect(within(shadow(el)).getByText('Shree Ganesh Traders Pvt Ltd')).toBeTruthy());
    el.setAttribute('record-id', '001000000000002AAA');
    await waitFor(() => expect(within(shadow(el)).getByText('Sakura Components KK')).toBeTruthy());
    el.remove();
    expect(el.shadowRoot?.querySelector('[data-collections-panel]')).toBeNull();
  });

  it('accepts the port as an element property', async () => {
    CollectionsPanel.configure({ port: undefined });
    const el = document.createElement('collections-panel') as HTMLElement & { port: unknown; options: unknown };
    el.setAttribute('record-id', '001000000000002AAA');
    el.options = base;
    document.body.append(el);
    expect(el.shadowRoot).toBeNull();
    el.port = new FakePort([jpySnapshot()]);
    await waitFor(() => expect(within(shadow(el)).getByText('Sakura Components KK')).toBeTruthy());
  });
});
