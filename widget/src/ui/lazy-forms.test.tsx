/**
 * The action forms load after first paint (forms/lazy.ts, issue 18): a click that comes before the
 * chunk shows "Loading…" and then the form, never a lost click; a failed fetch says so and retries.
 * Each test gets a fresh module graph, so the forms module is not yet loaded (the widget setup file
 * preloads it for every other test).
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inrSnapshot } from '../../test/fixtures';

let release: () => void = () => {};
let failNext = false;

beforeEach(() => {
  vi.resetModules();
  const gate = new Promise<void>((resolve) => (release = resolve));
  vi.doMock('../forms/index', async () => {
    await gate;
    if (failNext) {
      failNext = false;
      throw new TypeError('Failed to fetch dynamically imported module');
    }
    return vi.importActual('../forms/index');
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.doUnmock('../forms/index');
});

async function freshPanel() {
  const { renderPanel } = await import('../../test/render');
  return renderPanel(inrSnapshot());
}

describe('lazily loaded action forms', () => {
  it('a click before the forms arrive shows "Loading…", then the form it asked for (no idle needed)', async () => {
    // A page that never idles: only the click can start the load.
    vi.stubGlobal('requestIdleCallback', () => 0);
    vi.stubGlobal('cancelIdleCallback', () => {});
    await freshPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Log a call' })).toBeNull();
    release();
    expect(await screen.findByRole('form', { name: 'Log a call' })).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('the plans tab waits for the same chunk', async () => {
    await freshPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Plans & disputes' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    release();
    await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
  });

  it('the timeline tab comes with the same chunk (the panel opens on invoices)', async () => {
    vi.stubGlobal('requestIdleCallback', () => 0);
    vi.stubGlobal('cancelIdleCallback', () => {});
    await freshPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Timeline, newest first' })).toBeNull();
    release();
    await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
    expect(screen.getByRole('list', { name: 'Timeline, newest first' })).toBeTruthy();
  });

  it('loads on idle without any click', async () => {
    await freshPanel();
    release();
    const lazy = await import('../forms/lazy');
    const forms = await lazy.loadForms();
    expect(typeof forms.LogCallForm).toBe('function');
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    expect(await screen.findByRole('form', { name: 'Log a call' })).toBeTruthy();
  });

  it('says so when the chunk cannot be fetched, and "try again" loads it', async () => {
    failNext = true;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await freshPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    release();
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Log a call' })).toBeTruthy();
  });
});
