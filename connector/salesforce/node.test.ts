import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDataset, DATASET_NOW, IDS } from '../../test/contract/dataset';
import { createMswBackend } from '../../test/contract/msw-backend';
import type { MswBackend } from '../../test/contract/msw-backend';
import { checkOrgSetup, createJsforceClient, createSalesforcePort } from './node';

let backend: MswBackend;
beforeAll(async () => {
  backend = createMswBackend({ instanceUrl: 'https://node.my.salesforce.com' });
  await backend.seed(contractDataset());
});
afterAll(async () => backend.close());

describe('Node entry (jsforce)', () => {
  it('checks the org: picks the preset from describeGlobal and describes every mapped object', async () => {
    const client = createJsforceClient({ instanceUrl: backend.instanceUrl, accessToken: backend.accessToken });
    const report = await checkOrgSetup(client);
    expect(report.preset).toBe('product');
    expect(report.ok).toBe(true);
    expect(backend.seen.every((r) => r.headers['sforce-call-options'] === 'client=CollectionsPanel')).toBe(true);
  });

  it('runs the port over jsforce with the snapshot in one request', async () => {
    backend.resetRequestCount();
    const port = createSalesforcePort({
      instanceUrl: backend.instanceUrl,
      getAccessToken: () => backend.accessToken,
      client: createJsforceClient({ instanceUrl: backend.instanceUrl, accessToken: backend.accessToken }),
      now: () => DATASET_NOW,
    });
    const snapshot = await port.loadSnapshot({ id: IDS.contactFinance });
    expect(backend.requestCount()).toBe(1);
    expect(snapshot.account.name).toBe('Kaveri Textiles Pvt Ltd');
    expect(snapshot.apiUsage?.total).toBe(15_000);
  });
});
