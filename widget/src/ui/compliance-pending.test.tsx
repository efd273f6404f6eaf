/**
 * The contact rules "not known yet" (decision 0026, second step): the LWC works the snapshot's derived parts
 * out after paint (salesforce/lwc-bundle/derived-after-paint.ts), so a snapshot can reach the panel with
 * `complianceRules` and `priority` undefined. The figures paint; the badge, the priority and the best contact
 * say the rules are being checked, neither "contact now" nor "not contactable"; the verdict replaces it in the
 * same live region when the derived snapshot arrives. (The real swap in a page: test/meta/static-resource.test.ts.)
 */
import { act, cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSnapshot } from '../../../connector/port';
import { expectNoAxeViolations } from '../../test/axe';
import { FakePort, GivenSnapshotPort } from '../../test/fakePort';
import { inrSnapshot } from '../../test/fixtures';
import { complianceBadge, figure } from '../../test/queries';
import { renderPanel } from '../../test/render';
import { memoryStorage } from '../storage';
import { snapshotKey } from '../state/useSnapshot';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** The snapshot as the LWC's mapping returns it before paint: records and figures, derived parts not known yet. */
function beforeDerived(snapshot: AccountSnapshot): AccountSnapshot {
  return { ...snapshot, complianceRules: undefined, priority: undefined, calendar: undefined, nextAction: undefined } as unknown as AccountSnapshot;
}

describe('contact rules not known yet (worked out after paint)', () => {
  it('paints the figures and says the rules are being checked: no verdict either way', async () => {
    const pending = beforeDerived(inrSnapshot());
    const { container } = await renderPanel(pending, { port: new GivenSnapshotPort(pending) });
    expect(figure('Collectable')).toBe('₹7,35,000.50');
    expect(complianceBadge().textContent).toBe('Checking contact rules…');
    expect(figure('Priority')).toBe('Checking contact rules…');
    expect(screen.getByTestId('best-contact').textContent).toBe('Checking who may be contacted now…');
    expect(container.textContent).not.toMatch(/Contact now|Not contactable now|OK to call|Blocked:|cannot be checked|unavailable/);
    await expectNoAxeViolations(container);
  });

  it('announces the pending state once: the minute tick leaves the live region as it is', async () => {
    // The panel's minute ticks (useMinuteTick) on a fake clock; everything else on real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const pending = beforeDerived(inrSnapshot());
    await renderPanel(pending, { port: new GivenSnapshotPort(pending), wait: false });
    for (let i = 0; i < 100 && !screen.queryByRole('status', { name: 'Call compliance' }); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const badge = complianceBadge();
    expect(badge.getAttribute('role')).toBe('status');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(badge, { childList: true, characterData: true, subtree: true });
    // The minute ticks are there, and run.
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    act(() => {
      vi.advanceTimersByTime(3 * 60_000);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    observer.disconnect();
    expect(changes).toEqual([]);
    expect(complianceBadge()).toBe(badge);
  });

  it('shows the verdict in the same live region when the derived snapshot arrives', async () => {
    const derived = inrSnapshot();
    const storage = memoryStorage();
    // The snapshot before its derived parts is on screen while the derived one is on its way.
    await storage.set(snapshotKey(derived.account.id), { v: 2, recordId: derived.account.id, complianceProfile: null, snapshot: beforeDerived(derived) });
    const port = new FakePort([derived]);
    const release = port.hold();
    await renderPanel(derived, { port, storage });
    const badge = complianceBadge();
    expect(badge.textContent).toBe('Checking contact rules…');
    expect(figure('Priority')).toBe('Checking contact rules…');
    release();
    // 18:40 in Kolkata: in-rbi allows calls until 19:00 (as Panel.test.tsx).
    await waitFor(() => expect(complianceBadge().textContent).toMatch(/^OK to call until 07:00 pm IST/));
    expect(complianceBadge()).toBe(badge);
    // The summary follows a new snapshot one render later (NextTask).
    await waitFor(() => expect(figure('Priority')).toMatch(/^Contact nowWhy/));
    expect(screen.getByTestId('best-contact').textContent).toMatch(/^Best now: call /);
  });
});
