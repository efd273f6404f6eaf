/**
 * The sales owner's side of disputes against the sandbox over real HTTP (issue 19): a dispute the
 * collector raises is waiting for the account's sales owner; the owner's answer is written once on
 * the Case (a repeat finds it), and the collector's snapshot carries it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchClient, createSalesforcePort } from '../../connector/salesforce';
import type { SalesforcePort } from '../../connector/salesforce';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_ACCOUNT_ID, seedOptions } from '../../sandbox/seed';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T05:30:00Z`);

describe("the sales owner's side of disputes (sandbox)", () => {
  let sandbox: Sandbox;
  let port: SalesforcePort;
  let ownerId: string;
  let invoiceId: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY, accounts: 12 }), today: TODAY });
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    ownerId = (await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'sales.in@sandbox.example'")).records[0]!.Id;
    invoiceId = (await client.query<{ Id: string }>("SELECT Id FROM Collections_Invoice__c WHERE Invoice_Number__c = 'INV-JT-1004'")).records[0]!.Id;
    port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW, timeZone: 'Asia/Kolkata' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('lists the raised dispute for its owner, records a partial credit note once, and shows it to the collector', async () => {
    const raised = await port.raiseDispute({
      idempotencyKey: 'contract-owner-raise-1', accountId: DEMO_ACCOUNT_ID, contactId: null, reason: 'quantity',
      lines: [{ invoiceId, amount: { amountMinor: 5_000_00, currency: 'INR' } }], evidence: 'Short by 20 m', slaDueDate: '2026-12-04',
    });
    const before = sandbox.requestLog.at(-1)?.seq ?? 0;
    const list = await port.listDisputesForOwner(ownerId);
    expect(sandbox.requestLog.filter((e) => e.seq > before && e.api)).toHaveLength(1);
    const mine = list.items.find((item) => item.dispute.id === raised.id);
    expect(mine).toMatchObject({ account: { id: DEMO_ACCOUNT_ID, country: 'IN', currency: 'INR' }, escalatedToMe: false, dispute: { reason: 'quantity', slaDueDate: '2026-12-04', ownerAnswer: null } });
    expect(list.items.map((i) => i.dispute.slaDueDate)).toEqual([...list.items.map((i) => i.dispute.slaDueDate)].sort());

    const answer = { idempotencyKey: 'contract-owner-answer-1', accountId: DEMO_ACCOUNT_ID, disputeId: raised.id, answer: 'credit_note' as const, creditNote: { amountMinor: 3_000_00, currency: 'INR' }, note: 'Credit 12 m' };
    expect(await port.answerDispute(answer)).toEqual({ id: raised.id, created: false });
    expect(await createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW }).answerDispute(answer)).toEqual({ id: raised.id, created: false });

    const snapshot = await port.loadSnapshot({ id: DEMO_ACCOUNT_ID });
    const seen = snapshot.disputes.find((d) => d.id === raised.id);
    expect(seen?.ownerAnswer).toEqual({ kind: 'credit_note', note: 'Credit 12 m', creditNote: { amountMinor: 3_000_00, currency: 'INR' }, answeredAt: NOW.toISOString() });
    expect(seen?.status).toBe('in_review');
  });

  it('refuses a credit note above the disputed amount, a rejection without a reason, and a closed dispute', async () => {
    const raised = await port.raiseDispute({
      idempotencyKey: 'contract-owner-raise-2', accountId: DEMO_ACCOUNT_ID, contactId: null, reason: 'pricing',
      lines: [{ invoiceId, amount: { amountMinor: 1_000_00, currency: 'INR' } }], evidence: '', slaDueDate: '2026-12-04',
    });
    const base = { accountId: DEMO_ACCOUNT_ID, disputeId: raised.id };
    await expect(port.answerDispute({ ...base, idempotencyKey: 'contract-owner-too-much', answer: 'credit_note', creditNote: { amountMinor: 1_000_01, currency: 'INR' }, note: '' }))
      .rejects.toMatchObject({ kind: 'invalid_input', userMessage: 'The credit note cannot be more than the disputed amount.' });
    await expect(port.answerDispute({ ...base, idempotencyKey: 'contract-owner-no-reason', answer: 'rejected', creditNote: null, note: ' ' }))
      .rejects.toMatchObject({ kind: 'invalid_input', fields: ['note'] });
    await port.updateDispute({ idempotencyKey: 'contract-owner-close', ...base, status: 'closed', resolution: 'withdrawn' });
    await expect(port.answerDispute({ ...base, idempotencyKey: 'contract-owner-late', answer: 'more_info', creditNote: null, note: 'Which rate?' }))
      .rejects.toMatchObject({ kind: 'validation' });
    expect((await port.listDisputesForOwner(ownerId)).items.some((i) => i.dispute.id === raised.id)).toBe(false);
  });
});
