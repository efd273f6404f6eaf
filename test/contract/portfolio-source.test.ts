/**
 * The Salesforce PortfolioSource against the sandbox over real HTTP: the records a portfolio pass
 * reads for an account are the records the panel's snapshot shows for it (one mapping), and the
 * pass costs what decision 0011 says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSnapshot } from '../../connector/port';
import type { PortfolioRecord } from '../../connector/portfolio-source';
import { createFetchClient, createSalesforcePort, productPreset } from '../../connector/salesforce';
import { readOrgCurrencies } from '../../connector/salesforce/portfolio/rates';
import { createSalesforcePortfolioSource } from '../../connector/salesforce/portfolio/source';
import type { BulkQueryApi } from '../../connector/salesforce/portfolio/source';
import type { RequestOptions, SalesforceClient } from '../../connector/salesforce/client';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T09:00:00Z`);

/** REST-only passes must never touch Bulk. */
const NO_BULK: BulkQueryApi = {
  create: () => Promise.reject(new Error('bulk used')),
  states: () => Promise.reject(new Error('bulk used')),
  pages: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('bulk used')) }) }),
  abort: () => Promise.resolve(),
  requests: () => 0,
};

async function collect(iterable: AsyncIterable<PortfolioRecord[]>): Promise<PortfolioRecord[]> {
  const out: PortfolioRecord[] = [];
  for await (const page of iterable) {
    out.push(...page);
  }
  return out;
}

const byId = <T extends { id: string | null }>(list: readonly T[]): T[] => [...list].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('Salesforce PortfolioSource over REST against the sandbox', () => {
  let sandbox: Sandbox;
  let records: PortfolioRecord[];
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 5, accounts: 120, referenceDate: TODAY }, today: TODAY });
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const source = createSalesforcePortfolioSource({ client, mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    records = await collect(source.read({ scope: { kind: 'org' }, mode: 'rest' }));
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads every account that has invoices, once, with its records', () => {
    const accounts = records.filter((r) => r.kind === 'account');
    const ids = accounts.map((r) => (r.kind === 'account' ? r.account.id : ''));
    expect(new Set(ids).size).toBe(ids.length);
    expect(accounts.length).toBeGreaterThan(100);
    expect(records.some((r) => r.kind === 'dispute')).toBe(true);
    expect(records.some((r) => r.kind === 'plan')).toBe(true);
    expect(records.some((r) => r.kind === 'followUp')).toBe(true);
  });

  it('gives each account the same invoices, promises, plans, disputes and payments as its panel snapshot', async () => {
    const port = createSalesforcePort({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token, now: () => NOW });
    const accountIds = records.flatMap((r) => (r.kind === 'account' ? [r.account.id] : [])).slice(0, 12);
    const compared = { invoices: 0, promises: 0, disputes: 0, plans: 0, payments: 0, activities: 0 };
    for (const accountId of accountIds) {
      const snapshot: AccountSnapshot = await port.loadSnapshot({ id: accountId, objectType: 'account' });
      const mine = records.filter((r) => 'accountId' in r && r.accountId === accountId);
      const pick = <K extends PortfolioRecord['kind']>(kind: K) => mine.filter((r) => r.kind === kind) as Extract<PortfolioRecord, { kind: K }>[];
      const account = records.find((r) => r.kind === 'account' && r.account.id === accountId);
      expect(account?.kind === 'account' ? account.account : null, accountId).toEqual(snapshot.account);
      expect(byId(pick('invoice').map((r) => r.invoice))).toEqual(byId(snapshot.invoices));
      expect(byId(pick('promise').map((r) => r.promise))).toEqual(byId(snapshot.promises));
      expect(byId(pick('payment').map((r) => r.payment))).toEqual(byId(snapshot.payments));
      expect(byId(pick('credit').map((r) => r.credit))).toEqual(byId(snapshot.credits));
      expect(byId(pick('dispute').map((r) => r.dispute))).toEqual(byId(snapshot.disputes.filter((d) => d.lines.length > 0)));
      const sortInstalments = (plans: AccountSnapshot['plans']) => byId(plans).map((p) => ({ ...p, instalments: [...p.instalments].sort((a, b) => a.sequence - b.sequence) }));
      expect(sortInstalments(pick('plan').map((r) => r.plan))).toEqual(sortInstalments(snapshot.plans.filter((p) => p.instalments.length > 0)));
      // The portfolio does not read task bodies (the timeline's, not the ranking's).
      const withoutBody = (list: AccountSnapshot['activities']) => byId(list.filter((a) => a.kind !== 'note')).map((a) => ({ ...a, body: null }));
      expect(withoutBody(pick('activity').map((r) => r.activity))).toEqual(withoutBody(snapshot.activities));
      compared.invoices += snapshot.invoices.length;
      compared.promises += snapshot.promises.length;
      compared.disputes += snapshot.disputes.length;
      compared.plans += snapshot.plans.length;
      compared.payments += snapshot.payments.length + snapshot.credits.length;
      compared.activities += snapshot.activities.length;
    }
    // The comparison covered every kind, not empty lists.
    for (const [kind, count] of Object.entries(compared)) {
      expect(count, kind).toBeGreaterThan(0);
    }
  });

  it("reads the org's corporate currency and dated rates (inverted into USD) in one request", async () => {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    sandbox.resetRequestLog();
    const currencies = await readOrgCurrencies(client);
    expect(sandbox.requestLog.filter((r) => r.api)).toHaveLength(1);
    expect(currencies.corporateCurrency).toBe('USD');
    const inr = currencies.rates.filter((r) => r.from === 'INR');
    expect(inr).toHaveLength(13);
    expect(inr.every((r) => r.to === 'USD' && Number(r.rate) > 0.011 && Number(r.rate) < 0.013)).toBe(true);
    expect(new Set(currencies.rates.map((r) => r.from))).toEqual(new Set(['INR', 'GBP', 'EUR', 'JPY', 'KWD']));
  });
});

