/** "Disputes waiting for me" over the sandbox's real owner rows (the LWC fixture), mapped by the connector (issue 19). */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerDisputeInput } from '../../../connector/port';
import { mapOwnerDisputes } from '../../../connector/salesforce/disputes/owner';
import { productPreset } from '../../../connector/salesforce/mapping/presets';
import { DEFAULT_DISPUTE_SLA_POLICY } from '../../../connector/domain/strategy/dispute-sla';
import { DisputesView } from './DisputesView';

afterEach(cleanup);

const OWNER = '005Hs0000000005IAA';
const ROWS = JSON.parse(JSON.parse(readFileSync('salesforce/force-app/main/default/lwc/collectionsDisputes/__tests__/data/getOwnerDisputes.json', 'utf8')) as string) as Record<string, unknown>[];

describe('DisputesView', () => {
  it("lists the owner's dispute and sends a partial credit note once", async () => {
    const list = mapOwnerDisputes(productPreset('USD'), ROWS, OWNER);
    const answerDispute = vi.fn(async (input: AnswerDisputeInput) => ({ id: input.disputeId, created: true }));
    const env = {
      port: { listDisputesForOwner: vi.fn(async () => list), answerDispute },
      userId: OWNER, locale: 'en-IN', userTimeZone: 'Asia/Kolkata', now: () => new Date('2026-11-20T06:30:00Z'), policy: DEFAULT_DISPUTE_SLA_POLICY,
    };
    render(<DisputesView env={env} />);
    await screen.findByText('1 dispute waiting for your answer.');
    const form = screen.getByRole('form', { name: 'Answer the dispute of Jaipur Textiles Pvt Ltd' });
    fireEvent.input(form.querySelector('input[name="creditNote"]')!, { target: { value: '12,500' } });
    fireEvent.submit(form);
    await waitFor(() => expect(answerDispute).toHaveBeenCalledTimes(1));
    expect(answerDispute.mock.calls[0]![0]).toMatchObject({ answer: 'credit_note', creditNote: { amountMinor: 12_500_00, currency: 'INR' }, accountId: list.items[0]!.account.id });
    await waitFor(() => expect(env.port.listDisputesForOwner).toHaveBeenCalledTimes(2));
  });
});
