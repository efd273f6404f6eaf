/** The port contract for the Salesforce REST port (fetch client) against the in-process sandbox org (msw). */
import { createSalesforcePort } from '../../connector/salesforce/index';
import type { PortWriteMethod } from '../../connector/writes/plan';
import { contractDataset, DATASET_NOW, IDS } from './dataset';
import { createMswBackend } from './msw-backend';
import { definePortContract } from './port-contract';

/** Where each write's record lives, and which request commits it. */
const WRITES: Record<PortWriteMethod, { object: string; commit: { method: string; pathIncludes: string } }> = {
  logCall: { object: 'Write_Receipt__c', commit: { method: 'POST', pathIncludes: '/composite' } },
  logActivity: { object: 'Write_Receipt__c', commit: { method: 'POST', pathIncludes: '/composite' } },
  addNote: { object: 'Write_Receipt__c', commit: { method: 'POST', pathIncludes: '/composite' } },
  recordPromise: { object: 'Promise_To_Pay__c', commit: { method: 'POST', pathIncludes: '/sobjects/Promise_To_Pay__c' } },
  savePaymentPlan: { object: 'Payment_Plan__c', commit: { method: 'POST', pathIncludes: '/composite' } },
  raiseDispute: { object: 'Case', commit: { method: 'POST', pathIncludes: '/composite' } },
  updateDispute: { object: 'Case', commit: { method: 'PATCH', pathIncludes: '/sobjects/Case/' } },
  recordSettlementOffer: { object: 'Settlement_Offer__c', commit: { method: 'POST', pathIncludes: '/sobjects/Settlement_Offer__c' } },
  decideSettlement: { object: 'Settlement_Offer__c', commit: { method: 'PATCH', pathIncludes: '/sobjects/Settlement_Offer__c/' } },
  completeFollowUp: { object: 'Task', commit: { method: 'PATCH', pathIncludes: '/sobjects/Task/' } },
};

definePortContract('Salesforce REST port', async () => {
  const backend = createMswBackend({ instanceUrl: 'https://port-contract.my.salesforce.com' });
  await backend.seed(contractDataset());
  const make = () => createSalesforcePort({
    instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW, timeZone: 'Asia/Kolkata', rowLockRetry: { sleep: async () => {} },
  });
  return {
    port: make(),
    restart: make,
    loseNextAnswer: (method) => backend.failNextResponseAfterProcessing(WRITES[method].commit),
    async count(method, key) {
      const rows = (await backend.records(WRITES[method].object)).filter((r) => r.Idempotency_Key__c === key);
      if (method === 'logCall' || method === 'logActivity') {
        // Each receipt names a Task that exists, and no Task carries the key without one.
        const tasks = (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === key);
        return tasks.length === rows.length ? tasks.length : Number.NaN;
      }
      return rows.length;
    },
    ids: { account: IDS.account, contact: IDS.contactAp, invoice: IDS.invoices[3], invoiceBalanceMinor: 4_720_025, currency: 'INR', dispute: IDS.disputeCase },
    close: () => backend.close(),
  };
});
