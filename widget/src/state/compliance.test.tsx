import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inrSnapshot, NOW } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import * as domain from '../domain';
import { runCompliance } from './compliance';

// Count the engine's runs without changing what it answers.
vi.mock('../domain', async (importOriginal) => {
  const original = await importOriginal<typeof domain>();
  return { ...original, checkContactWithRules: vi.fn(original.checkContactWithRules) };
});
const engine = vi.mocked(domain.checkContactWithRules);

afterEach(() => {
  cleanup();
  engine.mockClear();
});

describe('one shared compliance check', () => {
  it('runs the engine once per channel per open (badge, priority and best contact share it), and not again when the panel re-renders', async () => {
    await renderPanel(inrSnapshot());
    expect(screen.getByRole('status', { name: 'Call compliance' }).textContent).toMatch(/^OK to call until/);
    // The badge and the priority share the call check; the best-contact line adds e-mail and SMS.
    const perOpen = engine.mock.calls.length;
    expect(new Set(engine.mock.calls.map((call) => JSON.stringify(call[0])))).toHaveProperty('size', perOpen);
    expect(perOpen).toBeLessThanOrEqual(3);
    // Switching tabs re-renders the panel: same snapshot, same minute, no new run.
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(engine).toHaveBeenCalledTimes(perOpen);
  });

  it('runs again for a new minute, another channel, or an explicit instant', async () => {
    const { env } = await renderPanel(inrSnapshot());
    engine.mockClear();
    const snapshot = inrSnapshot();
    const contact = snapshot.contacts[0]!;
    let now = NOW;
    const ticking = { ...env, now: () => now };
    const first = runCompliance(ticking, snapshot, 'call', contact);
    expect(runCompliance(ticking, snapshot, 'call', contact)).toBe(first);
    expect(engine).toHaveBeenCalledTimes(1);
    runCompliance(ticking, snapshot, 'email', contact);
    expect(engine).toHaveBeenCalledTimes(2);
    now = NOW + 60_000;
    expect(runCompliance(ticking, snapshot, 'call', contact)).not.toBe(first);
    expect(engine).toHaveBeenCalledTimes(3);
    runCompliance(ticking, snapshot, 'call', contact, now);
    expect(engine).toHaveBeenCalledTimes(4);
  });
});
