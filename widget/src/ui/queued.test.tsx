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
});
