/** The port contract for the FakePort the widget tests use (widget/test/fakePort.ts). */
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import { definePortContract } from './port-contract';

definePortContract('FakePort', async () => {
  const snapshot = inrSnapshot();
  const port = new FakePort([snapshot]);
  const invoice = snapshot.invoices.find((i) => i.id === 'a0I000000000003');
  return {
    port,
    restart: () => port.restarted(),
    loseNextAnswer: (method) => port.failNext(method, 'timeout', { afterWrite: true }),
    count: async (method, key) => port.recordsWithKey(method, key),
    ids: {
      account: snapshot.account.id, contact: '003000000000001AAA', invoice: 'a0I000000000003', invoiceBalanceMinor: invoice?.balance.amountMinor ?? 0,
      currency: 'INR', dispute: snapshot.disputes[0]?.id ?? 'dsp1',
    },
  };
});
