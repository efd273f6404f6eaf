/**
 * Plain jsforce 3.10.16 `conn.bulk2` against a real sandbox server: what a Bulk API 2.0 client sees
 * must match what REST says about the same org.
 */
import { Connection } from 'jsforce';
import type { Record as JsforceRecord } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../server';
import type { Sandbox } from '../server';
import { TEST_DATE } from '../testing';

let sandbox: Sandbox;
let conn: Connection;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 21, accounts: 300, referenceDate: TEST_DATE }, today: TEST_DATE });
  conn = new Connection({ instanceUrl: sandbox.url, accessToken: sandbox.token, version: '66.0' });
  // The sandbox reports InProgress once before completing: a short interval keeps polling quick.
  conn.bulk2.pollInterval = 10;
  conn.bulk2.pollTimeout = 20_000;
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
});

/** A REST record as Bulk CSV writes it: dotted parent paths, null as '', datetimes in UTC with 'Z'. */
function asCsvRecord(record: Record<string, unknown>, columns: readonly string[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => {
    let value: unknown = record;
    for (const key of column.split('.')) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
    }
    const text = value === null || value === undefined ? '' : String(value);
    return [column, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/.test(text) ? text.replace('+0000', 'Z') : text];
  }));
}

describe('jsforce bulk2 against the sandbox', () => {
  it('bulk2.query returns the same records as a paged REST query, record for record', async () => {
    const columns = ['Id', 'Name', 'Account__c', 'Account__r.Name', 'Account__r.Owner.Name', 'Invoice_Number__c', 'Due_Date__c', 'Balance__c', 'Status__c', 'PO_Number__c', 'LastModifiedDate'];
    const soql = `SELECT ${columns.join(', ')} FROM Collections_Invoice__c ORDER BY Name`;
    // 500 rows a REST page, so the comparison crosses queryMore pages.
    const rest = await conn.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 1_000_000, headers: { 'Sforce-Query-Options': 'batchSize=500' } });
    expect(rest.totalSize).toBeGreaterThan(1_000);
    expect(rest.records).toHaveLength(rest.totalSize);
    expect(sandbox.requestLog.filter((entry) => /\/query\/01g/.test(entry.path)).length).toBeGreaterThan(1);

    const before = sandbox.apiUsage().used;
    const bulk = (await (await conn.bulk2.query(soql)).toArray()) as JsforceRecord[];
    // create, InProgress, JobComplete, one results page (50,000 rows by default).
    expect(sandbox.apiUsage().used - before).toBe(4);
    expect(bulk).toHaveLength(rest.totalSize);
    expect(bulk).toEqual(rest.records.map((r) => asCsvRecord(r, columns)));
    expect(bulk.some((r) => r['Account__r.Name']?.includes("O'Reilly"))).toBe(true);
  });

  it('loadAndWaitForResults inserts with partial success; the good rows are visible via REST', async () => {
    const account = (await conn.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Name LIMIT 1')).records[0]?.Id ?? '';
    const input = [
      'Account__c,Invoice_Number__c,Invoice_Date__c,Due_Date__c,Total_Amount__c,Balance__c,Currency_Code__c,Status__c,PO_Number__c',
      `${account},JSF-1,2026-10-01,2026-10-31,150,150,USD,Open,"PO ""7"", rush"`,
      `${account},JSF-2,2026-10-01,2026-10-31,250,250,USD,Bogus,`,
      `${account},JSF-3,2026-10-01,2026-10-31,350,350,USD,Open,`,
    ].join('\n');
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Collections_Invoice__c', operation: 'insert', input, pollInterval: 10 });
    // jsforce types result rows by the connection's schema; these carry the uploaded columns as text.
    const successful = results.successfulResults as unknown as Array<Record<string, string>>;
    expect(successful.map((r) => [r.Invoice_Number__c, r.sf__Created, r.PO_Number__c])).toEqual([['JSF-1', 'true', 'PO "7", rush'], ['JSF-3', 'true', '']]);
    expect(results.failedResults).toEqual([expect.objectContaining({
      sf__Id: '', Invoice_Number__c: 'JSF-2', sf__Error: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted picklist field: Bogus:Status__c --',
    })]);
    expect(results.unprocessedRecords).toEqual([]);
    const visible = await conn.query<{ Id: string; Invoice_Number__c: string }>("SELECT Id, Invoice_Number__c FROM Collections_Invoice__c WHERE Invoice_Number__c LIKE 'JSF-%' ORDER BY Invoice_Number__c");
    expect(visible.records.map((r) => [r.Id, r.Invoice_Number__c])).toEqual(successful.map((r) => [r.sf__Id, r.Invoice_Number__c]));
  });

  it('loadAndWaitForResults upserts on External_Id__c: the first run creates, the second updates', async () => {
    const account = (await conn.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Name DESC LIMIT 1')).records[0]?.Id ?? '';
    const record = (balance: number): Record<string, unknown> => ({
      External_Id__c: 'JSF-ERP-1', Account__c: account, Invoice_Number__c: 'JSF-ERP-1', Invoice_Date__c: '2026-09-01', Due_Date__c: '2026-09-30',
      Total_Amount__c: 900, Balance__c: balance, Currency_Code__c: 'GBP', Status__c: 'Open',
    });
    const options = { object: 'Collections_Invoice__c', operation: 'upsert' as const, externalIdFieldName: 'External_Id__c', pollInterval: 10 };
    const first = await conn.bulk2.loadAndWaitForResults({ ...options, input: [record(900)] });
    expect(first.successfulResults.map((r) => r.sf__Created)).toEqual(['true']);
    const second = await conn.bulk2.loadAndWaitForResults({ ...options, input: [record(300)] });
    expect(second.successfulResults.map((r) => [r.sf__Id, r.sf__Created])).toEqual([[first.successfulResults[0]?.sf__Id, 'false']]);
    const stored = await conn.sobject('Collections_Invoice__c').retrieve(first.successfulResults[0]?.sf__Id ?? '');
    expect(stored.Balance__c).toBe(300);
  });
});
