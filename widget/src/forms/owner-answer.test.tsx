/**
 * Issue 19: the dispute's sales owner, signed in on the account, answers it from the panel's dispute
 * list with the same form as "Disputes waiting for me"; nobody else sees the form, nor the owner once
 * answered, nor on a host whose port cannot write the answer.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerDisputeInput } from '../../../connector/port';
import { FakePort } from '../../test/fakePort';
import { inrSnapshot } from '../../test/fixtures';
import { renderPanel } from '../../test/render';

afterEach(cleanup);

const OWNER_ID = '005000000000001AAA';

/** The fake port plus the owner's write (DisputeOwnerPort), as the Salesforce REST port has it. */
function ownerPort() {
  const port = new FakePort([inrSnapshot()]);
  const answerDispute = vi.fn(async (input: AnswerDisputeInput) => ({ id: input.disputeId, created: true }));
  return { port: Object.assign(port, { answerDispute }), answerDispute };
}

async function openPlansTab() {
  fireEvent.click(screen.getByRole('tab', { name: 'Plans & disputes' }));
  await screen.findByRole('heading', { name: 'Disputes' });
}

describe("the owner's answer in the account panel", () => {
  it('the signed-in owner rejects their open dispute with a reason: one answerDispute with the account and dispute', async () => {
    const { port, answerDispute } = ownerPort();
    await renderPanel(inrSnapshot(), { port, userId: OWNER_ID });
    await openPlansTab();
    const form = await screen.findByRole('form', { name: 'Answer the dispute of Shree Ganesh Traders Pvt Ltd' });
    fireEvent.click(screen.getByLabelText('Reject'));
    fireEvent.input(form.querySelector('textarea[name="note"]')!, { target: { value: 'The contract rate is ₹500.' } });
    fireEvent.submit(form);
    await waitFor(() => expect(answerDispute).toHaveBeenCalledTimes(1));
    expect(answerDispute.mock.calls[0]![0]).toMatchObject({ accountId: inrSnapshot().account.id, disputeId: 'dsp1', answer: 'rejected', creditNote: null, note: 'The contract rate is ₹500.' });
    expect(answerDispute.mock.calls[0]![0].idempotencyKey).toMatch(/^answer-/);
  });

  it('offers the credit note in full by default, in the dispute currency', async () => {
    const { port } = ownerPort();
    await renderPanel(inrSnapshot(), { port, userId: OWNER_ID });
    await openPlansTab();
    const amount = (await screen.findByLabelText(/^Credit note amount \(INR, at most ₹50,000\.00\)/)) as HTMLInputElement;
    expect(amount.value).toBe('50,000.00');
  });

  it('no form for another user, for an answered dispute, or on a port without answerDispute', async () => {
    const { port } = ownerPort();
    await renderPanel(inrSnapshot(), { port, userId: '005000000000009AAA' });
    await openPlansTab();
    expect(screen.queryByRole('form', { name: /^Answer the dispute of / })).toBeNull();
    cleanup();

    const answered = inrSnapshot();
    answered.disputes[0]!.ownerAnswer = { kind: 'rejected', note: 'No.', creditNote: null, answeredAt: '2026-11-19T06:00:00Z' };
    await renderPanel(answered, { port: Object.assign(new FakePort([answered]), { answerDispute: vi.fn() }), userId: OWNER_ID });
    await openPlansTab();
    expect(screen.queryByRole('form', { name: /^Answer the dispute of / })).toBeNull();
    cleanup();

    await renderPanel(inrSnapshot(), { userId: OWNER_ID });
    await openPlansTab();
    expect(screen.queryByRole('form', { name: /^Answer the dispute of / })).toBeNull();
  });
});