describe('the REST pass reads ahead (decision 0027)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    // ≈ 2,900 invoice rows: two REST pages of invoices.
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 5, accounts: 400, referenceDate: TODAY, invoicesPerAccount: 6 }, today: TODAY });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  /** The fetch client with every query and queryMore logged (object queried, or the locator), and `failOn` objects refused. */
  function loggedClient(log: string[], failOn: string | null = null): SalesforceClient {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    return new Proxy(client, {
      get(target, property, receiver) {
        if (property === 'query') {
          return (soql: string, options?: RequestOptions) => {
            const object = / FROM (\w+)/.exec(soql)?.[1] ?? '?';
            log.push(`query ${object}`);
            return object === failOn ? Promise.reject(new Error(`${object} refused`)) : target.query(soql, options);
          };
        }
        if (property === 'queryMore') {
          return (url: string, options?: RequestOptions) => {
            log.push('queryMore');
            return target.queryMore(url, options);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  }

  it("asks for every kind's first page at once and a query's next page before handing over the current one, for the same requests", async () => {
    const log: string[] = [];
    const source = createSalesforcePortfolioSource({ client: loggedClient(log), mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    let seenAtFirstPage: string[] | null = null;
    let pages = 0;
    for await (const page of source.read({ scope: { kind: 'org' }, mode: 'rest' })) {
      seenAtFirstPage ??= [...log];
      pages += page.length > 0 ? 1 : 0;
    }
    expect(seenAtFirstPage).toEqual(['query Collections_Invoice__c', 'query Dispute_Line__c', 'query Promise_To_Pay__c', 'query Task', 'query Collections_Payment__c', 'query Plan_Instalment__c', 'queryMore']);
    // Lookahead, not extra reads: one request per page, as a sequential pass.
    expect(log.filter((entry) => entry === 'queryMore').length).toBeGreaterThanOrEqual(1);
    expect(source.lastPass()?.apiRequests).toBe(log.length);
    expect(pages).toBeGreaterThanOrEqual(7);
  });

  it("surfaces a later kind's failure when that kind is reached, after the earlier kinds' records, without an unhandled rejection", async () => {
    const source = createSalesforcePortfolioSource({ client: loggedClient([], 'Task'), mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    const before: PortfolioRecord[] = [];
    let failure: unknown = null;
    try {
      for await (const page of source.read({ scope: { kind: 'org' }, mode: 'rest' })) {
        before.push(...page);
      }
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).toContain('Task refused');
    expect(before.some((record) => record.kind === 'invoice') && before.some((record) => record.kind === 'promise')).toBe(true);
    expect(before.some((record) => record.kind === 'payment' || record.kind === 'activity')).toBe(false);
  });

  /**
   * The sandbox client, but every request except the invoices' first page (or, with `failInvoices`, every
   * request but its refusal) waits until its signal aborts: the signals handed to each request are kept.
   */
  function hangingClient(signals: (AbortSignal | undefined)[], failInvoices = false): SalesforceClient {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const hang = (options?: RequestOptions): Promise<never> => {
      signals.push(options?.signal);
      return new Promise((_resolve, reject) => options?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    };
    return new Proxy(client, {
      get(target, property, receiver) {
        if (property === 'query') {
          return (soql: string, options?: RequestOptions) => {
            if (!soql.includes('FROM Collections_Invoice__c')) {
              return hang(options);
            }
            return failInvoices ? Promise.reject(new Error('Collections_Invoice__c refused')) : target.query(soql, options);
          };
        }
        if (property === 'queryMore') {
          return (_url: string, options?: RequestOptions) => hang(options);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  }

  it('aborts the requests it read ahead when the consumer stops early', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const source = createSalesforcePortfolioSource({ client: hangingClient(signals), mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    for await (const page of source.read({ scope: { kind: 'org' }, mode: 'rest' })) {
      expect(page.length).toBeGreaterThan(0);
      break;
    }
    // The five other kinds' first pages and the invoices' second page were in flight.
    expect(signals).toHaveLength(6);
    expect(signals.map((signal) => signal?.aborted)).toEqual(signals.map(() => true));
  });

  it("aborts the other kinds' first pages when a kind fails", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const source = createSalesforcePortfolioSource({ client: hangingClient(signals, true), mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    const controller = new AbortController();
    await expect(collect(source.read({ scope: { kind: 'org' }, mode: 'rest', signal: controller.signal }))).rejects.toThrow('Collections_Invoice__c refused');
    expect(signals).toHaveLength(5);
    expect(signals.map((signal) => signal?.aborted)).toEqual(signals.map(() => true));
    // The caller's own signal is the caller's: the pass does not abort it.
    expect(controller.signal.aborted).toBe(false);
  });

  it('a failed pass after a successful one still aborts its unfinished Bulk jobs and reports its own cost', async () => {
    const aborted: string[] = [];
    let created = 0;
    const bulk: BulkQueryApi = {
      create: async () => `job-${(created += 1)}`,
      states: async (ids) => new Map(ids.map((id) => [id, { state: id === 'job-1' ? 'Failed' : 'InProgress', numberRecordsProcessed: null, errorMessage: 'boom' }])),
      pages: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('no pages')) }) }),
      abort: async (id) => {
        aborted.push(id);
      },
      requests: () => created,
    };
    const source = createSalesforcePortfolioSource({ client: loggedClient([]), mapping: productPreset('USD'), bulk, now: () => NOW });
    await collect(source.read({ scope: { kind: 'org' }, mode: 'rest', kinds: ['invoices'] }));
    expect(source.lastPass()?.via).toBe('rest');
    await expect(collect(source.read({ scope: { kind: 'org' }, mode: 'bulk', kinds: ['invoices', 'disputes'] }))).rejects.toThrow('Bulk API 2.0 job job-1 Failed');
    expect(aborted).toContain('job-2');
    expect(source.lastPass()).toMatchObject({ via: 'bulk', rows: 0 });
  });

  it("passes the caller's cancellation on to the requests in flight", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const source = createSalesforcePortfolioSource({ client: hangingClient(signals), mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    const controller = new AbortController();
    const pass = source.read({ scope: { kind: 'org' }, mode: 'rest', signal: controller.signal })[Symbol.asyncIterator]();
    await pass.next();
    controller.abort(new Error('closed by the user'));
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal?.aborted && String(signal.reason).includes('closed by the user'))).toBe(true);
    await pass.return?.(undefined);
  });
});
