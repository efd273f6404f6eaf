import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../testing';
import type { TestSandbox } from '../testing';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ accounts: 3 });
});
afterAll(async () => {
  await t.sb.close();
});

const V = '/services/data/v66.0';
const objects = ['Account', 'Contact', 'Task', 'Case', 'ContentNote', 'ContentDocumentLink', 'Promise_To_Pay__c', 'Payment_Plan__c', 'Plan_Instalment__c', 'Organization', 'Nope__c'];
const segment = fc.oneof(fc.constantFrom(...objects, 'describe', 'Idempotency_Key__c', 'Id', '001Hs0000000001IAA', 'Content'), fc.string({ maxLength: 20 }));
const path = fc.oneof(
  fc.tuple(fc.constantFrom('sobjects', 'composite', 'composite/sobjects', 'query', 'limits', 'queryAll'), fc.array(segment, { maxLength: 3 }))
    .map(([resource, rest]) => `${V}/${resource}${rest.length ? '/' : ''}${rest.map(encodeURIComponent).join('/')}`),
  fc.string({ maxLength: 200 }).map((soql) => `${V}/query?q=${encodeURIComponent(soql)}`),
  fc.constantFrom('SELECT', 'FROM', 'WHERE', 'Id', 'Name', '=', "'x'", '(', ')', 'AND', 'OR', 'NOT', 'LIMIT', '5', 'TODAY', 'Account', 'Contacts', ',', 'IN', 'ORDER BY', 'COUNT()', 'Owner.Name', 'null', 'LAST_N_DAYS:3')
    .chain((first) => fc.array(fc.constantFrom('SELECT', 'FROM', 'WHERE', 'Id', 'Name', '=', "'x'", '(', ')', 'AND', 'OR', 'NOT', 'LIMIT', '5', 'TODAY', 'Account', 'Contacts', ',', 'IN', 'ORDER BY', 'COUNT()', 'Owner.Name', 'null', 'LAST_N_DAYS:3'), { maxLength: 14 }).map((rest) => [first, ...rest].join(' ')))
    .map((soql) => `${V}/query?q=${encodeURIComponent(soql)}`),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ compositeRequest: fc.array(fc.record({ method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'BOGUS'), url: path, referenceId: fc.stringMatching(/^[a-z]{1,4}$/), body: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 4 }), allOrNone: fc.boolean() }),
  fc.record({ records: fc.array(fc.record({ attributes: fc.record({ type: fc.constantFrom(...objects) }), Subject: fc.jsonValue({ maxDepth: 1 }), Amount__c: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 3 }), allOrNone: fc.boolean() }),
  fc.dictionary(fc.constantFrom('Subject', 'Name', 'LastName', 'Amount__c', 'WhatId', 'Due_Date__c', 'Status__c', 'Content', 'Id', 'CurrencyIsoCode', 'Collections_Flags__c', 'attributes'), fc.jsonValue({ maxDepth: 1 })),
);

describe('sandbox robustness', () => {
  it('answers arbitrary requests with a Salesforce-shaped status below 500 and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'), path, body, async (method, url, payload) => {
      const response = await t.call(method, url, method === 'GET' ? undefined : payload);
      expect(response.status, `${method} ${url} ${JSON.stringify(payload)} -> ${JSON.stringify(response.body)}`).toBeLessThan(500);
    }), { numRuns: 400 });
    expect((await t.call('GET', `${V}/limits`)).status).toBe(200);
  });
});
