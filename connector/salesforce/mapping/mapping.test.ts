import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors';
import { createMswBackend } from '../../../test/contract/msw-backend';
import type { MswBackend } from '../../../test/contract/msw-backend';
import { createFetchClient } from '../fetch-client';
import { PRODUCT_OBJECTS } from '../product-schema';
import { parseCustomMapping } from './custom';
import { billingPreset, pickPreset, presetMapping, PRESET_NAMES, productPreset } from './presets';
import { MappingConfigSchema, mappedFields, mappingProblems } from './schema';
import { setupCheck } from './setup-check';

describe('mapping presets', () => {
  it.each(PRESET_NAMES)('%s validates against the mapping schema', (name) => {
    expect(mappingProblems(presetMapping(name))).toEqual([]);
    expect(MappingConfigSchema.safeParse(presetMapping(name)).success).toBe(true);
  });

  it('product preset uses only API names that exist in product-schema.ts (or standard fields)', () => {
    const mapping = productPreset();
    const productField = (object: string, field: string): boolean =>
      PRODUCT_OBJECTS.some((o) => o.apiName === object && o.fields.some((f) => f.apiName === field));
    for (const entity of [mapping.invoice, mapping.payment, mapping.promise, mapping.plan, mapping.settlement]) {
      if (!entity) {
        continue;
      }
      for (const field of mappedFields(entity.fields)) {
        expect(productField(entity.object, field), `${entity.object}.${field}`).toBe(true);
      }
    }
    expect(mapping.plan?.instalment.planRelationship).toBe('Instalments__r');
    expect(mapping.dispute?.line.caseRelationship).toBe('Dispute_Lines__r');
  });

  it('billing keeps promises/plans/disputes on product objects and reads blng__ invoices', () => {
    const billing = billingPreset('EUR');
    expect(billing.invoice.object).toBe('blng__Invoice__c');
    expect(billing.invoice.fields).toMatchObject({ dueDate: 'blng__DueDate__c', balance: 'blng__Balance__c', total: 'blng__TotalAmount__c', currency: 'CurrencyIsoCode' });
    expect(billing.payment?.object).toBe('blng__Payment__c');
    expect(billing.promise?.object).toBe('Promise_To_Pay__c');
    expect(presetMapping('standard-invoice').invoice).toMatchObject({ object: 'Invoice', readOnly: true, accountField: 'BillingAccountId' });
  });

  it('picks the preset from describeGlobal', () => {
    expect(pickPreset([{ name: 'Account' }, { name: 'blng__Invoice__c' }, { name: 'Invoice' }])).toBe('billing');
    expect(pickPreset([{ name: 'Account' }, { name: 'Invoice', queryable: true }])).toBe('standard-invoice');
    expect(pickPreset([{ name: 'Invoice', queryable: false }])).toBe('product');
    expect(pickPreset([])).toBe('product');
  });
});

describe('custom mapping file', () => {
  it('merges a valid ERP mapping over the product preset', () => {
    const mapping = parseCustomMapping(JSON.stringify({
      defaultCurrency: 'GBP',
      invoice: {
        object: 'ERP_Invoice__c', accountField: 'Customer__c', readOnly: true,
        fields: { number: 'Name', issueDate: 'Issued__c', dueDate: 'Due__c', total: 'Gross__c', balance: 'Open__c', status: null, currency: null, poNumber: null },
        statusValues: {}, excludeStatuses: [],
      },
      payment: null,
    }));
    expect(mapping.name).toBe('custom');
    expect(mapping.invoice.object).toBe('ERP_Invoice__c');
    expect(mapping.payment).toBeNull();
    expect(mapping.promise?.object).toBe('Promise_To_Pay__c');
  });

  it('reports every bad key on its own line', () => {
    let error: unknown;
    try {
      parseCustomMapping({
        invoices: {},
        invoice: {
          object: 'ERP_Invoice__c', accountField: 'Customer__c', readOnly: true,
          fields: { number: 'Name', issueDate: 'Issued__c', dueDat: 'Due__c', total: 'Gross Amount', balance: 'Open__c', status: null, currency: null, poNumber: null },
          statusValues: { Open: 'unpaid' }, excludeStatuses: [],
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    const message = (error as ConnectorError).userMessage;
    expect((error as ConnectorError).kind).toBe('configuration');
    expect(message).toContain('invoices: unknown key');
    expect(message).toContain('invoice.fields: unknown key "dueDat"');
    expect(message).toContain('invoice.fields.dueDate: missing');
    expect(message).toContain('invoice.fields.total: must be a Salesforce API name');
    expect(message).toContain('invoice.statusValues.Open');
  });

  it('rejects non-JSON and non-objects plainly', () => {
    const userMessageOf = (input: string): string => {
      try {
        parseCustomMapping(input);
      } catch (error) {
        return (error as ConnectorError).userMessage;
      }
      return '';
    };
    expect(userMessageOf('{nope')).toMatch(/not valid JSON/);
    expect(userMessageOf('[]')).toMatch(/JSON object/);
  });
});

describe('setupCheck', () => {
  let backend: MswBackend;
  beforeAll(() => {
    backend = createMswBackend({ instanceUrl: 'https://setup.my.salesforce.com' });
  });
  afterAll(async () => backend.close());
  const client = (): ReturnType<typeof createFetchClient> => createFetchClient({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken });

  it('passes for the product preset on an org with the package installed', async () => {
    const report = await setupCheck(client(), productPreset());
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toEqual(expect.arrayContaining(['Account', 'Contact', 'Collections_Invoice__c', 'Promise_To_Pay__c', 'Task', 'Case']));
  });

  it('reports EVERY missing object, field and permission in plain words', async () => {
    const promise = backend.org.schema.get('Promise_To_Pay__c');
    const task = backend.org.schema.get('Task');
    const removed = promise?.fields.get('Note__c');
    promise?.fields.delete('Note__c');
    const key = promise?.fields.get('Idempotency_Key__c');
    if (key) {
      key.externalId = false;
    }
    if (task) {
      task.createable = false;
    }
    try {
      const report = await setupCheck(client(), billingPreset());
      const messages = report.problems.map((p) => p.message);
      expect(report.ok).toBe(false);
      expect(messages).toEqual(expect.arrayContaining([
        'Object blng__Invoice__c is missing in this org, or your user cannot access it.',
        'Object blng__Payment__c is missing in this org, or your user cannot access it.',
        'Field Promise_To_Pay__c.Note__c is missing, or your user cannot see it (field-level security).',
        'Field Promise_To_Pay__c.Idempotency_Key__c must be an External ID so retries never create duplicates.',
        'You cannot create Task records. Ask your admin for create access on Task.',
      ]));
      // Account has no CurrencyIsoCode in a single-currency org.
      expect(messages.some((m) => m.includes('Account.CurrencyIsoCode'))).toBe(true);
    } finally {
      if (promise && removed) {
        promise.fields.set('Note__c', removed);
      }
      if (key) {
        key.externalId = true;
      }
      if (task) {
        task.createable = true;
      }
    }
  });
});
