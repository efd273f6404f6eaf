import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSnapshot, LogCallInput, RecordPromiseInput } from '../../../connector/port';
import { expectNoAxeViolations } from '../../test/axe';
import { FakePort } from '../../test/fakePort';
import { ceaseSnapshot, inrSnapshot, jpySnapshot } from '../../test/fixtures';
import { complianceBadge, lastAction } from '../../test/queries';
import { renderPanel, type RenderOptions } from '../../test/render';
import { memoryStorage } from '../storage';

afterEach(cleanup);

function callForm(): HTMLElement {
  return screen.getByRole('form', { name: 'Log a call' });
}

/** Render the panel, open Log a call and return the render result with the form. */
async function openCallForm(snapshot: AccountSnapshot = inrSnapshot(), options: RenderOptions = {}) {
  const rendered = await renderPanel(snapshot, options);
  fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
  return { ...rendered, form: callForm() };
}

/** A port over the INR fixture whose next `method` call fails with `kind`. */
function failingPort(method: 'logCall' | 'recordPromise', kind: 'network' | 'timeout' | 'row_lock', options: { afterWrite?: boolean } = {}): FakePort {
  const port = new FakePort([inrSnapshot()]);
  port.failNext(method, kind, options);
  return port;
}

/** Pick an option of a select (by label) in the form. */
function choose(form: HTMLElement, label: string, value: string): void {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });
}

/** Type into a field (by label) in the form. */
function type(form: HTMLElement, label: string, value: string): void {
  fireEvent.input(within(form).getByLabelText(label), { target: { value } });
}

function saveCall(form: HTMLElement): void {
  fireEvent.click(within(form).getByRole('button', { name: 'Save call' }));
}

/** The form's "Calling is blocked now" alert. */
function blockedNotice(form: HTMLElement): HTMLElement {
  const alert = within(form).getByRole('alert');
  expect(within(alert).getByRole('heading', { name: 'Calling is blocked now' })).toBeTruthy();
  return alert;
}

const SAVED_CALL_NOTE = 'The call is saved; Retry saves only what failed.';
const NO_PHONE_NOTE = 'No phone number on this contact — add one in the CRM.';

function retrySave(form: HTMLElement): void {
  fireEvent.click(within(form).getByRole('button', { name: 'Retry save' }));
}

function logged<T>(port: FakePort, method: 'logCall' | 'recordPromise' | 'raiseDispute'): T[] {
  return port.log.filter((c) => c.method === method).map((c) => c.input as T);
}

