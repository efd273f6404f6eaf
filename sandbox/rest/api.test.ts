import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoAccountAndContact, startTestSandbox } from '../testing';
import type { TestSandbox } from '../testing';

const V = '/services/data/v66.0';
let t: TestSandbox;
let accountId: string;
let contactId: string;

type CompositeResult = { compositeResponse: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> };
type Errors = Array<{ errorCode: string; message: string; fields?: string[] }>;

const count = async (soql: string): Promise<number> => (await t.query(soql)).body.totalSize;

beforeAll(async () => {
  t = await startTestSandbox({ enableFaults: true });
  ({ accountId, contactId } = await demoAccountAndContact(t));
});

afterAll(async () => {
  await t.sb.close();
});

beforeEach(() => {
  t.sb.resetRequestLog();
});

const promiseBody = (key: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Account__c: accountId, Amount__c: 1000, Currency_Code__c: 'INR', Due_Date__c: '2026-12-01', Taken_On__c: '2026-11-20', Status__c: 'Pending', Idempotency_Key__c: key, ...extra,
});

describe('sObject rows', () => {
  it('creates, reads, updates and deletes with Salesforce status codes and audit fields', async () => {
    const created = await t.call<{ id: string; success: boolean; errors: unknown[] }>('POST', `${V}/sobjects/Promise_To_Pay__c`, promiseBody('crud-1'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^a03\w{15}$/), success: true, errors: [] });
    const read = await t.call<Record<string, unknown>>('GET', `${V}/sobjects/Promise_To_Pay__c/${created.body.id}`);
    expect(read.body).toMatchObject({
      attributes: { type: 'Promise_To_Pay__c', url: `${V}/sobjects/Promise_To_Pay__c/${created.body.id}` },
      Name: expect.stringMatching(/^PTP-\d{6}$/), Amount__c: 1000, CurrencyIsoCode: 'INR',
      CreatedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/), OwnerId: expect.stringMatching(/^005/),
    });
    const updated = await t.call('PATCH', `${V}/sobjects/Promise_To_Pay__c/${created.body.id}`, { Status__c: 'Kept' });
    expect(updated.status).toBe(204);
    expect((await t.call<Record<string, unknown>>('GET', `${V}/sobjects/Promise_To_Pay__c/${created.body.id}?fields=Status__c`)).body).toEqual({
      attributes: expect.any(Object), Status__c: 'Kept',
    });
    expect((await t.call('DELETE', `${V}/sobjects/Promise_To_Pay__c/${created.body.id}`)).status).toBe(204);
    expect((await t.call<Errors>('GET', `${V}/sobjects/Promise_To_Pay__c/${created.body.id}`)).status).toBe(404);
  });

  it('validates required fields, restricted picklists, unknown and read-only fields, lengths and ids', async () => {
    const missing = await t.call<Errors>('POST', `${V}/sobjects/Promise_To_Pay__c`, { Amount__c: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Account__c', 'Currency_Code__c', 'Due_Date__c', 'Taken_On__c', 'Status__c'] });
    const picklist = await t.call<Errors>('POST', `${V}/sobjects/Promise_To_Pay__c`, promiseBody('bad-pick', { Status__c: 'Maybe' }));
    expect(picklist.body[0]).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Status__c'] });
    const flags = await t.call<Errors>('PATCH', `${V}/sobjects/Account/${accountId}`, { Collections_Flags__c: 'Bankruptcy;Unknown Flag' });
    expect(flags.body[0]).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Collections_Flags__c'] });
    const unknown = await t.call<Errors>('POST', `${V}/sobjects/Task`, { Subject: 'x', Nope__c: 1 });
    expect(unknown.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    const readOnly = await t.call<Errors>('PATCH', `${V}/sobjects/Contact/${contactId}`, { Name: 'Renamed' });
    expect(readOnly.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name'] });
    const tooLong = await t.call<Errors>('POST', `${V}/sobjects/Task`, { Subject: 'x'.repeat(256) });
    expect(tooLong.body[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Subject'] });
    const badId = await t.call<Errors>('POST', `${V}/sobjects/Task`, { Subject: 'x', WhatId: 'nope' });
    expect(badId.body[0]).toMatchObject({ errorCode: 'MALFORMED_ID', fields: ['WhatId'] });
    const wrongType = await t.call<Errors>('POST', `${V}/sobjects/Task`, { Subject: 'x', WhoId: accountId });
    expect(wrongType.body[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhoId'] });
    const badDate = await t.call<Errors>('POST', `${V}/sobjects/Task`, { Subject: 'x', ActivityDate: '2026-02-30' });
    expect(badDate.body[0]).toMatchObject({ errorCode: 'JSON_PARSER_ERROR' });
    const badCurrency = await t.call<Errors>('POST', `${V}/sobjects/Promise_To_Pay__c`, promiseBody('bad-cur', { CurrencyIsoCode: 'XYZ' }));
    expect(badCurrency.body[0]).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['CurrencyIsoCode'] });
    const badJson = await t.call<Errors>('POST', `${V}/sobjects/Task`, '{"Subject":');
    expect(badJson).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
    expect(await count("SELECT COUNT() FROM Promise_To_Pay__c WHERE Idempotency_Key__c LIKE 'bad-%'")).toBe(0);
  });

  it('derives Task.AccountId, defaults CurrencyIsoCode from the account and keeps checkboxes non-null', async () => {
    const task = await t.call<{ id: string }>('POST', `${V}/sobjects/Task`, { Subject: 'Call', WhoId: contactId, Status: 'Completed' });
    const read = (await t.call<Record<string, unknown>>('GET', `${V}/sobjects/Task/${task.body.id}`)).body;
    expect(read).toMatchObject({ AccountId: accountId, IsClosed: true, Conversation__c: false, Priority: 'Normal' });
    const promise = await t.call<{ id: string }>('POST', `${V}/sobjects/Promise_To_Pay__c`, promiseBody('cur-default', { Currency_Code__c: 'XYZ' }));
    expect((await t.call<Record<string, unknown>>('GET', `${V}/sobjects/Promise_To_Pay__c/${promise.body.id}`)).body.CurrencyIsoCode).toBe('INR');
  });

  it('upserts on an external id: 201 created, then 200 updated, never a duplicate', async () => {
    const first = await t.call('PATCH', `${V}/sobjects/Promise_To_Pay__c/Idempotency_Key__c/upsert-key-1`, promiseBody('upsert-key-1'));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const second = await t.call('PATCH', `${V}/sobjects/Promise_To_Pay__c/Idempotency_Key__c/upsert-key-1`, { Amount__c: 2000 });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ id: (first.body as { id: string }).id, success: true, errors: [], created: false });
    const rows = (await t.query<{ Amount__c: number }>("SELECT Amount__c FROM Promise_To_Pay__c WHERE Idempotency_Key__c = 'upsert-key-1'")).body;
    expect(rows.records.map((r) => r.Amount__c)).toEqual([2000]);
    const byKey = await t.call<Record<string, unknown>>('GET', `${V}/sobjects/Promise_To_Pay__c/Idempotency_Key__c/upsert-key-1`);
    expect(byKey.body.Amount__c).toBe(2000);
    const notExternal = await t.call<Errors>('PATCH', `${V}/sobjects/Promise_To_Pay__c/Note__c/x`, {});
    expect(notExternal.status).toBe(404);
    const duplicate = await t.call<Errors>('POST', `${V}/sobjects/Promise_To_Pay__c`, promiseBody('upsert-key-1'));
    expect(duplicate.body[0]).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
  });

  it('serves ContentNote content as a URL in queries and the text at that URL', async () => {
    const note = await t.call<{ id: string }>('POST', `${V}/sobjects/ContentNote`, { Title: 'Hello', Content: Buffer.from('<p>Hi &amp; bye</p>').toString('base64') });
    expect(note.body.id).toMatch(/^069/);
    const row = (await t.query<{ Content: string; TextPreview: string; FileType: string }>(`SELECT Content, TextPreview, FileType FROM ContentNote WHERE Id = '${note.body.id}'`)).body.records[0];
    expect(row).toMatchObject({ Content: `${V}/sobjects/ContentNote/${note.body.id}/Content`, TextPreview: 'Hi &amp; bye', FileType: 'SNOTE' });
    const blob = await t.call<string>('GET', row?.Content ?? '');
    expect(blob.body).toBe('<p>Hi &amp; bye</p>');
    const link = await t.call<{ id: string }>('POST', `${V}/sobjects/ContentDocumentLink`, { ContentDocumentId: note.body.id, LinkedEntityId: accountId, ShareType: 'I' });
    expect(link.status).toBe(201);
    // Deleting the note deletes its links, as deleting a ContentDocument does.
    expect((await t.call('DELETE', `${V}/sobjects/ContentNote/${note.body.id}`)).status).toBe(204);
    expect(await count(`SELECT COUNT() FROM ContentDocumentLink WHERE Id = '${link.body.id}'`)).toBe(0);
    const notBase64 = await t.call<Errors>('POST', `${V}/sobjects/ContentNote`, { Title: 'x', Content: 'not base64!' });
    expect(notBase64.body[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('composite', () => {
  it('resolves @{ref.id} and @{ref.records[0].Field} in URLs and bodies', async () => {
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/query?q=${encodeURIComponent(`SELECT AccountId FROM Contact WHERE Id = '${contactId}'`)}` },
        { method: 'GET', referenceId: 'acct', url: `${V}/query?q=${encodeURIComponent('SELECT Id, OwnerId FROM Account WHERE Id = ')}'@{ctx.records[0].AccountId}'` },
        { method: 'POST', referenceId: 'case', url: `${V}/sobjects/Case`, body: { AccountId: '@{acct.records[0].Id}', OwnerId: '@{acct.records[0].OwnerId}', Subject: 'Dispute for @{acct.records[0].Id}', Type: 'Dispute' } },
        { method: 'POST', referenceId: 'line', url: `${V}/sobjects/Dispute_Line__c`, body: { Case__c: '@{case.id}', Invoice_Ref__c: 'a01Hs0000000001', Amount__c: 10, Currency_Code__c: 'INR' } },
        { method: 'GET', referenceId: 'check', url: `${V}/sobjects/Case/@{case.id}?fields=Subject,OwnerId` },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([['ctx', 200], ['acct', 200], ['case', 201], ['line', 201], ['check', 200]]);
    const created = result.body.compositeResponse[2];
    expect(created?.httpHeaders.Location).toMatch(new RegExp(`^${V}/sobjects/Case/500`));
    expect(result.body.compositeResponse[4]?.body).toMatchObject({ Subject: `Dispute for ${accountId}`, OwnerId: expect.stringMatching(/^005/) });
    // A composite counts as ONE API call.
    expect(t.sb.requestLog.filter((e) => e.api)).toHaveLength(1);
  });

  it('allOrNone: one failure rolls back every write and marks the others PROCESSING_HALTED', async () => {
    const before = await count('SELECT COUNT() FROM Task');
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', referenceId: 't1', url: `${V}/sobjects/Task`, body: { Subject: 'rolled back 1', WhatId: accountId } },
        { method: 'POST', referenceId: 'p1', url: `${V}/sobjects/Promise_To_Pay__c`, body: { Amount__c: 1 } },
        { method: 'POST', referenceId: 't2', url: `${V}/sobjects/Task`, body: { Subject: 'never run' } },
      ],
    });
    expect(result.status).toBe(200);
    const [t1, p1, t2] = result.body.compositeResponse;
    const halted = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];
    expect(t1).toEqual({ body: halted, httpHeaders: {}, httpStatusCode: 400, referenceId: 't1' });
    expect(p1?.httpStatusCode).toBe(400);
    expect((p1?.body as Errors)[0]?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(t2).toEqual({ body: halted, httpHeaders: {}, httpStatusCode: 400, referenceId: 't2' });
    expect(await count('SELECT COUNT() FROM Task')).toBe(before);
  });

  it('allOrNone false keeps successes; a reference to a failed or empty result halts only its dependants', async () => {
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      allOrNone: false,
      compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/query?q=${encodeURIComponent("SELECT AccountId FROM Contact WHERE LastName = 'Nobody'")}` },
        { method: 'GET', referenceId: 'acct', url: `${V}/query?q=SELECT+Id+FROM+Account+WHERE+Id+=+'@{ctx.records[0].AccountId}'` },
        { method: 'POST', referenceId: 'kept', url: `${V}/sobjects/Task`, body: { Subject: 'kept despite failures', WhatId: accountId } },
      ],
    });
    const [ctx, acct, kept] = result.body.compositeResponse;
    expect(ctx?.httpStatusCode).toBe(200);
    expect(acct?.httpStatusCode).toBe(400);
    expect((acct?.body as Errors)[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(kept?.httpStatusCode).toBe(201);
    expect(await count("SELECT COUNT() FROM Task WHERE Subject = 'kept despite failures'")).toBe(1);
  });

  it('enforces 25 subrequests and 5 queries per composite', async () => {
    const task = (i: number) => ({ method: 'POST', referenceId: `t${i}`, url: `${V}/sobjects/Task`, body: { Subject: `limit ${i}` } });
    const tooMany = await t.call<Errors>('POST', `${V}/composite`, { compositeRequest: Array.from({ length: 26 }, (_, i) => task(i)) });
    expect(tooMany.status).toBe(400);
    const query = (i: number) => ({ method: 'GET', referenceId: `q${i}`, url: `${V}/query?q=SELECT+Id+FROM+Account+LIMIT+1` });
    const tooManyQueries = await t.call<Errors>('POST', `${V}/composite`, { compositeRequest: Array.from({ length: 6 }, (_, i) => query(i)) });
    expect(tooManyQueries.status).toBe(400);
    expect(await count("SELECT COUNT() FROM Task WHERE Subject LIKE 'limit %'")).toBe(0);
  });

  it('accepts sObject Collections as a subrequest (with @{ref.id} in its records); a failed record rolls the whole composite back', async () => {
    const plan = (key: string) => ({
      method: 'PATCH', referenceId: 'plan', url: `${V}/sobjects/Payment_Plan__c/Idempotency_Key__c/${key}`,
      body: { Account__c: accountId, Status__c: 'Active', Frequency__c: 'Weekly', Total_Amount__c: 300, Currency_Code__c: 'INR', Start_Date__c: '2026-12-01' },
    });
    const instalments = (key: string, keys: string[]) => ({
      method: 'POST', referenceId: 'instalments', url: `${V}/composite/sobjects`,
      body: {
        allOrNone: true,
        records: keys.map((k, i) => ({
          attributes: { type: 'Plan_Instalment__c' }, Payment_Plan__c: '@{plan.id}', Sequence__c: i + 1, Due_Date__c: `2026-12-0${i + 1}`,
          Amount__c: 100, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Scheduled', Idempotency_Key__c: `${key}-${k}`,
        })),
      },
    });
    const ok = await t.call<CompositeResult>('POST', `${V}/composite`, { allOrNone: true, compositeRequest: [plan('coll-ok'), instalments('coll-ok', ['1', '2', '3'])] });
    expect(ok.body.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 200]);
    const planId = (ok.body.compositeResponse[0]?.body as { id: string }).id;
    expect(await count(`SELECT COUNT() FROM Plan_Instalment__c WHERE Payment_Plan__c = '${planId}'`)).toBe(3);
    expect(t.sb.requestLog.filter((e) => e.path === `${V}/composite`)).toHaveLength(1);

    // Instalment 2's key is taken (unique external id): the collection reports it, everything rolls back.
    const failed = await t.call<CompositeResult>('POST', `${V}/composite`, { allOrNone: true, compositeRequest: [plan('coll-bad'), instalments('coll-ok', ['9', '2', '8'])] });
    const [planResponse, collection] = failed.body.compositeResponse;
    expect(planResponse).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    const records = collection?.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(records.map((r) => r.success)).toEqual([false, false, false]);
    expect(records.flatMap((r) => r.errors.map((e) => e.statusCode))).toContain('DUPLICATE_VALUE');
    expect(await count("SELECT COUNT() FROM Payment_Plan__c WHERE Idempotency_Key__c = 'coll-bad'")).toBe(0);
    expect(await count("SELECT COUNT() FROM Plan_Instalment__c WHERE Idempotency_Key__c IN ('coll-ok-9', 'coll-ok-8')")).toBe(0);

    // A composite still cannot nest a composite.
    const nested = await t.call<CompositeResult>('POST', `${V}/composite`, { compositeRequest: [{ method: 'POST', referenceId: 'inner', url: `${V}/composite`, body: { compositeRequest: [] } }] });
    expect(nested.body.compositeResponse[0]?.httpStatusCode).toBe(400);
  });
});

describe('sObject collections', () => {
  it('creates up to 200 records; allOrNone rolls all back with ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const ok = await t.call<Array<{ id: string; success: boolean }>>('POST', `${V}/composite/sobjects`, {
      allOrNone: true, records: [1, 2].map((i) => ({ attributes: { type: 'Task' }, Subject: `coll ${i}`, WhatId: accountId })),
    });
    expect(ok.body.map((r) => r.success)).toEqual([true, true]);
    const mixed = await t.call<Array<{ id: string | null; success: boolean; errors: Array<{ statusCode: string }> }>>('POST', `${V}/composite/sobjects`, {
      allOrNone: true, records: [{ attributes: { type: 'Task' }, Subject: 'coll rollback' }, { attributes: { type: 'Promise_To_Pay__c' }, Amount__c: 1 }],
    });
    expect(mixed.body[0]).toMatchObject({ id: null, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }] });
    expect(mixed.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }] });
    expect(await count("SELECT COUNT() FROM Task WHERE Subject = 'coll rollback'")).toBe(0);
    const partial = await t.call<Array<{ success: boolean }>>('POST', `${V}/composite/sobjects`, {
      allOrNone: false, records: [{ attributes: { type: 'Task' }, Subject: 'coll partial' }, { attributes: { type: 'Promise_To_Pay__c' }, Amount__c: 1 }],
    });
    expect(partial.body.map((r) => r.success)).toEqual([true, false]);
    const tooMany = await t.call<Errors>('POST', `${V}/composite/sobjects`, { records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Task' } })) });
    expect(tooMany).toMatchObject({ status: 400, body: [{ errorCode: 'EXCEEDED_ID_LIMIT' }] });
  });

  it('updates, upserts by external id and deletes in bulk', async () => {
    const created = await t.call<Array<{ id: string }>>('POST', `${V}/composite/sobjects`, { records: [{ attributes: { type: 'Task' }, Subject: 'bulk a' }] });
    const id = created.body[0]?.id ?? '';
    const updated = await t.call<Array<{ success: boolean }>>('PATCH', `${V}/composite/sobjects`, { records: [{ attributes: { type: 'Task' }, Id: id, Subject: 'bulk b' }] });
    expect(updated.body[0]?.success).toBe(true);
    const upserted = await t.call<Array<{ created: boolean }>>('PATCH', `${V}/composite/sobjects/Promise_To_Pay__c/Idempotency_Key__c`, {
      records: [{ attributes: { type: 'Promise_To_Pay__c' }, ...promiseBody('bulk-upsert') }, { attributes: { type: 'Promise_To_Pay__c' }, ...promiseBody('bulk-upsert', { Amount__c: 7 }) }],
    });
    expect(upserted.body.map((r) => r.created)).toEqual([true, false]);
    const deleted = await t.call<Array<{ success: boolean }>>('DELETE', `${V}/composite/sobjects?ids=${id}`);
    expect(deleted.body[0]?.success).toBe(true);
    expect(await count(`SELECT COUNT() FROM Task WHERE Id = '${id}'`)).toBe(0);
  });
});

