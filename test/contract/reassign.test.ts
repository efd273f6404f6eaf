/**
 * The manager view's data path against the sandbox over real HTTP (decision 0024): the seeded
 * manager's team (User.ManagerId), and reassigning an account's collector once per key even when
 * the answer is lost after the server committed, never over someone else's reassignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import { createFetchClient } from '../../connector/salesforce';
import { createPortfolioReader } from '../../connector/salesforce/portfolio/page';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { SEED_USERS, seedOptions } from '../../sandbox/seed';

const TODAY = '2026-11-20';

describe('reassigning accounts against the sandbox', () => {
  let sandbox: Sandbox;
  let ids: Record<'manager' | 'priya' | 'jordan', string>;
  let accountId: string;
  const client = () => createFetchClient({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
  const collectorOf = async (id: string) => (await client().query<{ Collector__c: string | null }>(`SELECT Collector__c FROM Account WHERE Id = '${id}'`)).records[0]!.Collector__c;
  const accountUpdates = (since: number) => sandbox.requestLog.filter((entry) => entry.seq > since && entry.method === 'PATCH' && entry.path.includes('/sobjects/Account/'));

  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dataFile: null, seed: seedOptions({ referenceDate: TODAY }), today: TODAY, enableFaults: true });
    const users = await client().query<{ Id: string; Username: string }>('SELECT Id, Username FROM User');
    const id = (username: string) => users.records.find((user) => user.Username === username)!.Id;
    ids = { manager: id(SEED_USERS.manager), priya: id(SEED_USERS.collectorIn), jordan: id(SEED_USERS.collectorUs) };
    accountId = (await client().query<{ Id: string }>(`SELECT Id FROM Account WHERE Collector__c = '${ids.priya}' ORDER BY Name LIMIT 1`)).records[0]!.Id;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("lists the seeded manager's team; a collector has none", async () => {
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const team = await reader.readTeam(ids.manager);
    expect(team.map((member) => member.name)).toEqual(['Amelia Clarke', 'Jordan Miller', 'Priya Sharma']);
    expect(await reader.readTeam(ids.priya)).toEqual([]);
  });

  it('writes the collector field once per key, also when the answer is lost after the commit', async () => {
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const since = sandbox.requestLog.at(-1)?.seq ?? 0;
    sandbox.addFault({ method: 'PATCH', includes: `/sobjects/Account/${accountId}`, action: 'drop-after-processing' });
    const input = { accountId, collectorId: ids.jordan, fromCollectorId: ids.priya, idempotencyKey: 'reassign-0001-abcdef' };
    await expect(reader.reassign(input)).resolves.toEqual({ accountId, collectorId: ids.jordan, changed: true });
    expect(await collectorOf(accountId)).toBe(ids.jordan);
    // The same key again (a retry, a second click): nothing sent.
    await expect(reader.reassign(input)).resolves.toMatchObject({ changed: false });
    // Another page with the same reassignment: the account already has the collector, nothing sent.
    const other = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    await expect(other.reassign({ ...input, idempotencyKey: 'reassign-0002-abcdef' })).resolves.toMatchObject({ changed: false });
    expect(accountUpdates(since)).toHaveLength(1);
  });

  it("refuses to overwrite a reassignment made since the manager's list was read", async () => {
    const reader = createPortfolioReader({ instanceUrl: sandbox.url, getAccessToken: () => sandbox.token });
    const since = sandbox.requestLog.at(-1)?.seq ?? 0;
    // The list still shows Priya; the account went to Jordan meanwhile.
    const refused = await reader.reassign({ accountId, collectorId: ids.priya, fromCollectorId: ids.manager, idempotencyKey: 'reassign-0003-abcdef' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect((refused as ConnectorError).userMessage).toMatch(/reassigned this account since/);
    expect(accountUpdates(since)).toHaveLength(0);
    expect(await collectorOf(accountId)).toBe(ids.jordan);
  });
});
