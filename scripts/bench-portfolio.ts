/**
 * Portfolio engine benchmark: facts and top-N ranking for a large synthetic book.
 *
 *   npm run bench:portfolio -- --accounts 100000 --invoices 10 [--top 1000] [--runs 3] [--seed 42]
 *
 * Inputs are generated deterministically (seeded PRNG) straight into the compact form through the
 * book's compact adders (not timed): `--invoices` open invoices per account on average (1–2
 * currencies per account, 3 % with a dispute line), ~1 promise (every status), ~5 activities,
 * ~2 payments and ~1 follow-up per account, credits, plans, credit limits, hard flags on 1 %, five
 * account currencies converted to USD at dated rates, eight zones.
 * Timed, on one JS thread (prefix `taskset -c 0` to keep GC helpers on the same core too):
 * `computeFacts`, then `rankPortfolio` (top N with explanations), `--runs`
 * times on the same book; aggregates are timed apart. Memory is sampled between phases (heap used
 * + array buffers, which hold the typed columns) and the process's peak RSS is reported too.
 * The LAST line printed is one JSON object (medians over the runs, plus the first, cold run).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { aggregatePortfolio, computeFacts, PortfolioBook, rankPortfolio, toEpochDay, type FxRate } from '../connector/domain';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    invoices: { type: 'string', default: '10' },
    top: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
  },
});

function positiveInteger(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer, got ${text}`);
  }
  return value;
}

const accounts = positiveInteger(args.accounts, 'accounts');
const invoicesPerAccount = positiveInteger(args.invoices, 'invoices');
const top = positiveInteger(args.top, 'top');
const runs = Math.min(positiveInteger(args.runs, 'runs'), 20);
const seed = positiveInteger(args.seed, 'seed');

/** mulberry32: small, fast, deterministic. */
function prng(initial: number): () => number {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = prng(seed);
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const AS_OF = '2026-03-02T09:00:00Z';
const AS_OF_DAY = toEpochDay('2026-03-02');
const AS_OF_MS = Date.parse(AS_OF);
const DAY_MS = 86_400_000;
const CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'JPY'] as const;
const CURRENCY_WEIGHTS = [0.4, 0.2, 0.15, 0.15, 0.1];
/** Typical balance range per currency, minor units (JPY has no minor unit). */
const BALANCE_RANGE: Record<(typeof CURRENCIES)[number], [number, number]> = {
  USD: [5_000, 5_000_000],
  EUR: [5_000, 5_000_000],
  GBP: [5_000, 4_000_000],
  INR: [500_000, 400_000_000],
  JPY: [1_000, 700_000],
};
const RATES: FxRate[] = [
  { from: 'EUR', to: 'USD', rate: '1.0791', asOf: '2026-01-02' },
  { from: 'EUR', to: 'USD', rate: '1.0825', asOf: '2026-02-27' },
  { from: 'GBP', to: 'USD', rate: '1.2650', asOf: '2026-02-27' },
  { from: 'INR', to: 'USD', rate: '0.012050', asOf: '2026-02-27' },
  { from: 'JPY', to: 'USD', rate: '0.006700', asOf: '2026-02-27' },
];
const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland'];
const PROMISE_STATUSES = ['pending', 'pending', 'kept', 'kept', 'broken', 'partially_kept', 'cancelled'] as const;
const ACTIVITY_KINDS = ['call', 'call', 'email', 'email', 'sms', 'note', 'letter', 'visit'] as const;

function weightedCurrency(): number {
  let roll = random();
  for (let k = 0; k < CURRENCY_WEIGHTS.length; k++) {
    roll -= CURRENCY_WEIGHTS[k] as number;
    if (roll < 0) {
      return k;
    }
  }
  return 0;
}

interface Generated {
  book: PortfolioBook;
  counts: Record<string, number>;
}

