/**
 * Query cursors (`nextRecordsUrl`): they keep ids and project each page when it is read, what
 * they hold is capped (oldest evicted), and an evicted or expired locator answers
 * INVALID_QUERY_LOCATOR like Salesforce.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SalesforceApiError } from '../errors';
import { seedOptions, seedStore } from '../seed/index';
import { executeSoql } from '../soql/evaluate';
import type { Store } from '../store';
import { CursorStore, handleDataApi } from './api';
import type { ApiContext, ApiResponse } from './api';

const TODAY = '2026-11-20';
const V = '/services/data/v66.0';
const SOQL = 'SELECT Id, Name, Balance__c, Account__r.Name FROM Collections_Invoice__c ORDER BY Name';
type Page = { totalSize: number; done: boolean; records: Array<Record<string, unknown>>; nextRecordsUrl?: string };

let store: Store;
beforeAll(() => {
  store = seedStore(seedOptions({ seed: 3, accounts: 120, referenceDate: TODAY }));
});

function context(cursors: CursorStore): ApiContext {
  return {
    store,
    userId: '005Hs0000000001IAA',
    now: () => new Date(`${TODAY}T10:00:00Z`),
    today: () => TODAY,
    cursors,
    apiUsage: () => ({ used: 0, max: 15_000 }),
  };
}

function get(ctx: ApiContext, pathAndQuery: string): ApiResponse {
  const url = new URL(pathAndQuery, 'http://sandbox.invalid');
  return handleDataApi(ctx, { method: 'GET', path: url.pathname, query: url.searchParams, headers: { 'sforce-query-options': 'batchSize=200' }, body: undefined });
}

const query = (ctx: ApiContext, soql: string): Page => get(ctx, `${V}/query?q=${encodeURIComponent(soql)}`).body as Page;

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof SalesforceApiError ? error.errorCode : 'unexpected';
  }
  return undefined;
}

describe('query cursors', () => {
  it('pages through the same records the query returns at once', () => {
    const ctx = context(new CursorStore());
    const all = executeSoql(SOQL, { store, today: TODAY, apiVersion: '66.0' }).records;
    expect(all.length).toBeGreaterThan(400);
    const pages: Page[] = [query(ctx, SOQL)];
    for (let i = 0; i < 10 && pages[pages.length - 1]?.nextRecordsUrl; i++) {
      pages.push(get(ctx, pages[pages.length - 1]?.nextRecordsUrl as string).body as Page);
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((p) => p.records.length).slice(0, -1).every((n) => n === 200)).toBe(true);
    expect(pages.every((p) => p.totalSize === all.length)).toBe(true);
    expect(pages[pages.length - 1]?.done).toBe(true);
    expect(pages.flatMap((p) => p.records)).toEqual(all);
    // The last page closes the cursor.
    expect(ctx.cursors.usage().cursors).toBe(0);
  });

  it('holds ids only, within its cap, after many unpaged queries; the oldest are evicted', () => {
    const cursors = new CursorStore({ maxHeld: 1_000 });
    const ctx = context(cursors);
    const first = query(ctx, SOQL);
    const heldPerQuery = first.totalSize;
    const locators = [first.nextRecordsUrl as string];
    for (let i = 1; i < 30; i++) {
      locators.push(query(ctx, `${SOQL} LIMIT ${first.totalSize - (i % 3)}`).nextRecordsUrl as string);
    }
    const usage = cursors.usage();
    expect(usage.rows).toBe(0);
    expect(usage.ids).toBeLessThanOrEqual(1_000);
    expect(usage.cursors).toBe(Math.floor(1_000 / heldPerQuery));
    expect(errorCode(() => get(ctx, locators[0] as string))).toBe('INVALID_QUERY_LOCATOR');
    const newest = get(ctx, locators[29] as string);
    expect(newest.status).toBe(200);
    expect((newest.body as Page).records[0]).toMatchObject({ attributes: { type: 'Collections_Invoice__c' }, Account__r: { attributes: { type: 'Account' } } });
  });

  it('keeps the newest cursor even when it alone exceeds the cap', () => {
    const cursors = new CursorStore({ maxHeld: 10 });
    const ctx = context(cursors);
    const page = query(ctx, SOQL);
    expect(cursors.usage()).toEqual({ cursors: 1, ids: page.totalSize, rows: 0 });
    expect(get(ctx, page.nextRecordsUrl as string).status).toBe(200);
  });

  it('answers INVALID_QUERY_LOCATOR for an expired cursor (Salesforce keeps locators 2 days)', () => {
    let now = 0;
    const ctx = context(new CursorStore({ now: () => now }));
    const page = query(ctx, SOQL);
    now = 2 * 24 * 60 * 60 * 1000 + 1;
    expect(errorCode(() => get(ctx, page.nextRecordsUrl as string))).toBe('INVALID_QUERY_LOCATOR');
  });

  it('projects a later page from the store as it is then (a deleted record is left out)', () => {
    const local = seedStore(seedOptions({ seed: 3, accounts: 120, referenceDate: TODAY }));
    const ctx = { ...context(new CursorStore()), store: local };
    const page = query(ctx, SOQL);
    const second = executeSoql(SOQL, { store: local, today: TODAY, apiVersion: '66.0' }).records.slice(200, 400);
    const gone = second[0]?.Id as string;
    local.delete(gone);
    const next = get(ctx, page.nextRecordsUrl as string).body as Page;
    expect(next.records.map((r) => r.Id)).toEqual(second.slice(1).map((r) => r.Id));
  });
});
