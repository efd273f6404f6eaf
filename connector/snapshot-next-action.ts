/**
 * The account's next collection action for the panel, computed where the snapshot is assembled
 * (as the priority is, decision 0009) by the worklist's function: `nextAction` on
 * `ladderFactsFromRecords` (decision 0015), so the panel and the worklist cannot disagree for the
 * same records. The panel shows one line from it; the strategy code stays out of the panel bundle.
 *
 * The strategy's amount bands compare the collectable in the strategy's currency at the org's static
 * rates, by the worklist's function (`collectableInStrategyCurrency`, decision 0028): the panel's one
 * request reads CurrencyType, the LWC's Apex returns the same rows. Without a rate for a foreign
 * currency there is no step, only the words saying why (the worklist's), never a guess at the segment.
 */
import type { FxRate } from './domain/money';
import { ageInvoices } from './domain/aging';
import { DomainValidationError } from './domain/errors';
import { collectableInStrategyCurrency, noStrategyRateWords } from './domain/strategy/collectable';
import { ladderFactsFromRecords } from './domain/strategy/ladder-facts';
import { nextActionUnder } from './domain/strategy/next-action';
import { DEFAULT_STRATEGY } from './domain/strategy/defaults';
import type { Strategy } from './domain/strategy/schema';
import { customerZone, zonedParts } from './domain/time';
import type { AccountSnapshot, DataQualityNote, NextActionSummary } from './port';

export interface SnapshotNextActionOptions {
  now: Date;
  /**
   * The strategy, already validated (parseStrategy, or the Custom Metadata reader); default the shipped
   * one, which ships pre-validated so page bundles never run the strategy's guards (issue 18).
   */
  strategy?: Strategy;
  /** The org's static rates when the host read them (CurrencyType, decision 0028): the collectable into the strategy's currency. */
  rates?: readonly FxRate[];
  fallbackZone: string;
}

type Records = Pick<AccountSnapshot, 'account' | 'contacts' | 'invoices' | 'payments' | 'credits' | 'promises' | 'plans' | 'disputes' | 'activities'>;

export function snapshotNextAction(s: Records, options: SnapshotNextActionOptions): { nextAction: NextActionSummary | null; note: DataQualityNote | null } {
  const strategy = options.strategy ?? DEFAULT_STRATEGY;
  const strategyCurrency = strategy.currency;
  const note = (message: string): DataQualityNote => ({ recordKind: 'account', recordId: s.account.id, field: null, message });
  try {
    const zone = customerZone(s.account, s.contacts) ?? options.fallbackZone;
    const asOf = zonedParts(options.now.getTime(), zone).date;
    const report = ageInvoices({ invoices: s.invoices, disputes: s.disputes, promises: s.promises, plans: s.plans, credits: s.credits, asOf });
    const open = report.byCurrency.filter((c) => c.openBalance.amountMinor > 0);
    if (open.length === 0) {
      return { nextAction: null, note: null };
    }
    const collectables = open.map((entry) => entry.collectable);
    const collectable = collectableInStrategyCurrency(collectables, strategyCurrency, options.rates ?? [], asOf);
    if (collectable === null) {
      // Said on the next action's own line, as the worklist's row says it: a data-quality note would
      // read as an unreadable record (Panel.tsx counts the notes so).
      return { nextAction: { status: 'none', label: null, dueOn: null, reason: noStrategyRateWords(collectables, strategyCurrency, options.rates ?? [], asOf) }, note: null };
    }
    const at = options.now.toISOString();
    const ladder = ladderFactsFromRecords({ ...s, collectable, defaultZone: zone }, at);
    const next = nextActionUnder({ ...ladder, contacts: s.contacts }, strategy, { at });
    return { nextAction: { status: next.status, label: next.step?.label ?? null, dueOn: next.dueOn, reason: next.reason }, note: null };
  } catch (error) {
    if (!(error instanceof DomainValidationError)) {
      throw error;
    }
    // Advisory, like the priority: a record it cannot evaluate must not cost the collector the snapshot.
    return { nextAction: null, note: note(`The next action could not be worked out here: ${error.message}`) };
  }
}
