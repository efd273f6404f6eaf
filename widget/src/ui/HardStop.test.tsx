import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

/** The observed case: a bankrupt account whose first contact has also opted out of calls. */
function bankruptSnapshot() {
  const snapshot = inrSnapshot();
  snapshot.account = { ...snapshot.account, flags: [{ flag: 'bankruptcy', since: '2026-11-01' }] };
  snapshot.contacts = snapshot.contacts.map((c) => ({ ...c, optOuts: ['call'] }));
  return snapshot;
}

describe('hard flags lead (issue 17)', () => {
  it('headlines a bankruptcy stay in the badge, not the contact’s opt-out', async () => {
    await renderPanel(bankruptSnapshot());
    const badge = screen.getByRole('status', { name: 'Call compliance' });
    expect(badge.textContent).toBe('Blocked: bankruptcy stay');
  });

  it('switches off promise, plan, settlement, reminder and visit, saying why; a call can still be logged', async () => {
    const { container } = await renderPanel(bankruptSnapshot());
    const toolbar = screen.getByRole('toolbar', { name: 'Actions' });
    for (const name of ['Promise to pay', 'Payment plan', 'Settlement', 'Reminder e-mail', 'Log a visit']) {
      const button = within(toolbar).getByRole('button', { name });
      expect(button.getAttribute('aria-disabled')).toBe('true');
      // The reason is the button's description: a screen reader hears it on focus.
      expect(button.getAttribute('aria-describedby')).toBe('cp-hard-stop');
    }
    const note = container.querySelector('#cp-hard-stop')?.textContent ?? '';
    expect(note).toMatch(/^Promise, plan, settlement, reminder and visit are off while bankruptcy stay applies\. Bankruptcy stay: no calls/);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Promise to pay' }));
    expect(screen.queryByRole('form', { name: 'Promise to pay' })).toBeNull();
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Log a call' }));
    expect(await screen.findByRole('form', { name: 'Log a call' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('a flag that has ended or not begun stops nothing', async () => {
    const snapshot = inrSnapshot();
    snapshot.account = { ...snapshot.account, flags: [{ flag: 'breathing_space', since: '2026-09-01', until: '2026-11-01' }, { flag: 'cease_communication', since: '2026-12-01' }] };
    await renderPanel(snapshot);
    expect(within(screen.getByRole('toolbar', { name: 'Actions' })).getByRole('button', { name: 'Promise to pay' }).getAttribute('aria-disabled')).toBeNull();
  });
});
