import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext, isContextInvalidatedError } from './content-context';

afterEach(() => {
  vi.useRealTimers();
});

describe('ContentScriptContext', () => {
  it('stops its timers and listeners when aborted, children included', () => {
    vi.useFakeTimers();
    const root = new ContentScriptContext('test', () => true);
    const child = root.child('mount');
    const tick = vi.fn();
    const childTick = vi.fn();
    const target = new EventTarget();
    const onEvent = vi.fn();
    root.setInterval(tick, 1000);
    child.setInterval(childTick, 1000);
    child.addEventListener(target, 'ping', onEvent);
    vi.advanceTimersByTime(1000);
    target.dispatchEvent(new Event('ping'));
    expect([tick.mock.calls.length, childTick.mock.calls.length, onEvent.mock.calls.length]).toEqual([1, 1, 1]);

    child.abort();
    vi.advanceTimersByTime(1000);
    target.dispatchEvent(new Event('ping'));
    expect([tick.mock.calls.length, childTick.mock.calls.length, onEvent.mock.calls.length]).toEqual([2, 1, 1]);

    const second = root.child('mount-2');
    root.abort();
    expect(second.signal.aborted).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(tick).toHaveBeenCalledTimes(2);
  });

  it('invalidates itself once the extension runtime is gone, and stops work quietly', () => {
    vi.useFakeTimers();
    let alive = true;
    const ctx = new ContentScriptContext('test', () => alive);
    const onInvalidated = vi.fn();
    const tick = vi.fn();
    ctx.onInvalidated(onInvalidated);
    ctx.setInterval(tick, 1000);
    vi.advanceTimersByTime(1000);
    alive = false;
    vi.advanceTimersByTime(3000);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
    expect(ctx.isInvalid).toBe(true);
  });

  it('recognises Chrome’s invalidated-context error', () => {
    expect(isContextInvalidatedError(new Error('Extension context invalidated.'))).toBe(true);
    expect(isContextInvalidatedError(new Error('Could not establish connection'))).toBe(false);
    expect(isContextInvalidatedError('Extension context invalidated.')).toBe(false);
  });
});
