import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_USER_MESSAGES, type ConnectorErrorKind } from '../../../connector/errors';
import { expectNoAxeViolations } from '../../test/axe';
import { FakePort } from '../../test/fakePort';
import { ceaseSnapshot, emptySnapshot, inrSnapshot, jpySnapshot, kwdSnapshot, usdMultiSnapshot, XSS, xssSnapshot } from '../../test/fixtures';
import { complianceBadge } from '../../test/queries';
import { renderPanel } from '../../test/render';
import { memoryStorage } from '../storage';
import { snapshotKey } from '../state/useSnapshot';

afterEach(cleanup);

function figure(label: string): string {
  const region = screen.getByRole('region', { name: 'Collections' });
  const term = within(region).getAllByText(label, { selector: 'dt' })[0];
  return term?.nextElementSibling?.textContent ?? '';
}

describe('summary', () => {
  it("shows the account's next action and its reason, computed with the snapshot by the worklist's function", async () => {
    // All amounts in the default strategy's currency (the connector needs rates for any other).
    const dollars = JSON.parse(JSON.stringify(inrSnapshot()).replaceAll('"INR"', '"USD"')) as ReturnType<typeof inrSnapshot>;
    const { port } = await renderPanel(dollars);
    const derived = (await port.loadSnapshot({ id: dollars.account.id })).nextAction!;
    expect(derived.reason).toMatch(/\S/);
    expect(figure('Next action')).toContain(derived.label ?? 'None');
    expect(figure('Next action')).toContain(derived.reason);
    cleanup();
    await renderPanel(inrSnapshot()); // rupees and no rates: no step rather than a guessed segment, and why
    expect(figure('Next action')).toBe("None The collection strategy's amounts are in USD and the org has no exchange rate from INR.");
  });

  it('shows totals in lakh grouping, the six aging buckets, disputed and promised apart, and the oldest invoice', async () => {
    await renderPanel(inrSnapshot());
    // Open: 2,50,000 + 1,20,000.50 + 75,000 + 3,00,000 + 40,000 = 7,85,000.50
    expect(figure('Total due')).toBe('₹7,85,000.50');
    // Overdue = all but the not-yet-due INV-1001.
    expect(figure('Overdue')).toBe('₹5,35,000.50');
    expect(figure('Disputed')).toBe('₹50,000.00');
    expect(figure('Promised')).toBe('₹75,000.00');
    expect(figure('Collectable')).toBe('₹7,35,000.50');
    expect(figure('Oldest invoice')).toContain('INV-0850, 172 days late');
    const legend = screen.getByRole('list', { name: 'Aging by days past due' });
    const buckets = within(legend).getAllByRole('listitem').map((li) => li.textContent);
    expect(buckets).toEqual([
      'Current: ₹2,50,000.00',
      '1–30: ₹1,20,000.50',
      '31–60: ₹75,000.00',
      '61–90: ₹0.00',
      '91–120: ₹3,00,000.00',
      '120+: ₹40,000.00',
    ]);
    // Single-currency account: 7,85,000.50 / 1,00,00,000 = 8 %, no scope label.
    expect(figure('Credit limit')).toBe('₹1,00,00,000.00 · 8% used');
    expect(figure('Promise')).toContain('₹75,000.00');
    expect(figure('Priority')).toMatch(/^(Contact now|Not contactable now)Why/);
  });

  it("gates the snapshot's priority with the compliance check at the panel's clock", async () => {
    // 18:40 in Kolkata: in-rbi allows calls until 19:00; the score is the snapshot's.
    await renderPanel(inrSnapshot());
    // Words for people (issue 17): plain words and money, no score, formula or minor units.
    expect(figure('Priority')).toBe('Contact nowWhy₹7,35,000.50 collectable; oldest invoice 172 days late; 1 broken promise in 90 days; promise due 25 Nov 2026; ₹50,000.00 disputed (not chased)');
    cleanup();
    // 19:05 in Kolkata, same snapshot: not contactable, score 0, the window's reason shown.
    await renderPanel(inrSnapshot(), { now: Date.parse('2026-11-20T13:35:00Z') });
    expect(figure('Priority')).toMatch(/^Not contactable nowWhyIt is/);
    expect(figure('Priority')).toContain('19:00');
  });

  it('puts the key figures in an accessible <dl> inside the "Collections" region', async () => {
    const { container } = await renderPanel(inrSnapshot());
    const region = screen.getByRole('region', { name: 'Collections' });
    expect(region.querySelector('dl dt')).not.toBeNull();
    await expectNoAxeViolations(container);
  });

  it("shows the customer's local time and an OK-to-call badge with the window end", async () => {
    await renderPanel(inrSnapshot(), { locale: 'en-GB' });
    expect(screen.getByText(/It is/).textContent).toBe('It is 18:40 IST in Kolkata');
    expect(complianceBadge().textContent).toBe('OK to call until 19:00 IST');
  });

  it('shows a hard block badge for a cease-communication account', async () => {
    await renderPanel(ceaseSnapshot(), { locale: 'en-US' });
    expect(complianceBadge().textContent).toBe('Blocked: cease communication');
  });

  it('shows per-currency figures and a reporting-currency total for multi-currency accounts', async () => {
    await renderPanel(usdMultiSnapshot(), {
      locale: 'en-US',
      reportingCurrency: 'USD',
      fxRates: [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-11-01' }],
    });
    expect(figure('Total due (USD)')).toBe('$12,500.00');
    expect(figure('Total due (INR)')).toBe('₹8,350,000.00');
    // 12,500.00 + 8,350,000.00 × 0.012 = 12,500 + 100,200 = 112,700.00
    expect(figure('Total in USD')).toBe('$112,700.00');
    // Credit limit $50,000: 112,700 / 50,000 = 225 %, not the USD-only 25 %.
    expect(figure('Credit limit')).toBe('$50,000.00 · 225% used (all currencies, converted to USD at dated rates)');
  });

  it('without a usable rate, labels credit-limit utilisation as covering the limit currency only', async () => {
    await renderPanel(usdMultiSnapshot(), { locale: 'en-US', reportingCurrency: 'USD' });
    expect(figure('Credit limit')).toBe('$50,000.00 · 25% used (USD invoices only)');
    cleanup();
    // A rate dated after today is not used (explicit dated rates only).
    await renderPanel(usdMultiSnapshot(), { locale: 'en-US', reportingCurrency: 'USD', fxRates: [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-12-01' }] });
    expect(figure('Credit limit')).toBe('$50,000.00 · 25% used (USD invoices only)');
  });

  it('falls back to the labelled limit-currency figure when the limit itself has no dated rate', async () => {
    const snapshot = usdMultiSnapshot();
    snapshot.account = { ...snapshot.account, creditLimit: { amountMinor: 40_000_00, currency: 'GBP' } };
    await renderPanel(snapshot, { locale: 'en-GB', reportingCurrency: 'USD', fxRates: [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-11-01' }] });
    expect(figure('Total in USD')).toBe('US$112,700.00');
    expect(figure('Credit limit')).toBe('£40,000.00 · 0% used (GBP invoices only)');
  });

  it('converts an INR credit limit into the reporting currency to count USD invoices too', async () => {
    const snapshot = usdMultiSnapshot();
    // An Indian customer with a ₹1 crore limit who is also billed in USD.
    snapshot.account = { ...snapshot.account, currency: 'INR', creditLimit: { amountMinor: 10_000_000_00, currency: 'INR' } };
    const fxRates = [{ from: 'INR', to: 'USD', rate: '0.012', asOf: '2026-11-01' }];
    await renderPanel(snapshot, { locale: 'en-IN', reportingCurrency: 'USD', fxRates });
    // Limit ₹1,00,00,000 = $120,000; open $112,700 → 94 %.
    expect(figure('Credit limit')).toBe('₹1,00,00,000.00 · 94% used (all currencies, converted to USD at dated rates)');
    cleanup();
    await renderPanel(snapshot, { locale: 'en-IN' });
    // ₹83,50,000 / ₹1,00,00,000 = 84 %, INR only.
    expect(figure('Credit limit')).toBe('₹1,00,00,000.00 · 84% used (INR invoices only)');
  });

  it('says why there is no reporting total when a rate is missing', async () => {
    await renderPanel(usdMultiSnapshot(), { locale: 'en-US', reportingCurrency: 'USD' });
    expect(figure('Reporting total')).toContain('No exchange rate');
  });

  it('formats JPY without and KWD with three decimals', async () => {
    await renderPanel(jpySnapshot(), { locale: 'ja-JP' });
    expect(figure('Total due')).toMatch(/350,000/);
    cleanup();
    await renderPanel(kwdSnapshot(), { locale: 'en-US' });
    expect(figure('Total due')).toMatch(/^KWD\s1,000\.000$/);
  });

  it('shows an empty state and passes axe', async () => {
    const { container } = await renderPanel(emptySnapshot());
    expect(screen.getByText('No open invoices: nothing to collect for this customer.')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('lists data-quality notes without blanking the panel', async () => {
    const snapshot = inrSnapshot();
    snapshot.dataQuality = [{ recordKind: 'invoice', recordId: 'a0Ibad', field: 'dueDate', message: 'not a date' }];
    await renderPanel(snapshot);
    expect(screen.getByText('1 record could not be read and is left out')).toBeTruthy();
    expect(figure('Total due')).toBe('₹7,85,000.50');
  });
});

describe('load states', () => {
  it('shows a skeleton while loading, then data, with exactly one port request', async () => {
    const port = new FakePort([inrSnapshot()]);
    const release = port.hold();
    const { container } = await renderPanel(inrSnapshot(), { port, wait: false });
    expect(screen.getByRole('region', { name: 'Collections' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading collections data…')).toBeTruthy();
    release();
    await screen.findByText('Shree Ganesh Traders Pvt Ltd');
    expect(port.count('loadSnapshot')).toBe(1);
    expect(container.querySelector('.skeleton')).toBeNull();
  });

  it('shows the saved snapshot at once and revalidates (stale-while-revalidate)', async () => {
    const saved = inrSnapshot();
    saved.account = { ...saved.account, name: 'Old Name Traders' };
    const storage = memoryStorage({ [snapshotKey(saved.account.id)]: { v: 2, recordId: saved.account.id, snapshot: saved } });
    const port = new FakePort([inrSnapshot()]);
    const release = port.hold();
    await renderPanel(inrSnapshot(), { port, storage, wait: false });
    await screen.findByText('Old Name Traders');
    expect(screen.getByText(/^Showing saved data from .*; refreshing…$/)).toBeTruthy();
    release();
    await screen.findByText('Shree Ganesh Traders Pvt Ltd');
    expect(screen.queryByText(/Showing saved data/)).toBeNull();
    // The fresh snapshot replaces the saved one.
    // (Saved in the task after the render: waitFor.)
    await waitFor(async () => expect(await storage.get(snapshotKey(saved.account.id))).toMatchObject({ snapshot: { account: { name: 'Shree Ganesh Traders Pvt Ltd' } } }));
  });

  it('ignores a saved copy from before snapshots carried their compliance rules (version 1)', async () => {
    const saved = inrSnapshot();
    saved.account = { ...saved.account, name: 'Old Name Traders' };
    const storage = memoryStorage({ [snapshotKey(saved.account.id)]: { v: 1, recordId: saved.account.id, snapshot: saved } });
    const port = new FakePort([inrSnapshot()]);
    const release = port.hold();
    await renderPanel(inrSnapshot(), { port, storage, wait: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText('Old Name Traders')).toBeNull();
    expect(screen.getByText('Loading collections data…')).toBeTruthy();
    release();
    await screen.findByText('Shree Ganesh Traders Pvt Ltd');
  });

  it('ignores a saved copy made under another compliance profile setting (it carries that profile rules)', async () => {
    const saved = inrSnapshot();
    saved.account = { ...saved.account, name: 'Old Name Traders' };
    const storage = memoryStorage({ [snapshotKey(saved.account.id)]: { v: 2, recordId: saved.account.id, complianceProfile: 'uk-fca', snapshot: saved } });
    const port = new FakePort([inrSnapshot()]);
    const release = port.hold();
    await renderPanel(inrSnapshot(), { port, storage, wait: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText('Old Name Traders')).toBeNull();
    release();
    await screen.findByText('Shree Ganesh Traders Pvt Ltd');
    // The fresh copy is saved with the setting it was loaded under.
    await waitFor(async () => expect(await storage.get(snapshotKey(saved.account.id))).toMatchObject({ v: 2, complianceProfile: null }));
  });

  it('keeps showing the saved snapshot when the refresh fails, with the error view', async () => {
    const saved = inrSnapshot();
    const storage = memoryStorage({ [snapshotKey(saved.account.id)]: { v: 2, recordId: saved.account.id, snapshot: saved } });
    const port = new FakePort([saved]);
    port.failNext('loadSnapshot', 'network');
    await renderPanel(saved, { port, storage });
    await screen.findByRole('alert');
    expect(screen.getByRole('alert').textContent).toContain(DEFAULT_USER_MESSAGES.network);
    expect(figure('Total due')).toBe('₹7,85,000.50');
  });

  const kinds: ConnectorErrorKind[] = [
    'session_expired',
    'api_disabled',
    'limit_exceeded',
    'validation',
    'row_lock',
    'insufficient_access',
    'not_found',
    'network',
    'timeout',
    'configuration',
    'malformed_response',
    'invalid_input',
    'unknown',
  ];
  it.each(kinds)('renders the one error view for %s and passes axe', async (kind) => {
    const port = new FakePort([inrSnapshot()]);
    port.failNext('loadSnapshot', kind);
    const { container } = await renderPanel(inrSnapshot(), { port, wait: false });
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-error-kind')).toBe(kind);
    expect(alert.textContent).toContain(DEFAULT_USER_MESSAGES[kind]);
    if (kind === 'session_expired') {
      expect(alert.textContent).toMatch(/sign in again/i);
    }
    await expectNoAxeViolations(container);
  });

  it('retries a failed load from the error view', async () => {
    const port = new FakePort([inrSnapshot()]);
    port.failNext('loadSnapshot', 'timeout');
    await renderPanel(inrSnapshot(), { port, wait: false });
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await screen.findByText('Shree Ganesh Traders Pvt Ltd');
    expect(port.count('loadSnapshot')).toBe(2);
  });
});

describe('untrusted CRM text', () => {
  it('renders markup in names, notes, invoice numbers and data-quality messages as text', async () => {
    const w = window as unknown as { __xss?: number };
    delete w.__xss;
    const { container } = await renderPanel(xssSnapshot());
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain(XSS);
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    await waitFor(() => expect(container.textContent).toContain(`Note ${XSS}`));
    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    expect(container.querySelector('img')).toBeNull();
    expect(w.__xss).toBeUndefined();
  });
});

describe('timeline and tabs', () => {
  it('lists calls, e-mails, promises, payments and disputes newest first', async () => {
    await renderPanel(inrSnapshot());
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const timeline = screen.getByRole('list', { name: 'Timeline, newest first' });
    const entries = within(timeline).getAllByRole('listitem').map((e) => e.textContent ?? '');
    // 18 Nov: the 12:00 IST call, then that day's dated promise (no time: after the day's timed entries); 12 Nov e-mail, then the 10 Nov dispute.
    expect(entries[0]).toMatch(/^Call.*Promise to pay · Ramesh Gupta · 4:05/);
    expect(entries[1]).toMatch(/^Promise.*₹75,000.00 by 25 Nov 2026 — pending/);
    expect(entries[2]).toMatch(/^E-mail.*Payment reminder/);
    expect(entries.some((e) => /^Dispute.*Pricing error.*in review/.test(e))).toBe(true);
    expect(entries.some((e) => /^Promise.*broken/.test(e))).toBe(true);
    expect(entries.some((e) => /^Payment.*₹60,000.00 received for INV-0800/.test(e))).toBe(true);
    expect(entries.at(-1)).toMatch(/^Payment/);
  });

  it('moves between tabs with the arrow keys', async () => {
    await renderPanel(inrSnapshot());
    const tab = screen.getByRole('tab', { name: 'Invoices' });
    tab.focus();
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('malformed records', () => {
  it('shows a note in the summary instead of blanking the panel when the domain rejects a record', async () => {
    const snapshot = inrSnapshot();
    // A negative credit: ageInvoices rejects it, naming the field.
    snapshot.credits = [{ id: 'cr-neg', kind: 'credit_note', issuedOn: '2026-11-01', amount: { amountMinor: -100, currency: 'INR' }, reference: null }];
    await renderPanel(snapshot);
    expect(screen.getByText(/^Summary could not be shown: credits\[0\]\.amount\.amountMinor/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log a call' })).toBeTruthy();
  });

  it('leaves a record in a mismatched currency out with a note; the summary still shows its figures', async () => {
    const snapshot = inrSnapshot();
    // A dispute line in USD on an invoice in INR: the domain cannot add it, so the connector quarantines it.
    const invoice = snapshot.invoices[0]!;
    snapshot.disputes = [{ id: 'dsp-usd', reference: '00001099', reason: 'pricing', status: 'open', lines: [{ invoiceId: invoice.id, amount: { amountMinor: 100, currency: 'USD' } }], owner: snapshot.account.owner, openedOn: '2026-11-01', slaDueDate: '2026-11-30', evidence: '', resolution: null }];
    const { container } = await renderPanel(snapshot);
    expect(screen.queryByText(/Summary could not be shown/)).toBeNull();
    expect(screen.getByText(/^Total due/)).toBeTruthy();
    expect(screen.getByText('1 record could not be read and is left out')).toBeTruthy();
    expect(screen.getByText(/Dispute 00001099 was left out: it disputes an invoice in INR with an amount in USD\.$/)).toBeTruthy();
    // Everything else still works.
    expect(screen.getByRole('button', { name: 'Log a call' })).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Invoices' })).getAllByRole('rowheader').length).toBeGreaterThan(0);
    await expectNoAxeViolations(container);
  });
});

describe('keyboard focus and footer', () => {
  it('moves focus into a form when it opens and back to its button when it closes', async () => {
    await renderPanel(inrSnapshot());
    const button = screen.getByRole('button', { name: 'Log a call' });
    fireEvent.click(button);
    // The call form opens on its Outcome (the contact defaults to the best one; issue 17 keyboard flow).
    await waitFor(() => expect(document.activeElement?.id).toBe('call-disposition'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(button);
  });

  it('says when the data was fetched and how much API allowance is used', async () => {
    await renderPanel(inrSnapshot(), { locale: 'en-GB' });
    expect(screen.getByText('Updated 20 Nov 2026, 18:35 · API calls today: 1,200 of 100,000')).toBeTruthy();
  });
});

describe('an open panel keeps time', () => {
  it('updates the local time, the badge and the priority when the calling window closes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let now = Date.parse('2026-11-20T13:28:00Z'); // 18:58 IST
      const { env } = await renderPanel(inrSnapshot(), { locale: 'en-GB' });
      env.now = () => now;
      // Header, compliance badge and priority start their minute tickers in effects, which Preact runs
      // after paint (real timers); let them run before moving the fake interval clock.
      await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
      expect(vi.getTimerCount()).toBe(3);
      expect(figure('Priority')).toMatch(/^Contact now/);
      now = Date.parse('2026-11-20T13:31:00Z'); // 19:01 IST: the RBI window has closed
      await act(() => {
        vi.advanceTimersByTime(60_000);
      });
      // The header line (the priority's reasons also start "It is …").
      expect(screen.getByText((_text, element) => element?.tagName === 'P' && /^It is .* in Kolkata$/.test(element.textContent ?? '')).textContent).toBe('It is 19:01 IST in Kolkata');
      expect(complianceBadge().textContent).toBe('Blocked: outside permitted hours');
      // Same snapshot, same open panel: the priority follows the clock like the badge.
      expect(figure('Priority')).toMatch(/^Not contactable nowWhyIt is/);
    } finally {
      vi.useRealTimers();
    }
  });
});
