/**
 * Portfolio worklist ranking (domain-rules.md (g)): the priority.ts score of every account,
 * computed on the compact facts, and the top N without sorting the whole portfolio.
 *
 * - Same score: the numbers of `scoreAccount` (same weights, same components, multiplied in the
 *   same order, so the doubles are identical), with the REPORTING-currency collectable so scores
 *   compare across account currencies. rank.test.ts checks `scoreAccount(...).score` equals the
 *   ranking's score for every returned row on random portfolios.
 * - Eligibility: an account is ranked when its own record was added, it has something collectable
 *   and no hard-block flag is in force (flags.ts: cease communication, bankruptcy, breathing space).
 *   The live compliance gate (contact windows, caps, opt-outs, the conversation pause …) is OUT OF
 *   SCOPE: the portfolio has no live compliance answer; the panel gates the opened account with
 *   `withComplianceGate`, as for a snapshot's priority (decision 0009).
 * - Order: score, highest first; equal scores by account id (code-unit order, ascending), so the
 *   result does not depend on the order records arrived in.
 * - Explanations (`PriorityResult` components and words) are built only for the returned rows, by
 *   `scoreAccount` itself on that account's facts.
 */
import { integerIn, invalid } from '../errors';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityFacts, type PriorityResult, type PriorityWeights, type RankedAccount, scoreAccount } from '../priority';
import { fromEpochDay, toEpochDay } from '../dates';
import { parseInstant, toInstant, zonedParts } from '../time';
import { RISK_RATINGS } from '../vocabulary';
import type { RiskRating } from './book';
import { NO_DAY, NO_INSTANT, type PortfolioFacts } from './facts';
import { hardBlockReasons } from './flags';

const MS_PER_DAY = 86_400_000;
/**
 * Instants this far outside the recent-conversation period cannot fall in it in any zone (UTC
 * offsets differ by at most 26 hours, even across a date-line change), so only conversations
 * nearer than this are read on the zone's wall clock.
 */
const CONVERSATION_MARGIN_DAYS = 3;

/** Options of {@link rankPortfolio}. */
export interface PortfolioRankOptions {
  /** Rows to return, best first. Default 100. */
  limit?: number;
  /** Overrides of DEFAULT_PRIORITY_WEIGHTS (validated as scoreAccount validates them). */
  weights?: Partial<PriorityWeights>;
}

/** A ranked row: the account's explained priority, its 1-based rank and its index in the book. */
export interface PortfolioRankedAccount extends RankedAccount {
  accountIndex: number;
}

/** Result of {@link rankPortfolio}. */
export interface PortfolioRanking {
  asOf: string;
  /** Reporting currency of the collectable amounts the scores are built on. */
  currency: string;
  rows: PortfolioRankedAccount[];
  /** Accounts that could be ranked (rows are the best `limit` of them). */
  eligible: number;
  /** Accounts left out, by reason (a hard-blocked account is counted there even when nothing is collectable). */
  notRanked: { hardBlocked: number; nothingCollectable: number };
}

/** The weights with their defaults, validated by scoreAccount on a probe. */
function resolveWeights(facts: PortfolioFacts, weights: Partial<PriorityWeights>): PriorityWeights {
  scoreAccount(
    { accountId: 'weights', collectableReportingMinor: 0, currency: facts.reportingCurrency, maxDaysPastDue: 0, brokenPromisesLast90Days: 0 },
    { asOf: facts.asOf, zone: 'UTC' },
    weights,
  );
  return { ...DEFAULT_PRIORITY_WEIGHTS, ...weights };
}

/** True when the account can be ranked (see the module comment). */
export function isRankable(facts: PortfolioFacts, accountIndex: number): boolean {
  return facts.known[accountIndex] === 1 && (facts.reporting.collectable[accountIndex] ?? 0) > 0 && !facts.hardBlocked(accountIndex);
}

/**
 * A scorer for every account: the number `scoreAccount` gives for its facts, 0 when not rankable.
 * @throws DomainValidationError naming `weights.…` for bad weights.
 */
