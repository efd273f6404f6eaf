/**
 * A report pass's records (PortfolioSource, any CRM) gathered into the history the domain's
 * management report reads (connector/domain/reports/history.ts): accounts with their collector (else
 * owner), invoices, payments, credits, promises, activities and disputes with the day resolved.
 * Records may arrive before their account (they wait for it); plans and follow-ups are not part of
 * a report's history. Shared by the CLI and any page that builds the report in the browser.
 */
import type { HistoryAccount, ReportHistory } from './domain';
import type { PortfolioRecord } from './portfolio-source';

/** One account's history while the pass runs (the domain's HistoryAccount with growable lists). */
type Gathered = { [K in keyof HistoryAccount]: HistoryAccount[K] extends readonly (infer T)[] ? T[] : HistoryAccount[K] };

/** The history the domain report reads, gathered page by page from a pass's records (any order). */
export class ReportHistoryCollector {
  private readonly accounts = new Map<string, Gathered>();
  private readonly pending = new Map<string, PortfolioRecord[]>();

  add(record: PortfolioRecord): void {
    if (record.kind === 'account') {
      const a = record.account;
      this.accounts.set(a.id, { id: a.id, name: a.name, segment: a.segment, collector: a.collector ?? a.owner, invoices: [], payments: [], credits: [], promises: [], activities: [], disputes: [] });
      for (const waiting of this.pending.get(a.id) ?? []) {
        this.add(waiting);
      }
      this.pending.delete(a.id);
      return;
    }
    if (record.kind === 'dataQuality' || record.kind === 'plan' || record.kind === 'followUp') {
      return;
    }
    const account = this.accounts.get(record.accountId);
    if (!account) {
      const list = this.pending.get(record.accountId) ?? [];
      list.push(record);
      this.pending.set(record.accountId, list);
      return;
    }
    switch (record.kind) {
      case 'invoice':
        account.invoices.push(record.invoice);
        break;
      case 'payment':
        account.payments.push(record.payment);
        break;
      case 'credit':
        account.credits.push(record.credit);
        break;
      case 'promise':
        account.promises.push(record.promise);
        break;
      case 'activity':
        account.activities.push(record.activity);
        break;
      case 'dispute':
        account.disputes.push({ ...record.dispute, resolvedOn: record.resolvedOn ?? null });
        break;
    }
  }

  history(collectorIds?: readonly string[]): ReportHistory {
    const all = [...this.accounts.values()];
    return { accounts: collectorIds?.length ? all.filter((a) => a.collector !== null && collectorIds.includes(a.collector.id)) : all };
  }
}

