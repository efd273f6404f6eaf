/**
 * The portfolio pass for the Lightning tabs (Collections_Worklist, Collections_Reports) over Apex:
 * an LWC may not call the REST API, so the connector's PortfolioSource runs over a SalesforceClient
 * whose queries are answered by `CollectionsPortfolioController` (docs/decisions/0023).
 *
 * The Apex class runs the connector's own portfolio SOQL (connector/salesforce/portfolio/queries.ts,
 * product preset), generated into `CollectionsPortfolioQueries.cls` with every value a bind
 * variable: collector ids → `:collectorIds`, the one-year look-back → `:yearAgo`, the activity
 * window → `:activitySince`, a report's first day → `:historySince`. In the page, the client
 * recognises the SOQL the source sends by those templates and calls Apex with the query's name and
 * the values, never with SOQL text.
 */
import { ConnectorError } from '../../connector/errors';
import { PORTFOLIO_KINDS } from '../../connector/portfolio-source';
import type { PortfolioScope } from '../../connector/portfolio-source';
import type { CompositeRequest, CompositeResponse, QueryResult, SalesforceClient, SalesforceRecord } from '../../connector/salesforce/client';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import { portfolioQueries } from '../../connector/salesforce/portfolio/queries';
import { createSalesforcePortfolioSource } from '../../connector/salesforce/portfolio/source';
import type { BulkQueryApi } from '../../connector/salesforce/portfolio/source';
import { readOrgCurrencies } from '../../connector/salesforce/portfolio/rates';
import { soqlDateTime } from '../../connector/salesforce/soql';
import type { OrgCurrencies } from '../../connector/salesforce/portfolio/rates';
import type { PortfolioSource } from '../../connector/portfolio-source';

/** Placeholder values the templates are generated with (never a real id or day). */
const SENTINEL_USER = '005000000000000AAA';
const SENTINEL_NOW = new Date('2000-01-01T00:00:00Z');
const SENTINEL_HISTORY = '1990-01-01';
/** The worklist reader's activity window: the mapping's, as the source uses (connector/salesforce/portfolio/source.ts). */
const ACTIVITY_LOOKBACK_DAYS = productPreset('USD').activity.lookbackDays;

const BINDS = {
  collectorIds: { literal: `('${SENTINEL_USER}')`, pattern: "\\(((?:'[A-Za-z0-9]{15,18}'(?:, )?)+)\\)" },
  yearAgo: { literal: '1999-01-01', pattern: '(\\d{4}-\\d{2}-\\d{2})' },
  activitySince: { literal: soqlDateTime(new Date(SENTINEL_NOW.getTime() - ACTIVITY_LOOKBACK_DAYS * 86_400_000)), pattern: '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z)' },
  // A report pass reads activities from the start of its first day (before the day itself is bound).
  historyStart: { literal: `${SENTINEL_HISTORY}T00:00:00Z`, pattern: '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z)' },
  historySince: { literal: SENTINEL_HISTORY, pattern: '(\\d{4}-\\d{2}-\\d{2})' },
} as const;
type BindName = keyof typeof BINDS;