describe('query resource', () => {
  it('pages with nextRecordsUrl at the requested batch size (min 200)', async () => {
    const total = await count('SELECT COUNT() FROM Collections_Invoice__c');
    expect(total).toBeGreaterThan(0);
    const first = await t.call<{ totalSize: number; done: boolean; records: unknown[]; nextRecordsUrl?: string }>(
      'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Task')}`, undefined, { 'Sforce-Query-Options': 'batchSize=1' },
    );
    // batchSize below 200 is raised to 200.
    expect(first.body.records.length).toBe(Math.min(200, first.body.totalSize));
  });

  it('reports errors as 400 with Salesforce codes and never crashes', async () => {
    const weird = ['SELECT', "SELECT Id FROM Account WHERE Name = '\\", 'SELECT Id FROM Account LIMIT -1', 'SELECT Id FROM Account WHERE Id IN ()', '%%%', 'SELECT COUNT(), Id FROM Account'];
    for (const soql of weird) {
      const response = await t.call<Errors>('GET', `${V}/query?q=${encodeURIComponent(soql)}`);
      expect(response.status, soql).toBe(400);
      expect(response.body[0]?.errorCode, soql).toMatch(/^(MALFORMED_QUERY|INVALID_FIELD)$/);
    }
    const noQ = await t.call<Errors>('GET', `${V}/query`);
    expect(noQ.status).toBe(400);
    const badLocator = await t.call<Errors>('GET', `${V}/query/01gXXXXXXXXXXXXXXX-2000`);
    expect(badLocator.body[0]?.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});

describe('resources, auth and test hooks', () => {
  it('answers versions, describeGlobal, describe and limits', async () => {
    const versions = await t.call<Array<{ version: string; url: string }>>('GET', '/services/data');
    expect(versions.body.map((v) => v.version)).toContain('66.0');
    const global = await t.call<{ sobjects: Array<{ name: string; keyPrefix: string }> }>('GET', `${V}/sobjects`);
    expect(global.body.sobjects.find((s) => s.name === 'Collections_Invoice__c')?.keyPrefix).toBe('a01');
    const describe = await t.call<{ fields: Array<{ name: string; externalId: boolean; nillable: boolean; picklistValues: unknown[] }>; childRelationships: Array<{ relationshipName: string }> }>(
      'GET', `${V}/sobjects/Payment_Plan__c/describe`,
    );
    expect(describe.body.fields.find((f) => f.name === 'Idempotency_Key__c')?.externalId).toBe(true);
    expect(describe.body.fields.find((f) => f.name === 'Status__c')).toMatchObject({ nillable: false, picklistValues: expect.arrayContaining([expect.objectContaining({ value: 'Active' })]) });
    expect(describe.body.childRelationships.map((r) => r.relationshipName)).toContain('Instalments__r');
    const limits = await t.call<{ DailyApiRequests: { Max: number; Remaining: number } }>('GET', `${V}/limits`);
    expect(limits.body.DailyApiRequests.Max).toBe(15000);
    expect(limits.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
    expect((await t.call('GET', '/services/data/v12.0/sobjects')).status).toBe(404);
    expect((await t.call('GET', `${V}/sobjects/Nope__c/describe`)).status).toBe(404);
  });

  it('rejects a missing or bad bearer token with INVALID_SESSION_ID', async () => {
    for (const headers of [{ Authorization: 'Bearer wrong' }, { Authorization: '' }]) {
      const response = await fetch(`${t.sb.url}${V}/limits`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=/);
    }
  });

  it('exposes the request log over HTTP (not counted as API) and resets it', async () => {
    await t.query('SELECT Id FROM Account LIMIT 1');
    const log = await t.call<Array<{ method: string; path: string; api: boolean; status: number }>>('GET', '/__sandbox/requests');
    expect(log.body).toEqual([expect.objectContaining({ method: 'GET', path: `${V}/query`, api: true, status: 200 })]);
    expect((await t.call('POST', '/__sandbox/requests/reset')).status).toBe(204);
    expect((await t.call<unknown[]>('GET', '/__sandbox/requests')).body).toEqual([]);
  });

  it('injects faults when enabled: processed-then-dropped and canned responses', async () => {
    const rule = await t.call<{ id: string }>('POST', '/__sandbox/faults', { action: 'drop-after-processing', method: 'POST', includes: '/sobjects/Task' });
    expect(rule.status).toBe(201);
    await expect(t.call('POST', `${V}/sobjects/Task`, { Subject: 'dropped but committed' })).rejects.toThrow();
    expect(await count("SELECT COUNT() FROM Task WHERE Subject = 'dropped but committed'")).toBe(1);
    await t.call('POST', '/__sandbox/faults', { action: 'respond', status: 503, path: `${V}/limits`, times: 2 });
    expect((await t.call('GET', `${V}/limits`)).status).toBe(503);
    expect((await t.call('GET', `${V}/limits`)).status).toBe(503);
    expect((await t.call('GET', `${V}/limits`)).status).toBe(200);
  });

  it('answers REQUEST_LIMIT_EXCEEDED once the API allocation is used up', async () => {
    const small = await startTestSandbox({ accounts: 1, apiLimit: 2 });
    try {
      expect((await small.call('GET', `${V}/limits`)).status).toBe(200);
      const second = await small.call('GET', `${V}/limits`);
      expect(second.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
      const third = await small.call<Errors>('GET', `${V}/limits`);
      expect(third).toMatchObject({ status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] });
    } finally {
      await small.sb.close();
    }
  });

  it('keeps fault injection off unless started with the test flag', async () => {
    const plain = await startTestSandbox({ accounts: 1 });
    try {
      expect((await plain.call('POST', '/__sandbox/faults', { action: 'respond' })).status).toBe(404);
    } finally {
      await plain.sb.close();
    }
  });
});
