/**
 * Manual smoke run of the Bulk API 2.0 client against a running sandbox (or any org you hold a token for):
 *
 *   npx tsx sandbox/cli.ts --port 0 --memory --accounts 3000        # prints {"ready":true,"url":…}
 *   npx tsx connector/salesforce/bulk2/sandbox-smoke.ts http://127.0.0.1:PORT [maxRecords]
 *
 * Prints rows, pages, API requests and time for a bulk query, then a small bulk insert with one failing row.
 * Not a test (needs a server); the msw tests beside this file are.
 */
import { createFetchClient } from '../fetch-client';
import { bulkIngest, bulkQuery } from './index';

const [instanceUrl = 'http://127.0.0.1:5173', maxRecordsArg = '2000'] = process.argv.slice(2);
const token = process.env.SANDBOX_TOKEN ?? '00D000000000001!SANDBOX.dev-token';
let requests = 0;
const client = createFetchClient({
  instanceUrl,
  getAccessToken: () => token,
  fetch: (input, init) => {
    requests += 1;
    return fetch(input, init);
  },
});

let started = Date.now();
let rows = 0;
let pages = 0;
const soql = 'SELECT Id, Name, Account__r.Name, Total_Amount__c, Balance__c, Due_Date__c FROM Collections_Invoice__c';
for await (const page of bulkQuery(client, soql, { maxRecords: Number(maxRecordsArg), pollIntervalMs: 200 })) {
  rows += page.records.length;
  pages += 1;
}
console.log(JSON.stringify({ query: { rows, pages, requests, ms: Date.now() - started } }));

requests = 0;
started = Date.now();
const summary = await bulkIngest(client, {
  object: 'Account',
  operation: 'insert',
  columns: ['Name', 'Website'],
  rows: [{ Name: 'Smoke, Inc.', Website: 'https://smoke.example' }, { Name: '', Website: null }],
  pollIntervalMs: 200,
});
console.log(JSON.stringify({ ingest: { ...summary, successful: summary.successful.length, requests, ms: Date.now() - started } }));
