/**
 * The worklist's data: ONE portfolio pass over the collector's accounts (PortfolioSource, REST for
 * one collector's scope), the domain's facts and ranking (`computeFacts`, `rankPortfolio`: the same
 * order as the CLI), and each ranked account's next action from the strategy (`nextAction` on
 * `ladderFactsFromRecords`: the same function the panel uses). No rule is computed here; this
 * module only routes records to the domain and shapes rows for the table.
 */
import type { Account, Activity, Contact, Credit, Dispute, Invoice, Money, Payment, PaymentPlan, PromiseToPay } from '../../../connector/domain/model';
import type { FxRate } from '../../../connector/domain/money';
import { PortfolioBook } from '../../../connector/domain/portfolio/book';
import { computeFacts } from '../../../connector/domain/portfolio/facts';
import type { PortfolioAccountFacts } from '../../../connector/domain/portfolio/facts';
import { rankPortfolio } from '../../../connector/domain/portfolio/rank';
import { priorityInWords } from '../../../connector/domain/portfolio/why';
import { collectableInStrategyCurrency, noStrategyRateWords } from '../../../connector/domain/strategy/collectable';
import { ladderFactsFromRecords } from '../../../connector/domain/strategy/ladder-facts';
import { nextAction, strategyOf } from '../../../connector/domain/strategy/next-action';
import type { NextAction } from '../../../connector/domain/strategy/next-action';
import { checkContactWithRules } from '../../../connector/domain/compliance/engine';
import { resolveComplianceRules } from '../../../connector/compliance-rules';
import { addRecordToBook } from '../../../connector/portfolio-source';
import type { PortfolioKind, PortfolioSource } from '../../../connector/portfolio-source';

/** Every kind: the ladder needs payments (kept promises, plan instalments) and plans besides the ranking kinds. */
export const WORKLIST_KINDS: readonly PortfolioKind[] = ['invoices', 'disputes', 'promises', 'activities', 'payments', 'plans'];

/** The org's reporting currency and rates (the connector reads them in one request: OrgCurrencies). */
export interface WorklistCurrencies {
  corporateCurrency: string | null;
  /** Dated rates (else the static ones): the ranking's figures. */
  rates: FxRate[];
  /** The static CurrencyType rates: the strategy's amount bands, as in the panel (decision 0028); none when absent. */
  staticRates?: FxRate[];
}

export interface LoadWorklistOptions {
  source: PortfolioSource;
  currencies: WorklistCurrencies;
  /** The collector whose accounts are listed (CRM user id). */
  collectorId: string;
  /** Several collectors' accounts in one list (the manager view: every collector's list); default [collectorId]. */
  collectorIds?: readonly string[];
  /** Now, ISO instant. */
  at: string;
  locale: string;
  /** Strategy as data; default the shipped one. */
  strategy?: unknown;
  signal?: AbortSignal;
}

/** Can the customer be called right now (account zone, profile hours and flags; the panel checks the person). */
export interface CallNow {
  allowed: boolean;
  /** Short plain words for the column: "Calls allowed until 18:00", "No calls now · from Mon 09:00". */
  words: string;
  /** The compliance engine's full reason when calls are blocked (the column's tooltip). */
  detail: string | null;
}

/** One row of the table. */
export interface WorklistRow {
  rank: number;
  accountId: string;
  name: string;
  zone: string;
  score: number;
  collectable: Money;
  overdue: Money;
  promised: Money;
  disputed: Money;
  oldestDaysPastDue: number;
  lastContactAt: string | null;
  next: NextAction;
  callNow: CallNow;
  /** Why it ranks here, in words. */
  why: string;
  /** Where sales stands on the account's open disputes (issue 19): "sales: credit note requested", "dispute escalated"; null when nothing to say. */
  salesAnswer?: string | null;
  /** For the filters: ISO country, compliance profile id and the account's collector (manager view). */
  country: string | null;
  profile: string | null;
  collector: { id: string; name: string } | null;
}

export interface Worklist {
  asOf: string;
  currency: string;
  /** The rates the list was computed with (a re-scored row uses the same). */
  rates: FxRate[];
  /** The static rates its next actions were computed with (decision 0028). */
  staticRates: FxRate[];
  rows: WorklistRow[];
  /** Accounts of the collector left out: nothing to collect, or a hard block. */
  notRanked: { hardBlocked: number; nothingCollectable: number };
  apiRequests: number;
  dataQualityNotes: number;
}

