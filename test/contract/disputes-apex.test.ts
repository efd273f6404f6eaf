/**
 * The Collections_Disputes tab's port over Apex (salesforce/lwc-bundle/disputes-apex.ts, issue 19):
 * the controller's real JSON (captured from the sandbox, the LWC test's fixture) maps through the
 * connector's own mapping; answers are checked by the connector's rules before Apex is called, and
 * Apex's words come back as the error the view shows. The Apex query is the connector's owner query.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createApexDisputesPort } from '../../salesforce/lwc-bundle/disputes-apex';
import { ownerDisputesQuery } from '../../connector/salesforce/disputes/owner';
import { productPreset } from '../../connector/salesforce/mapping/presets';

const DATA = 'salesforce/force-app/main/default/lwc/collectionsDisputes/__tests__/data/getOwnerDisputes.json';
const ROWS_JSON = JSON.parse(readFileSync(DATA, 'utf8')) as string;
const OWNER = '005Hs0000000005IAA';
const CONTROLLER = readFileSync('salesforce/force-app/main/default/classes/CollectionsDisputesController.cls', 'utf8');

describe('the disputes tab over Apex', () => {
  it("maps the controller's rows with the connector's mapping: the seeded dispute, its account and amount", async () => {
    const call = vi.fn(async () => ROWS_JSON);
    const list = await createApexDisputesPort(call).listDisputesForOwner(OWNER);
    expect(call).toHaveBeenCalledWith('getOwnerDisputes', {});
    expect(list.dataQuality).toEqual([]);
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item!.account).toMatchObject({ name: 'Jaipur Textiles Pvt Ltd', currency: 'INR', zone: 'Asia/Kolkata' });
    expect(item!.dispute).toMatchObject({ reason: 'pricing', status: 'in_review' });
    expect(item!.dispute.lines.reduce((sum, l) => sum + l.amount.amountMinor, 0)).toBe(30_000_00);
    expect(item!.escalatedToMe).toBe(false);
  });

  it('sends a checked answer to Apex in major units, and returns its { id, created }', async () => {
    const call = vi.fn(async () => JSON.stringify({ id: '500Hs0000000001IAA', created: true }));
    const port = createApexDisputesPort(call);
    const input = { idempotencyKey: 'answer-1', accountId: '001Hs0000000001IAA', disputeId: '500Hs0000000001IAA', answer: 'credit_note' as const, creditNote: { amountMinor: 12_500_50, currency: 'INR' }, note: '' };
    expect(await port.answerDispute(input)).toEqual({ id: '500Hs0000000001IAA', created: true });
    expect(call).toHaveBeenCalledWith('answerDispute', { idempotencyKey: 'answer-1', accountId: input.accountId, disputeId: input.disputeId, answer: 'credit_note', creditNote: 12500.5, creditNoteCurrency: 'INR', note: '' });
  });

  it("refuses a rejection without a reason before Apex, and shows Apex's own words", async () => {
    const call = vi.fn(async () => { throw { body: { message: 'This dispute is already closed; it can no longer be answered.' } }; });
    const port = createApexDisputesPort(call);
    const base = { idempotencyKey: 'answer-2', accountId: '001Hs0000000001IAA', disputeId: '500Hs0000000001IAA', creditNote: null };
    await expect(port.answerDispute({ ...base, answer: 'rejected', note: ' ' })).rejects.toMatchObject({ kind: 'invalid_input', userMessage: 'Give the reason for rejecting the dispute.' });
    expect(call).not.toHaveBeenCalled();
    await expect(port.answerDispute({ ...base, answer: 'more_info', note: 'Which rate list?' })).rejects.toMatchObject({ userMessage: 'This dispute is already closed; it can no longer be answered.' });
  });

  it("the controller runs the connector's owner query, the signed-in user bound, in user mode", () => {
    const expected = ownerDisputesQuery(productPreset('USD'), '005000000000000AAA').replaceAll("'005000000000000AAA'", ':userId');
    const literal = /OWNER_DISPUTES = '((?:[^'\\]|\\.)*)';/.exec(CONTROLLER)?.[1]?.replace(/\\'/g, "'");
    expect(literal).toBe(expected);
    expect(CONTROLLER).toContain("'userId' => UserInfo.getUserId()");
    for (const call of CONTROLLER.match(/Database\.(queryWithBinds|update)\([^;]+;/g) ?? []) {
      expect(call).toContain('AccessLevel.USER_MODE');
    }
  });
});
