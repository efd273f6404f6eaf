/**
 * Bulk API 2.0 over HTTP: job lifecycles, paging with locators, wrong states, versions, CSV quoting,
 * partial success, failures, limits, API-call accounting and persistence of ingest writes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStore } from '../persistence';
import { createSandbox } from '../server';
import { TEST_DATE, startTestSandbox } from '../testing';
import type { TestSandbox } from '../testing';
import { DEFAULT_BULK2_OPTIONS, configureBulk2 } from './bulk2';
import { parseCsv } from './csv';

const V = '/services/data/v66.0';
type Errors = Array<{ errorCode: string; message: string }>;
type JobInfo = Record<string, unknown> & { id: string; state: string };

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({ accounts: 12 });
});

afterAll(async () => {
  await t.sb.close();
});

beforeEach(() => {
  configureBulk2(t.sb.store, DEFAULT_BULK2_OPTIONS);
});

/** Raw HTTP call returning the body as text (CSV results are not JSON). */
async function raw(method: string, path: string, body?: string, contentType = 'text/csv'): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${t.sb.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${t.sb.token}`, ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function createQueryJob(query: string, extra: Record<string, unknown> = {}): Promise<JobInfo> {
  const created = await t.call<JobInfo>('POST', `${V}/jobs/query`, { operation: 'query', query, ...extra });
  expect(created.status).toBe(200);
  return created.body;
}

/** Reads the job status until it is terminal (bounded). */
async function pollUntilDone(kind: 'query' | 'ingest', id: string): Promise<JobInfo> {
  for (let i = 0; i < 10; i++) {
    const info = (await t.call<JobInfo>('GET', `${V}/jobs/${kind}/${id}`)).body;
    if (['JobComplete', 'Failed', 'Aborted'].includes(info.state)) {
      return info;
    }
  }
  throw new Error(`job ${id} did not finish`);
}

async function ingest(object: string, csv: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
  const created = await t.call<JobInfo>('POST', `${V}/jobs/ingest`, { object, operation: 'insert', lineEnding: 'LF', ...options });
  expect(created.status).toBe(200);
  const upload = await raw('PUT', `${V}/jobs/ingest/${created.body.id}/batches`, csv);
  expect(upload.status).toBe(201);
  const closed = await t.call<JobInfo>('PATCH', `${V}/jobs/ingest/${created.body.id}`, { state: 'UploadComplete' });
  expect(closed.body.state).toBe('UploadComplete');
  return pollUntilDone('ingest', created.body.id);
}

const csvRecords = (text: string): Array<Record<string, string>> => {
  const [header = [], ...rows] = parseCsv(text, 'COMMA', 'LF');
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
};

describe('query jobs', () => {
  const soql = 'SELECT Id, Name, Account__r.Name, Balance__c, Due_Date__c, CreatedDate FROM Collections_Invoice__c ORDER BY Name';

  it('create → InProgress → JobComplete, then pages with a header row each, the locator "null" at the end', async () => {
    const created = await createQueryJob(soql, { contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(created).toEqual({
      id: expect.stringMatching(/^750\w{15}$/), operation: 'query', object: 'Collections_Invoice__c', createdById: expect.stringMatching(/^005/),
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/), systemModstamp: expect.any(String), state: 'UploadComplete',
      concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 66, lineEnding: 'LF', columnDelimiter: 'COMMA',
    });
    const early = await raw('GET', `${V}/jobs/query/${created.id}/results`);
    expect(early.status).toBe(409);
    expect((JSON.parse(early.text) as Errors)[0]?.errorCode).toBe('INVALIDJOBSTATE');

    const first = (await t.call<JobInfo>('GET', `${V}/jobs/query/${created.id}`)).body;
    expect(first.state).toBe('InProgress');
    const done = (await t.call<JobInfo>('GET', `${V}/jobs/query/${created.id}`)).body;
    const rest = (await t.query<{ Id: string; Name: string; Account__r: { Name: string }; Balance__c: number }>(soql)).body;
    expect(done).toMatchObject({ state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: rest.totalSize, retries: 0 });
    expect(rest.totalSize).toBeGreaterThan(10);

    const pageSize = 7;
    const ids: string[] = [];
    let locator: string | null = null;
    let pages = 0;
    for (; pages < 100; pages++) {
      const page = await raw('GET', `${V}/jobs/query/${created.id}/results?maxRecords=${pageSize}${locator ? `&locator=${locator}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(page.text.startsWith('"Id","Name","Account__r.Name","Balance__c","Due_Date__c","CreatedDate"\n')).toBe(true);
      const rows = csvRecords(page.text);
      expect(page.headers.get('sforce-numberofrecords')).toBe(String(rows.length));
      ids.push(...rows.map((r) => r.Id ?? ''));
      locator = page.headers.get('sforce-locator');
      if (locator === 'null') {
        break;
      }
      expect(rows).toHaveLength(pageSize);
    }
    expect(pages + 1).toBe(Math.ceil(rest.totalSize / pageSize));
    expect(ids).toEqual(rest.records.map((r) => r.Id));

    // A locator can be read again; the API version must be the job's (409 otherwise).
    const second = await raw('GET', `${V}/jobs/query/${created.id}/results?maxRecords=3&locator=${encodeURIComponent(Buffer.from('3').toString('base64').replace(/=+$/, ''))}`);
    expect(csvRecords(second.text).map((r) => r.Id)).toEqual(rest.records.slice(3, 6).map((r) => r.Id));
    expect((await raw('GET', `/services/data/v65.0/jobs/query/${created.id}/results`)).status).toBe(409);
    expect((await raw('GET', `${V}/jobs/query/${created.id}/results?locator=bogus`)).status).toBe(400);

    const all = csvRecords((await raw('GET', `${V}/jobs/query/${created.id}/results`)).text);
    const sample = rest.records[0];
    expect(all[0]).toEqual({
      Id: sample?.Id, Name: sample?.Name, 'Account__r.Name': sample?.Account__r.Name, Balance__c: String(sample?.Balance__c),
      Due_Date__c: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    expect((await t.call('DELETE', `${V}/jobs/query/${created.id}`)).status).toBe(204);
    expect((await t.call<Errors>('GET', `${V}/jobs/query/${created.id}`)).body[0]?.errorCode).toBe('NOT_FOUND');
  });

  it('caps a page by size even without maxRecords, and answers a job with no rows with just the header', async () => {
    configureBulk2(t.sb.store, { statusReadsBeforeComplete: 0, maxPageBytes: 400 });
    const job = await createQueryJob('SELECT Id, Name FROM Account ORDER BY Name');
    const page = await raw('GET', `${V}/jobs/query/${job.id}/results`);
    const rows = csvRecords(page.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(12);
    expect(Buffer.byteLength(page.text)).toBeLessThanOrEqual(400);
    expect(page.headers.get('sforce-locator')).not.toBe('null');

    const empty = await createQueryJob("SELECT Id FROM Account WHERE Name = 'no such account'");
    const none = await raw('GET', `${V}/jobs/query/${empty.id}/results`);
    expect(none.text).toBe('"Id"\n');
    expect(none.headers.get('sforce-numberofrecords')).toBe('0');
    expect(none.headers.get('sforce-locator')).toBe('null');
  });

  it('writes CSV as Salesforce does: quotes doubled, commas and line breaks quoted, nulls empty, booleans true/false', async () => {
    const account = (await t.query<{ Id: string }>("SELECT Id FROM Account WHERE Name LIKE 'O\\'Reilly%'")).body.records[0];
    const description = 'line one\nline two, with "quotes", commas';
    expect((await t.call('PATCH', `${V}/sobjects/Account/${account?.Id}`, { Description: description, Phone: null })).status).toBe(204);
    configureBulk2(t.sb.store, { statusReadsBeforeComplete: 0 });
    const job = await createQueryJob(`SELECT Id, Name, Description, Phone, IsDeleted, Owner.Name FROM Account WHERE Id = '${account?.Id}'`);
    const page = await raw('GET', `${V}/jobs/query/${job.id}/results`);
    expect(page.text).toBe(
      '"Id","Name","Description","Phone","IsDeleted","Owner.Name"\n'
      + `"${account?.Id}","O'Reilly ""Quoted"" <svg onload=alert(9)> & Sons Ltd","line one\nline two, with ""quotes"", commas","","false","Sean O'Brien"\n`,
    );
    expect(csvRecords(page.text)[0]?.Description).toBe(description);
  });

  it('honours the job delimiter and line ending', async () => {
    configureBulk2(t.sb.store, { statusReadsBeforeComplete: 0 });
    const job = await createQueryJob('SELECT Id, Name FROM User ORDER BY Username LIMIT 2', { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    const text = (await raw('GET', `${V}/jobs/query/${job.id}/results`)).text;
    expect(text.split('\r\n')[0]).toBe('"Id"|"Name"');
    expect(parseCsv(text, 'PIPE', 'CRLF')).toHaveLength(3);
  });

  it('refuses what Bulk queries do not support, and SOQL errors like REST', async () => {
    for (const soql of ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', 'SELECT COUNT() FROM Account', 'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry']) {
      const refused = await t.call<Errors>('POST', `${V}/jobs/query`, { operation: 'query', query: soql });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual([{ errorCode: 'API_ERROR', message: 'Aggregate Relationships not supported in Bulk Query' }]);
    }
    const bad = await t.call<Errors>('POST', `${V}/jobs/query`, { operation: 'query', query: 'SELECT Nope__c FROM Account' });
    expect(bad.status).toBe(400);
    expect(bad.body[0]?.errorCode).toBe('INVALID_FIELD');
    expect((await t.call<Errors>('POST', `${V}/jobs/query`, { operation: 'select', query: 'SELECT Id FROM Account' })).status).toBe(400);
  });

  it('aborts, refuses to abort or delete in the wrong state, and lists jobs', async () => {
    const job = await createQueryJob('SELECT Id FROM Account');
    const running = await createQueryJob('SELECT Id FROM Contact');
    expect((await t.call<JobInfo>('GET', `${V}/jobs/query/${running.id}`)).body.state).toBe('InProgress');
    const notTerminated = await t.call<Errors>('DELETE', `${V}/jobs/query/${running.id}`);
    expect(notTerminated.status).toBe(400);
    expect(notTerminated.body).toEqual([{ errorCode: 'API_ERROR', message: 'Error encountered when deleting the job because the job is not terminated' }]);

    const aborted = await t.call<JobInfo>('PATCH', `${V}/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    expect(aborted.body.state).toBe('Aborted');
    expect((await t.call<JobInfo>('GET', `${V}/jobs/query/${job.id}`)).body.state).toBe('Aborted');
    expect((await raw('GET', `${V}/jobs/query/${job.id}/results`)).status).toBe(409);
    const again = await t.call<Errors>('PATCH', `${V}/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(again.status).toBe(409);
    expect(again.body[0]?.errorCode).toBe('INVALIDJOBSTATE');

    const list = await t.call<{ done: boolean; records: JobInfo[]; nextRecordsUrl: string | null }>('GET', `${V}/jobs/query`);
    expect(list.body.done).toBe(true);
    expect(list.body.nextRecordsUrl).toBeNull();
    expect(list.body.records.map((r) => r.id)).toEqual(expect.arrayContaining([job.id, running.id]));
    expect(list.body.records.every((r) => r.jobType === 'V2Query')).toBe(true);
    expect((await t.call<{ records: JobInfo[] }>('GET', `${V}/jobs/query?jobType=V2Ingest`)).body.records).toEqual([]);

    expect((await t.call<Errors>('GET', `${V}/jobs/query/750Hs0000000000ZZZ`)).status).toBe(404);
    expect((await t.call<Errors>('GET', `${V}/jobs/ingest/${job.id}`)).body[0]?.errorCode).toBe('NOT_FOUND');
  });

  it('counts every Bulk request as an API call', async () => {
    const before = t.sb.apiUsage().used;
    const job = await createQueryJob('SELECT Id FROM Account');
    await t.call('GET', `${V}/jobs/query/${job.id}`);
    await t.call('GET', `${V}/jobs/query/${job.id}`);
    await raw('GET', `${V}/jobs/query/${job.id}/results`);
    await t.call('GET', `${V}/jobs/query/nope`);
    expect(t.sb.apiUsage().used - before).toBe(5);
  });
});

describe('ingest jobs', () => {
  const accountId = async (): Promise<string> => (await t.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Name LIMIT 1')).body.records[0]?.Id ?? '';
  const invoiceCsv = (account: string, rows: Array<[string, string, string]>): string =>
    'Account__c,Invoice_Number__c,Invoice_Date__c,Due_Date__c,Total_Amount__c,Balance__c,Currency_Code__c,Status__c,PO_Number__c\n'
    + rows.map(([number, amount, po]) => `${account},${number},2026-10-01,2026-10-31,${amount},${amount},USD,Open,${po}`).join('\n') + '\n';

  it('inserts rows independently: successful and failed results with Salesforce error text, good rows visible via REST', async () => {
    const account = await accountId();
    const csv = invoiceCsv(account, [['BULK-1', '100.5', '"PO, with comma"'], ['', '200', 'missing number'], ['BULK-3', 'abc', 'bad amount'], ['BULK-4', '400', '"He said ""hi""\nthen left"']]);
    const info = await ingest('Collections_Invoice__c', csv);
    expect(info).toMatchObject({
      state: 'JobComplete', operation: 'insert', object: 'Collections_Invoice__c', jobType: 'V2Ingest', numberRecordsProcessed: 4, numberRecordsFailed: 2,
      contentUrl: `services/data/v66.0/jobs/ingest/${info.id}/batches`, apiVersion: 66,
    });
    const successful = await raw('GET', `${V}/jobs/ingest/${info.id}/successfulResults/`);
    expect(successful.text.split('\n')[0]).toBe('"sf__Id","sf__Created","Account__c","Invoice_Number__c","Invoice_Date__c","Due_Date__c","Total_Amount__c","Balance__c","Currency_Code__c","Status__c","PO_Number__c"');
    const ok = csvRecords(successful.text);
    expect(ok.map((r) => [r.Invoice_Number__c, r.sf__Created, r.PO_Number__c])).toEqual([['BULK-1', 'true', 'PO, with comma'], ['BULK-4', 'true', 'He said "hi"\nthen left']]);
    const failed = csvRecords((await raw('GET', `${V}/jobs/ingest/${info.id}/failedResults/`)).text);
    expect(failed.map((r) => [r.sf__Id, r.sf__Error, r.PO_Number__c])).toEqual([
      ['', 'REQUIRED_FIELD_MISSING:Required fields are missing: [Invoice_Number__c]:Invoice_Number__c --', 'missing number'],
      ['', expect.stringMatching(/^JSON_PARSER_ERROR:.*:Total_Amount__c --$/), 'bad amount'],
    ]);
    const visible = (await t.query<{ Id: string; Invoice_Number__c: string; PO_Number__c: string; Total_Amount__c: number }>(
      "SELECT Id, Invoice_Number__c, PO_Number__c, Total_Amount__c FROM Collections_Invoice__c WHERE Invoice_Number__c LIKE 'BULK-%' ORDER BY Invoice_Number__c",
    )).body.records;
    expect(visible.map((r) => [r.Id, r.Invoice_Number__c, r.PO_Number__c, r.Total_Amount__c])).toEqual([
      [ok[0]?.sf__Id, 'BULK-1', 'PO, with comma', 100.5], [ok[1]?.sf__Id, 'BULK-4', 'He said "hi"\nthen left', 400],
    ]);
    const unprocessed = await raw('GET', `${V}/jobs/ingest/${info.id}/unprocessedrecords/`);
    expect(csvRecords(unprocessed.text)).toEqual([]);
  });

  it('upserts on an external id (created true/false), updates, deletes and looks parents up by external id', async () => {
    const account = await accountId();
    const header = 'External_Id__c,Account__c,Invoice_Number__c,Invoice_Date__c,Due_Date__c,Total_Amount__c,Balance__c,Currency_Code__c,Status__c\n';
    const row = (ext: string, number: string, balance: string): string => `${ext},${account},${number},2026-09-01,2026-09-30,500,${balance},EUR,Open\n`;
    const first = await ingest('Collections_Invoice__c', header + row('ERP-1', 'UPS-1', '500'), { operation: 'upsert', externalIdFieldName: 'External_Id__c' });
    expect(first.numberRecordsFailed).toBe(0);
    const second = await ingest('Collections_Invoice__c', header + row('ERP-1', 'UPS-1', '125') + row('ERP-2', 'UPS-2', '500'), { operation: 'upsert', externalIdFieldName: 'External_Id__c' });
    const results = csvRecords((await raw('GET', `${V}/jobs/ingest/${second.id}/successfulResults`)).text);
    expect(results.map((r) => [r.External_Id__c, r.sf__Created])).toEqual([['ERP-1', 'false'], ['ERP-2', 'true']]);
    const erp1 = (await t.query<{ Id: string; Balance__c: number }>("SELECT Id, Balance__c FROM Collections_Invoice__c WHERE External_Id__c = 'ERP-1'")).body.records[0];
    expect(erp1?.Balance__c).toBe(125);

    const payments = await ingest('Collections_Payment__c',
      `Account__c,Invoice__r.External_Id__c,Type__c,Amount__c,Currency_Code__c,Received_On__c\n${account},ERP-1,Payment,25,EUR,2026-11-01\n${account},ERP-404,Payment,25,EUR,2026-11-01\n`);
    expect(payments.numberRecordsFailed).toBe(1);
    const paid = csvRecords((await raw('GET', `${V}/jobs/ingest/${payments.id}/successfulResults`)).text)[0];
    expect((await t.call<{ Invoice__c: string }>('GET', `${V}/sobjects/Collections_Payment__c/${paid?.sf__Id}`)).body.Invoice__c).toBe(erp1?.Id);
    expect(csvRecords((await raw('GET', `${V}/jobs/ingest/${payments.id}/failedResults`)).text)[0]?.sf__Error)
      .toBe('INVALID_FIELD:Foreign key external ID: ERP-404 not found for field External_Id__c in entity Collections_Invoice__c:--');

    const updated = await ingest('Collections_Invoice__c', `Id,Status__c,PO_Number__c\n${erp1?.Id},Paid,#N/A\n001Hs0000000000AAA,Paid,\n`, { operation: 'update' });
    expect(updated.numberRecordsFailed).toBe(1);
    expect((await t.call<{ Status__c: string }>('GET', `${V}/sobjects/Collections_Invoice__c/${erp1?.Id}`)).body.Status__c).toBe('Paid');
    const deleted = await ingest('Collections_Payment__c', `Id\n${paid?.sf__Id}\n`, { operation: 'delete' });
    expect(deleted).toMatchObject({ numberRecordsProcessed: 1, numberRecordsFailed: 0 });
    expect((await t.call('GET', `${V}/sobjects/Collections_Payment__c/${paid?.sf__Id}`)).status).toBe(404);
  });

  it('aborts before processing: nothing written, every row unprocessed', async () => {
    const account = await accountId();
    const created = (await t.call<JobInfo>('POST', `${V}/jobs/ingest`, { object: 'Collections_Invoice__c', operation: 'insert' })).body;
    expect(created).toMatchObject({ state: 'Open', contentUrl: `services/data/v66.0/jobs/ingest/${created.id}/batches` });
    await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, invoiceCsv(account, [['ABORT-1', '1', ''], ['ABORT-2', '2', '']]));
    await t.call('PATCH', `${V}/jobs/ingest/${created.id}`, { state: 'UploadComplete' });
    expect((await t.call<JobInfo>('PATCH', `${V}/jobs/ingest/${created.id}`, { state: 'Aborted' })).body.state).toBe('Aborted');
    expect((await t.call<JobInfo>('GET', `${V}/jobs/ingest/${created.id}`)).body).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 0 });
    const unprocessed = csvRecords((await raw('GET', `${V}/jobs/ingest/${created.id}/unprocessedrecords`)).text);
    expect(unprocessed.map((r) => r.Invoice_Number__c)).toEqual(['ABORT-1', 'ABORT-2']);
    expect((await t.query("SELECT Id FROM Collections_Invoice__c WHERE Invoice_Number__c LIKE 'ABORT-%'")).body.totalSize).toBe(0);
    expect(csvRecords((await raw('GET', `${V}/jobs/ingest/${created.id}/successfulResults`)).text)).toEqual([]);
    expect((await t.call('DELETE', `${V}/jobs/ingest/${created.id}`)).status).toBe(204);
  });

  it('answers operations the job state does not allow with 409 INVALIDJOBSTATE', async () => {
    const created = (await t.call<JobInfo>('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'insert' })).body;
    expect((await raw('GET', `${V}/jobs/ingest/${created.id}/successfulResults`)).status).toBe(409);
    expect((await t.call<Errors>('DELETE', `${V}/jobs/ingest/${created.id}`)).status).toBe(400);
    expect((await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, 'Name\nA\n')).status).toBe(201);
    const twice = await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, 'Name\nB\n');
    expect(twice.status).toBe(409);
    expect((JSON.parse(twice.text) as Errors)[0]?.errorCode).toBe('INVALIDJOBSTATE');
    await t.call('PATCH', `${V}/jobs/ingest/${created.id}`, { state: 'UploadComplete' });
    expect((await t.call<Errors>('PATCH', `${V}/jobs/ingest/${created.id}`, { state: 'UploadComplete' })).status).toBe(409);
    expect((await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, 'Name\nC\n')).status).toBe(409);
    expect((await t.call<Errors>('PATCH', `${V}/jobs/ingest/${created.id}`, { state: 'Open' })).status).toBe(400);
    const done = await pollUntilDone('ingest', created.id);
    expect(done.state).toBe('JobComplete');
    expect((await t.call<Errors>('PATCH', `${V}/jobs/ingest/${done.id}`, { state: 'Aborted' })).status).toBe(409);
  });

  it('validates the job definition', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ object: 'Nope__c', operation: 'insert' }, 'INVALIDJOB'],
      [{ object: 'ContentDocument', operation: 'insert' }, 'INVALIDENTITY'],
      [{ object: 'Account', operation: 'merge' }, 'JSON_PARSER_ERROR'],
      [{ object: 'Account', operation: 'upsert' }, 'INVALIDJOB'],
      [{ object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' }, 'INVALIDJOB'],
      [{ object: 'Account', operation: 'insert', lineEnding: 'CR' }, 'JSON_PARSER_ERROR'],
    ];
    for (const [body, errorCode] of cases) {
      const response = await t.call<Errors>('POST', `${V}/jobs/ingest`, body);
      expect(response.status).toBe(400);
      expect(response.body[0]?.errorCode).toBe(errorCode);
    }
  });

  it('fails the whole job for an unknown column or the wrong line ending, leaving the rows unprocessed', async () => {
    const unknown = await ingest('Account', 'Name,Nope__c\nA,1\nB,2\n');
    expect(unknown).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Nope__c', numberRecordsProcessed: 0 });
    expect(csvRecords((await raw('GET', `${V}/jobs/ingest/${unknown.id}/unprocessedrecords`)).text).map((r) => r.Name)).toEqual(['A', 'B']);
    const crlf = await ingest('Account', 'Name\r\nCRLF Co\r\n');
    expect(crlf).toMatchObject({ state: 'Failed', errorMessage: 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF' });
    const fine = await ingest('Account', 'Name\r\nCRLF Co\r\n', { lineEnding: 'CRLF' });
    expect(fine).toMatchObject({ state: 'JobComplete', numberRecordsFailed: 0 });
  });

  it('refuses uploads over the size limit (counted in base64, as Salesforce does)', async () => {
    configureBulk2(t.sb.store, { maxUploadBase64Bytes: 400 });
    const created = (await t.call<JobInfo>('POST', `${V}/jobs/ingest`, { object: 'Account', operation: 'insert' })).body;
    const tooBig = await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, `Name\n${'x'.repeat(299)}\n`);
    expect(tooBig.status).toBe(413);
    expect((await raw('PUT', `${V}/jobs/ingest/${created.id}/batches`, `Name\n${'x'.repeat(290)}\n`)).status).toBe(201);
  });

  it('persists what ingest jobs write (the server saves after the request that processed them)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulk2-'));
    const dataFile = join(dir, 'sandbox.json');
    try {
      const sb = await createSandbox({ port: 0, dataFile, seed: { seed: 5, accounts: 12, referenceDate: TEST_DATE }, today: TEST_DATE });
      const call = (method: string, path: string, body?: string, contentType = 'application/json'): Promise<Response> =>
        fetch(`${sb.url}${path}`, { method, headers: { Authorization: `Bearer ${sb.token}`, 'Content-Type': contentType }, body });
      const job = (await (await call('POST', `${V}/jobs/ingest`, JSON.stringify({ object: 'Account', operation: 'insert' }))).json()) as JobInfo;
      await call('PUT', `${V}/jobs/ingest/${job.id}/batches`, 'Name\nPersisted by Bulk\n', 'text/csv');
      await call('PATCH', `${V}/jobs/ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
      await call('GET', `${V}/jobs/ingest/${job.id}`);
      const done = (await (await call('GET', `${V}/jobs/ingest/${job.id}`)).json()) as JobInfo;
      expect(done.state).toBe('JobComplete');
      await sb.close();
      const reloaded = await loadStore(dataFile);
      expect([...reloaded.all('Account')].some((r) => r.Name === 'Persisted by Bulk')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
