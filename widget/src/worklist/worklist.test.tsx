import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortfolioBook } from '../../../connector/domain/portfolio/book';
import { computeFacts } from '../../../connector/domain/portfolio/facts';
import { rankPortfolio } from '../../../connector/domain/portfolio/rank';
import type { PortfolioReadOptions, PortfolioRecord, PortfolioSource } from '../../../connector/portfolio-source';
import { expectNoAxeViolations } from '../../test/axe';
import { WorklistApp, forgetLists, nextAccount, openNext, rescore } from './App';
import { NO_FILTER, filterRows, nextAccountAfter, sortRows } from './arrange';
import type { WorklistEnv } from './App';
import { loadWorklist, rescoreAccount } from './load';

const NOW = new Date('2026-11-20T05:30:00Z'); // 11:00 in Kolkata, 00:30 in New York
const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10);

/** 40 accounts: amounts and lateness vary, a few with a promise, a dispute, a hard block; half in New York. */
function book(): PortfolioRecord[] {
  const records: PortfolioRecord[] = [];
  for (let i = 0; i < 40; i++) {
    const id = `001A${String(i).padStart(2, '0')}`;
    const ny = i % 2 === 1;
    records.push({
      kind: 'account',
      account: {
        id, name: i === 3 ? '<b>Markup & Co</b>' : `Customer ${i}`, owner: { id: 'U-sales', name: 'Rohan' }, collector: { id: 'U-priya', name: 'Priya' }, segment: 'b2b',
        country: ny ? 'US' : 'IN', timeZone: ny ? 'America/New_York' : 'Asia/Kolkata', complianceProfile: 'b2b-default', currency: 'USD',
        riskRating: i % 5 === 0 ? 'high' : 'low', keyAccount: i === 7, flags: i === 9 ? [{ flag: 'bankruptcy' }] : [],
      },
    });
    records.push({
      kind: 'invoice', accountId: id,
      invoice: { id: `INV${i}`, number: `N${i}`, issueDate: isoDay(-90), dueDate: isoDay(-((i * 7) % 95) + 2), total: { amountMinor: 100_000 + i * 37_000, currency: 'USD' }, balance: { amountMinor: 100_000 + i * 37_000, currency: 'USD' }, status: 'open' },
    });
  }
  records.push({ kind: 'promise', accountId: '001A04', promise: { id: 'P1', takenOn: isoDay(-5), dueDate: isoDay(3), amount: { amountMinor: 50_000, currency: 'USD' }, invoiceIds: ['INV4'], status: 'pending' } });
  records.push({
    kind: 'dispute', accountId: '001A06',
    dispute: { id: 'D1', reason: 'pricing', status: 'open', lines: [{ invoiceId: 'INV6', amount: { amountMinor: 10_000, currency: 'USD' } }], owner: { id: 'U', name: 'R' }, openedOn: isoDay(-3), slaDueDate: isoDay(7) },
  });
  records.push({ kind: 'activity', accountId: '001A02', activity: { id: 'T1', kind: 'call', direction: 'outbound', occurredAt: new Date(NOW.getTime() - 2 * DAY).toISOString(), conversation: true } });
  return records;
}

function fakeSource(records: PortfolioRecord[]): PortfolioSource & { reads: PortfolioReadOptions[] } {
  const reads: PortfolioReadOptions[] = [];
  return {
    reads,
    read(options) {
      reads.push(options);
      return (async function* () {
        yield records.slice(0, 50);
        yield records.slice(50);
      })();
    },
    lastPass: () => ({ apiRequests: 6, via: 'rest', rows: records.length }),
  };
}

function env(onOpen = vi.fn()): WorklistEnv {
  return {
    source: fakeSource(book()),
    currencies: async () => ({ corporateCurrency: 'USD', rates: [] }),
    collectorId: 'U-priya',
    locale: 'en-US',
    userTimeZone: 'Asia/Kolkata',
    now: () => NOW,
    onOpen,
  };
}

