/**
 * An engine that cannot apply the rules to the data (a malformed holiday date, zone or rule) must not blank the panel,
 * and must not put its own message on screen: it names fields and profile ids ("holidays.IN.0: …"), not words for a
 * collector (developers' guide: words for people). The badge says "Compliance check unavailable" and nothing else;
 * the priority's Why and the call form say the contact cannot be checked; the engine's message goes to the console.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSnapshot } from '../../../connector/port';
import { GivenSnapshotPort } from '../../test/fakePort';
import { inrSnapshot } from '../../test/fixtures';
import { complianceBadge } from '../../test/queries';
import { renderPanel } from '../../test/render';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The connector's holiday calendar with a date the engine refuses (it throws `holidays.IN.0: …`). */
function withBadHoliday(): AccountSnapshot {
  const snapshot = inrSnapshot();
  const calendar = { country: 'IN', region: null, weekend: [], from: '2026-11-01', to: '2026-12-31', ...snapshot.calendar, holidays: [{ date: '26/01/2027', name: 'Republic Day' }] };
  return { ...snapshot, calendar } as AccountSnapshot;
}

describe('contact rules the engine cannot apply', () => {
  it('says the check is unavailable without the engine message: no field path or profile id on screen', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const snapshot = withBadHoliday();
    const { container } = await renderPanel(snapshot, { port: new GivenSnapshotPort(snapshot) });
    expect(complianceBadge().textContent).toBe('Compliance check unavailable');
    // Nothing under the badge: the "could not be worked out" line is the LWC's alone (decision 0026).
    expect(complianceBadge().parentElement?.nextElementSibling?.getAttribute('data-testid')).toBe('best-contact');
    // The priority fails closed, and its Why says so in words.
    await waitFor(() => expect(container.textContent).toContain('Not contactable now'));
    expect(container.textContent).toContain('The contact rules could not be applied, so this contact cannot be checked.');
    // The call form says the same.
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    const form = await screen.findByRole('form', { name: 'Log a call' });
    expect(within(form).getByRole('alert').textContent).toContain('Compliance check unavailable: The contact rules could not be applied');
    expect(container.textContent).not.toMatch(/holidays\.|YYYY|in-rbi|expected/);
    // The engine's own message is for whoever fixes the data: in the console.
    expect(String(warn.mock.calls.find((call) => String(call[0]).includes('contact rules could not be applied'))?.[1])).toMatch(/holidays\.IN/);
  });
});
