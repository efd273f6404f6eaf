/**
 * The Lightning tabs' portfolio pass over Apex (salesforce/lwc-bundle/portfolio-apex.ts), with
 * CollectionsPortfolioController mocked at its boundary over the sandbox: getPortfolioRows runs the
 * GENERATED query (CollectionsPortfolioQueries.cls) with its binds filled the way Apex binds them,
 * and answers the rows as JSON. The worklist and the report pass over it equal the REST reader's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchClient } from '../../connector/salesforce';
import type { SalesforceClient } from '../../connector/salesforce/client';
import { createPortfolioReader } from '../../connector/salesforce/portfolio/page';
import { readReportPass } from '../../connector/report-pass';
import { soqlDate, soqlDateTime, soqlIdList } from '../../connector/salesforce/soql';
import { apexParamsFor, createApexPortfolioReader } from '../../salesforce/lwc-bundle/portfolio-apex';
import type { ApexCall } from '../../salesforce/lwc-bundle/portfolio-apex';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { seedOptions } from '../../sandbox/seed';
import { loadWorklist } from '../../widget/src/worklist/load';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T05:30:00Z`);
const CLASS_FILE = join(import.meta.dirname, '..', '..', 'salesforce', 'force-app', 'main', 'default', 'classes', 'CollectionsPortfolioQueries.cls');

/** The generated class's QUERIES map, read from the committed Apex source. */
function generatedQueries(): Map<string, string> {
  const source = readFileSync(CLASS_FILE, 'utf8');
  return new Map([...source.matchAll(/'([a-z_]+)' => '((?:[^'\\]|\\.)*)'/g)].map((m) => [m[1]!, m[2]!.replace(/\\'/g, "'").replace(/\\\\/g, '\\')]));
}

/** CollectionsPortfolioController at its boundary: the generated SOQL, binds as Apex fills them, rows as JSON. */
function apexOver(client: SalesforceClient, calls: string[]): ApexCall {
  const queries = generatedQueries();
  return async (method, params) => {
    calls.push(method === 'getPortfolioRows' ? String(params.queryName) : method);
    if (method === 'getOrgCurrencies') {
      const [types, dated] = await Promise.all([
        client.query('SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true'),
        client.query('SELECT IsoCode, ConversionRate, StartDate FROM DatedConversionRate ORDER BY StartDate'),
      ]);
      return JSON.stringify({ types: types.records, dated: dated.records });
    }
    const soql = queries.get(String(params.queryName));
    if (!soql) {
      throw { status: 400, body: { message: `Unknown portfolio query: ${String(params.queryName)}` } };
    }
    const bound = soql
      .replace(/:collectorIds\b/g, () => soqlIdList(params.collectorIds as string[]))
      .replace(/:yearAgo\b/g, () => soqlDate(String(params.yearAgo)))
      .replace(/:activitySince\b/g, () => soqlDateTime(new Date(String(params.activitySince))))
      .replace(/:historyStart\b/g, () => soqlDateTime(new Date(String(params.historyStart))))
      .replace(/:historySince\b/g, () => soqlDate(String(params.historySince)));
    const records = [];
    let page = await client.query(bound);
    records.push(...page.records);
    for (let n = 0; !page.done && page.nextRecordsUrl && n < 100; n++) {
      page = await client.queryMore(page.nextRecordsUrl);
      records.push(...page.records);
    }
    return JSON.stringify(records);
  };
}

describe('the Lightning tabs read the portfolio through Apex', () => {
  let sandbox: Sandbox;
  let client: SalesforceClient;
  let collectorId: string;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY }), today: TODAY });
    client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    collectorId = (await client.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'collector@sandbox.example'")).records[0]!.Id;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('names a query and its values for every SOQL the source sends, never SOQL text', () => {
    expect(apexParamsFor(`SELECT Id FROM Account WHERE Name = 'x'`)).toBeNull();
  });

  it("the worklist over Apex equals the REST reader's, for one call per kind plus the currencies", async () => {
    const calls: string[] = [];
    const apex = createApexPortfolioReader(apexOver(client, calls), { now: () => NOW });
    const viaApex = await loadWorklist({ source: apex.source, currencies: await apex.readCurrencies(), collectorId, at: NOW.toISOString(), locale: 'en-IN' });
    const rest = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const viaRest = await loadWorklist({ source: rest.source, currencies: await rest.readCurrencies(), collectorId, at: NOW.toISOString(), locale: 'en-IN' });
    expect(viaApex.rows.length).toBeGreaterThanOrEqual(40);
    expect(viaApex.rows.map((r) => [r.accountId, r.next.status, r.collectable.amountMinor])).toEqual(viaRest.rows.map((r) => [r.accountId, r.next.status, r.collectable.amountMinor]));
    expect(calls[0]).toBe('getOrgCurrencies');
    expect(calls.slice(1).every((name) => name.endsWith('_worklist_collectors'))).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(7);
  });

  it('the report pass over Apex reads the same history as over REST', async () => {
    const calls: string[] = [];
    const apex = createApexPortfolioReader(apexOver(client, calls), { now: () => NOW });
    const rest = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const [a, b] = await Promise.all([
      readReportPass(apex.source, { scope: { kind: 'org' }, from: '2026-01', mode: 'rest' }),
      readReportPass(rest.source, { scope: { kind: 'org' }, from: '2026-01', mode: 'rest' }),
    ]);
    // The invoice query is the history one; kinds whose SOQL is the same in both passes match either name.
    expect(calls).toContain('invoices_history_org');
    expect(calls.filter((name) => !name.endsWith('_org'))).toEqual([]);
    expect(JSON.stringify(a.history.history())).toBe(JSON.stringify(b.history.history()));
  });
});
