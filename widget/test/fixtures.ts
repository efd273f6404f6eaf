/**
 * Realistic account snapshots (INR, JPY, KWD, USD + multi-currency, a cease-communication account)
 * as the port returns them. Clock: NOW = Fri 20 Nov 2026 13:10 UTC = 18:40 in Kolkata.
 */
import type { AccountSnapshot } from '../../connector/port';
import type { Account, Contact, Invoice, Money } from '../../connector/domain/model';
import { withDerivedData } from '../../connector/snapshot-derived';

export const NOW_ISO = '2026-11-20T13:10:00Z';
export const NOW = Date.parse(NOW_ISO);
export const TODAY = '2026-11-20';

const m = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

function invoice(id: string, number: string, dueDate: string, amountMinor: number, currency: string, balanceMinor = amountMinor): Invoice {
  return {
    id,
    number,
    issueDate: shiftDays(dueDate, -30),
    dueDate,
    total: m(amountMinor, currency),
    balance: m(balanceMinor, currency),
    status: balanceMinor === 0 ? 'paid' : balanceMinor < amountMinor ? 'partially_paid' : 'open',
    poNumber: `PO-${number}`,
  };
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function baseSnapshot(account: Account, contacts: Contact[], invoices: Invoice[]): AccountSnapshot {
  // As an adapter delivers it; FakePort.loadSnapshot derives again, so tests may change the records.
  return withDerivedData(
    {
      account,
      contacts,
      invoices,
      payments: [],
      credits: [],
      promises: [],
      plans: [],
      settlements: [],
      disputes: [],
      activities: [],
      dataQuality: [],
      fetchedAt: '2026-11-20T13:05:00Z',
      source: { crm: 'salesforce', mapping: 'product-schema-v1' },
      apiUsage: { used: 1200, total: 100000 },
      capabilities: { promises: true, plans: true, settlements: true, disputes: true, notes: true, sendEmail: true },
    },
    { now: new Date(NOW) },
  );
}

const owner = { id: '005000000000001AAA', name: 'Priya Sharma', email: 'priya@example.com' };
const collector = { id: '005000000000002AAA', name: 'Arjun Mehta', email: 'arjun@example.com' };

/** Kolkata distributor, RBI-style profile, lakh grouping, one partly disputed invoice, a pending promise. */
export function inrSnapshot(): AccountSnapshot {
  const account: Account = {
    id: '001000000000001AAA',
    name: 'Shree Ganesh Traders Pvt Ltd',
    accountNumber: 'C-20491',
    owner,
    collector,
    segment: 'b2b',
    country: 'IN',
    region: 'RJ',
    timeZone: 'Asia/Kolkata',
    complianceProfile: 'in-rbi',
    currency: 'INR',
    creditLimit: m(10_000_000_00, 'INR'),
    riskRating: 'medium',
    keyAccount: false,
    flags: [],
  };
  const contacts: Contact[] = [
    {
      id: '003000000000001AAA',
      name: 'Ramesh Gupta',
      title: 'Accounts Payable',
      email: 'ramesh@shreeganesh.example',
      phones: [{ number: '+91 98290 12345', kind: 'mobile', timeZone: 'Asia/Kolkata' }],
      timeZone: 'Asia/Kolkata',
      role: 'accounts_payable',
      optOuts: [],
      primary: true,
    },
    {
      id: '003000000000002AAA',
      name: 'Sunita Agarwal',
      title: 'CFO',
      email: 'sunita@shreeganesh.example',
      phones: [{ number: '+91 141 222 3344', kind: 'work', timeZone: 'Asia/Kolkata' }],
      timeZone: 'Asia/Kolkata',
      role: 'debtor',
      optOuts: [],
    },
  ];
  const snapshot = baseSnapshot(account, contacts, [
    invoice('a0I000000000001', 'INV-1001', '2026-11-30', 2_50_000_00, 'INR'),
    invoice('a0I000000000002', 'INV-0990', '2026-11-05', 1_20_000_50, 'INR'),
    invoice('a0I000000000003', 'INV-0950', '2026-10-01', 75_000_00, 'INR'),
    invoice('a0I000000000004', 'INV-0900', '2026-08-15', 3_00_000_00, 'INR'),
    invoice('a0I000000000005', 'INV-0850', '2026-06-01', 40_000_00, 'INR'),
    invoice('a0I000000000006', 'INV-0800', '2026-05-01', 60_000_00, 'INR', 0),
  ]);
  snapshot.payments = [
    { id: 'pay1', receivedOn: '2026-05-02', amount: m(60_000_00, 'INR'), invoiceId: 'a0I000000000006', reference: 'UTR 4411' },
    { id: 'pay2', receivedOn: '2026-09-10', amount: m(20_000_00, 'INR'), invoiceId: null, reference: 'UTR 5120' },
  ];
  snapshot.promises = [
    { id: 'ptp1', takenOn: '2026-09-01', dueDate: '2026-09-10', amount: m(20_000_00, 'INR'), invoiceIds: ['a0I000000000005'], status: 'kept', contactId: '003000000000001AAA', note: null },
    { id: 'ptp2', takenOn: '2026-10-01', dueDate: '2026-10-15', amount: m(40_000_00, 'INR'), invoiceIds: ['a0I000000000005'], status: 'broken', contactId: '003000000000001AAA', note: null },
    { id: 'ptp3', takenOn: '2026-11-18', dueDate: '2026-11-25', amount: m(75_000_00, 'INR'), invoiceIds: ['a0I000000000003'], status: 'pending', contactId: '003000000000001AAA', note: 'Will pay after GST refund' },
  ];
  snapshot.disputes = [
    {
      id: 'dsp1',
      reference: 'CASE-00042',
      reason: 'pricing',
      status: 'in_review',
      lines: [{ invoiceId: 'a0I000000000004', amount: m(50_000_00, 'INR') }],
      owner,
      openedOn: '2026-11-10',
      slaDueDate: '2026-11-24',
      evidence: 'Customer says the agreed rate was ₹450/unit, not ₹500.',
      resolution: null,
    },
  ];
  snapshot.activities = [
    {
      id: 'act1',
      kind: 'call',
      direction: 'outbound',
      occurredAt: '2026-11-18T06:30:00Z',
      contactId: '003000000000001AAA',
      disposition: 'promise_to_pay',
      durationSeconds: 245,
      conversation: true,
      subject: 'Call',
      body: 'Promised INV-0950 by 25 Nov.',
      complianceOverride: null,
      createdBy: collector,
    },
    {
      id: 'act2',
      kind: 'email',
      direction: 'outbound',
      occurredAt: '2026-11-12T04:00:00Z',
      contactId: '003000000000001AAA',
      disposition: null,
      durationSeconds: null,
      conversation: false,
      subject: 'Payment reminder',
      body: 'Friendly reminder sent.',
      complianceOverride: null,
      createdBy: collector,
    },
  ];
  return snapshot;
}

/** Tokyo customer on the B2B default policy (Mon-Fri 09:00-18:00): at 22:10 JST calling is blocked but overridable. */
export function jpySnapshot(): AccountSnapshot {
  const account: Account = {
    id: '001000000000002AAA',
    name: 'Sakura Components KK',
    owner,
    collector,
    segment: 'b2b',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    complianceProfile: 'b2b-default',
    currency: 'JPY',
    creditLimit: m(5_000_000, 'JPY'),
    flags: [],
  };
  return baseSnapshot(
    account,
    [{ id: '003000000000010AAA', name: 'Kenji Tanaka', email: 'kenji@sakura.example', phones: [{ number: '+81 3 1234 5678', kind: 'work' }], timeZone: 'Asia/Tokyo', role: 'accounts_payable', optOuts: [], primary: true }],
    [invoice('a0I000000000101', 'JP-7001', '2026-10-31', 100_000, 'JPY'), invoice('a0I000000000102', 'JP-7002', '2026-12-15', 250_000, 'JPY')],
  );
}

/** Kuwait City customer, 3-decimal dinar. */
export function kwdSnapshot(): AccountSnapshot {
  const account: Account = {
    id: '001000000000003AAA',
    name: 'Gulf Marine Supplies WLL',
    owner,
    collector,
    segment: 'b2b',
    country: 'KW',
    timeZone: 'Asia/Kuwait',
    complianceProfile: 'b2b-default',
    currency: 'KWD',
    flags: [],
  };
  return baseSnapshot(
    account,
    [{ id: '003000000000020AAA', name: 'Fahad Al-Sabah', email: 'fahad@gulfmarine.example', phones: [{ number: '+965 2222 3333', kind: 'work' }], timeZone: 'Asia/Kuwait', role: 'accounts_payable', optOuts: [], primary: true }],
    [invoice('a0I000000000201', 'GM-501', '2026-09-30', 1_000_000, 'KWD')],
  );
}

/** New York customer billed in USD and INR; reporting in USD with a dated rate. */
export function usdMultiSnapshot(): AccountSnapshot {
  const account: Account = {
    id: '001000000000004AAA',
    name: 'Hudson Retail Group LLC',
    owner,
    collector,
    segment: 'b2b',
    country: 'US',
    region: 'NY',
    timeZone: 'America/New_York',
    complianceProfile: 'b2b-default',
    currency: 'USD',
    creditLimit: m(50_000_00, 'USD'),
    flags: [],
  };
  return baseSnapshot(
    account,
    [{ id: '003000000000030AAA', name: 'Dana Whitfield', email: 'dana@hudson.example', phones: [{ number: '+1 212 555 0147', kind: 'work', timeZone: 'America/New_York' }], timeZone: 'America/New_York', role: 'accounts_payable', optOuts: [], primary: true }],
    [invoice('a0I000000000301', 'HR-9001', '2026-10-10', 12_500_00, 'USD'), invoice('a0I000000000302', 'HR-9002', '2026-11-01', 8_350_000_00, 'INR')],
  );
}

/** A consumer account whose debtor asked us to cease communication (US-11): hard block, never overridable. */
export function ceaseSnapshot(): AccountSnapshot {
  const snapshot = usdMultiSnapshot();
  snapshot.account = { ...snapshot.account, id: '001000000000005AAA', name: 'Jordan Miles', segment: 'b2c', complianceProfile: 'us-fdcpa', flags: [{ flag: 'cease_communication', since: '2026-11-01' }] };
  snapshot.invoices = snapshot.invoices.filter((i) => i.total.currency === 'USD');
  return snapshot;
}

/** An account with nothing open. */
export function emptySnapshot(): AccountSnapshot {
  const snapshot = kwdSnapshot();
  snapshot.account = { ...snapshot.account, id: '001000000000006AAA', name: 'Paid Up Ltd' };
  snapshot.invoices = [];
  return snapshot;
}

/** CRM text carrying markup: must render as text, never as HTML. */
export const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

export function xssSnapshot(): AccountSnapshot {
  const snapshot = inrSnapshot();
  snapshot.account = { ...snapshot.account, name: `Evil ${XSS}` };
  snapshot.contacts = snapshot.contacts.map((c) => ({ ...c, name: `${c.name} ${XSS}` }));
  snapshot.invoices = snapshot.invoices.map((i, index) => (index === 1 ? { ...i, number: `INV ${XSS}` } : i));
  snapshot.activities = snapshot.activities.map((a) => ({ ...a, body: `Note ${XSS}` }));
  snapshot.dataQuality = [{ recordKind: 'invoice', recordId: 'a0IXSS', field: 'dueDate', message: `bad date ${XSS}` }];
  return snapshot;
}