function generate(): Generated {
  const book = new PortfolioBook();
  const currency = CURRENCIES.map((code) => book.currencyIndex(code));
  const zone = ZONES.map((name) => book.zoneIndex(name));
  const collectors = Array.from({ length: 50 }, (_, k) => book.collectorIndex({ id: `U${String(k).padStart(4, '0')}`, name: `Collector ${k}` }));
  const counts = { invoices: 0, disputeLines: 0, credits: 0, promises: 0, plans: 0, activities: 0, payments: 0, followUps: 0 };
  const accountCurrency = new Uint8Array(accounts);
  for (let a = 0; a < accounts; a++) {
    const own = weightedCurrency();
    accountCurrency[a] = own;
    const code = CURRENCIES[own] as (typeof CURRENCIES)[number];
    book.addAccountCompact(`ACC${String(a).padStart(8, '0')}`, {
      name: `Customer ${a}`,
      currencyIndex: currency[own] as number,
      segment: random() < 0.8 ? 'b2b' : 'b2c',
      zoneIndex: random() < 0.9 ? (pick(zone) as number) : null,
      collectorIndex: pick(collectors),
      riskRating: pick([null, 'low', 'medium', 'high'] as const),
      keyAccount: random() < 0.05,
      creditLimitMinor: random() < 0.5 ? between(1, 20) * (BALANCE_RANGE[code][1] as number) : null,
      creditLimitCurrencyIndex: currency[own] as number,
      flags: random() < 0.01 ? [{ flag: pick(['bankruptcy', 'cease_communication', 'breathing_space', 'vulnerable'] as const) }] : [],
    });
  }
  const total = accounts * invoicesPerAccount;
  for (let k = 0; k < total; k++) {
    const a = Math.floor(random() * accounts);
    // 1–2 currencies per account: one invoice in twenty is in another currency.
    const c = random() < 0.05 ? weightedCurrency() : (accountCurrency[a] as number);
    const [low, high] = BALANCE_RANGE[CURRENCIES[c] as (typeof CURRENCIES)[number]];
    const balance = between(low, high);
    const row = book.addInvoiceCompact(a, AS_OF_DAY - between(-60, 400), balance, currency[c] as number, random() < 0.8 ? 'open' : 'partially_paid');
    counts.invoices += 1;
    if (random() < 0.03) {
      book.addDisputeLineCompact(a, row, between(1, balance), currency[c] as number);
      counts.disputeLines += 1;
    }
  }
  for (let a = 0; a < accounts; a++) {
    const own = currency[accountCurrency[a] as number] as number;
    const [low, high] = BALANCE_RANGE[CURRENCIES[accountCurrency[a] as number] as (typeof CURRENCIES)[number]];
    if (random() < 0.1) {
      book.addCreditCompact(a, own, random() < 0.5 ? 'credit_note' : 'unapplied_cash', between(low, high));
      counts.credits += 1;
    }
    for (let p = between(0, 2); p > 0; p--) {
      book.addPromiseCompact(a, AS_OF_DAY + between(-120, 30), pick(PROMISE_STATUSES), own, between(low, high));
      counts.promises += 1;
    }
    if (random() < 0.05) {
      book.addPlanCompact(a, random() < 0.7 ? 'active' : 'completed', own, between(low, high) * 3);
      counts.plans += 1;
    }
    for (let n = between(3, 7); n > 0; n--) {
      book.addActivityCompact(a, AS_OF_MS - between(0, 180 * DAY_MS), pick(ACTIVITY_KINDS), random() < 0.2);
      counts.activities += 1;
    }
    for (let n = between(1, 3); n > 0; n--) {
      book.addPaymentCompact(a, AS_OF_DAY - between(0, 365));
      counts.payments += 1;
    }
    if (random() < 0.8) {
      book.addFollowUpCompact(a, AS_OF_DAY + between(-10, 20), random() < 0.6);
      counts.followUps += 1;
    }
  }
  return { book, counts };
}

