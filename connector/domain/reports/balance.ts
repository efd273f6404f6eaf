/**
 * "Why this balance", for one account or the book (issue "Reports for management"; domain-rules.md
 * (b): show disputed apart from collectable): open invoices − unapplied cash and credit notes =
 * net balance; of the open invoices, how much is disputed, promised, on a payment plan and left to
 * collect. Lines in words with amounts; the amounts come from the portfolio facts (facts.ts) or
 * their totals (aggregate.ts), never recomputed here.
 */
import type { Money } from '../model';
import type { PortfolioTotals } from '../portfolio/aggregate';
import type { ReportingFacts } from '../portfolio/facts';

/** One line of the explanation. */
export interface BalanceLine {
  label: string;
  amount: Money;
  /** `minus` lines are taken off the line above them; `part` lines are part of the open invoices. */
  role: 'total' | 'minus' | 'equals' | 'part';
}

/** Explain a balance from an account's reporting facts or a group's totals. */
export function explainBalance(amounts: Pick<ReportingFacts | PortfolioTotals, 'open' | 'credits' | 'netBalance' | 'disputed' | 'promised' | 'onPlan' | 'collectable' | 'overdue'>): BalanceLine[] {
  return [
    { label: 'Open invoices', amount: amounts.open, role: 'total' },
    { label: 'Unapplied cash and credit notes', amount: amounts.credits, role: 'minus' },
    { label: 'Net balance', amount: amounts.netBalance, role: 'equals' },
    { label: 'Overdue', amount: amounts.overdue, role: 'part' },
    { label: 'In dispute', amount: amounts.disputed, role: 'part' },
    { label: 'Promised to pay', amount: amounts.promised, role: 'part' },
    { label: 'On a payment plan', amount: amounts.onPlan, role: 'part' },
    { label: 'Left to collect', amount: amounts.collectable, role: 'part' },
  ];
}
