/**
 * Side-terms sales agreed, end to end through the real connector against the sandbox (issue 19): the
 * seeded "Payment terms: …" Task of the demo account's sales owner arrives in the collector's snapshot
 * as a note agreed by sales, in the snapshot's one request; a later Task a rep writes does too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchClient, createSalesforcePort } from '../../connector/salesforce';
import type { SalesforcePort } from '../../connector/salesforce';
import { salesAgreedTerms } from '../../connector/domain/sales-terms';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_ACCOUNT_ID, seedOptions } from '../../sandbox/seed';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T05:30:00Z`);

describe('payment terms agreed by sales (sandbox)', () => {
  let sandbox: Sandbox;
  let port: SalesforcePort;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY, accounts: 4 }), today: TODAY });
    port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW, timeZone: 'Asia/Kolkata' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads the seeded terms in the snapshot, marked, in its one request', async () => {
    const before = sandbox.requestLog.at(-1)?.seq ?? 0;
    const snapshot = await port.loadSnapshot({ id: DEMO_ACCOUNT_ID });
    expect(sandbox.requestLog.filter((e) => e.seq > before && e.api)).toHaveLength(1);
    const terms = snapshot.activities.filter((a) => a.agreedBySales);
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({ kind: 'note', subject: 'INV-JT-1004 may be paid 30 days late (by the FY27 renewal signing)', createdBy: { name: expect.stringMatching(/\S/) } });
    expect(salesAgreedTerms(snapshot.activities)[0]?.text).toBe('INV-JT-1004 may be paid 30 days late (by the FY27 renewal signing) — Agreed with Meera on the renewal call; no reminders for INV-JT-1004 until then.');
    // A collections call is not one.
    expect(snapshot.activities.filter((a) => a.kind === 'call').every((a) => !a.agreedBySales)).toBe(true);
  });

  it('picks up a Task a rep writes with the prefix, whatever its case', async () => {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    await client.create('Task', { WhatId: DEMO_ACCOUNT_ID, Subject: 'PAYMENT TERMS: net 60 on the next order', Status: 'Completed' });
    const snapshot = await port.loadSnapshot({ id: DEMO_ACCOUNT_ID });
    expect(salesAgreedTerms(snapshot.activities).map((t) => t.text)).toContain('net 60 on the next order');
  });
});