interface AccountRecords {
  account: Account | null;
  invoices: Invoice[];
  disputes: Dispute[];
  promises: PromiseToPay[];
  plans: PaymentPlan[];
  payments: Payment[];
  activities: Activity[];
}

function recordsOf(map: Map<string, AccountRecords>, accountId: string): AccountRecords {
  let entry = map.get(accountId);
  if (!entry) {
    entry = { account: null, invoices: [], disputes: [], promises: [], plans: [], payments: [], activities: [] };
    map.set(accountId, entry);
  }
  return entry;
}

/** Read the collector's book and rank it. Costs the pass's requests (decision 0011: one per kind and 2,000 rows). */
export async function loadWorklist(options: LoadWorklistOptions): Promise<Worklist> {
  const book = new PortfolioBook();
  const byAccount = new Map<string, AccountRecords>();
  let notes = 0;
  for await (const page of options.source.read({ scope: { kind: 'collectors', collectorIds: [...(options.collectorIds ?? [options.collectorId])] }, kinds: WORKLIST_KINDS, mode: 'rest', signal: options.signal })) {
    for (const record of page) {
      // The book is built as every host builds it; the worklist also keeps each account's records for its ladder.
      if (addRecordToBook(book, record)) {
        notes += 1;
      }
      switch (record.kind) {
        case 'account':
          recordsOf(byAccount, record.account.id).account = record.account;
          break;
        case 'invoice':
          recordsOf(byAccount, record.accountId).invoices.push(record.invoice);
          break;
        case 'payment':
          recordsOf(byAccount, record.accountId).payments.push(record.payment);
          break;
        case 'promise':
          recordsOf(byAccount, record.accountId).promises.push(record.promise);
          break;
        case 'plan':
          recordsOf(byAccount, record.accountId).plans.push(record.plan);
          break;
        case 'dispute':
          recordsOf(byAccount, record.accountId).disputes.push(record.dispute);
          break;
        case 'activity':
          recordsOf(byAccount, record.accountId).activities.push(record.activity);
          break;
        default:
          break;
      }
    }
  }
  const currency = options.currencies.corporateCurrency ?? singleCurrency(book);
  const facts = computeFacts(book, { asOf: options.at, reportingCurrency: currency, rates: options.currencies.rates });
  const ranking = rankPortfolio(facts, { limit: Math.max(1, facts.accountIds().length) });
  const calls = new Map<string, CallNow>();
  const staticRates = options.currencies.staticRates ?? [];
  const rows = ranking.rows.map((ranked): WorklistRow => {
    const account = facts.account(ranked.accountIndex);
    const records = byAccount.get(account.accountId)!;
    return rowOf(ranked.rank, ranked.score, account, records, { ...options, staticRates }, calls);
  });
  return {
    asOf: options.at,
    currency,
    rates: options.currencies.rates,
    staticRates,
    rows,
    notRanked: ranking.notRanked,
    apiRequests: options.source.lastPass()?.apiRequests ?? 0,
    dataQualityNotes: notes,
  };
}

