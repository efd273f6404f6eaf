/**
 * The port contract for the LWC/Apex port: the bundle's Lightning writer (salesforce/lwc-bundle/
 * lightning-writer.ts) and the Apex snapshot mapping, with Apex and LDS mocked at their boundary
 * over the in-process sandbox org (test/contract/apex-boundary.ts).
 */
import type { CollectionsPort } from '../../connector/port';
import { PORT_METHODS } from '../../connector/port';
import { createLightningWriter } from '../../salesforce/lwc-bundle/lightning-writer';
import { mapApexSnapshot } from '../../salesforce/lwc-bundle/lds-adapter';
import { createApexBoundary } from './apex-boundary';
import type { ApexBoundary } from './apex-boundary';
import { contractDataset, DATASET_NOW, IDS } from './dataset';
import { createMswBackend } from './msw-backend';
import { definePortContract } from './port-contract';

/** What collectionsPort.js builds, in TypeScript: reads through Apex, writes through the bundle writer. */
function lightningPort(apex: ApexBoundary): CollectionsPort {
  const write = createLightningWriter(apex, { timeZone: 'Asia/Kolkata', now: () => DATASET_NOW });
  const port: Record<string, unknown> = {
    loadSnapshot: async (ref: { id: string }) => mapApexSnapshot(await apex.getFreshSnapshot({ recordId: ref.id }), ref),
    listContacts: async (accountId: string) => mapApexSnapshot(await apex.getFreshSnapshot({ recordId: accountId }), { id: accountId }).contacts,
  };
  for (const method of PORT_METHODS) {
    if (method !== 'loadSnapshot' && method !== 'listContacts') {
      port[method] = (input: unknown) => write(method, input);
    }
  }
  return port as unknown as CollectionsPort;
}

const RECORDS: Record<string, string> = {
  logCall: 'Write_Receipt__c', logActivity: 'Write_Receipt__c', addNote: 'Write_Receipt__c', recordPromise: 'Promise_To_Pay__c',
  savePaymentPlan: 'Payment_Plan__c', raiseDispute: 'Case', updateDispute: 'Case', recordSettlementOffer: 'Settlement_Offer__c',
};

definePortContract('LWC/Apex port (Apex mocked at its boundary)', async () => {
  const backend = createMswBackend({ instanceUrl: 'https://lightning-contract.my.salesforce.com' });
  await backend.seed(contractDataset());
  const apex = () => createApexBoundary({ instanceUrl: backend.instanceUrl, accessToken: backend.accessToken, now: DATASET_NOW });
  const shared = apex();
  return {
    port: lightningPort(shared),
    restart: () => lightningPort(apex()),
    refusesStaleSettlementDecision: false,
    loseNextAnswer: () => shared.loseNextSave(),
    count: async (method, key) => (await backend.records(RECORDS[method] ?? '')).filter((r) => r.Idempotency_Key__c === key).length,
    ids: { account: IDS.account, contact: IDS.contactAp, invoice: IDS.invoices[3], invoiceBalanceMinor: 4_720_025, currency: 'INR', dispute: IDS.disputeCase },
    close: () => backend.close(),
  };
});
