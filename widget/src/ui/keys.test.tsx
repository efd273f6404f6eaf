import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { FakePort } from '../../test/fakePort';
import { inrSnapshot, NOW } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { CollectionsPanel, memoryStorage } from '../index';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const region = () => screen.getByRole('region', { name: 'Collections' });
const callForm = () => screen.queryByRole('form', { name: 'Log a call' });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const logCalls = (port: FakePort) => port.log.filter((c) => c.method === 'logCall');

describe('action keys', () => {
  it('shows each action letter on its button and opens the action from the panel, focusing the outcome', async () => {
    const { container } = await renderPanel(inrSnapshot());
    const call = screen.getByRole('button', { name: 'Log a call' });
    expect(call.getAttribute('aria-keyshortcuts')).toBe('C');
    expect(call.querySelector('kbd')?.textContent).toBe('C');
    expect(screen.getByRole('button', { name: 'Promise to pay' }).getAttribute('aria-keyshortcuts')).toBe('P');
    region().focus();
    fireEvent.keyDown(region(), { key: 'c' });
    await waitFor(() => expect(document.activeElement?.id).toBe('call-disposition'));
    expect(callForm()).not.toBeNull();
    await expectNoAxeViolations(container);
  });

  it('never takes letters typed into a field, nor letters with a modifier', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.keyDown(region(), { key: 'c' });
    await waitFor(() => expect(callForm()).not.toBeNull());
    const notes = field('call-notes');
    notes.focus();
    const typed = fireEvent.keyDown(notes, { key: 'p' });
    expect(typed).toBe(true); // not prevented: the letter goes into the note
    expect(screen.queryByRole('form', { name: 'Promise to pay' })).toBeNull();
    fireEvent.keyDown(region(), { key: 'p', ctrlKey: true });
    expect(screen.queryByRole('form', { name: 'Promise to pay' })).toBeNull();
    expect(callForm()).not.toBeNull();
  });
});

describe('Escape and Enter in forms', () => {
  it('Escape closes the form, returns focus to its button and keeps the draft for the next open', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.keyDown(region(), { key: 'c' });
    await waitFor(() => expect(callForm()).not.toBeNull());
    fireEvent.input(field('call-notes'), { target: { value: 'Will pay after the GST refund' } });
    const escape = fireEvent.keyDown(field('call-notes'), { key: 'Escape' });
    expect(escape).toBe(false); // prevented: the extension dock does not collapse on it too
    expect(callForm()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a call' }));
    fireEvent.keyDown(region(), { key: 'c' });
    await waitFor(() => expect(field('call-notes').value).toBe('Will pay after the GST refund'));
  });

  it('Enter in a date field or a select never submits; Ctrl+Enter saves the call once', async () => {
    const { port } = await renderPanel(inrSnapshot());
    fireEvent.keyDown(region(), { key: 'c' });
    await waitFor(() => expect(callForm()).not.toBeNull());
    expect(fireEvent.keyDown(field('call-followup'), { key: 'Enter' })).toBe(false);
    expect(fireEvent.keyDown(field('call-disposition'), { key: 'Enter' })).toBe(false);
    // Enter in the notes is a new line, not ours to take.
    expect(fireEvent.keyDown(field('call-notes'), { key: 'Enter' })).toBe(true);
    fireEvent.change(field('call-disposition'), { target: { value: 'reached' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tomorrow' }));
    expect(field('call-followup').value).toBe('2026-11-21');
    fireEvent.keyDown(field('call-notes'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByRole('status', { name: 'Last action' }).textContent).toMatch(/Call logged: Reached/));
    expect(logCalls(port)).toHaveLength(1);
    expect(logCalls(port)[0]?.input).toMatchObject({ disposition: 'reached', followUpDate: '2026-11-21' });
  });
});

describe('focus shortcut (Alt+Shift+C)', () => {
  it('focuses the mounted panel from anywhere on the page, once it has loaded', async () => {
    const outside = document.createElement('input');
    const el = document.createElement('div');
    document.body.append(outside, el);
    outside.focus();
    const port = new FakePort([inrSnapshot()]);
    const handle = CollectionsPanel.mount(el, { now: () => NOW, locale: 'en-IN', storage: memoryStorage(), recordId: '001000000000001AAA', port });
    // Pressed while the panel is still loading: it takes focus when ready.
    const shortcut = fireEvent.keyDown(outside, { key: 'Ç', code: 'KeyC', altKey: true, shiftKey: true });
    expect(shortcut).toBe(false);
    const root = el.shadowRoot as ShadowRoot;
    await waitFor(() => expect(root.activeElement?.getAttribute('aria-label')).toBe('Collections'));
    // From the focused region, "c" opens the call form.
    fireEvent.keyDown(root.activeElement as Element, { key: 'c' });
    await waitFor(() => expect(within(root as unknown as HTMLElement).getByRole('form', { name: 'Log a call' })).toBeTruthy());
    handle.unmount();
    // Unmounted: the page's own Alt+Shift+C is left alone.
    expect(fireEvent.keyDown(outside, { key: 'C', code: 'KeyC', altKey: true, shiftKey: true })).toBe(true);
  });
});
