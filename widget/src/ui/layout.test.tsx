/** Issue 17, layout and order: invoice table columns, timeline order/words/folding, the customer's place, best contact. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../../connector/domain/model';
import { expectNoAxeViolations } from '../../test/axe';
import { ceaseSnapshot, inrSnapshot, usdMultiSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';
import { activityTitle, FOLD_AFTER_CHARS } from './Timeline';
import { placeName } from './Header';
import { DEFER_CHECKS_ABOVE } from './BestContact';

afterEach(cleanup);

describe('invoice table in a 420-px column', () => {
  it('has four data columns; markers sit whole under the due date, the invoice amount under the balance', async () => {
    const snapshot = inrSnapshot();
    snapshot.plans = [
      {
        id: 'plan1',
        status: 'active',
        frequency: 'monthly',
        total: { amountMinor: 40_000_00, currency: 'INR' },
        invoiceIds: ['a0I000000000005'],
        instalments: [],
        createdOn: '2026-11-01',
      } as unknown as (typeof snapshot.plans)[number],
    ];
    snapshot.invoices[1] = { ...snapshot.invoices[1]!, balance: { amountMinor: 20_000_00, currency: 'INR' } };
    const { container } = await renderPanel(snapshot);
    const table = screen.getByRole('table', { name: 'Invoices' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['', 'Invoice', 'Due', 'Days late', 'Balance']);
    const disputedRow = within(table).getByRole('row', { name: /INV-0900/ });
    const markers = disputedRow.querySelector('.markers');
    expect(markers?.closest('td')?.textContent).toMatch(/^15 Aug 2026/);
    expect(within(disputedRow).getByText('Disputed').className).toContain('marker');
    expect(within(within(table).getByRole('row', { name: /INV-0850/ })).getByText('In plan')).toBeTruthy();
    // Part-paid INV-0990: ₹20,000.00 left of ₹1,20,000.50.
    expect(within(table).getByRole('row', { name: /INV-0990/ }).textContent).toContain('₹20,000.00of ₹1,20,000.50');
    await expectNoAxeViolations(container);
  });
});

describe('timeline', () => {
  const call = (id: string, occurredAt: string, extra: Partial<Activity> = {}): Activity => ({
    id,
    kind: 'call',
    direction: 'outbound',
    occurredAt,
    contactId: '003000000000001AAA',
    disposition: 'reached',
    durationSeconds: 65,
    conversation: true,
    subject: 'Call: Reached',
    body: null,
    complianceOverride: null,
    createdBy: null,
    ...extra,
  });

  it('orders by the local day, then by time within it, with dated records after that day\'s calls', async () => {
    const snapshot = inrSnapshot();
    snapshot.payments = [];
    snapshot.disputes = [];
    snapshot.promises = [{ ...snapshot.promises[2]!, takenOn: '2026-11-19' }];
    snapshot.activities = [
      // 09:30 IST on the 19th (04:00Z), 17:30 IST on the 19th (12:00Z), 02:00 IST on the 20th (20:30Z on the 19th).
      call('morning', '2026-11-19T04:00:00Z', { subject: 'Morning call' }),
      call('late', '2026-11-19T20:30:00Z', { subject: 'After-midnight call' }),
      call('evening', '2026-11-19T12:00:00Z', { subject: 'Evening call' }),
    ];
    await renderPanel(snapshot);
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const entries = within(screen.getByRole('list', { name: 'Timeline, newest first' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(entries.map((e) => /Morning|Evening|After-midnight|Promise/.exec(e)?.[0])).toEqual(['After-midnight', 'Evening', 'Morning', 'Promise']);
  });

  it('says each word once: "Call: Reached" with outcome Reached reads "Reached — …"', () => {
    expect(activityTitle('Call', 'Call: Reached', ['Reached', 'Ramesh Gupta', '1:05'])).toBe('Reached — Ramesh Gupta · 1:05');
    expect(activityTitle('Call', 'Call', ['Promise to pay'])).toBe('Promise to pay');
    expect(activityTitle('E-mail', 'Payment reminder', ['Ramesh Gupta'])).toBe('Payment reminder — Ramesh Gupta');
    expect(activityTitle('Visit', null, [])).toBe('Visit');
  });

  it('folds long e-mail bodies behind their first words', async () => {
    const snapshot = inrSnapshot();
    const long = `Dear Ramesh,\n${'Please find the statement attached. '.repeat(20)}`;
    expect(long.length).toBeGreaterThan(FOLD_AFTER_CHARS);
    snapshot.activities = [{ ...snapshot.activities[1]!, body: long }];
    const { container } = await renderPanel(snapshot);
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const details = container.querySelector('.timeline details');
    expect(details).not.toBeNull();
    expect(details?.querySelector('summary')?.textContent).toBe('Dear Ramesh,…');
    expect((details as HTMLDetailsElement).open).toBe(false);
    await expectNoAxeViolations(container);
  });
});

describe("the customer's place and the best contact", () => {
  it("names the account's billing city, not the zone's (Boston is on New York time)", async () => {
    expect(placeName({ city: 'Boston', timeZone: 'America/New_York' }, 'America/New_York')).toBe('Boston');
    expect(placeName({ city: null, timeZone: 'America/New_York' }, 'America/New_York')).toBe('New York');
    // The time shown is a contact's zone, not the account's: the billing city would be the wrong place.
    expect(placeName({ city: 'Boston', timeZone: 'America/New_York' }, 'America/Chicago')).toBe('Chicago');
    const snapshot = usdMultiSnapshot();
    snapshot.account = { ...snapshot.account, city: 'Boston', timeZone: 'America/New_York' };
    await renderPanel(snapshot, { locale: 'en-US' });
    const local = screen.getByText((_, el) => el?.tagName === 'P' && /^It is /.test(el.textContent ?? ''));
    expect(local.textContent).toMatch(/ in Boston$/);
  });

  it('tells the best contact allowed now and which channels are blocked', async () => {
    const snapshot = inrSnapshot();
    // Ramesh opted out of calls: Sunita is the best call now.
    snapshot.contacts[0] = { ...snapshot.contacts[0]!, optOuts: ['call'] };
    await renderPanel(snapshot);
    expect(screen.getByTestId('best-contact').textContent).toBe('Best now: call Sunita Agarwal');
    cleanup();
    await renderPanel(ceaseSnapshot(), { locale: 'en-US' });
    expect(screen.getByTestId('best-contact').textContent).toMatch(/^No contact allowed now · Call blocked \(cease communication\), e-mail blocked \(cease communication\)/);
  });

  it('checks a big account after the first paint (issue 18), with the same answer', async () => {
    const snapshot = inrSnapshot();
    snapshot.contacts[0] = { ...snapshot.contacts[0]!, optOuts: ['call'] };
    // Many contacts and a long history (the port sends at most ~100) make the checks heavy: over the threshold.
    const extra = Array.from({ length: 10 }, (_, i) => ({ ...snapshot.contacts[1]!, id: `003000000000${String(100 + i)}AAA`, name: `Clerk ${i}` }));
    snapshot.contacts = [...snapshot.contacts, ...extra];
    const calls = Array.from({ length: Math.ceil(DEFER_CHECKS_ABOVE / snapshot.contacts.length) + 1 }, (_, i): Activity => ({
      id: `00T${String(i).padStart(15, '0')}`, kind: 'email', direction: 'outbound', occurredAt: new Date(Date.parse('2025-01-01T10:00:00Z') - i * 3_600_000).toISOString(),
      contactId: snapshot.contacts[1]!.id, conversation: false, subject: 'Reminder', body: null,
    }));
    snapshot.activities = calls;
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const text = document.querySelector('[data-testid="best-contact"]')?.textContent;
      if (text && seen.at(-1) !== text) {
        seen.push(text);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await renderPanel(snapshot);
    // Rendered without waiting for the checks; the answer follows in later tasks.
    await waitFor(() => expect(seen).toEqual(['Checking who may be contacted now…', 'Best now: call Sunita Agarwal']));
    observer.disconnect();
    await waitFor(() => expect(screen.getByTestId('best-contact').textContent).toBe('Best now: call Sunita Agarwal'));
  });
});
