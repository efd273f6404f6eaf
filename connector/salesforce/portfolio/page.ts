/**
 * The portfolio source for a page (the worklist): REST query paging only, over the page's fetch
 * client. A page reads ONE collector's scope (a few thousand rows at most), where REST is the cheaper
 * transport anyway (decision 0011: Bulk pays off above three REST pages per kind), and Bulk API 2.0
 * would drag csv-parse and a Buffer shim into the page bundle. A pass asked for Bulk fails clearly.
 * The reports tab's pass is in report-page.ts, its own bundle, so the worklist page does not carry it.
 */
import { ConnectorError } from '../../errors';
import type { PortfolioSource } from '../../portfolio-source';
import { createFetchClient } from '../fetch-client';
import type { FetchClientOptions } from '../fetch-client';
import type { SalesforceClient } from '../client';
import { productPreset } from '../mapping/presets';
import type { MappingConfig } from '../mapping/schema';
import { readOrgCurrencies } from './rates';
import type { OrgCurrencies } from './rates';
import type { BulkQueryApi } from './source';
import { createSalesforcePortfolioSource } from './source';
import { createCollectorFieldAdapter, readTeam } from './reassign';
import type { TeamMember } from './reassign';
import { createReassign } from '../../writes/reassign';
import type { Reassign } from '../../writes/reassign';

function bulkUnavailable(): never {
  throw new ConnectorError({ kind: 'configuration', retryable: false, detail: 'The page portfolio source reads through REST only; run large passes with the collections CLI (Bulk API 2.0).' });
}

const REST_ONLY: BulkQueryApi = {
  create: async () => bulkUnavailable(),
  states: async () => bulkUnavailable(),
  pages: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => bulkUnavailable() }) }),
  abort: async () => undefined,
  requests: () => 0,
};

export interface PagePortfolioReader {
  source: PortfolioSource;
  /** The org's corporate currency and dated rates: one composite request. */
  readCurrencies(signal?: AbortSignal): Promise<OrgCurrencies>;
  /** Who reports to this user (the manager view, decision 0024): empty when the user is no manager. */
  readTeam(managerId: string, signal?: AbortSignal): Promise<TeamMember[]>;
  /** Reassign an account to another collector, once per key (connector/writes/reassign.ts). */
  reassign: Reassign;
}

export type PageReaderOptions = FetchClientOptions & { mapping?: MappingConfig; now?: () => Date };

/** The fetch client and REST-only source every page reader builds on. */
export function restOnlySource(options: PageReaderOptions): { client: SalesforceClient; source: PortfolioSource } {
  const client = createFetchClient(options);
  const source = createSalesforcePortfolioSource({ client, mapping: options.mapping ?? productPreset('USD'), bulk: REST_ONLY, now: options.now });
  return { client, source };
}

/** A REST-only portfolio source and the org's currencies, for a page with a session (instance URL + token). */
export function createPortfolioReader(options: PageReaderOptions): PagePortfolioReader {
  const { client, source } = restOnlySource(options);
  return {
    source,
    readCurrencies: (signal) => readOrgCurrencies(client, signal),
    readTeam: (managerId, signal) => readTeam(client, managerId, signal),
    reassign: createReassign(createCollectorFieldAdapter(client, options.mapping ?? productPreset('USD'))),
  };
}