/** One generated query: its name, its SOQL with Apex binds, the binds in order of appearance. */
export interface ApexPortfolioQuery {
  name: string;
  soql: string;
  binds: BindName[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every portfolio query the tabs may send: each kind, for a worklist pass and a report pass
 * (history), limited to collectors or for the whole org. Names are `kind_pass_scope`.
 */
export function apexPortfolioQueries(): ApexPortfolioQuery[] {
  const out: ApexPortfolioQuery[] = [];
  const mapping = productPreset('USD');
  for (const pass of ['worklist', 'history'] as const) {
    for (const scopeKind of ['collectors', 'org'] as const) {
      const scope: PortfolioScope = scopeKind === 'org' ? { kind: 'org' } : { kind: 'collectors', collectorIds: [SENTINEL_USER] };
      const queries = portfolioQueries({ mapping, scope, now: SENTINEL_NOW, activityLookbackDays: ACTIVITY_LOOKBACK_DAYS, ...(pass === 'history' ? { historySince: SENTINEL_HISTORY } : {}) }, PORTFOLIO_KINDS);
      for (const q of queries) {
        let soql = q.soql;
        const found: { at: number; name: BindName }[] = [];
        for (const name of Object.keys(BINDS) as BindName[]) {
          const { literal } = BINDS[name];
          if (name === 'yearAgo' && pass === 'history') {
            continue;
          }
          let at = soql.indexOf(literal);
          while (at >= 0) {
            found.push({ at, name });
            at = soql.indexOf(literal, at + 1);
          }
          soql = soql.split(literal).join(`:${name}`);
        }
        if (/\d{4}-\d{2}-\d{2}|'005/.test(soql)) {
          throw new Error(`portfolio query ${q.kind} (${pass}, ${scopeKind}) still carries a literal value; update portfolio-apex.ts: ${soql}`);
        }
        out.push({ name: `${q.kind}_${pass}_${scopeKind}`, soql, binds: found.sort((a, b) => a.at - b.at).map((f) => f.name) });
      }
    }
  }
  return out;
}

interface Matcher {
  query: ApexPortfolioQuery;
  regex: RegExp;
}

function matchers(): Matcher[] {
  return apexPortfolioQueries().map((query) => {
    const parts = query.soql.split(/:(collectorIds|yearAgo|activitySince|historyStart|historySince)\b/);
    const source = parts.map((part, i) => (i % 2 === 1 ? BINDS[part as BindName].pattern : escapeRegExp(part))).join('');
    return { query, regex: new RegExp(`^${source}$`) };
  });
}

/** What the LWC hands the bundle: calls one Apex method of CollectionsPortfolioController. */
export type ApexCall = (method: 'getPortfolioRows' | 'getOrgCurrencies', params: Record<string, unknown>) => Promise<unknown>;

/** The Apex parameters of one SOQL text the source sends, or null when it is not one of ours. */
export function apexParamsFor(soql: string, compiled: readonly Matcher[] = matchers()): { queryName: string; params: Record<string, unknown> } | null {
  for (const { query, regex } of compiled) {
    const m = regex.exec(soql);
    if (!m) {
      continue;
    }
    const params: Record<string, unknown> = { queryName: query.name, collectorIds: null, yearAgo: null, activitySince: null, historyStart: null, historySince: null };
    query.binds.forEach((name, i) => {
      const value = m[i + 1] ?? '';
      params[name] = name === 'collectorIds' ? value.split(', ').map((id) => id.slice(1, -1)) : value;
    });
    return { queryName: query.name, params };
  }
  return null;
}

function unsupported(what: string): never {
  throw new ConnectorError({ kind: 'configuration', retryable: false, detail: `The Lightning tabs read through Apex; ${what} is not available there.` });
}

function parseJson<T>(value: unknown, what: string): T {
  if (typeof value !== 'string') {
    throw new ConnectorError({ kind: 'malformed_response', detail: `${what}: Apex returned no JSON text` });
  }
  try {
    return JSON.parse(value) as T;
  } catch (cause) {
    throw new ConnectorError({ kind: 'malformed_response', detail: `${what}: Apex returned invalid JSON`, cause });
  }
}

/** A SalesforceClient answering the portfolio source's queries and the currency read through Apex. */
export function createApexClient(call: ApexCall): SalesforceClient {
  const compiled = matchers();
  return {
    apiVersion: '66.0',
    dataPath: '/apex',
    async query<R = SalesforceRecord>(soql: string): Promise<QueryResult<R>> {
      const found = apexParamsFor(soql, compiled);
      if (!found) {
        unsupported(`the query ${soql.slice(0, 60)}…`);
      }
      const records = parseJson<R[]>(await call('getPortfolioRows', found.params), found.queryName);
      return { totalSize: records.length, done: true, records };
    },
    queryMore: async () => unsupported('query paging'),
    async composite(request: CompositeRequest): Promise<CompositeResponse> {
      const refs = request.compositeRequest.map((r) => r.referenceId).sort().join(',');
      if (refs !== 'dated,types') {
        unsupported('a composite request');
      }
      const answer = parseJson<{ types: SalesforceRecord[] | null; dated: SalesforceRecord[] | null }>(await call('getOrgCurrencies', {}), 'getOrgCurrencies');
      const sub = (referenceId: string, records: SalesforceRecord[] | null) =>
        records === null
          ? { referenceId, httpStatusCode: 400, httpHeaders: {}, body: [{ errorCode: 'INVALID_TYPE', message: 'multiple currencies are not enabled' }] }
          : { referenceId, httpStatusCode: 200, httpHeaders: {}, body: { totalSize: records.length, done: true, records } };
      return { compositeResponse: [sub('types', answer.types), sub('dated', answer.dated)] };
    },
    create: async () => unsupported('create'),
    update: async () => unsupported('update'),
    upsert: async () => unsupported('upsert'),
    describe: async () => unsupported('describe'),
    describeGlobal: async () => unsupported('describeGlobal'),
    limits: async () => unsupported('limits'),
    lastApiUsage: () => null,
  };
}

const NO_BULK: BulkQueryApi = {
  create: async () => unsupported('Bulk API 2.0'),
  states: async () => unsupported('Bulk API 2.0'),
  pages: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => unsupported('Bulk API 2.0') }) }),
  abort: async () => undefined,
  requests: () => 0,
};

/** The worklist's and reports' reader over Apex: a REST-shaped portfolio source and the org's currencies. */
export function createApexPortfolioReader(call: ApexCall, options: { now?: () => Date } = {}): {
  client: SalesforceClient;
  source: PortfolioSource;
  readCurrencies(signal?: AbortSignal): Promise<OrgCurrencies>;
} {
  const client = createApexClient(call);
  const source = createSalesforcePortfolioSource({ client, mapping: productPreset('USD'), bulk: NO_BULK, now: options.now });
  return { client, source, readCurrencies: (signal) => readOrgCurrencies(client, signal) };
}
