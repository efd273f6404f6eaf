import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from './content-context';
import { POLL_INTERVAL_MS, watchLocation } from './location-watcher';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchLocation', () => {
  it('reports a change on navigatesuccess right away, once', () => {
    const location = { href: 'https://acme.lightning.force.com/lightning/r/Account/a/view' };
    const navigation = new EventTarget();
    const ctx = new ContentScriptContext('test', () => true);
    const onChange = vi.fn();
    watchLocation(ctx, onChange, { location, navigation });
    location.href = 'https://acme.lightning.force.com/lightning/r/Contact/b/view';
    navigation.dispatchEvent(new Event('navigatesuccess'));
    navigation.dispatchEvent(new Event('navigatesuccess'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('https://acme.lightning.force.com/lightning/r/Contact/b/view', 'https://acme.lightning.force.com/lightning/r/Account/a/view');
    ctx.abort();
  });

  it('falls back to polling every second without the Navigation API, and stops with the context', () => {
    vi.useFakeTimers();
    const location = { href: 'https://x/1' };
    const ctx = new ContentScriptContext('test', () => true);
    const onChange = vi.fn();
    watchLocation(ctx, onChange, { location });
    location.href = 'https://x/2';
    vi.advanceTimersByTime(POLL_INTERVAL_MS - 1);
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onChange).toHaveBeenCalledWith('https://x/2', 'https://x/1');
    ctx.abort();
    location.href = 'https://x/3';
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
