import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from './import';
import { createInProcessOrg } from './in-process';
import { makeId } from './ids';
import { seedOptions, seedStore } from './seed/index';
import { startTestSandbox, TEST_DATE } from './testing';
import type { TestSandbox } from './testing';

const V = '/services/data/v66.0';
const ORIGIN = 'https://inprocess.my.salesforce.com';
const TOKEN = '00DINPROCESS!AQ.token';
const SEED = { seed: 11, accounts: 12, referenceDate: TEST_DATE };

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ accounts: SEED.accounts });
});
afterAll(async () => {
  await t.sb.close();
});

const get = (path: string, token = TOKEN): Request => new Request(`${ORIGIN}${path}`, { headers: { Authorization: `Bearer ${token}` } });
const json = (method: string, path: string, body: unknown): Request =>
  new Request(`${ORIGIN}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('in-process org', () => {
  it('answers exactly like the HTTP sandbox for the same data (query, composite, errors)', async () => {
    const org = createInProcessOrg({ accessToken: TOKEN, store: seedStore(seedOptions(SEED)), today: TEST_DATE });
    const soql = "SELECT Id, Name, Owner.Name, (SELECT Invoice_Number__c, Balance__c FROM Collections_Invoices__r ORDER BY Invoice_Number__c) FROM Account WHERE Name = 'Jaipur Textiles Pvt Ltd'";
    const local = await org.handle(get(`${V}/query?q=${encodeURIComponent(soql)}`));
    const remote = await t.query(soql);
    expect(local.status).toBe(200);
    expect(await local.json()).toEqual(remote.body);
    expect(local.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');

    const bad = await org.handle(get(`${V}/query?q=${encodeURIComponent('SELECT Nope__c FROM Account')}`));
    const badRemote = await t.query('SELECT Nope__c FROM Account');
    expect([bad.status, await bad.json()]).toEqual([badRemote.status, badRemote.body]);

    const composite = {
      allOrNone: true,
      compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Jaipur Textiles Pvt Ltd'")}` },
        { method: 'POST', referenceId: 'task', url: `${V}/sobjects/Task`, body: { Subject: 'In-process call', WhatId: '@{ctx.records[0].Id}' } },
      ],
    };
    const created = await org.handle(json('POST', `${V}/composite`, composite));
    const body = await created.json() as { compositeResponse: Array<{ httpStatusCode: number }> };
    expect(body.compositeResponse.map((r) => r.httpStatusCode)).toEqual([200, 201]);
    expect([...org.store.all('Task')].filter((task) => task.Subject === 'In-process call')).toHaveLength(1);
    expect(org.apiUsage().used).toBe(3);
  });

  it('rejects any other token with INVALID_SESSION_ID and a malformed body with JSON_PARSER_ERROR', async () => {
    const org = createInProcessOrg({ accessToken: TOKEN });
    const denied = await org.handle(get(`${V}/limits`, 'someone-else'));
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const broken = await org.handle(new Request(`${ORIGIN}${V}/sobjects/Task`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: '{nope' }));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    // An empty org still accepts writes: the API user need not exist as a record.
    const account = await org.handle(json('POST', `${V}/sobjects/Account`, { Name: 'Empty Org Ltd' }));
    expect(account.status).toBe(201);
  });

  it('models a single-currency org with extra objects, and schema edits take effect at once', async () => {
    const org = createInProcessOrg({
      accessToken: TOKEN,
      schema: {
        multiCurrency: false,
        extraObjects: {
          Account: { prefix: '001', fields: { Region__c: 'picklist' } },
          blng__Invoice__c: { prefix: 'a0B', fields: { blng__Account__c: 'reference:Account', blng__DueDate__c: 'date', blng__Balance__c: 'currency' } },
        },
      },
    });
    const describeAccount = await (await org.handle(get(`${V}/sobjects/Account/describe`))).json() as { fields: Array<{ name: string }> };
    expect(describeAccount.fields.map((f) => f.name)).not.toContain('CurrencyIsoCode');
    expect(describeAccount.fields.map((f) => f.name)).toContain('Region__c');
    const global = await (await org.handle(get(`${V}/sobjects`))).json() as { sobjects: Array<{ name: string }> };
    expect(global.sobjects.map((o) => o.name)).toContain('blng__Invoice__c');

    const accountId = makeId('001', 1);
    importRecords(org.store, {
      Account: [{ Id: accountId, Name: 'Billing Co', Region__c: 'EMEA' }],
      blng__Invoice__c: [{ Id: makeId('a0B', 1), blng__Account__c: accountId, blng__DueDate__c: '2026-10-31', blng__Balance__c: 200.5 }],
    });
    const soql = `SELECT blng__Balance__c, blng__Account__r.Name FROM blng__Invoice__c WHERE blng__Account__c = '${accountId}'`;
    const rows = await (await org.handle(get(`${V}/query?q=${encodeURIComponent(soql)}`))).json() as { records: Array<Record<string, unknown>> };
    expect(rows.records).toMatchObject([{ blng__Balance__c: 200.5, blng__Account__r: { Name: 'Billing Co' } }]);

    // The default sandbox schema is untouched by another org's edits.
    expect(org.schema.setField('Account', 'Region__c', null)?.name).toBe('Region__c');
    const gone = await org.handle(get(`${V}/query?q=${encodeURIComponent('SELECT Region__c FROM Account')}`));
    expect(gone.status).toBe(400);
    expect((await t.query('SELECT CurrencyIsoCode FROM Account LIMIT 1')).status).toBe(200);
  });
});
