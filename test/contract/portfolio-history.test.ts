/**
 * A report pass (PortfolioReadOptions.history) against the sandbox over real HTTP: the history
 * window replaces the worklist's, so paid invoices issued since the day come too, payments and
 * activities reach back to it, and disputes carry the day their case closed. Without `history`
 * the pass reads what it always read (portfolio-source.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortfolioRecord, PortfolioReadOptions } from '../../connector/portfolio-source';
import { createFetchClient, productPreset } from '../../connector/salesforce';
import { portfolioQueries } from '../../connector/salesforce/portfolio/queries';
import { createSalesforcePortfolioSource } from '../../connector/salesforce/portfolio/source';
import type { BulkQueryApi } from '../../connector/salesforce/portfolio/source';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T09:00:00Z`);
const SINCE = '2025-06-01';

const NO_BULK: BulkQueryApi = {
  create: () => Promise.reject(new Error('bulk used')),
  states: () => Promise.reject(new Error('bulk used')),
  pages: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('bulk used')) }) }),
  abort: () => Promise.resolve(),
  requests: () => 0,
};

describe('a report pass reads the history window', () => {
  let sandbox: Sandbox;
  const read = async (options: Partial<PortfolioReadOptions>): Promise<PortfolioRecord[]> => {
    const client = createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const source = createSalesforcePortfolioSource({ client, mapping: productPreset('USD'), bulk: NO_BULK, now: () => NOW });
    const out: PortfolioRecord[] = [];
    for await (const page of source.read({ scope: { kind: 'org' }, mode: 'rest', ...options })) {
      out.push(...page);
    }
    return out;
  };
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: { seed: 5, accounts: 60, referenceDate: TODAY }, today: TODAY });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('asks for invoices by issue date, payments and activities since the day, and when cases closed', () => {
    const ctx = { mapping: productPreset('USD'), scope: { kind: 'org' } as const, now: NOW, activityLookbackDays: 180 };
    const report = portfolioQueries({ ...ctx, historySince: SINCE }, ['invoices', 'payments', 'activities', 'disputes']);
    const worklist = portfolioQueries(ctx, ['invoices', 'payments', 'activities', 'disputes']);
    const soql = (list: typeof report, kind: string) => list.find((q) => q.kind === kind)?.soql ?? '';
    expect(soql(report, 'invoices')).toContain(`>= ${SINCE}`);
    expect(soql(report, 'payments')).toContain(`>= ${SINCE}`);
    expect(soql(report, 'activities')).toContain(`CreatedDate >= ${SINCE}T00:00:00Z`);
    expect(soql(report, 'disputes')).toContain('.ClosedDate');
    expect(soql(worklist, 'disputes')).not.toContain('ClosedDate');
    expect(soql(worklist, 'invoices')).not.toContain(SINCE);
  });

  it('brings at least the worklist records, and disputes with their resolution day', async () => {
    const worklist = await read({});
    const history = await read({ history: { since: SINCE } });
    const ids = (records: PortfolioRecord[], kind: 'invoice' | 'payment') =>
      new Set(records.flatMap((r) => (r.kind === kind ? [kind === 'invoice' ? (r as Extract<PortfolioRecord, { kind: 'invoice' }>).invoice.id : (r as Extract<PortfolioRecord, { kind: 'payment' }>).payment.id] : [])));
    const invoices = ids(history, 'invoice');
    for (const r of worklist) {
      if (r.kind === 'invoice' && (r.invoice.balance.amountMinor > 0 || r.invoice.issueDate >= SINCE)) {
        expect(invoices.has(r.invoice.id), r.invoice.id).toBe(true);
      }
    }
    for (const r of history) {
      if (r.kind === 'invoice') {
        expect(r.invoice.balance.amountMinor > 0 || r.invoice.issueDate >= SINCE, r.invoice.id).toBe(true);
      }
    }
    // Paid invoices issued in the window: what the worklist leaves out once they fall a year behind, and sales need.
    expect(history.filter((r) => r.kind === 'invoice' && r.invoice.balance.amountMinor === 0).length).toBeGreaterThan(0);
    const disputes = history.filter((r) => r.kind === 'dispute');
    expect(disputes.length).toBeGreaterThan(0);
    expect(disputes.every((r) => r.kind === 'dispute' && 'resolvedOn' in r)).toBe(true);
    expect(worklist.filter((r) => r.kind === 'dispute').every((r) => !('resolvedOn' in r))).toBe(true);
  });
});
