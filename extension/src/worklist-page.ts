/**
 * The extension's worklist page (worklist.html?org=…&lightning=…), opened from the dock or the
 * toolbar button: the widget's worklist over the book the service worker read ('worklist-read'),
 * whose rows open the account's Lightning record page in the org (hrefFor). Rows re-score from the panel's
 * snapshots the worker broadcasts (account-refreshed.ts).
 */
import { mount, rescore } from '../../widget/src/worklist/index';
import type { PortfolioReadOptions, PortfolioRecord, PortfolioSource } from '../../connector/portfolio-source';
import type { WorklistCurrencies } from '../../widget/src/worklist/load';
import { askWorker, pageParams, showStatus } from './page-ask';
import { extensionApi } from './ext-api';
import { listenForRefreshedAccounts } from './account-refreshed';

interface WorklistPageData {
  collectorId: string;
  records: PortfolioRecord[];
  currencies: WorklistCurrencies;
}

async function main(): Promise<void> {
  const params = pageParams();
  if (!params) {
    showStatus('Open the worklist from a Salesforce page (the Collections dock or the toolbar button).', true);
    return;
  }
  showStatus('Reading your accounts…');
  let data: WorklistPageData;
  try {
    data = (await askWorker({ kind: 'worklist-read', orgKey: params.orgKey })) as WorklistPageData;
  } catch (error) {
    showStatus(error instanceof Error ? error.message : 'The worklist could not be read.', true);
    return;
  }
  showStatus('');
  // The worker already read the pass; the list reads it from here (one page, the worker's records).
  const source: PortfolioSource = {
    async *read(_options: PortfolioReadOptions) {
      yield data.records;
    },
    lastPass: () => null,
  };
  const hrefFor = (accountId: string): string => `${params.lightningOrigin}/lightning/r/Account/${encodeURIComponent(accountId)}/view`;
  mount(document.getElementById('worklist')!, {
    source,
    currencies: async () => data.currencies,
    collectorId: data.collectorId,
    hrefFor,
    onOpen: (accountId) => {
      location.href = hrefFor(accountId);
    },
  });
  // A panel on any tab of this org re-read an account (after a log, a promise, …): re-score that row with the
  // widget's own rescore (the demo's), no list read.
  listenForRefreshedAccounts(extensionApi(), params.orgKey, (snapshot) => rescore(snapshot));
}

void main();
