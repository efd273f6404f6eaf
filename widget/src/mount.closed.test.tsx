/** The extension's mount: a closed shadow root, and actions only on real (trusted) user input. */
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePort } from '../test/fakePort';
import { inrSnapshot, NOW } from '../test/fixtures';
import { CollectionsPanel, memoryStorage } from './index';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A host element whose (closed) shadow root the test can still reach, as the page cannot. */
function closedHost(): { el: HTMLElement; root: () => HTMLElement } {
  const el = document.createElement('div');
  document.body.append(el);
  let root: ShadowRoot | null = null;
  const attach = el.attachShadow.bind(el);
  el.attachShadow = (init: ShadowRootInit) => (root = attach(init));
  return { el, root: () => root as unknown as HTMLElement };
}

const base = { now: () => NOW, locale: 'en-IN', storage: memoryStorage(), recordId: '001000000000001AAA' };

describe('mount for the extension', () => {
  it('renders into a closed shadow root the page cannot reach, and re-mounts into the same root', async () => {
    const { el, root } = closedHost();
    const port = new FakePort([inrSnapshot()]);
    CollectionsPanel.mount(el, { ...base, port, shadowMode: 'closed' });
    expect(el.shadowRoot).toBeNull();
    await waitFor(() => expect(within(root()).getByText('Shree Ganesh Traders Pvt Ltd')).toBeTruthy());
    CollectionsPanel.mount(el, { ...base, port, shadowMode: 'closed' });
    await waitFor(() => expect(within(root()).getAllByRole('region', { name: 'Collections' })).toHaveLength(1));
  });

  it('drops clicks and submits a script made up (isTrusted false) when trustedEventsOnly is set', async () => {
    const { el, root } = closedHost();
    const port = new FakePort([inrSnapshot()]);
    CollectionsPanel.mount(el, { ...base, port, shadowMode: 'closed', trustedEventsOnly: true });
    await waitFor(() => expect(within(root()).getByRole('button', { name: 'Log a call' })).toBeTruthy());
    fireEvent.click(within(root()).getByRole('button', { name: 'Log a call' }));
    expect(within(root()).queryByRole('form', { name: 'Log a call' })).toBeNull();
  });

  it('without trustedEventsOnly (embeds, tests) the same synthetic click opens the form', async () => {
    const { el, root } = closedHost();
    CollectionsPanel.mount(el, { ...base, port: new FakePort([inrSnapshot()]), shadowMode: 'closed' });
    await waitFor(() => expect(within(root()).getByRole('button', { name: 'Log a call' })).toBeTruthy());
    fireEvent.click(within(root()).getByRole('button', { name: 'Log a call' }));
    expect(within(root()).getByRole('form', { name: 'Log a call' })).toBeTruthy();
  });
});
