/**
 * The Salesforce PortfolioScoreSink: each account's priority and the time it was computed, stored on
 * Account (product schema `Collections_Priority_Score__c`, `Collections_Priority_Scored_At__c`, in the
 * package) through ONE Bulk API 2.0 update job, so list views and reports can sort by them.
 */
import type { PortfolioScoreSink } from '../../portfolio-source';
import { bulkIngest } from '../bulk2';
import type { RawRequestClient } from '../client';
import { productField } from '../mapping/presets';
import { countingClient } from './bulk';

const SCORE_FIELD = productField('Account', 'Collections_Priority_Score__c');
const SCORED_AT_FIELD = productField('Account', 'Collections_Priority_Scored_At__c');

export function createScoreSink(client: RawRequestClient): PortfolioScoreSink {
  return {
    async writeScores(rows, options = {}) {
      const counting = countingClient(client);
      const result = await bulkIngest(counting.client, {
        object: 'Account',
        operation: 'update',
        // Number(18, 2) on the account.
        rows: rows.map((r) => ({ Id: r.accountId, [SCORE_FIELD]: (Math.round(r.score * 100) / 100).toFixed(2), [SCORED_AT_FIELD]: r.scoredAt })),
        columns: ['Id', SCORE_FIELD, SCORED_AT_FIELD],
        pollIntervalMs: 500,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return {
        written: result.succeeded,
        failed: result.failures.map((f) => ({ accountId: String(f.row.Id ?? ''), message: f.error })),
        apiRequests: counting.requests(),
      };
    },
  };
}
