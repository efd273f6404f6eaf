/**
 * The connector contract against the sandbox over real HTTP, plus a PLAIN jsforce Connection (no
 * connector code) proving the sandbox is a usable Salesforce stand-in for any client.
 */
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USERNAME, DEMO_PASSWORD } from '../../sandbox/auth';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { DEMO_ACCOUNT_NAME } from '../../sandbox/seed/index';
import { defineConnectorContract } from './connector-contract';
import { createSandboxBackend } from './sandbox-backend';

defineConnectorContract('sandbox over HTTP', createSandboxBackend);

describe('plain jsforce 3.10.16 against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 3, accounts: 80, referenceDate: '2026-11-20' }, today: '2026-11-20' });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('logs in with the default SOAP login, queries, creates and runs a composite', async () => {
    const conn = new Connection({ loginUrl: sandbox.url, version: '66.0' });
    const info = await conn.login(DEFAULT_USERNAME, DEMO_PASSWORD);
    expect(info.id).toMatch(/^005/);
    expect(conn.instanceUrl).toBe(sandbox.url);

    const accounts = await conn.query<{ Id: string; Name: string; Owner: { Name: string } }>(
      `SELECT Id, Name, Owner.Name FROM Account WHERE Name = '${DEMO_ACCOUNT_NAME}'`,
    );
    expect(accounts.totalSize).toBe(1);
    const account = accounts.records[0];
    expect(account?.Owner.Name).toBe('Rohan Mehta');

    const created = await conn.sobject('Task').create({ Subject: 'Call', WhatId: account?.Id, Status: 'Completed', TaskSubtype: 'Call' });
    expect(created.success).toBe(true);
    const task = await conn.sobject('Task').retrieve(created.id as string);
    expect(task.AccountId).toBe(account?.Id);
    const many = await conn.sobject('Task').create([{ Subject: 'bulk 1', WhatId: account?.Id }, { Subject: 'bulk 2', WhatId: account?.Id }], { allOrNone: true });
    expect(many.map((r) => r.success)).toEqual([true, true]);
    const fetched = await conn.sobject('Task').retrieve(many.map((r) => r.id as string), { fields: ['Subject'] });
    expect(fetched.map((r) => r.Subject)).toEqual(['bulk 1', 'bulk 2']);
    const updated = await conn.sobject('Task').update(many.map((r) => ({ Id: r.id as string, Status: 'Completed' })));
    expect(updated.every((r) => r.success)).toBe(true);
    const destroyed = await conn.sobject('Task').destroy(many.map((r) => r.id as string));
    expect(destroyed.every((r) => r.success)).toBe(true);

    const composite = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: { id?: string } }> }>(
      '/services/data/v66.0/composite',
      {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v66.0/sobjects/ContentNote', referenceId: 'note', body: { Title: 'From jsforce', Content: Buffer.from('<p>hi</p>').toString('base64') } },
          { method: 'POST', url: '/services/data/v66.0/sobjects/ContentDocumentLink', referenceId: 'link', body: { ContentDocumentId: '@{note.id}', LinkedEntityId: account?.Id, ShareType: 'V' } },
        ],
      },
    );
    expect(composite.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201]);
    const links = await conn.query<{ ContentDocument: { Title: string } }>(
      `SELECT ContentDocument.Title FROM ContentDocumentLink WHERE LinkedEntityId = '${account?.Id}' AND ContentDocument.Title = 'From jsforce'`,
    );
    expect(links.records.map((r) => r.ContentDocument.Title)).toEqual(['From jsforce']);
  });

  it('logs in with the OAuth 2.0 password flow and pages through a large result with queryMore', async () => {
    const conn = new Connection({ oauth2: { loginUrl: sandbox.url, clientId: 'sandbox-demo', clientSecret: 'unused' }, version: '66.0' });
    await conn.login(DEFAULT_USERNAME, DEMO_PASSWORD);
    const count = await conn.query('SELECT COUNT() FROM Collections_Invoice__c');
    expect(count.totalSize).toBeGreaterThan(200);
    // batchSize 200 (the minimum Salesforce honours) forces several pages.
    const soql = 'SELECT Id, Invoice_Number__c FROM Collections_Invoice__c ORDER BY Invoice_Number__c';
    let page = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<{ Id: string }> }>({
      method: 'GET', url: `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    const ids = page.records.map((r) => r.Id);
    expect(page.records).toHaveLength(200);
    expect(page.totalSize).toBe(count.totalSize);
    while (!page.done && page.nextRecordsUrl) {
      expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g\w+-\d+$/);
      page = await conn.queryMore(page.nextRecordsUrl) as typeof page;
      ids.push(...page.records.map((r) => r.Id));
    }
    expect(ids).toHaveLength(count.totalSize);
    expect(new Set(ids).size).toBe(count.totalSize);
  });
});
