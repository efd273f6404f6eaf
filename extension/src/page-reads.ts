/**
 * What the service worker reads for the extension's worklist and reports pages (decision 0023):
 * the page has no session of its own (it is not on the org's origin), so the worker reads with the
 * org's session and answers plain data over the message protocol. The worklist page gets the
 * signed-in user's id (OAuth userinfo), their book's portfolio records and the org's currencies; the
 * reports page gets the report pass (connector/report-pass.ts via the connector's report reader).
 */
// The connector's page entries (built apart so the panel's connector bundle keeps its size).
import { createPortfolioReader } from '../../connector/salesforce/portfolio-page';
import { createReportReader } from '../../connector/salesforce/reports-page';
import { ConnectorError } from '../../connector/errors';
import type { PortfolioRecord } from '../../connector/portfolio-source';
import type { AnswerDisputeInput, DisputeOwnerPort, OwnerDisputeList, WriteResult } from '../../connector/port';
import { WORKLIST_KINDS } from '../../widget/src/worklist/load';
import type { PortConfig, SignedInUser } from './worker-router';

/** The worklist page's data: everything loadWorklist needs, read by the worker. */
export interface WorklistPageData {
  collectorId: string;
  records: PortfolioRecord[];
  currencies: unknown;
}

type UserInfo = { user_id: string; name?: unknown };

/**
 * The signed-in user, from the org's OpenID Connect userinfo endpoint ("UserInfo Endpoint", Salesforce Help), read
 * once per access token (the last one read): a token belongs to one user, so the worklist, the disputes page's
 * re-reads after each answer and 'whoami' need not ask again; a new token (signed in again, perhaps as someone
 * else) reads afresh. A failed read is not remembered.
 */
function createUserInfo(fetchImpl: typeof fetch): (config: PortConfig) => Promise<UserInfo> {
  let last: { key: string; info: Promise<UserInfo> } | null = null;
  return async (config) => {
    const token = await config.getAccessToken();
    const key = `${config.instanceUrl} ${token}`;
    if (last?.key !== key) {
      const info = fetchImpl(`${config.instanceUrl}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${token}` } }).then(async (response) => {
        const body = (await response.json().catch(() => null)) as UserInfo | null;
        if (!response.ok || typeof body?.user_id !== 'string') {
          throw new ConnectorError({ kind: response.status === 401 ? 'session_expired' : 'malformed_response', detail: `userinfo answered ${response.status}` });
        }
        return body;
      });
      last = { key, info };
      info.catch(() => {
        if (last?.info === info) {
          last = null;
        }
      });
    }
    return last.info;
  };
}

export function createPageReads(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): {
  readWorklist(config: PortConfig): Promise<WorklistPageData>;
  readReport(config: PortConfig, from: string | undefined): Promise<unknown>;
  readUser(config: PortConfig): Promise<SignedInUser>;
} {
  const userInfo = createUserInfo(fetchImpl);
  const options = (config: PortConfig) => ({ instanceUrl: config.instanceUrl, getAccessToken: config.getAccessToken, refreshAccessToken: config.refreshAccessToken, fetch: fetchImpl });
  return {
    async readWorklist(config) {
      const reader = createPortfolioReader(options(config));
      // The org's currencies do not depend on the user: asked for while the book is read, not after it.
      const currencies = reader.readCurrencies();
      currencies.catch(() => undefined);
      const collectorId = (await userInfo(config)).user_id;
      const records: PortfolioRecord[] = [];
      for await (const page of reader.source.read({ scope: { kind: 'collectors', collectorIds: [collectorId] }, kinds: WORKLIST_KINDS, mode: 'rest' })) {
        records.push(...page);
      }
      return { collectorId, records, currencies: await currencies };
    },
    async readUser(config) {
      const info = await userInfo(config);
      const name = typeof info.name === 'string' && info.name.trim() ? info.name.trim() : null;
      return { id: info.user_id, name };
    },
    readReport: (config, from) => createReportReader(options(config)).readReport(from === undefined ? {} : { from }),
  };
}

/** The disputes page's data (issue 19): who is signed in and the disputes waiting for them. */
export interface DisputesPageData {
  userId: string;
  list: OwnerDisputeList;
}

/**
 * The disputes page's reads and its one write, through the REST port the worker builds for the org
 * (`ownerPortFor`, with the org's mapping): the list is always the signed-in user's own (their id from
 * userinfo, never from the page), the answer is write-once by its idempotency key (decision 0022).
 */
export function createDisputeReads(
  ownerPortFor: (config: PortConfig) => DisputeOwnerPort,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): { readDisputes(config: PortConfig): Promise<DisputesPageData>; answerDispute(config: PortConfig, input: AnswerDisputeInput): Promise<WriteResult> } {
  const userInfo = createUserInfo(fetchImpl);
  return {
    async readDisputes(config) {
      const userId = (await userInfo(config)).user_id;
      return { userId, list: await ownerPortFor(config).listDisputesForOwner(userId) };
    },
    answerDispute: (config, input) => ownerPortFor(config).answerDispute(input),
  };
}
