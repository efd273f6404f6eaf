/**
 * `collections rank`: one portfolio pass (PortfolioSource), the domain's facts and ranking, the top
 * N printed with their reasons; `--write-back` stores every account's score on the account through
 * one Bulk API 2.0 ingest job, so Salesforce list views and reports can sort by it.
 */
import { readJsonOption } from './json-file';
import { PortfolioBook, computeFacts, formatMoney, priorityInWords, rankPortfolio, scorePortfolio, zoneAbbreviation } from '../connector/domain';
import type { FxRate, PortfolioFacts, PortfolioRanking } from '../connector/domain';
import type { DataQualityNote } from '../connector/port';
import type { PortfolioKind } from '../connector/portfolio-source';
import { PORTFOLIO_KINDS, RANKING_KINDS, addRecordToBook } from '../connector/portfolio-source';
import { createFetchClient, productPreset } from '../connector/salesforce';
import { createBulkQueryApi } from '../connector/salesforce/portfolio/bulk';
import { readOrgCurrencies } from '../connector/salesforce/portfolio/rates';
import { createSalesforcePortfolioSource } from '../connector/salesforce/portfolio/source';
import { createScoreSink } from '../connector/salesforce/portfolio/scores';
import { CliError, resolveConnection, scopeOf } from './connection';
import type { ConnectionOptions } from './connection';
import type { RankCliOptions } from './main';
import { createProgressReporter } from './progress';

export interface RankContext {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onConnected: (instanceUrl: string) => void;
  /** Tests pin the clock. */
  now?: () => Date;
}

/** What `--json` prints: the ranking plus what the pass cost. */
export interface RankJson {
  asOf: string;
  currency: string;
  accounts: number;
  eligible: number;
  notRanked: PortfolioRanking['notRanked'];
  rows: {
    rank: number;
    accountId: string;
    name: string;
    collector: string | null;
    score: number;
    collectable: string;
    collectableMinor: number;
    daysPastDue: number;
    why: string;
  }[];
  dataQuality: { count: number; examples: string[] };
  apiRequests: number;
  via: string;
  writeBack: { written: number; failed: number } | null;
}

export async function runRank(options: ConnectionOptions & RankCliOptions, ctx: RankContext): Promise<number> {
  const now = ctx.now ?? ((): Date => new Date());
  // Options first: a mistyped one is its usage line before any connection or API request.
  const scope = scopeOf(options.collector);
  const resumeJobs = options.resume ? parseResume(options.resume) : undefined;
  const fileRates = options.rates ? await readRatesFile(options.rates) : null;
  const connection = await resolveConnection(options, ctx.env);
  ctx.onConnected(connection.instanceUrl);
  const client = createFetchClient({ instanceUrl: connection.instanceUrl, getAccessToken: () => connection.accessToken, apiVersion: options.apiVersion });
  const progress = createProgressReporter(ctx.stderr, options.quiet === true);
  progress.note(`Reading ${connection.instanceUrl} (${connection.via})…`);

  const org = fileRates ? null : await readOrgCurrencies(client, ctx.signal);

  const bulk = createBulkQueryApi(client);
  const source = createSalesforcePortfolioSource({ client, mapping: productPreset(org?.corporateCurrency ?? options.currency ?? 'USD'), bulk, now, jobTimeoutMs: options.jobTimeout * 1000 });
  const book = new PortfolioBook();
  const notes: DataQualityNote[] = [];
  for await (const page of source.read({ scope, kinds: RANKING_KINDS, mode: options.via, signal: ctx.signal, onProgress: (p) => progress.update(p), ...(resumeJobs ? { resumeJobs } : {}) })) {
    for (const record of page) {
      const note = addRecordToBook(book, record);
      if (note) {
        notes.push(note);
      }
    }
  }
  progress.stop();
  const pass = source.lastPass();

  const reportingCurrency = options.currency ?? org?.corporateCurrency ?? singleCurrency(book);
  const asOf = now().toISOString();
  const facts = computeFacts(book, { asOf, reportingCurrency, rates: fileRates ?? org?.rates ?? [] });
  const ranking = rankPortfolio(facts, { limit: options.top });
  const locale = cliLocale(ctx.env);

  let writeBack: RankJson['writeBack'] = null;
  let writeRequests = 0;
  if (options.writeBack) {
    progress.note(`Storing ${facts.accountIds().length} scores on the accounts (Bulk API 2.0)…`);
    const stored = await writeScores(client, facts, asOf, ctx.signal, (message) => progress.note(message));
    writeBack = { written: stored.written, failed: stored.failed };
    writeRequests = stored.requests;
  }

  const json: RankJson = {
    asOf,
    currency: ranking.currency,
    accounts: facts.accountIds().length,
    eligible: ranking.eligible,
    notRanked: ranking.notRanked,
    rows: ranking.rows.map((row) => {
      const account = facts.account(row.accountIndex);
      return {
        rank: row.rank,
        accountId: account.accountId,
        name: account.name,
        collector: account.collector?.name ?? null,
        score: Math.round(row.score * 100) / 100,
        collectable: formatMoney(account.reporting.collectable, locale),
        collectableMinor: account.reporting.collectable.amountMinor,
        daysPastDue: account.maxDaysPastDue,
        why: priorityInWords(account, locale),
      };
    }),
    dataQuality: { count: notes.length, examples: notes.slice(0, 3).map((n) => n.message) },
    apiRequests: (pass?.apiRequests ?? 0) + (org ? 1 : 0) + writeRequests,
    via: pass?.via ?? 'rest',
    writeBack,
  };
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    ctx.stdout.write(renderTable(json, asOfInWords(asOf, locale, userTimeZone())));
  }
  if (writeBack && writeBack.failed > 0) {
    ctx.stderr.write(`collections: ${writeBack.failed} of ${writeBack.written + writeBack.failed} scores could not be stored (see the failures above); the ranking itself is complete.\n`);
    return 1;
  }
  return 0;
}