async function renderList(onOpen = vi.fn()) {
  const controller = new AbortController();
  const result = render(<WorklistApp env={env(onOpen)} signal={controller.signal} />);
  await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBeGreaterThan(0));
  return { ...result, onOpen };
}

describe('loadWorklist', () => {
  it("reads the collector's scope through REST and orders rows exactly as the domain's ranking", async () => {
    const source = fakeSource(book());
    const list = await loadWorklist({ source, currencies: { corporateCurrency: 'USD', rates: [] }, collectorId: 'U-priya', at: NOW.toISOString(), locale: 'en-US' });
    expect(source.reads).toEqual([expect.objectContaining({ scope: { kind: 'collectors', collectorIds: ['U-priya'] }, mode: 'rest' })]);
    const bookOf = new PortfolioBook();
    for (const record of book()) {
      if (record.kind === 'account') {bookOf.addAccount(record.account);}
      if (record.kind === 'invoice') {bookOf.addInvoice(record.accountId, record.invoice);}
      if (record.kind === 'promise') {bookOf.addPromise(record.accountId, record.promise);}
      if (record.kind === 'dispute') {bookOf.addDispute(record.accountId, record.dispute);}
      if (record.kind === 'activity') {bookOf.addActivity(record.accountId, record.activity);}
    }
    const ranking = rankPortfolio(computeFacts(bookOf, { asOf: NOW.toISOString(), reportingCurrency: 'USD' }), { limit: 100 });
    expect(list.rows.map((row) => row.accountId)).toEqual(ranking.rows.map((row) => ranking && row.accountId));
    expect(list.rows).toHaveLength(39);
    expect(list.notRanked.hardBlocked).toBe(1);
    expect(list.apiRequests).toBe(6);
  });

  it('gives each row its next action from the strategy and whether a call is allowed now in the customer\'s zone', async () => {
    const list = await loadWorklist({ source: fakeSource(book()), currencies: { corporateCurrency: 'USD', rates: [] }, collectorId: 'U-priya', at: NOW.toISOString(), locale: 'en-US' });
    const promised = list.rows.find((row) => row.accountId === '001A04')!;
    expect(promised.next.status).toBe('paused');
    const india = list.rows.find((row) => row.accountId === '001A00')!;
    expect(india.callNow).toEqual({ allowed: true, words: 'Calls allowed until 18:00', detail: null });
    const newYork = list.rows.find((row) => row.accountId === '001A01')!;
    expect(newYork.callNow.allowed).toBe(false);
    // Short words in the column; the engine's full reason is its tooltip.
    expect(newYork.callNow.words).toBe('No calls now · from 09:00');
    expect(newYork.callNow.detail).toMatch(/\S/);
    for (const row of list.rows) {
      expect(row.next.reason).not.toMatch(/minor|amountMinor|\d{7,}/);
      expect(row.why).not.toMatch(/minor units|·ln|×/);
    }
  });
});

describe('rescoreAccount', () => {
  it('gives the same score, next action and place as a full pass for the same records', async () => {
    const list = await loadWorklist({ source: fakeSource(book()), currencies: { corporateCurrency: 'USD', rates: [] }, collectorId: 'U-priya', at: NOW.toISOString(), locale: 'en-US' });
    for (const target of [list.rows[0]!, list.rows[17]!, list.rows[38]!]) {
      const mine = book().filter((record) => (record.kind === 'account' ? record.account.id === target.accountId : 'accountId' in record && record.accountId === target.accountId));
      const pick = <K extends PortfolioRecord['kind']>(kind: K) => mine.filter((record): record is Extract<PortfolioRecord, { kind: K }> => record.kind === kind);
      const snapshot = {
        account: pick('account')[0]!.account, contacts: [], invoices: pick('invoice').map((r) => r.invoice), payments: [], credits: [],
        promises: pick('promise').map((r) => r.promise), plans: [], disputes: pick('dispute').map((r) => r.dispute), activities: pick('activity').map((r) => r.activity),
      };
      const again = rescoreAccount(list, snapshot, { at: NOW.toISOString(), locale: 'en-US' });
      expect(again.rows.map((row) => row.accountId)).toEqual(list.rows.map((row) => row.accountId));
      const row = again.rows.find((candidate) => candidate.accountId === target.accountId)!;
      expect(row.score).toBe(target.score);
      // The snapshot knows the contacts (none here), so its reason may add who to address; the rest is equal.
      expect({ ...row.next, reason: '', recipients: [] }).toEqual({ ...target.next, reason: '', recipients: [] });
      expect(row.next.reason.startsWith(target.next.reason)).toBe(true);
      expect(row.rank).toBe(target.rank);
    }
  });
});

