/**
 * The panel's composite (decision 0028): the record is resolved with an sObject Rows GET
 * (`/sobjects/<Object>/<id>?fields=<field>`), which is not a query subrequest, and later subrequests
 * read its field as `@{ctx.<field>}`. Answered as Salesforce does: the requested fields only (with
 * `attributes`), 404 NOT_FOUND for a record that is gone, dependants halted on the reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessOrg } from '../in-process';
import { demoAccountAndContact, startTestSandbox } from '../testing';
import type { TestSandbox } from '../testing';

const V = '/services/data/v66.0';
type Sub = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };
type CompositeResult = { compositeResponse: Sub[] };
const q = (soql: string): string => `${V}/query?q=${encodeURIComponent(soql)}`;

let t: TestSandbox;
let accountId = '';
let contactId = '';

beforeAll(async () => {
  t = await startTestSandbox();
  ({ accountId, contactId } = await demoAccountAndContact(t));
});

afterAll(async () => {
  await t.sb.close();
});

describe('composite: an sObject Rows GET as the first subrequest', () => {
  it('answers the requested field only, and a later query reads it as @{ctx.AccountId}; 5 queries besides it are allowed', async () => {
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      allOrNone: false,
      compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/sobjects/Contact/${contactId}?fields=AccountId` },
        { method: 'GET', referenceId: 'account', url: `${q('SELECT Id, Name FROM Account WHERE Id = ')}'@{ctx.AccountId}'` },
        { method: 'GET', referenceId: 'invoices', url: `${q('SELECT Id FROM Collections_Invoice__c WHERE Account__c = ')}'@{ctx.AccountId}'` },
        { method: 'GET', referenceId: 'payments', url: `${q('SELECT Id FROM Collections_Payment__c WHERE Account__c = ')}'@{ctx.AccountId}'` },
        { method: 'GET', referenceId: 'notes', url: `${q("SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = ")}'@{ctx.AccountId}'` },
        { method: 'GET', referenceId: 'rates', url: q('SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true') },
      ],
    });
    expect(result.status).toBe(200);
    const [ctx, account, ...rest] = result.body.compositeResponse;
    expect(ctx).toEqual({
      referenceId: 'ctx', httpStatusCode: 200, httpHeaders: {},
      body: { attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${contactId}` }, AccountId: accountId },
    });
    expect(account?.body).toMatchObject({ totalSize: 1, records: [{ Id: accountId, Name: 'Jaipur Textiles Pvt Ltd' }] });
    expect(rest.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([['invoices', 200], ['payments', 200], ['notes', 200], ['rates', 200]]);
    expect((rest.at(-1)?.body as { records: Array<{ IsoCode: string; IsCorporate: boolean }> }).records).toContainEqual(expect.objectContaining({ IsoCode: 'USD', IsCorporate: true }));
  });

  it('a record that is gone: 404 NOT_FOUND in Salesforce\'s error shape, its dependants halted, the rest answered', async () => {
    const gone = `${contactId.slice(0, 9)}ZZZZZZ`;
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      allOrNone: false,
      compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/sobjects/Contact/${gone}?fields=AccountId` },
        { method: 'GET', referenceId: 'account', url: `${q('SELECT Id FROM Account WHERE Id = ')}'@{ctx.AccountId}'` },
        { method: 'GET', referenceId: 'rates', url: q('SELECT IsoCode FROM CurrencyType') },
      ],
    });
    const [ctx, account, rates] = result.body.compositeResponse;
    expect(ctx).toEqual({ referenceId: 'ctx', httpStatusCode: 404, httpHeaders: {}, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
    expect(account?.httpStatusCode).toBe(400);
    expect((account?.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(rates?.httpStatusCode).toBe(200);
  });

  it('an unknown field in ?fields= is a 400 INVALID_FIELD, as in Salesforce', async () => {
    const result = await t.call<CompositeResult>('POST', `${V}/composite`, {
      compositeRequest: [{ method: 'GET', referenceId: 'ctx', url: `${V}/sobjects/Account/${accountId}?fields=NoSuchField__c` }],
    });
    expect(result.body.compositeResponse[0]?.httpStatusCode).toBe(400);
    expect((result.body.compositeResponse[0]?.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALID_FIELD');
  });

  it('a single-currency org has no CurrencyType: only that subrequest fails', async () => {
    const org = createInProcessOrg({ accessToken: 'single', schema: { multiCurrency: false } });
    const created = await org.handle(new Request(`https://org.example${V}/sobjects/Account`, { method: 'POST', headers: { Authorization: 'Bearer single', 'Content-Type': 'application/json' }, body: JSON.stringify({ Name: 'One Currency Ltd' }) }));
    const { id } = await created.json() as { id: string };
    const answer = await org.handle(new Request(`https://org.example${V}/composite`, {
      method: 'POST', headers: { Authorization: 'Bearer single', 'Content-Type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, compositeRequest: [
        { method: 'GET', referenceId: 'ctx', url: `${V}/sobjects/Account/${id}?fields=Id` },
        { method: 'GET', referenceId: 'rates', url: q('SELECT IsoCode, ConversionRate, IsCorporate FROM CurrencyType WHERE IsActive = true') },
      ] }),
    }));
    const { compositeResponse } = await answer.json() as CompositeResult;
    expect(compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([['ctx', 200], ['rates', 400]]);
    expect((compositeResponse[1]?.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALID_TYPE');
  });
});
