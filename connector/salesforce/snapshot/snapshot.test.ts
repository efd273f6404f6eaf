import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../../errors';
import { contractDataset, DATASET_NOW, IDS } from '../../../test/contract/dataset';
import { createMswBackend } from '../../../test/contract/msw-backend';
import type { MswBackend } from '../../../test/contract/msw-backend';
import { parseSoql } from '../../../sandbox/soql/syntax';
import type { CompositeResponse } from '../client';
import { to18 } from '../ids';
import { billingPreset, presetMapping, productPreset, standardInvoicePreset } from '../mapping/presets';
import { createSalesforcePort } from '../rest-port';
import { buildSnapshotRequest, COMPOSITE_MAX_QUERY_SUBREQUESTS } from './build';
import { CURRENCY_TYPES_SOQL } from '../portfolio/rates';
import { activitySourceWindow } from '../../snapshot-activities';
import { mapSnapshot } from './map';
import { getProfileRules } from '../../domain/compliance/profiles';

const soqlOf = (url: string): string => decodeURIComponent(url.split('?q=')[1] ?? '');

describe('buildSnapshotRequest', () => {
  const isQuery = (url: string): boolean => /\/(query|queryAll)(\/|\?|$)/.test(url);

  it('builds ONE composite with at most 5 query subrequests (Salesforce\'s cap), allOrNone false, rates included', () => {
    for (const preset of ['product', 'billing', 'standard-invoice'] as const) {
      for (const id of [IDS.account, IDS.contactAp]) {
        const request = buildSnapshotRequest(presetMapping(preset), { id }, { now: DATASET_NOW });
        expect(request.allOrNone).toBe(false);
        expect(request.compositeRequest.filter((s) => isQuery(s.url)).length).toBeLessThanOrEqual(COMPOSITE_MAX_QUERY_SUBREQUESTS);
        expect(request.compositeRequest.every((s) => s.method === 'GET')).toBe(true);
        expect(request.compositeRequest[0]?.referenceId).toBe('ctx');
        expect(isQuery(request.compositeRequest[0]?.url ?? '')).toBe(false);
        expect(soqlOf(request.compositeRequest.at(-1)?.url ?? '')).toBe(CURRENCY_TYPES_SOQL);
      }
    }
    expect(buildSnapshotRequest(productPreset(), { id: IDS.account }).compositeRequest.map((s) => s.referenceId)).toEqual(['ctx', 'account', 'invoices', 'payments', 'notes', 'rates']);
    expect(buildSnapshotRequest(standardInvoicePreset(), { id: IDS.account }).compositeRequest.map((s) => s.referenceId)).toEqual(['ctx', 'account', 'invoices', 'notes', 'rates']);
  });

  it('resolves the record with an sObject Rows GET and references its account id as @{ctx.<field>}', () => {
    for (const [id, object] of [[IDS.contactAp, 'Contact'], [IDS.opportunity, 'Opportunity'], [IDS.disputeCase, 'Case']] as const) {
      const request = buildSnapshotRequest(productPreset(), { id }, { now: DATASET_NOW });
      const [ctx, ...rest] = request.compositeRequest;
      expect(ctx?.url).toBe(`/services/data/v66.0/sobjects/${object}/${id}?fields=AccountId`);
      for (const sub of rest.filter((s) => s.referenceId !== 'rates')) {
        // The reference stays literal in the URL (encodeURIComponent leaves the quotes alone).
        expect(sub.url).toContain("'@{ctx.AccountId}'");
      }
    }
    const account = buildSnapshotRequest(productPreset(), { id: IDS.account }, { now: DATASET_NOW });
    expect(account.compositeRequest[0]?.url).toBe(`/services/data/v66.0/sobjects/Account/${IDS.account}?fields=Id`);
    expect(account.compositeRequest[1]?.url).toContain('@{ctx.Id}');
  });

  it('produces SOQL that parses, with the look-back windows from the clock', () => {
    const request = buildSnapshotRequest(productPreset(), { id: IDS.account }, { now: DATASET_NOW, apiVersion: '64.0' });
    for (const sub of request.compositeRequest.slice(1)) {
      expect(sub.url.startsWith('/services/data/v64.0/query?q=')).toBe(true);
      const soql = soqlOf(sub.url).replace(/@\{ctx\.(Id|AccountId)\}/, IDS.account);
      expect(() => parseSoql(soql)).not.toThrow();
    }
    const accountSoql = soqlOf(request.compositeRequest[1]?.url ?? '');
    expect(accountSoql).toContain('CreatedDate >= 2026-05-24T10:00:00Z');
    expect(accountSoql).toContain("FROM Cases WHERE Type = 'Dispute'");
    // The billing city names the customer's place in the panel ("in Boston", not the zone's "New York").
    expect(accountSoql).toMatch(/^SELECT Id, [^(]*\bBillingCity\b/);
    expect(accountSoql).toContain('(SELECT Id, Sequence__c');
    // The account's own Tasks: the newest, with an overall LIMIT (issue 18).
    expect(accountSoql).toMatch(/\(SELECT Id, Subject, [^()]*FROM Tasks WHERE CreatedDate >= 2026-05-24T10:00:00Z ORDER BY CreatedDate DESC LIMIT 51\) FROM Account WHERE /);
    // Contact-only Tasks (WhoId, no WhatId) come nested under each contact, only inside the longest
    // compliance window of any shipped profile (7 days + 3 of slack), so 1,000 old Tasks stay in the CRM.
    expect(activitySourceWindow(DATASET_NOW).since.toISOString()).toBe('2026-11-10T10:00:00.000Z');
    expect(accountSoql).toMatch(/\(SELECT Id, [^()]*\(SELECT Id, Subject, [^()]*FROM Tasks WHERE CreatedDate >= 2026-11-10T10:00:00Z ORDER BY CreatedDate DESC LIMIT 51\) FROM Contacts ORDER BY Name LIMIT 201\)/);
  });

  it('validates the id first and rejects objects the panel does not open on', () => {
    const attempt = (id: string, objectType?: 'account' | 'contact'): ConnectorError['kind'] | null => {
      try {
        buildSnapshotRequest(productPreset(), { id, ...(objectType ? { objectType } : {}) });
        return null;
      } catch (error) {
        return (error as ConnectorError).kind;
      }
    };
    expect(attempt("001000000000001' OR Name != '")).toBe('invalid_input');
    expect(attempt(to18('00Q000000000001'))).toBe('invalid_input');
    expect(attempt(IDS.account, 'contact')).toBe('invalid_input');
    expect(attempt(to18('a01000000000001'), 'account')).toBeNull();
  });

  it('escapes a configured Case type that tries to inject SOQL', () => {
    const mapping = productPreset();
    const dispute = mapping.dispute as NonNullable<typeof mapping.dispute>;
    const request = buildSnapshotRequest({ ...mapping, dispute: { ...dispute, caseType: "Dispute' OR Type != '" } }, { id: IDS.account });
    const soql = soqlOf(request.compositeRequest[1]?.url ?? '');
    expect(soql).toContain("WHERE Type = 'Dispute\\' OR Type != \\''");
  });
});

describe('mapSnapshot', () => {
  const ok = (referenceId: string, records: unknown[]): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: { totalSize: records.length, done: true, records } });
  /** ctx is an sObject Rows GET (decision 0028): its body is the record. */
  const row = (referenceId: string, record: Record<string, unknown>): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: record });
  const account = { Id: IDS.account, Name: 'Gulf Trading WLL', OwnerId: IDS.owner, Owner: { Id: IDS.owner, Name: 'Owner' }, Collections_Currency__c: 'KWD', Customer_Segment__c: 'B2B', Collections_Flags__c: 'Bankruptcy;Vulnerable;Made Up' };

  it('converts decimals to exact minor units by ISO exponent (string math), quarantining what does not fit', () => {
    const mapping = productPreset();
    const inv = (n: number, fields: Record<string, unknown>): Record<string, unknown> => ({
      Id: to18(`a01000000000${String(n).padStart(3, '0')}`), Invoice_Number__c: `I-${n}`, Invoice_Date__c: '2026-10-01', Due_Date__c: '2026-10-31',
      Total_Amount__c: 10, Balance__c: 10, Currency_Code__c: 'KWD', Status__c: 'Open', ...fields,
    });
    const snapshot = mapSnapshot(mapping, {
      compositeResponse: [
        row('ctx', { Id: IDS.account }),
        ok('account', [account]),
        ok('invoices', [
          inv(1, { Total_Amount__c: 1234.567, Balance__c: 1234.567 }),
          inv(2, { Total_Amount__c: 100.1, Balance__c: 0.1, Currency_Code__c: 'JPY' }),
          inv(3, { Total_Amount__c: 0.30000000000000004, Balance__c: 0.3 }),
          inv(4, { Total_Amount__c: 99, Balance__c: 0, Currency_Code__c: 'USD', Status__c: null }),
          inv(5, { Due_Date__c: '2026-02-30' }),
          { ...inv(6, {}), Id: 'not-an-id' },
          inv(7, { Status__c: 'Written Off' }),
        ]),
        ok('payments', []),
        ok('notes', []),
      ],
    }, { now: DATASET_NOW });
    expect(snapshot.account.currency).toBe('KWD');
    expect(snapshot.account.flags.map((f) => f.flag)).toEqual(['bankruptcy', 'vulnerable']);
    expect(snapshot.invoices.map((i) => [i.number, i.total.amountMinor, i.balance.amountMinor, i.status])).toEqual([
      ['I-1', 1_234_567, 1_234_567, 'open'],
      ['I-4', 9_900, 0, 'paid'],
    ]);
    const fields = snapshot.dataQuality.map((n) => `${n.recordKind}:${n.field}`);
    expect(fields).toEqual(expect.arrayContaining(['account:flags', 'invoice:total', 'invoice:dueDate', 'invoice:id', 'invoice:status']));
    expect(snapshot.dataQuality.find((n) => n.recordId === to18('a01000000000002'))?.message).toMatch(/more decimals than JPY allows \(0\)/);
  });

  it('throws not_found when the record or its account is missing, and keeps loading when one section fails', () => {
    const mapping = productPreset();
    // A deleted or invisible record: the sObject Rows GET answers 404, and later subrequests halt on the reference.
    const gone = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    const halted = [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified. No value for ctx.Id found in ctx.' }];
    expect(() => mapSnapshot(mapping, { compositeResponse: [
      { referenceId: 'ctx', httpStatusCode: 404, httpHeaders: {}, body: gone },
      { referenceId: 'account', httpStatusCode: 400, httpHeaders: {}, body: halted },
    ] })).toThrow(expect.objectContaining({ kind: 'not_found', message: expect.stringContaining('record not found or not visible') as unknown as string }) as unknown as Error);
    expect(() => mapSnapshot(mapping, { compositeResponse: [row('ctx', { AccountId: null })] })).toThrow(expect.objectContaining({ kind: 'not_found' }) as unknown as Error);
    // A mapped field the org lacks is a configuration problem ("Check my org"), not bad data.
    expect(() => mapSnapshot(mapping, { compositeResponse: [
      row('ctx', { Id: IDS.account }),
      { referenceId: 'account', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Collector__c' on entity 'Account'." }] },
    ] })).toThrow(expect.objectContaining({ kind: 'configuration', crmCode: 'INVALID_FIELD' }) as unknown as Error);
    const snapshot = mapSnapshot(mapping, {
      compositeResponse: [
        row('ctx', { AccountId: IDS.account }),
        ok('account', [account]),
        { referenceId: 'invoices', httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no access' }] },
        ok('payments', []),
        ok('notes', []),
      ],
    });
    expect(snapshot.invoices).toEqual([]);
    expect(snapshot.dataQuality[snapshot.dataQuality.length - 1]?.message).toMatch(/Could not load invoices/);
  });
});

describe('presets end to end (msw org)', () => {
  let backend: MswBackend;
  const invoice = (n: number): string => to18(`a0B000000000${String(n).padStart(3, '0')}`);
  beforeAll(async () => {
    backend = createMswBackend({
      instanceUrl: 'https://presets.my.salesforce.com',
      extraObjects: {
        Account: { prefix: '001', fields: { CurrencyIsoCode: 'string' } },
        blng__Invoice__c: { prefix: 'a0B', fields: { Name: 'string', blng__Account__c: 'reference:Account', blng__InvoiceDate__c: 'date', blng__DueDate__c: 'date', blng__TotalAmount__c: 'currency', blng__Balance__c: 'currency', blng__InvoiceStatus__c: 'picklist', CurrencyIsoCode: 'string' } },
        blng__Payment__c: { prefix: 'a0C', fields: { Name: 'string', blng__Account__c: 'reference:Account', blng__Amount__c: 'currency', blng__PaymentDate__c: 'date', blng__Invoice__c: 'reference:blng__Invoice__c', CurrencyIsoCode: 'string' } },
        Invoice: { prefix: '3tt', createable: false, fields: { DocumentNumber: 'string', BillingAccountId: 'reference:Account', InvoiceDate: 'date', DueDate: 'date', TotalAmountWithTax: 'currency', Balance: 'currency', Status: 'picklist' } },
      },
    });
    await backend.seed(contractDataset());
    await backend.seed({
      // seed() replaces whole records: start from the dataset's account.
      Account: [{ ...(contractDataset().Account?.[0] ?? {}), CurrencyIsoCode: 'EUR' }],
      blng__Invoice__c: [
        { Id: invoice(1), Name: 'INV-B-1', blng__Account__c: IDS.account, blng__InvoiceDate__c: '2026-10-01', blng__DueDate__c: '2026-10-31', blng__TotalAmount__c: 1200, blng__Balance__c: 200.5, blng__InvoiceStatus__c: 'Posted', CurrencyIsoCode: 'EUR' },
        { Id: invoice(2), Name: 'INV-B-2', blng__Account__c: IDS.account, blng__InvoiceDate__c: '2026-11-01', blng__DueDate__c: '2026-12-01', blng__TotalAmount__c: 50, blng__Balance__c: 50, blng__InvoiceStatus__c: 'Draft', CurrencyIsoCode: 'EUR' },
      ],
      blng__Payment__c: [{ Id: to18('a0C000000000001'), Name: 'PAY-1', blng__Account__c: IDS.account, blng__Amount__c: 999.5, blng__PaymentDate__c: '2026-11-02', blng__Invoice__c: invoice(1), CurrencyIsoCode: 'EUR' }],
      Invoice: [
        { Id: to18('3tt000000000001'), DocumentNumber: 'SI-0001', BillingAccountId: IDS.account, InvoiceDate: '2026-09-01', DueDate: '2026-10-01', TotalAmountWithTax: 5000, Balance: 5000, Status: 'Posted' },
      ],
    });
  });
  afterAll(async () => backend.close());

  const port = (mapping: ReturnType<typeof presetMapping>): ReturnType<typeof createSalesforcePort> =>
    createSalesforcePort({ instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, mapping, now: () => DATASET_NOW });

  it("carries the compliance rules in force: the account's profile, or the host's override, in the same one request", async () => {
    backend.resetRequestCount();
    const own = await port(productPreset()).loadSnapshot({ id: IDS.account });
    expect(own.complianceRules).toEqual(getProfileRules('in-rbi'));
    const overridden = await port(productPreset()).loadSnapshot({ id: IDS.account }, { complianceProfile: 'us-fdcpa' });
    expect(overridden.complianceRules).toEqual(getProfileRules('us-fdcpa'));
    expect(backend.requestCount()).toBe(2);
    // Rules only: the documentation stays out of every snapshot.
    expect(own.complianceRules).not.toHaveProperty('description');
    const bad = await port(productPreset()).loadSnapshot({ id: IDS.account }, { complianceProfile: 'US FDCPA' }).catch((error: unknown) => error);
    expect(bad).toMatchObject({ kind: 'invalid_input' });
    expect(backend.requestCount()).toBe(2);
  });

  it('billing: blng__ invoices (drafts excluded) and payments, in one request', async () => {
    backend.resetRequestCount();
    const snapshot = await port(billingPreset('EUR')).loadSnapshot({ id: IDS.contactAp });
    expect(backend.requestCount()).toBe(1);
    expect(snapshot.source.mapping).toBe('billing');
    expect(snapshot.account.currency).toBe('EUR');
    expect(snapshot.invoices.map((i) => [i.number, i.total, i.balance, i.status])).toEqual([
      ['INV-B-1', { amountMinor: 120_000, currency: 'EUR' }, { amountMinor: 20_050, currency: 'EUR' }, 'partially_paid'],
    ]);
    expect(snapshot.payments).toEqual([{ id: to18('a0C000000000001'), receivedOn: '2026-11-02', amount: { amountMinor: 99_950, currency: 'EUR' }, invoiceId: invoice(1), reference: 'PAY-1' }]);
    expect(snapshot.promises).toHaveLength(1);
  });

  it('standard-invoice: read-only standard Invoice in the account currency, no payments query', async () => {
    backend.resetRequestCount();
    const snapshot = await port(standardInvoicePreset('INR')).loadSnapshot({ id: IDS.account });
    expect(backend.requestCount()).toBe(1);
    expect(snapshot.invoices.map((i) => [i.number, i.balance.amountMinor, i.balance.currency])).toEqual([['SI-0001', 500_000, 'INR']]);
    expect(snapshot.payments).toEqual([]);
    expect(snapshot.disputes).toHaveLength(1);
  });
});