/** The panel's snapshot after the collector took a promise on `accountId` (what the panel hands to rescore). */
function promiseTakenOn(accountId: string) {
  const records = book().filter((record) => record.kind === 'account' ? record.account.id === accountId : 'accountId' in record && record.accountId === accountId);
  const account = records.find((record) => record.kind === 'account')!;
  const invoice = records.find((record) => record.kind === 'invoice')!;
  return {
    account: account.kind === 'account' ? account.account : (null as never),
    contacts: [{ id: 'C1', name: 'Ana', title: 'Accounts Payable', role: 'accounts_payable' as const, phones: [], optOuts: [] }],
    invoices: invoice.kind === 'invoice' ? [invoice.invoice] : [],
    payments: [], credits: [], plans: [], disputes: [],
    promises: [{ id: 'P-new', takenOn: isoDay(0), dueDate: isoDay(5), amount: { amountMinor: 10_000, currency: 'USD' }, invoiceIds: [], status: 'pending' as const }],
    activities: [{ id: 'T-new', kind: 'call' as const, direction: 'outbound' as const, occurredAt: NOW.toISOString(), conversation: true }],
  };
}

describe('WorklistApp', () => {
  afterEach(() => {
    cleanup();
    forgetLists();
  });

  it('shows the top 30 first, then 30 more on demand', async () => {
    await renderList();
    expect(screen.getAllByTestId('worklist-row')).toHaveLength(30);
    fireEvent.click(screen.getByRole('button', { name: /Show 9 more/ }));
    expect(screen.getAllByTestId('worklist-row')).toHaveLength(39);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('renders CRM text as text and says what the list leaves out', async () => {
    const { container } = await renderList();
    fireEvent.click(screen.getByRole('button', { name: /Show 9 more/ }));
    expect(screen.getByText('<b>Markup & Co</b>')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText(/Not listed: 0 with nothing to collect, 1 under a bankruptcy/)).toBeTruthy();
  });

  it('is keyboard-first: j/k and arrows move between rows, Enter opens the account', async () => {
    const { onOpen } = await renderList();
    const links = () => screen.getAllByTestId('worklist-row').map((row) => row.querySelector('a')!);
    links()[0]!.focus();
    fireEvent.keyDown(links()[0]!, { key: 'j' });
    expect(document.activeElement).toBe(links()[1]);
    fireEvent.keyDown(links()[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links()[2]);
    fireEvent.keyDown(links()[2]!, { key: 'k' });
    fireEvent.keyDown(links()[1]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(links()[0]);
    // Only the active row is in the tab order (roving tabindex).
    expect(links().filter((link) => link.tabIndex === 0)).toHaveLength(1);
    fireEvent.click(links()[0]!);
    expect(onOpen).toHaveBeenCalledWith(screen.getAllByTestId('worklist-row')[0]!.getAttribute('data-account-id'));
    fireEvent.keyDown(links()[0]!, { key: 'o' });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it("re-scores an account from the panel's fresh snapshot without reading the list again, and keeps the list when opened again", async () => {
    const controller = new AbortController();
    const worklistEnv = env();
    const source = worklistEnv.source as ReturnType<typeof fakeSource>;
    render(<WorklistApp env={worklistEnv} signal={controller.signal} />);
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    const before = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id'));
    const top = before[0]!;
    act(() => {
      expect(rescore(promiseTakenOn(top), NOW)).toBe(true);
    });
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')[0]!.getAttribute('data-account-id')).not.toBe(top));
    // A promise in force suppresses the priority: the row went down, past the first 30.
    fireEvent.click(screen.getByRole('button', { name: /Show 9 more/ }));
    const moved = document.querySelector(`[data-account-id="${top}"][data-testid="worklist-row"]`);
    expect(Number(moved?.querySelector('td')?.textContent)).toBeGreaterThan(1);
    expect(moved?.getAttribute('data-rescored')).toBe('true');
    expect(moved?.textContent).toContain('paused until');
    expect(moved?.textContent).toContain('today');
    expect(screen.getByTestId('worklist-status').textContent).toMatch(/1 updated from the panel since/);
    expect(source.reads).toHaveLength(1);
    // Opened again (in-app, within five minutes): the kept list, no read.
    cleanup();
    render(<WorklistApp env={worklistEnv} signal={controller.signal} />);
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    fireEvent.click(screen.getByRole('button', { name: /Show 9 more/ }));
    expect(document.querySelector(`[data-account-id="${top}"][data-testid="worklist-row"]`)?.getAttribute('data-rescored')).toBe('true');
    expect(source.reads).toHaveLength(1);
  });

  it('filters by next action and by what is due, keeping the domain order', async () => {
    await renderList();
    const all = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id'));
    fireEvent.change(screen.getByLabelText(/Next action/), { target: { value: 'call' } });
    const calls = screen.queryAllByTestId('worklist-row');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThan(30);
    for (const row of calls) {
      expect(row.textContent).toMatch(/Call/);
    }
    fireEvent.change(screen.getByLabelText(/Next action/), { target: { value: 'all' } });
    fireEvent.click(screen.getByLabelText(/Due today or late only/));
    const due = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id'));
    expect(due.length).toBeLessThan(39);
    expect(screen.getAllByTestId('worklist-row').every((row) => /due today|overdue/.test(row.textContent ?? ''))).toBe(true);
    // The same relative order as the unfiltered list.
    expect(due.filter((id) => all.includes(id))).toEqual(all.filter((id) => due.includes(id)));
    // Typing in the filter is not taken for row keys.
    const select = screen.getByLabelText(/Next action/);
    fireEvent.keyDown(select, { key: 'j' });
    expect(document.activeElement).not.toBe(screen.getAllByTestId('worklist-row')[1]?.querySelector('a'));
  });

  it('has no axe violations', async () => {
    const { container } = await renderList();
    await expectNoAxeViolations(container);
  }, 30_000);

  it('filters by country and by strategy segment, keeping the domain order; the collector filter appears only for several collectors', async () => {
    await renderList();
    const all = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id')!);
    expect(screen.queryByLabelText(/Collector/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: 'US' } });
    const us = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id')!);
    expect(us.length).toBeGreaterThan(0);
    expect(us.every((id) => Number(id.slice(-2)) % 2 === 1)).toBe(true); // the New York accounts
    expect(all.filter((id) => us.includes(id))).toEqual(us.filter((id) => all.includes(id)));
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: '' } });
    const segment = screen.getByLabelText(/Segment/) as HTMLSelectElement;
    const firstSegment = [...segment.options].find((option) => option.value !== '')!.value;
    fireEvent.change(segment, { target: { value: firstSegment } });
    expect(screen.getAllByTestId('worklist-row').length).toBeGreaterThan(0);
  });

  it('sorts by a column from a header button (aria-sort says how), ties in the domain order, and back to priority', async () => {
    await renderList();
    const header = screen.getByRole('button', { name: /^Collectable/ });
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    const amounts = () => screen.getAllByTestId('worklist-row').map((row) => Number(row.querySelectorAll('td')[1]!.textContent!.replace(/[^0-9.]/g, '')));
    const descending = amounts();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    const ascending = amounts();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    // Only the sorted column carries aria-sort.
    expect(document.querySelectorAll('th[aria-sort]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /Priority/ }));
    expect(screen.getAllByTestId('worklist-row').map((row) => Number(row.querySelector('td')!.textContent))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('n opens the next account; back from the account the list carries on after it, and openNext() works from the account page', async () => {
    const onOpen = vi.fn();
    const controller = new AbortController();
    const worklistEnv = env(onOpen);
    render(<WorklistApp env={worklistEnv} signal={controller.signal} />);
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    const ids = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id')!);
    const link = (index: number) => screen.getAllByTestId('worklist-row')[index]!.querySelector('a')!;
    fireEvent.keyDown(link(0), { key: 'o' });
    expect(onOpen).toHaveBeenLastCalledWith(ids[0]);
    fireEvent.keyDown(link(0), { key: 'n' });
    expect(onOpen).toHaveBeenLastCalledWith(ids[1]);
    // The host navigated to the account: the worklist unmounts; from the account page, the next one.
    cleanup();
    act(() => {
      expect(openNext()).toBe(ids[2]);
    });
    expect(onOpen).toHaveBeenLastCalledWith(ids[2]);
    expect(nextAccount('U-priya')).toBe(ids[3]);
    // Opened again: the kept list, focus on the account after the last one opened.
    render(<WorklistApp env={worklistEnv} signal={controller.signal} />);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-account-id')).toBe(ids[3]));
    fireEvent.keyDown(document.activeElement!, { key: 'n' });
    expect(onOpen).toHaveBeenLastCalledWith(ids[3]);
  });
});

describe('manager view', () => {
  afterEach(() => {
    cleanup();
    forgetLists();
  });

  function managerEnv() {
    const reassign = vi.fn(async () => ({ changed: true }));
    const base = env();
    return { ...base, team: async () => [{ id: 'U-jordan', name: 'Jordan Miller' }], reassign };
  }

  it("lets a manager pick whose list (a member's or every collector's) and reassign an account, once per key", async () => {
    const worklistEnv = managerEnv();
    const source = worklistEnv.source as ReturnType<typeof fakeSource>;
    render(<WorklistApp env={worklistEnv} signal={new AbortController().signal} />);
    const whose = (await screen.findByLabelText(/Whose list/)) as HTMLSelectElement;
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    expect([...whose.options].map((option) => option.textContent)).toEqual(['Me', 'Jordan Miller', 'Every collector']);
    fireEvent.change(whose, { target: { value: '*' } });
    await waitFor(() => expect(source.reads).toHaveLength(2));
    expect(source.reads[1]!.scope).toEqual({ kind: 'collectors', collectorIds: ['U-priya', 'U-jordan'] });
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    const first = screen.getAllByTestId('worklist-row')[0]!;
    const accountId = first.getAttribute('data-account-id')!;
    const select = screen.getAllByLabelText(/^Collector of /)[0] as HTMLSelectElement;
    expect(select.value).toBe('U-priya');
    fireEvent.change(select, { target: { value: 'U-jordan' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/now belongs to Jordan Miller/));
    expect(worklistEnv.reassign).toHaveBeenCalledWith({ accountId, collectorId: 'U-jordan', fromCollectorId: 'U-priya', idempotencyKey: `reassign:${accountId}:U-priya:U-jordan` });
    // Every collector's list: the row stays, with its new collector.
    expect((screen.getAllByLabelText(/^Collector of /)[0] as HTMLSelectElement).value).toBe('U-jordan');
    // Back on her own list (read again: the other lists are dropped after a reassignment).
    fireEvent.change(whose, { target: { value: 'U-priya' } });
    await waitFor(() => expect(source.reads).toHaveLength(3));
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    await expectNoAxeViolations(document.body);
  }, 30_000);

  it("shows a re-scored account in the list the manager is viewing (every collector's), not only in her own", async () => {
    const worklistEnv = managerEnv();
    render(<WorklistApp env={worklistEnv} signal={new AbortController().signal} />);
    const whose = (await screen.findByLabelText(/Whose list/)) as HTMLSelectElement;
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    fireEvent.change(whose, { target: { value: '*' } });
    await waitFor(() => expect((worklistEnv.source as ReturnType<typeof fakeSource>).reads).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    // A reassignment drops the other kept lists (her own included): only every collector's is kept.
    const second = screen.getAllByTestId('worklist-row')[1]!.getAttribute('data-account-id')!;
    fireEvent.change(screen.getAllByLabelText(/^Collector of /)[1]!, { target: { value: 'U-jordan' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/now belongs to Jordan Miller/));
    const top = screen.getAllByTestId('worklist-row')[0]!.getAttribute('data-account-id')!;
    expect(top).not.toBe(second);
    act(() => {
      expect(rescore(promiseTakenOn(top), NOW)).toBe(true);
    });
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')[0]!.getAttribute('data-account-id')).not.toBe(top));
  }, 30_000);

  it('says why a reassignment failed and leaves the row as it was', async () => {
    const worklistEnv = { ...managerEnv(), reassign: vi.fn(async () => Promise.reject(Object.assign(new Error('x'), { userMessage: 'Someone else reassigned this account since your list was read.' }))) };
    render(<WorklistApp env={worklistEnv} signal={new AbortController().signal} />);
    await screen.findByLabelText(/Whose list/);
    await waitFor(() => expect(screen.getAllByLabelText(/^Collector of /).length).toBe(30));
    const ids = screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id'));
    fireEvent.change(screen.getAllByLabelText(/^Collector of /)[0]!, { target: { value: 'U-jordan' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Could not reassign .*Someone else reassigned/));
    expect(screen.getAllByTestId('worklist-row').map((row) => row.getAttribute('data-account-id'))).toEqual(ids);
  });

  it('a collector (no team) gets her own list, without the manager controls', async () => {
    render(<WorklistApp env={{ ...env(), team: async () => [] }} signal={new AbortController().signal} />);
    await waitFor(() => expect(screen.getAllByTestId('worklist-row').length).toBe(30));
    expect(screen.queryByLabelText(/Whose list/)).toBeNull();
    expect(screen.queryAllByLabelText(/^Collector of /)).toHaveLength(0);
  });
});

describe('arranging rows', () => {
  it('filters by collector and rule set; sorts stably; next account skips accounts that left the list', async () => {
    const list = await loadWorklist({ source: fakeSource(book()), currencies: { corporateCurrency: 'USD', rates: [] }, collectorId: 'U-priya', at: NOW.toISOString(), locale: 'en-US' });
    expect(filterRows(list.rows, { ...NO_FILTER, collectorId: 'U-priya' })).toHaveLength(39);
    expect(filterRows(list.rows, { ...NO_FILTER, collectorId: 'U-other' })).toHaveLength(0);
    expect(filterRows(list.rows, { ...NO_FILTER, profile: 'b2b-default' })).toHaveLength(39);
    expect(filterRows(list.rows, { ...NO_FILTER, profile: 'us-fdcpa' })).toHaveLength(0);
    const byName = sortRows(list.rows, { key: 'name', direction: 'ascending' }, 'en-US').map((row) => row.name);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en-US', { numeric: true, sensitivity: 'base' })));
    const byOldest = sortRows(list.rows, { key: 'oldest', direction: 'descending' }, 'en-US');
    for (let i = 1; i < byOldest.length; i++) {
      const [a, b] = [byOldest[i - 1]!, byOldest[i]!];
      expect(a.oldestDaysPastDue > b.oldestDaysPastDue || (a.oldestDaysPastDue === b.oldestDaysPastDue && a.rank < b.rank)).toBe(true);
    }
    expect(nextAccountAfter(['a', 'b', 'c'], 'a', new Set(['a', 'c']))).toBe('c');
    expect(nextAccountAfter(['a', 'b', 'c'], null, new Set(['b']))).toBe('b');
    expect(nextAccountAfter(['a', 'b', 'c'], 'c', new Set(['a', 'b', 'c']))).toBeNull();
  });
});