function portfolioScorer(facts: PortfolioFacts, weights: Partial<PriorityWeights>): (accountIndex: number) => number {
  const w = resolveWeights(facts, weights);
  const asOfMs = parseInstant(facts.asOf, 'asOf');
  const recentLimitMs = (w.recentConversationDays + CONVERSATION_MARGIN_DAYS) * MS_PER_DAY;
  const conversationDay = (ms: number, i: number): number => toEpochDay(zonedParts(ms, facts.zone(i)).date);
  const isRecentConversation = (i: number, today: number): boolean => {
    const ms = facts.lastConversationMs[i] ?? NO_INSTANT;
    if (ms === NO_INSTANT || asOfMs - ms > recentLimitMs || ms - asOfMs > CONVERSATION_MARGIN_DAYS * MS_PER_DAY) {
      return false;
    }
    const dayNumber = today - conversationDay(ms, i) + 1; // the conversation day is day 1 (Reg F 1006.14(b)(2))
    return dayNumber >= 1 && dayNumber <= w.recentConversationDays;
  };
  return (i) => {
    if (!isRankable(facts, i)) {
      return 0;
    }
    const maxDpd = facts.maxDaysPastDue[i] ?? 0;
    const today = facts.asOfDay[i] ?? 0;
    const promiseDue = facts.nextPromiseDueDay[i] ?? NO_DAY;
    const dpd = Math.min(Math.max(0, maxDpd), w.dpdCap);
    const risk = facts.riskCode[i] ?? 0;
    const nearBoundary = w.bucketBoundaries.find((edge) => maxDpd <= edge && maxDpd >= edge - w.boundaryLeadDays) !== undefined;
    // The factors of scoreAccount, multiplied in its order (eligibility 1 first).
    let score = 1 * 1;
    score *= Math.max(0, facts.reporting.collectable[i] ?? 0);
    score *= 1 + w.urgencyBeta * Math.log(1 + dpd);
    score *= 1 + w.brokenPromiseStep * Math.min(facts.brokenPromisesLast90Days[i] ?? 0, w.brokenPromiseMaxCount);
    score *= promiseDue !== NO_DAY && (promiseDue === today || promiseDue === today + 1) ? w.promiseDueSoon : 1;
    score *= promiseDue !== NO_DAY && promiseDue > today + 1 ? w.promiseInForce : 1;
    score *= isRecentConversation(i, today) ? w.recentConversation : 1;
    score *= risk === 0 ? 1 : w.risk[RISK_RATINGS[risk - 1] as RiskRating];
    score *= facts.keyAccount[i] === 1 ? w.keyAccount : 1;
    score *= nearBoundary ? w.bucketBoundary : 1;
    return score;
  };
}

/**
 * The priority score of every account (index = account index); 0 for accounts not ranked.
 * @throws DomainValidationError naming `weights.…`.
 */
export function scorePortfolio(facts: PortfolioFacts, weights: Partial<PriorityWeights> = {}): Float64Array {
  const score = portfolioScorer(facts, weights);
  const scores = new Float64Array(facts.accountCount);
  for (let i = 0; i < facts.accountCount; i++) {
    scores[i] = score(i);
  }
  return scores;
}

/**
 * The facts `scoreAccount` takes for one account, in the reporting currency.
 * @throws DomainValidationError naming `accountIndex` when out of range or the account never arrived.
 */
export function priorityFactsOf(facts: PortfolioFacts, accountIndex: number): PriorityFacts {
  const i = integerIn(accountIndex, 'accountIndex', 0, facts.accountCount - 1);
  if (facts.known[i] !== 1) {
    invalid('accountIndex', `only records referring to account ${facts.accountId(i)} were added, not the account`);
  }
  const promiseDue = facts.nextPromiseDueDay[i] ?? NO_DAY;
  const conversation = facts.lastConversationMs[i] ?? NO_INSTANT;
  const risk = facts.riskCode[i] ?? 0;
  return {
    accountId: facts.accountId(i),
    collectableReportingMinor: facts.reporting.collectable[i] ?? 0,
    currency: facts.reportingCurrency,
    maxDaysPastDue: facts.maxDaysPastDue[i] ?? 0,
    brokenPromisesLast90Days: facts.brokenPromisesLast90Days[i] ?? 0,
    nextPromiseDueDate: promiseDue === NO_DAY ? null : fromEpochDay(promiseDue),
    lastConversationAt: conversation === NO_INSTANT ? null : toInstant(conversation),
    riskRating: risk === 0 ? null : (RISK_RATINGS[risk - 1] as RiskRating),
    keyAccount: facts.keyAccount[i] === 1,
    compliance: null,
  };
}