describe('Log a call', () => {
  it('logs a call with an inline promise, keyboard only, and shows both in the timeline', async () => {
    const user = userEvent.setup();
    const { port, container } = await renderPanel(inrSnapshot(), { locale: 'en-IN' });
    screen.getByRole('button', { name: 'Log a call' }).focus();
    await user.keyboard('{Enter}');
    const form = callForm();
    await expectNoAxeViolations(container);
    // Contact select has focus order first; the tel: link for the primary contact is offered.
    expect(within(form).getByRole('link', { name: /Call mobile \+91 98290 12345/ }).getAttribute('href')).toBe('tel:+919829012345');
    await user.selectOptions(within(form).getByLabelText('Outcome'), 'promise_to_pay');
    const amount = within(form).getByLabelText('Amount (INR)');
    await user.click(amount);
    await user.keyboard('1,20,000.50');
    const payBy = within(form).getByLabelText('Pay by');
    fireEvent.input(payBy, { target: { value: '2026-11-27' } });
    await user.click(within(form).getByLabelText(/INV-0990/));
    await user.click(within(form).getByLabelText('Notes'));
    await user.keyboard('Will pay INV-0990 after month end');
    fireEvent.input(within(form).getByLabelText('Next follow-up'), { target: { value: '2026-11-28' } });
    within(form).getByRole('button', { name: 'Save call' }).focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(lastAction().textContent).toMatch(/Call logged: Promise to pay; promise of ₹1,20,000.50 saved/));
    const [call] = logged<LogCallInput>(port, 'logCall');
    expect(call).toMatchObject({ disposition: 'promise_to_pay', conversation: true, contactId: '003000000000001AAA', notes: 'Will pay INV-0990 after month end', followUpDate: '2026-11-28', complianceOverride: null, invoiceIds: ['a0I000000000002'] });
    const [promise] = logged<RecordPromiseInput>(port, 'recordPromise');
    expect(promise).toMatchObject({ amount: { amountMinor: 12_000_050, currency: 'INR' }, dueDate: '2026-11-27', invoiceIds: ['a0I000000000002'] });
    // One reload after the write, and the new records are in the timeline.
    await waitFor(() => expect(port.count('loadSnapshot')).toBe(2));
    await user.click(screen.getByRole('tab', { name: 'Timeline' }));
    const timeline = screen.getByRole('list', { name: 'Timeline, newest first' });
    const entries = within(timeline).getAllByRole('listitem').map((e) => e.textContent ?? '');
    expect(entries.some((e) => /Call.*Promise to pay.*Will pay INV-0990 after month end/.test(e))).toBe(true);
    expect(entries.some((e) => /Promise.*₹1,20,000.50 by 27 Nov 2026 — pending/.test(e))).toBe(true);
  });

  it('shows the kept rate while taking a promise', async () => {
    const { form } = await openCallForm();
    choose(form, 'Outcome', 'promise_to_pay');
    // ptp1 kept, ptp2 broken in the last 12 months; ptp3 not yet due.
    expect(within(form).getByText('Kept 1 of 2 promises in the last 12 months (50%).')).toBeTruthy();
  });

  it('blocks outside the window, says why and when, and records a typed override', async () => {
    const { port, form } = await openCallForm(jpySnapshot(), { locale: 'en-GB', policy: { allowOverrides: true } });
    expect(complianceBadge().textContent).toBe('Blocked: outside permitted hours');
    const blocked = blockedNotice(form);
    expect(blocked.textContent).toMatch(/B2B|business|09:00|hours/i);
    // Fri 22:10 JST → next allowed Monday 09:00 in Tokyo.
    expect(within(blocked).getByText(/^Allowed from Mon,? 23 Nov, 09:00 (GMT\+9|JST)$/)).toBeTruthy();
    expect(within(form).queryByRole('link', { name: /Call work/ })).toBeNull();
    choose(form, 'Outcome', 'reached');
    expect((within(form).getByRole('button', { name: 'Save call' }) as HTMLButtonElement).disabled).toBe(true);

    type(form, 'Override reason (recorded on the call)', 'Customer asked for a call after their board meeting');
    expect(within(form).getByRole('link', { name: /Call work/ })).toBeTruthy();
    saveCall(form);
    await waitFor(() => expect(port.count('logCall')).toBe(1));
    const [call] = logged<LogCallInput>(port, 'logCall');
    expect(call?.complianceOverride).toMatch(/^outside_window.*: Customer asked for a call after their board meeting$/);
  });

  it('never offers an override for a hard block (cease communication), even when the host allows overrides', async () => {
    const { form } = await openCallForm(ceaseSnapshot(), { locale: 'en-US', policy: { allowOverrides: true } });
    const blocked = blockedNotice(form);
    expect(blocked.textContent).toMatch(/cease communication/i);
    expect(within(blocked).getByText(/No end date/)).toBeTruthy();
    expect(within(form).queryByLabelText('Override reason (recorded on the call)')).toBeNull();
    expect(within(form).queryByRole('link')).toBeNull();
  });

  it.each([
    ['disallows overrides', { allowOverrides: false }],
    ['does not opt in (overrides are opt-in)', {}],
  ])('hides the override of an overridable block when the host policy %s', async (_label, policy) => {
    const { form } = await openCallForm(jpySnapshot(), { policy });
    expect(blockedNotice(form)).toBeTruthy();
    expect(within(form).queryByLabelText('Override reason (recorded on the call)')).toBeNull();
    expect(within(form).queryByRole('link', { name: /Call work/ })).toBeNull();
  });

  it('uses the host profile override instead of the account profile', async () => {
    // b2b-default would allow 18:40 IST on a Friday? No: 09:00-18:00 → blocked; in-rbi allows until 19:00.
    const port = new FakePort([inrSnapshot()]);
    const load = vi.spyOn(port, 'loadSnapshot');
    await renderPanel(inrSnapshot(), { port, policy: { complianceProfile: 'b2b-default' }, locale: 'en-GB' });
    expect(complianceBadge().textContent).toBe('Blocked: outside permitted hours');
    // The override travels with the one snapshot request; the port answers with that profile's rules.
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]?.[1]).toMatchObject({ complianceProfile: 'b2b-default' });
  });

  it('never falls back to another policy when the account names an unknown profile: outbound calls stay blocked', async () => {
    const snapshot = inrSnapshot();
    snapshot.account = { ...snapshot.account, complianceProfile: 'us-tx' };
    const port = new FakePort([snapshot]);
    const { form } = await openCallForm(snapshot, { port });
    expect(complianceBadge().textContent).toBe('Compliance check unavailable');
    expect(within(form).getByRole('alert').textContent).toMatch(/Compliance check unavailable: No contact rules are known for this account.*Outbound calls stay blocked/);
    // The data-quality note names the id and the profiles the connector knows.
    expect(screen.getByText(/compliance profile "us-tx" is not one the panel knows/)).toBeTruthy();
    // No tel: link, and an outbound call cannot be saved as made.
    expect(within(form).queryByRole('link', { name: /Call / })).toBeNull();
    choose(form, 'Outcome', 'no_answer');
    fireEvent.click(within(form).getByRole('button', { name: 'Save call' }));
    await within(form).findByText(/Outbound call cannot be checked against the contact rules/);
    expect(port.count('logCall')).toBe(0);
    // An inbound call (the customer rang) can still be logged.
    choose(form, 'Direction', 'inbound');
    fireEvent.click(within(form).getByRole('button', { name: 'Save call' }));
    await waitFor(() => expect(port.count('logCall')).toBe(1));
  });

  it('does not apply rules other than the ones asked for (a port that ignored the override)', async () => {
    class PortIgnoringOverride extends FakePort {
      override loadSnapshot(ref: Parameters<FakePort['loadSnapshot']>[0], options?: Parameters<FakePort['loadSnapshot']>[1]) {
        return super.loadSnapshot(ref, options?.signal ? { signal: options.signal } : {});
      }
    }
    const port = new PortIgnoringOverride([inrSnapshot()]);
    const { form } = await openCallForm(inrSnapshot(), { port, policy: { complianceProfile: 'us-fdcpa' } });
    expect(complianceBadge().textContent).toBe('Compliance check unavailable');
    const alert = within(form).getByRole('alert').textContent ?? '';
    expect(alert).toContain("contact rules are not your organization's");
    // Words for people: no profile ids on screen.
    expect(alert).not.toMatch(/in-rbi|us-fdcpa/);
    expect(within(form).queryByRole('link', { name: /Call / })).toBeNull();
  });

  it('starts a duration timer from the tel: link', async () => {
    let now = Date.parse('2026-11-20T10:00:00Z');
    const snapshot = inrSnapshot();
    const port = new FakePort([snapshot]);
    const { env, form } = await openCallForm(snapshot, { port });
    env.now = () => now;
    const link = within(form).getByRole('link', { name: /Call mobile/ });
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    now += 95_000;
    fireEvent.click(within(form).getByRole('button', { name: 'Stop timer' }));
    expect(within(form).getByText('Duration 1:35')).toBeTruthy();
  });

  it('keeps everything typed when the save fails and retries with the SAME idempotency key', async () => {
    const port = failingPort('logCall', 'network');
    const { form } = await openCallForm(inrSnapshot(), { port });
    choose(form, 'Outcome', 'left_voicemail');
    type(form, 'Notes', 'Left a message with the receptionist');
    saveCall(form);
    const alert = await within(form).findByRole('alert');
    expect(alert.getAttribute('data-error-kind')).toBe('network');
    expect((within(form).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('Left a message with the receptionist');
    retrySave(form);
    await waitFor(() => expect(lastAction().textContent).toMatch(/Call logged: Left voicemail/));
    const calls = logged<LogCallInput>(port, 'logCall');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
    expect(port.snapshots.get('001000000000001AAA')?.activities.filter((a) => a.kind === 'call')).toHaveLength(2);
  });

  function fillPromiseCall(form: HTMLElement): void {
    choose(form, 'Outcome', 'promise_to_pay');
    type(form, 'Amount (INR)', '5000');
    type(form, 'Pay by', '2026-11-30');
  }

  function expectOneCallOnePromise(port: FakePort): void {
    const snapshot = port.snapshots.get('001000000000001AAA');
    expect(snapshot?.activities.filter((a) => a.kind === 'call')).toHaveLength(2); // fixture call + ours, once
    expect(snapshot?.promises.filter((p) => p.amount.amountMinor === 500_000)).toHaveLength(1);
  }

  it('call saved, promise failed: Retry sends only the promise, with the same key (logCall sent once)', async () => {
    const port = failingPort('recordPromise', 'timeout');
    const { form } = await openCallForm(inrSnapshot(), { port });
    fillPromiseCall(form);
    saveCall(form);
    await within(form).findByRole('alert');
    expect(port.count('logCall')).toBe(1);
    expect(within(form).getByText(SAVED_CALL_NOTE)).toBeTruthy();
    // The outcome that decided the inline promise cannot change under a saved call.
    expect((within(form).getByLabelText('Outcome') as HTMLSelectElement).disabled).toBe(true);
    retrySave(form);
    await waitFor(() => expect(lastAction().textContent).toMatch(/Call logged: Promise to pay; promise of ₹5,000.00 saved/));
    expect(port.count('logCall')).toBe(1);
    const promises = logged<RecordPromiseInput>(port, 'recordPromise');
    expect(promises).toHaveLength(2);
    expect(promises[1]?.idempotencyKey).toBe(promises[0]?.idempotencyKey);
    expectOneCallOnePromise(port);
  });

  it('call saved, promise failed, panel reloaded: the retry still skips the call and reuses the promise key', async () => {
    const storage = memoryStorage();
    const port = failingPort('recordPromise', 'network');
    const first = await openCallForm(inrSnapshot(), { port, storage });
    fillPromiseCall(first.form);
    saveCall(first.form);
    await within(first.form).findByRole('alert');
    cleanup();

    const { form } = await openCallForm(inrSnapshot(), { port, storage });
    await waitFor(() => expect(within(form).getByText(SAVED_CALL_NOTE)).toBeTruthy());
    expect((within(form).getByLabelText('Amount (INR)') as HTMLInputElement).value).toBe('5000');
    saveCall(form);
    await waitFor(() => expect(lastAction().textContent).toMatch(/promise of ₹5,000.00 saved/));
    expect(port.count('logCall')).toBe(1);
    const promises = logged<RecordPromiseInput>(port, 'recordPromise');
    expect(promises).toHaveLength(2);
    expect(promises[1]?.idempotencyKey).toBe(promises[0]?.idempotencyKey);
    expectOneCallOnePromise(port);
  });

  it('a call whose answer was lost after the CRM saved it is resent with the same key and not duplicated', async () => {
    const port = failingPort('logCall', 'timeout', { afterWrite: true });
    const { form } = await openCallForm(inrSnapshot(), { port });
    fillPromiseCall(form);
    saveCall(form);
    await within(form).findByRole('alert');
    // The form never learnt the call's id, so the call is not marked saved; the port's key dedupes it.
    expect(within(form).queryByText(SAVED_CALL_NOTE)).toBeNull();
    retrySave(form);
    await waitFor(() => expect(lastAction().textContent).toMatch(/promise of ₹5,000.00 saved/));
    const calls = logged<LogCallInput>(port, 'logCall');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
    expect(port.created('logCall')).toBe(1);
    expect(port.count('recordPromise')).toBe(1);
    expectOneCallOnePromise(port);
  });

  it('keeps an unfinished call note and its idempotency key across a remount (reload)', async () => {
    const storage = memoryStorage();
    const port = failingPort('logCall', 'row_lock');
    const first = await openCallForm(inrSnapshot(), { port, storage });
    choose(first.form, 'Outcome', 'call_back_requested');
    type(first.form, 'Notes', 'Call back at 4pm');
    saveCall(first.form);
    await within(first.form).findByRole('alert');
    cleanup();

    const { form } = await openCallForm(inrSnapshot(), { port, storage });
    await waitFor(() => expect((within(form).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('Call back at 4pm'));
    expect((within(form).getByLabelText('Outcome') as HTMLSelectElement).value).toBe('call_back_requested');
    saveCall(form);
    await waitFor(() => expect(port.count('logCall')).toBe(2));
    const calls = logged<LogCallInput>(port, 'logCall');
    expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
  });

  it('says when the contact has no phone number and still lets the collector log the call', async () => {
    const snapshot = inrSnapshot();
    snapshot.contacts = snapshot.contacts.map((c) => ({ ...c, phones: [] }));
    const { port, form } = await openCallForm(snapshot);
    expect(within(form).getByText(NO_PHONE_NOTE)).toBeTruthy();
    expect(within(form).queryByRole('link', { name: /^Call / })).toBeNull();
    // A call the customer made to us (or one dialled from a desk phone) is still logged.
    choose(form, 'Direction', 'inbound');
    choose(form, 'Outcome', 'reached');
    saveCall(form);
    await waitFor(() => expect(lastAction().textContent).toMatch(/Call logged: Reached/));
    expect(logged<LogCallInput>(port, 'logCall')[0]).toMatchObject({ direction: 'inbound', disposition: 'reached', contactId: snapshot.contacts[0]?.id });
  });

  it('shows no "no phone" notice for a contact with a number', async () => {
    const { form } = await openCallForm();
    expect(within(form).queryByText(NO_PHONE_NOTE)).toBeNull();
  });

  it('raises a dispute inline from the "dispute raised" outcome, routed to the sales owner', async () => {
    const { port, form } = await openCallForm();
    choose(form, 'Outcome', 'dispute_raised');
    choose(form, 'Reason', 'quantity');
    expect(within(form).getByText(/Goes to Priya Sharma \(sales owner\)/)).toBeTruthy();
    fireEvent.click(within(form).getByLabelText(/INV-0950/));
    type(form, 'Disputed amount on INV-0950 (INR)', '12,500');
    saveCall(form);
    await waitFor(() => expect(port.count('raiseDispute')).toBe(1));
    expect(port.log.find((c) => c.method === 'raiseDispute')?.input).toMatchObject({
      reason: 'quantity',
      lines: [{ invoiceId: 'a0I000000000003', amount: { amountMinor: 1_250_000, currency: 'INR' } }],
    });
  });
});