const MB = 1024 * 1024;
let peakHeapBytes = 0;
function sampleHeap(): void {
  const usage = process.memoryUsage();
  peakHeapBytes = Math.max(peakHeapBytes, usage.heapUsed + usage.arrayBuffers);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const round = (value: number): number => Math.round(value * 10) / 10;

const generationStart = performance.now();
const { book, counts } = generate();
const generateMs = performance.now() - generationStart;
sampleHeap();

const factsMs: number[] = [];
const rankMs: number[] = [];
/** CPU time of the process (all its threads), which a busy machine does not inflate as it does wall time. */
const factsCpuMs: number[] = [];
const rankCpuMs: number[] = [];
const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number => (to.user - from.user + to.system - from.system) / 1000;
/** The latest run's results; dropped before the next run so that runs do not hold two sets of facts. */
const latest: { facts?: ReturnType<typeof computeFacts>; ranking?: ReturnType<typeof rankPortfolio> } = {};
for (let run = 0; run < runs; run++) {
  delete latest.facts;
  delete latest.ranking;
  const factsStart = performance.now();
  const factsCpu = process.cpuUsage();
  const facts = computeFacts(book, { asOf: AS_OF, reportingCurrency: 'USD', rates: RATES, defaultZone: 'UTC' });
  const factsEnd = performance.now();
  const rankCpu = process.cpuUsage();
  sampleHeap();
  const ranking = rankPortfolio(facts, { limit: top });
  const rankEnd = performance.now();
  const endCpu = process.cpuUsage();
  sampleHeap();
  factsMs.push(factsEnd - factsStart);
  rankMs.push(rankEnd - factsEnd);
  factsCpuMs.push(cpuMs(factsCpu, rankCpu));
  rankCpuMs.push(cpuMs(rankCpu, endCpu));
  latest.facts = facts;
  latest.ranking = ranking;
}
const aggregateStart = performance.now();
const aggregates = aggregatePortfolio(latest.facts as NonNullable<typeof latest.facts>);
const aggregateMs = performance.now() - aggregateStart;
sampleHeap();

const ranking = latest.ranking as NonNullable<typeof latest.ranking>;
const totals = factsMs.map((ms, k) => ms + (rankMs[k] as number));
console.log(
  `book: ${accounts} accounts, ${counts.invoices} invoices (generated in ${Math.round(generateMs)} ms); ` +
    `facts ${factsMs.map(Math.round).join('/')} ms, rank ${rankMs.map(Math.round).join('/')} ms per run`,
);
console.log(
  `ranked ${ranking.rows.length} of ${ranking.eligible} eligible (not ranked: ${ranking.notRanked.hardBlocked} hard-blocked, ` +
    `${ranking.notRanked.nothingCollectable} nothing collectable); top: ${ranking.rows[0]?.accountId} score ${ranking.rows[0]?.score.toFixed(0)}; ` +
    `portfolio collectable ${aggregates.total.collectable.amountMinor} ${aggregates.currency} minor units`,
);
console.log(
  JSON.stringify({
    accounts,
    invoices: counts.invoices,
    invoicesPerAccount,
    disputeLines: counts.disputeLines,
    credits: counts.credits,
    promises: counts.promises,
    plans: counts.plans,
    activities: counts.activities,
    payments: counts.payments,
    followUps: counts.followUps,
    currencies: CURRENCIES.length,
    zones: ZONES.length,
    top,
    seed,
    runs,
    factsMs: round(median(factsMs)),
    rankMs: round(median(rankMs)),
    totalMs: round(median(totals)),
    coldTotalMs: round(totals[0] as number),
    factsCpuMs: round(median(factsCpuMs)),
    rankCpuMs: round(median(rankCpuMs)),
    totalCpuMs: round(median(factsCpuMs.map((ms, k) => ms + (rankCpuMs[k] as number)))),
    aggregateMs: round(aggregateMs),
    generateMs: round(generateMs),
    peakHeapMB: round(peakHeapBytes / MB),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  }),
);