/**
 * One account's explained priority: `scoreAccount` on its facts, as of `facts.asOf` in the account's
 * zone; an account with a hard-block flag in force gets those flags as blocking compliance reasons
 * (score 0, no known next permitted time: the panel's compliance check gives it).
 */
export function explainAccount(facts: PortfolioFacts, accountIndex: number, weights: Partial<PriorityWeights> = {}): PriorityResult {
  const input = priorityFactsOf(facts, accountIndex);
  if (facts.hardBlocked(accountIndex)) {
    input.compliance = { allowed: false, nextAllowedAt: null, reasons: hardBlockReasons(facts.flags[accountIndex] ?? 0) };
  }
  return scoreAccount(input, { asOf: facts.asOf, zone: facts.zone(accountIndex) }, weights);
}

/** The best `limit` accounts by (score desc, id asc), kept in a bounded min-heap whose root is the weakest. */
class TopAccounts {
  private readonly indexes: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly ids: readonly string[],
  ) {
    this.indexes = new Int32Array(limit);
    this.scores = new Float64Array(limit);
  }

  /** True when (scoreA, a) ranks before (scoreB, b). */
  private before(scoreA: number, a: number, scoreB: number, b: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && (this.ids[a] as string) < (this.ids[b] as string));
  }

  offer(account: number, score: number): void {
    if (this.size < this.limit) {
      this.indexes[this.size] = account;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (this.before(score, account, this.scores[0] ?? 0, this.indexes[0] ?? 0)) {
      this.indexes[0] = account;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Kept accounts, best first. */
  ranked(): { account: number; score: number }[] {
    const rows = Array.from({ length: this.size }, (_, k) => ({ account: this.indexes[k] ?? 0, score: this.scores[k] ?? 0 }));
    return rows.sort((x, y) => (this.before(x.score, x.account, y.score, y.account) ? -1 : 1));
  }

  /** Heap order: a parent ranks AFTER its children (the root is the weakest kept). */
  private weaker(k: number, j: number): boolean {
    return this.before(this.scores[j] ?? 0, this.indexes[j] ?? 0, this.scores[k] ?? 0, this.indexes[k] ?? 0);
  }

  private swap(k: number, j: number): void {
    const index = this.indexes[k] ?? 0;
    const score = this.scores[k] ?? 0;
    this.indexes[k] = this.indexes[j] ?? 0;
    this.scores[k] = this.scores[j] ?? 0;
    this.indexes[j] = index;
    this.scores[j] = score;
  }

  private siftUp(k: number): void {
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.weaker(k, parent)) {
        return;
      }
      this.swap(k, parent);
      k = parent;
    }
  }

  private siftDown(k: number): void {
    for (;;) {
      const left = 2 * k + 1;
      const right = left + 1;
      let weakest = k;
      if (left < this.size && this.weaker(left, weakest)) {
        weakest = left;
      }
      if (right < this.size && this.weaker(right, weakest)) {
        weakest = right;
      }
      if (weakest === k) {
        return;
      }
      this.swap(k, weakest);
      k = weakest;
    }
  }
}

/**
 * Rank the portfolio: the best `limit` rankable accounts with their explained priority.
 * @throws DomainValidationError naming `limit` or `weights.…`.
 */
export function rankPortfolio(facts: PortfolioFacts, options: PortfolioRankOptions = {}): PortfolioRanking {
  const limit = integerIn(options.limit ?? 100, 'limit', 1, 1_000_000);
  const weights = options.weights ?? {};
  const score = portfolioScorer(facts, weights);
  const top = new TopAccounts(limit, facts.accountIds());
  const notRanked = { hardBlocked: 0, nothingCollectable: 0 };
  let eligible = 0;
  for (let i = 0; i < facts.accountCount; i++) {
    if (facts.known[i] !== 1) {
      continue;
    }
    if (facts.hardBlocked(i)) {
      notRanked.hardBlocked += 1;
    } else if ((facts.reporting.collectable[i] ?? 0) <= 0) {
      notRanked.nothingCollectable += 1;
    } else {
      eligible += 1;
      top.offer(i, score(i));
    }
  }
  const rows = top.ranked().map(({ account }, position) => ({ ...explainAccount(facts, account, weights), rank: position + 1, accountIndex: account }));
  return { asOf: facts.asOf, currency: facts.reportingCurrency, rows, eligible, notRanked };
}