/** `invoices=750…,disputes=750…` (what a timed-out run prints) → jobs by kind. */
function parseResume(value: string): Partial<Record<PortfolioKind, string>> {
  const jobs: Partial<Record<PortfolioKind, string>> = {};
  for (const part of value.split(',').filter(Boolean)) {
    const [kind, id] = part.split('=');
    if (!kind || !id || !(PORTFOLIO_KINDS as readonly string[]).includes(kind) || !/^750[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id)) {
      throw new CliError(`--resume takes kind=jobId pairs as a timed-out run prints them (e.g. invoices=750…), not ${JSON.stringify(part)}.`, 2);
    }
    jobs[kind as PortfolioKind] = id;
  }
  return jobs;
}

export function singleCurrency(book: PortfolioBook): string {
  const codes = book.currencyCodes();
  if (codes.length === 1 && codes[0]) {
    return codes[0];
  }
  throw new CliError(`Accounts are in ${codes.join(', ')} and the org has no corporate currency: pass --currency CODE and --rates FILE to compare them.`, 2);
}

export async function readRatesFile(path: string): Promise<FxRate[]> {
  const parsed = await readJsonOption('--rates', path);
  if (!Array.isArray(parsed)) {
    throw new CliError(`--rates ${path} must hold a JSON array like [{"from":"INR","to":"USD","rate":"0.012","asOf":"2026-11-01"}].`, 2);
  }
  return parsed.map((entry: unknown, index) => {
    const r = entry as Partial<Record<keyof FxRate, unknown>>;
    if (typeof r?.from !== 'string' || typeof r.to !== 'string' || typeof r.rate !== 'string' || !/^\d+(\.\d+)?$/.test(r.rate) || typeof r.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(r.asOf)) {
      throw new CliError(`--rates ${path}: entry ${index + 1} must be {"from": ISO code, "to": ISO code, "rate": decimal text, "asOf": YYYY-MM-DD}.`, 2);
    }
    return { from: r.from, to: r.to, rate: r.rate, asOf: r.asOf };
  });
}

/** The terminal's locale (LC_ALL/LANG like `en_IN.UTF-8` → `en-IN`), else the runtime's. */
function cliLocale(env: NodeJS.ProcessEnv): string {
  const raw = env.LC_ALL || env.LC_MONETARY || env.LANG || '';
  const match = /^([a-z]{2,3})(?:_([A-Z]{2}))?/.exec(raw);
  if (match && match[1] !== 'C') {
    const candidate = match[2] ? `${match[1]}-${match[2]}` : match[1] as string;
    if (Intl.NumberFormat.supportedLocalesOf([candidate]).length > 0) {
      return candidate;
    }
  }
  return new Intl.NumberFormat().resolvedOptions().locale;
}

/** The user's zone (the one the runtime resolved, `TZ` included), passed to Intl explicitly. */
function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** When the ranking was computed, for people: '20 Nov 2026, 19:35 IST' (the JSON keeps the ISO instant). */
function asOfInWords(asOf: string, locale: string, zone: string): string {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(asOf));
  return `${when} ${zoneAbbreviation(asOf, zone)}`;
}

function renderTable(json: RankJson, asOf: string): string {
  const header = ['#', 'Account', 'Collector', 'Collectable', 'Days late', 'Why'];
  const rows = json.rows.map((r) => [String(r.rank), r.name, r.collector ?? '—', r.collectable, String(r.daysPastDue), r.why]);
  const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const widths = [4, 36, 18, 18, 9, 0].map((max, i) => (max === 0 ? 0 : Math.min(max, Math.max(header[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0)))));
  const line = (cells: string[]): string => cells.map((cell, i) => (widths[i] ? clip(cell, widths[i] as number).padEnd(widths[i] as number) : cell)).join('  ').trimEnd();
  const out = [
    `Who to call first — ${json.rows.length} of ${json.eligible} accounts with something to collect (${json.accounts} in the book), amounts in ${json.currency}, as of ${asOf}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `Not ranked: ${json.notRanked.hardBlocked} with a bankruptcy, cease-communication or breathing-space flag; ${json.notRanked.nothingCollectable} with nothing to collect.`,
  ];
  if (json.dataQuality.count > 0) {
    out.push(`${json.dataQuality.count} CRM records could not be read and are left out, e.g. ${json.dataQuality.examples[0] ?? ''}`);
  }
  out.push(`Read with ${json.apiRequests} API requests (${json.via === 'bulk' ? 'Bulk API 2.0' : 'REST'}).`);
  if (json.writeBack) {
    out.push(`Scores stored on ${json.writeBack.written} accounts${json.writeBack.failed ? `; ${json.writeBack.failed} failed` : ''}.`);
  }
  return `${out.join('\n')}\n`;
}

/** Every account's score (0 when it is not ranked) and the time, through the CRM's score sink. */
async function writeScores(client: ReturnType<typeof createFetchClient>, facts: PortfolioFacts, scoredAt: string, signal: AbortSignal, note: (message: string) => void): Promise<{ written: number; failed: number; requests: number }> {
  const scores = scorePortfolio(facts);
  const rows = facts.accountIds().map((accountId, index) => ({ accountId, score: scores[index] ?? 0, scoredAt }));
  const result = await createScoreSink(client).writeScores(rows, { signal });
  for (const failure of result.failed.slice(0, 5)) {
    note(`Account ${failure.accountId || '?'}: ${failure.message}`);
  }
  return { written: result.written, failed: result.failed.length, requests: result.apiRequests };
}
