/**
 * A whole-org portfolio pass over a 10,000-account sandbox: REST paging and Bulk API 2.0 give the
 * same records, and the pass costs a handful of API requests (the sandbox's request log counts them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioKind, PortfolioReadOptions, PortfolioRecord } from '../../connector/portfolio-source';
import { RANKING_KINDS } from '../../connector/portfolio-source';
import { createFetchClient, productPreset } from '../../connector/salesforce';
import { createBulkQueryApi } from '../../connector/salesforce/portfolio/bulk';
import { createSalesforcePortfolioSource } from '../../connector/salesforce/portfolio/source';
import { configureBulk2 } from '../../sandbox/rest/bulk2';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const TODAY = '2026-11-20';

describe('a portfolio pass over a 10,000-account org', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 11, accounts: 10_000, referenceDate: TODAY }, today: TODAY });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  async function pass(options: Omit<PortfolioReadOptions, 'scope'>): Promise<{ records: PortfolioRecord[]; requests: number; via: string }> {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const source = createSalesforcePortfolioSource({ client, mapping: productPreset('USD'), bulk: createBulkQueryApi(client), now: () => new Date(`${TODAY}T09:00:00Z`), pollIntervalMs: 20 });
    sandbox.resetRequestLog();
    const records: PortfolioRecord[] = [];
    for await (const page of source.read({ scope: { kind: 'org' }, ...options })) {
      records.push(...page);
    }
    const requests = sandbox.requestLog.filter((entry) => entry.api).length;
    // The source's own count matches what the org counted.
    expect(source.lastPass()?.apiRequests).toBe(requests);
    return { records, requests, via: source.lastPass()?.via ?? '' };
  }

  const canonical = (records: PortfolioRecord[]): string[] => records.map((r) => JSON.stringify(r)).sort();

  it('reads the same records through REST paging and through Bulk API 2.0 query jobs', async () => {
    const kinds: PortfolioKind[] = ['invoices', 'disputes', 'promises', 'activities', 'payments', 'plans'];
    const rest = await pass({ mode: 'rest', kinds });
    const bulk = await pass({ mode: 'bulk', kinds });
    expect(rest.records.filter((r) => r.kind === 'account').length).toBeGreaterThan(9_000);
    expect(rest.records.length).toBeGreaterThan(80_000);
    expect(canonical(bulk.records)).toEqual(canonical(rest.records));
    // REST pays a request per 2,000 rows; Bulk a handful whatever the size.
    expect(rest.requests).toBeGreaterThan(40);
    expect(bulk.requests).toBeLessThanOrEqual(16);
  }, 120_000);

  it('ranks the whole book for at most 10 requests (11 when auto mode counts first)', async () => {
    // Jobs complete on the first status read, as a real org's do by the time the first poll comes;
    // each extra poll round while jobs run would cost one request more.
    configureBulk2(sandbox.store, { statusReadsBeforeComplete: 0 });
    const bulk = await pass({ mode: 'bulk', kinds: RANKING_KINDS });
    expect(bulk.requests).toBeLessThanOrEqual(10);
    const auto = await pass({ kinds: RANKING_KINDS });
    expect(auto.via).toBe('bulk');
    expect(auto.requests).toBeLessThanOrEqual(11);
    expect(canonical(auto.records)).toEqual(canonical(bulk.records));
  }, 120_000);
});