/** One account's records as the panel's snapshot holds them (connector/port.ts AccountSnapshot). */
export interface AccountRecordsSnapshot {
  account: Account;
  contacts: readonly Contact[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
  credits: readonly Credit[];
  promises: readonly PromiseToPay[];
  plans: readonly PaymentPlan[];
  disputes: readonly Dispute[];
  activities: readonly Activity[];
}

/**
 * Re-score one account from a fresh snapshot (the panel's, after the collector logged something)
 * without reading the list again: the same facts, score and next action as a full pass would give
 * for these records, the row put back in the domain's order (score, then account id: rankPortfolio's
 * tie rule). An account with nothing left to collect or now under a hard block leaves the list.
 * Returns a new list; `list` is not changed.
 */
export function rescoreAccount(list: Worklist, snapshot: AccountRecordsSnapshot, options: { at: string; locale: string; strategy?: unknown }): Worklist {
  const book = new PortfolioBook();
  const id = snapshot.account.id;
  book.addAccount(snapshot.account);
  snapshot.invoices.forEach((invoice) => book.addInvoice(id, invoice));
  snapshot.payments.forEach((payment) => book.addPayment(id, payment));
  snapshot.credits.forEach((credit) => book.addCredit(id, credit));
  snapshot.promises.forEach((promise) => book.addPromise(id, promise));
  snapshot.plans.forEach((plan) => book.addPlan(id, plan));
  snapshot.disputes.forEach((dispute) => book.addDispute(id, dispute));
  snapshot.activities.forEach((activity) => book.addActivity(id, activity));
  const facts = computeFacts(book, { asOf: options.at, reportingCurrency: list.currency, rates: list.rates });
  const ranked = rankPortfolio(facts, { limit: 1 }).rows[0];
  const others = list.rows.filter((row) => row.accountId !== id);
  let rows = others;
  if (ranked) {
    const records: AccountRecords = { account: snapshot.account, invoices: [...snapshot.invoices], disputes: [...snapshot.disputes], promises: [...snapshot.promises], plans: [...snapshot.plans], payments: [...snapshot.payments], activities: [...snapshot.activities] };
    const row = rowOf(0, ranked.score, facts.account(ranked.accountIndex), records, { ...options, staticRates: list.staticRates }, new Map(), snapshot.contacts);
    rows = [...others, row].sort((a, b) => (a.score !== b.score ? b.score - a.score : a.accountId < b.accountId ? -1 : 1));
  }
  return { ...list, rows: rows.map((row, index) => (row.rank === index + 1 ? row : { ...row, rank: index + 1 })) };
}

/** What a row needs besides the records: now, the display locale, the strategy and the static rates its bands use. */
interface RowContext {
  at: string;
  locale: string;
  strategy?: unknown;
  staticRates: readonly FxRate[];
}

function rowOf(rank: number, score: number, facts: PortfolioAccountFacts, records: AccountRecords, options: RowContext, calls: Map<string, CallNow>, contacts: readonly Contact[] | null = null): WorklistRow {
  const account = records.account!;
  const next = rowNextAction(facts, records, account, contacts, options);
  return {
    rank,
    accountId: facts.accountId,
    name: facts.name,
    zone: facts.zone,
    score,
    collectable: facts.reporting.collectable,
    overdue: facts.reporting.overdue,
    promised: facts.reporting.promised,
    disputed: facts.reporting.disputed,
    oldestDaysPastDue: facts.maxDaysPastDue,
    lastContactAt: facts.lastContactAt,
    next,
    callNow: callNow(account, facts.zone, options.at, calls),
    why: priorityInWords(facts, options.locale),
    salesAnswer: salesAnswerOf(records.disputes),
    country: account.country ?? null,
    profile: account.complianceProfile ?? null,
    collector: account.collector ? { id: account.collector.id, name: account.collector.name } : null,
  };
}

/**
 * The row's next action, as the panel's (connector/snapshot-next-action.ts): the strategy's bands
 * compare the collectable per currency converted at the org's STATIC rates (decision 0028), not the
 * reporting figure at dated rates. The per-currency collectables are the facts' (facts.test.ts checks
 * them against aging.ts, which the panel uses).
 */
function rowNextAction(facts: PortfolioAccountFacts, records: AccountRecords, account: Account, contacts: readonly Contact[] | null, options: RowContext): NextAction {
  const strategy = strategyOf(options.strategy);
  const collectables = facts.collectableByCurrency;
  const collectable = collectableInStrategyCurrency(collectables, strategy.currency, options.staticRates, facts.asOf);
  if (collectable === null) {
    const none = { segmentId: null, segmentName: null, step: null, action: null, dueOn: null, dueAt: null, daysLate: 0, daysPastDue: null, recipients: [] };
    return { ...none, accountId: facts.accountId, strategyId: strategy.id, status: 'none', reason: noStrategyRateWords(collectables, strategy.currency, options.staticRates, facts.asOf) };
  }
  const ladder = ladderFactsFromRecords({ ...records, account, contacts: contacts ?? [], collectable, defaultZone: facts.zone }, options.at);
  return nextAction({ ...ladder, contacts }, { at: options.at, strategy });
}

const ANSWER_WORDS: Record<NonNullable<Dispute['ownerAnswer']>['kind'], string> = {
  credit_note: 'sales: credit note requested',
  rejected: 'sales: dispute rejected',
  more_info: 'sales: more information needed',
};

/** The latest answer from sales on an open dispute, else "dispute escalated" when one passed its SLA unanswered. */
function salesAnswerOf(disputes: readonly Dispute[]): string | null {
  const open = disputes.filter((d) => d.status === 'open' || d.status === 'pending_verification' || d.status === 'in_review');
  const answered = open.filter((d) => d.ownerAnswer?.answeredAt).sort((a, b) => (b.ownerAnswer!.answeredAt! < a.ownerAnswer!.answeredAt! ? -1 : 1))[0];
  if (answered?.ownerAnswer) {
    return ANSWER_WORDS[answered.ownerAnswer.kind];
  }
  return open.some((d) => d.escalatedAt && !d.ownerAnswer) ? 'dispute escalated' : null;
}

/**
 * Calls right now, checked by the compliance engine against the account's rules in the account's
 * zone (hours, holidays, account flags). Opt-outs, per-person caps and the conversation pause need
 * the person and their history: the panel checks them when the account is opened. So the answer
 * depends only on the rules, the zone, the place and the flags, and one pass computes it once per
 * distinct combination (a book has a few dozen), not once per account.
 */
export function callNow(account: Account, zone: string, at: string, memo: Map<string, CallNow> = new Map()): CallNow {
  const flags = account.flags.map((entry) => `${entry.flag}:${entry.since ?? ''}:${entry.until ?? ''}`).sort().join(',');
  const key = `${account.complianceProfile ?? ''}|${zone}|${account.country ?? ''}|${account.region ?? ''}|${account.segment}|${flags}`;
  const known = memo.get(key);
  if (known) {
    return known;
  }
  const answer = checkCallNow(account, zone, at);
  memo.set(key, answer);
  return answer;
}

function checkCallNow(account: Account, zone: string, at: string): CallNow {
  const { rules } = resolveComplianceRules(account);
  if (rules === null) {
    return { allowed: false, words: 'Unknown compliance profile: check in the panel', detail: null };
  }
  const stand = { id: 'account', name: '', phones: [], timeZone: zone, role: 'accounts_payable' as const, optOuts: [] };
  const answer = checkContactWithRules({ profile: rules, channel: 'call', at, contact: stand, account: { ...account, id: 'account', name: '' }, history: [] });
  if (answer.allowed) {
    return { allowed: true, words: answer.window ? `Calls allowed until ${localClock(answer.window.until, zone)}` : 'Calls allowed now', detail: null };
  }
  const blocking = answer.reasons.find((reason) => reason.severity !== 'info');
  const detail = blocking?.message ?? null;
  // A block with an end reads as when calls open again; one without (bankruptcy, cease) says why.
  if (answer.nextAllowedAt) {
    return { allowed: false, words: `No calls now · from ${localDayClock(answer.nextAllowedAt, zone, at)}`, detail };
  }
  return { allowed: false, words: detail ?? 'No calls allowed', detail };
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
function clockIn(zone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    clockFormats.set(zone, format);
  }
  return format;
}

/** "18:00" in `zone`. */
export function localClock(instant: string, zone: string): string {
  const parts = clockIn(zone).formatToParts(new Date(instant));
  return `${parts.find((p) => p.type === 'hour')?.value}:${parts.find((p) => p.type === 'minute')?.value}`;
}

/** "Mon 09:00" in `zone` ("09:00" when it is later the same local day as `at`). */
function localDayClock(instant: string, zone: string, at: string): string {
  const weekday = (value: string) => clockIn(zone).formatToParts(new Date(value)).find((p) => p.type === 'weekday')?.value;
  const sameDay = weekday(instant) === weekday(at) && Date.parse(instant) - Date.parse(at) < 86_400_000;
  return sameDay ? localClock(instant, zone) : `${weekday(instant)} ${localClock(instant, zone)}`;
}

function singleCurrency(book: PortfolioBook): string {
  const codes = book.currencyCodes();
  if (codes.length === 1 && codes[0]) {
    return codes[0];
  }
  throw new Error(`The accounts are in ${codes.join(', ')} and the org has no corporate currency to compare them in.`);
}
