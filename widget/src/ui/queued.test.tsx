/**
 * The panel side of the outbox: a call logged while Salesforce is unreachable is answered "queued",
 * shown in the timeline as "queued — will be sent", and counted by the compliance engine's frequency
 * caps; once the outbox replays it, it is written exactly once.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox, memoryOutboxStorage } from '../../../connector/writes/outbox';
import { withOutbox } from '../../../connector/writes/outbox-port';
import { FakePort } from '../../test/fakePort';
import { inrSnapshot } from '../../test/fixtures';
import { checkContactWithRules } from '../../../connector/domain/compliance/engine';
import { getProfileRules } from '../../../connector/domain/compliance/profiles';
import { lastAction } from '../../test/queries';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

describe('queued writes in the panel', () => {
  it('shows an offline call as "queued — will be sent" in the save message and the timeline, then it is sent once', async () => {
    const crm = new FakePort([inrSnapshot()]);
    let clock = Date.parse('2026-11-20T13:10:00Z');
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port: crm, now: () => clock });
    const port = withOutbox(crm, outbox);
    crm.failNext('logCall', 'network');
    await renderPanel(inrSnapshot(), { port: port as unknown as FakePort });

    fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
    const form = screen.getByRole('form', { name: 'Log a call' });
    fireEvent.change(within(form).getByLabelText('Outcome'), { target: { value: 'call_back_requested' } });
    fireEvent.input(within(form).getByLabelText('Notes'), { target: { value: 'Logged on the train' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save call' }));

    await waitFor(() => expect(lastAction().textContent).toMatch(/Call logged: Call back requested — queued, will be sent when Salesforce is reachable\./));
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const timeline = screen.getByRole('list', { name: 'Timeline, newest first' });
    await waitFor(() => expect(within(timeline).getAllByRole('listitem').some((e) => /queued — will be sent.*Logged on the train/s.test(e.textContent ?? ''))).toBe(true));
    expect(crm.created('logCall')).toBe(0);

    clock += 60_000;
    expect(await outbox.replay()).toEqual({ sent: 1, queued: 0, refused: 0 });
    expect(crm.created('logCall')).toBe(1);
  });

  it('shows a queued promise and a queued note as "queued — will be sent" in the summary and the timeline', async () => {
    const crm = new FakePort([inrSnapshot()]);
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port: crm, now: () => Date.parse('2026-11-20T13:10:00Z') });
    const port = withOutbox(crm, outbox);
    const accountId = inrSnapshot().account.id;
    crm.failNext('recordPromise', 'network');
    const promise = await port.recordPromise({ idempotencyKey: 'queued-promise-01', accountId, contactId: null, amount: { amountMinor: 12_345_00, currency: 'INR' }, dueDate: '2026-11-23', invoiceIds: [], note: 'Promised on the phone' });
    expect(promise.queued).toBe(true);
    crm.failNext('addNote', 'network');
    expect((await port.addNote({ idempotencyKey: 'queued-note-0001', accountId, title: 'Site visit', body: 'Left the statement at reception' })).queued).toBe(true);
    await renderPanel(inrSnapshot(), { port: port as unknown as FakePort });
    const promiseFigure = screen.getAllByText('Promise', { selector: 'dt' })[0]!.nextElementSibling!;
    expect(promiseFigure.textContent).toMatch(/12,345\.00 by .*queued — will be sent/);
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    const items = within(screen.getByRole('list', { name: 'Timeline, newest first' })).getAllByRole('listitem').map((e) => e.textContent ?? '');
    expect(items.some((text) => /^Promise.*queued — will be sent.*12,345\.00/s.test(text))).toBe(true);
    expect(items.some((text) => /^Note.*queued — will be sent.*Site visit/s.test(text))).toBe(true);
    expect(crm.created('recordPromise')).toBe(0);
  });

  it("counts queued calls in the frequency caps: the snapshot's history holds them", async () => {
    const crm = new FakePort([inrSnapshot()]);
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port: crm, now: () => Date.parse('2026-11-20T13:10:00Z') });
    const port = withOutbox(crm, outbox);
    const base = inrSnapshot();
    const contact = base.contacts[0]!;
    for (let i = 0; i < 7; i++) {
      crm.failNext('logCall', 'network');
      await port.logCall({ idempotencyKey: `queued-call-00${i}`, accountId: base.account.id, contactId: contact.id, direction: 'outbound', disposition: 'no_answer', conversation: false, durationSeconds: 0, occurredAt: `2026-11-${14 + i}T15:00:00Z`, notes: '', followUpDate: null, invoiceIds: [], complianceOverride: null });
    }
    const snapshot = await port.loadSnapshot({ id: base.account.id });
    expect(snapshot.activities.filter((a) => a.queued)).toHaveLength(7);
    const check = (history: typeof snapshot.activities) =>
      checkContactWithRules({ profile: getProfileRules('us-fdcpa')!, channel: 'call', at: '2026-11-20T16:00:00Z', contact: { ...contact, phones: [], timeZone: 'America/New_York' }, account: { ...snapshot.account, timeZone: 'America/New_York', country: 'US' }, history });
    expect(check([]).reasons.filter((r) => r.severity !== 'info')).toEqual([]);
    // Seven placed calls in seven days (Reg F), all still queued: the cap holds the eighth.
    const capped = check(snapshot.activities.filter((a) => a.queued));
    expect(capped.allowed).toBe(false);
    expect(capped.reasons.map((r) => r.rule).join(' ')).toMatch(/1006\.14/);
  });
});
