/**
 * The worklist's data path against the sandbox over real HTTP: the page's REST-only portfolio reader
 * (connector/salesforce/portfolio/page.ts) reads the demo collector's scope of the default demo seed,
 * and loadWorklist ranks it in the domain's order, for at most 10 API requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioBook, computeFacts, rankPortfolio } from '../../connector/domain';
import type { PortfolioRecord } from '../../connector/portfolio-source';
import { createFetchClient } from '../../connector/salesforce';
import { createPortfolioReader } from '../../connector/salesforce/portfolio/page';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { seedOptions } from '../../sandbox/seed';
import { loadWorklist } from '../../widget/src/worklist/load';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T05:30:00Z`);

describe('worklist reader over REST against the sandbox (default demo seed)', () => {
  let sandbox: Sandbox;
  let collectorId: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY }), today: TODAY });
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const users = await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'collector@sandbox.example'");
    collectorId = users.records[0]!.Id;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("ranks the demo collector's 50+ accounts in the domain's order for at most 10 requests", async () => {
    const seqBefore = sandbox.requestLog.at(-1)?.seq ?? 0;
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const currencies = await reader.readCurrencies();
    const list = await loadWorklist({ source: reader.source, currencies, collectorId, at: NOW.toISOString(), locale: 'en-IN' });
    const requests = sandbox.requestLog.filter((entry) => entry.seq > seqBefore && entry.api);
    expect(requests.length).toBe(list.apiRequests + 1); // the pass + the currencies composite
    expect(requests.length).toBeLessThanOrEqual(10);
    console.info(`[worklist] ${list.rows.length} rows for ${requests.length} API requests: ${requests.map((entry) => entry.path.replace(/^\/services\/data\/v[\d.]+/, '')).join(', ')}`);
    expect(list.rows.length + list.notRanked.hardBlocked + list.notRanked.nothingCollectable).toBeGreaterThanOrEqual(50);
    expect(list.rows.length).toBeGreaterThanOrEqual(40);
    // Work of every kind: due today or late, paused by promises, and calls not allowed right now somewhere.
    expect(list.rows.some((row) => row.next.status === 'due' && row.next.daysLate === 0)).toBe(true);
    expect(list.rows.some((row) => row.next.status === 'due' && row.next.daysLate > 0)).toBe(true);
    expect(list.rows.some((row) => row.next.status === 'paused')).toBe(true);
    expect(list.rows.some((row) => !row.callNow.allowed)).toBe(true);
    expect(list.rows.some((row) => row.disputed.amountMinor > 0)).toBe(true);

    // The same records through a second pass, ranked by the domain directly: the same order.
    const book = new PortfolioBook();
    for await (const page of reader.source.read({ scope: { kind: 'collectors', collectorIds: [collectorId] }, mode: 'rest' })) {
      for (const record of page as PortfolioRecord[]) {
        if (record.kind === 'account') {book.addAccount(record.account);}
        else if (record.kind === 'invoice') {book.addInvoice(record.accountId, record.invoice);}
        else if (record.kind === 'payment') {book.addPayment(record.accountId, record.payment);}
        else if (record.kind === 'credit') {book.addCredit(record.accountId, record.credit);}
        else if (record.kind === 'promise') {book.addPromise(record.accountId, record.promise);}
        else if (record.kind === 'plan') {book.addPlan(record.accountId, record.plan);}
        else if (record.kind === 'dispute') {book.addDispute(record.accountId, record.dispute);}
        else if (record.kind === 'activity') {book.addActivity(record.accountId, record.activity);}
        else if (record.kind === 'followUp') {book.addFollowUp(record.accountId, { id: record.followUp.id, dueDate: record.followUp.dueDate, open: true });}
      }
    }
    const ranking = rankPortfolio(computeFacts(book, { asOf: NOW.toISOString(), reportingCurrency: list.currency, rates: currencies.rates }), { limit: 10_000 });
    expect(list.rows.map((row) => row.accountId)).toEqual(ranking.rows.map((row) => row.accountId));
  });

  it('refuses a Bulk pass clearly (REST only in the page)', async () => {
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const pass = reader.source.read({ scope: { kind: 'collectors', collectorIds: [collectorId] }, mode: 'bulk' });
    await expect((async () => {
      for await (const _page of pass) {
        // drain
      }
    })()).rejects.toMatchObject({ kind: 'configuration' });
  });
});
