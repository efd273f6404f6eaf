/**
 * The shared contract dataset: one Indian B2B customer in INR with everything the panel shows.
 * Salesforce-shaped records (API names, 18-char checksum ids, Salesforce datetime format) that both
 * backends seed: the msw backend (msw-backend.ts) and the sandbox (real HTTP).
 *
 * Clock: the contract suite runs the connector with `now = DATASET_NOW` (2026-11-20 10:00 UTC).
 */
import { to18 } from '../../connector/salesforce/ids';

export const DATASET_NOW = new Date('2026-11-20T10:00:00.000Z');

const id = (prefix: string, n: number): string => to18(`${prefix}${String(n).padStart(12, '0')}`.slice(0, 15));

export const IDS = {
  owner: id('005', 1),
  collector: id('005', 2),
  account: id('001', 1),
  otherAccount: id('001', 2),
  contactAp: id('003', 1),
  contactFinance: id('003', 2),
  opportunity: id('006', 1),
  invoices: [id('a01', 1), id('a01', 2), id('a01', 3), id('a01', 4)] as const,
  payment: id('a02', 1),
  credit: id('a02', 2),
  promise: id('a03', 1),
  plan: id('a04', 1),
  instalments: [id('a05', 1), id('a05', 2), id('a05', 3)] as const,
  disputeCase: id('500', 1),
  disputeLine: id('a06', 1),
  taskCall: id('00T', 1),
  taskEmail: id('00T', 2),
  taskOld: id('00T', 3),
  note: id('069', 1),
  noteLink: id('06A', 1),
  /** Not in the dataset: for not_found tests. */
  missingContact: id('003', 999),
} as const;

const dt = (iso: string): string => iso.replace('Z', '+0000').replace(/(\d{2}:\d{2}:\d{2})\+/, '$1.000+');

/** Seed for every contract backend. */
export function contractDataset(): Record<string, Record<string, unknown>[]> {
  const inv = (n: 0 | 1 | 2 | 3, number: string, invoiceDate: string, dueDate: string, total: number, balance: number, status: string): Record<string, unknown> => ({
    Id: IDS.invoices[n], Account__c: IDS.account, Invoice_Number__c: number, Invoice_Date__c: invoiceDate, Due_Date__c: dueDate,
    Total_Amount__c: total, Balance__c: balance, Currency_Code__c: 'INR', Status__c: status, PO_Number__c: `PO-77${n}`,
    External_Id__c: `ERP-${number}`, CreatedDate: dt(`${invoiceDate}T04:30:00Z`),
  });
  return {
    User: [
      { Id: IDS.owner, Name: 'Priya Raman', Email: 'priya.raman@example.com', IsActive: true },
      { Id: IDS.collector, Name: 'Arjun Mehta', Email: 'arjun.mehta@example.com', IsActive: true },
    ],
    Account: [
      {
        Id: IDS.account, Name: 'Kaveri Textiles Pvt Ltd', AccountNumber: 'KT-1001', OwnerId: IDS.owner, Collector__c: IDS.collector,
        BillingCountry: 'India', BillingState: 'Karnataka', Collections_Currency__c: 'INR', Customer_Segment__c: 'B2B',
        Collections_Time_Zone__c: 'Asia/Kolkata', Compliance_Profile__c: 'in-rbi', Credit_Limit__c: 500000, Risk_Rating__c: 'Medium',
        Key_Account__c: false, Collections_Flags__c: null, CreatedDate: dt('2024-04-01T04:30:00Z'),
      },
      { Id: IDS.otherAccount, Name: 'Unrelated Traders', OwnerId: IDS.owner, Collections_Currency__c: 'INR' },
    ],
    Contact: [
      {
        Id: IDS.contactAp, AccountId: IDS.account, FirstName: 'Meera', LastName: 'Iyer', Name: 'Meera Iyer', Title: 'AP Manager',
        Email: 'meera.iyer@kaveri.example', Phone: '+91 80 4000 1234', MobilePhone: '+91 98450 12345', Collections_Role__c: 'Accounts Payable',
        Collections_Time_Zone__c: 'Asia/Kolkata', HasOptedOutOfEmail: false, DoNotCall: false, SMS_Opt_Out__c: false, Visit_Opt_Out__c: false,
      },
      {
        Id: IDS.contactFinance, AccountId: IDS.account, FirstName: 'Rahul', LastName: 'Nair', Name: 'Rahul Nair', Title: 'Finance Director',
        Email: 'rahul.nair@kaveri.example', Phone: null, MobilePhone: '+91 99000 54321', Collections_Role__c: 'Other',
        HasOptedOutOfEmail: false, DoNotCall: false, SMS_Opt_Out__c: true, Visit_Opt_Out__c: false,
      },
    ],
    Opportunity: [{ Id: IDS.opportunity, Name: 'Kaveri FY27 renewal', AccountId: IDS.account, StageName: 'Negotiation', OwnerId: IDS.owner }],
    Collections_Invoice__c: [
      inv(0, 'INV-1001', '2026-10-11', '2026-11-10', 118000, 118000, 'Open'), // 10 days overdue
      inv(1, 'INV-1002', '2026-09-01', '2026-10-01', 59000.5, 29000.5, 'Partially Paid'), // 50 days
      inv(2, 'INV-1003', '2026-07-02', '2026-08-01', 236000, 236000, 'Open'), // 111 days
      inv(3, 'INV-1004', '2026-11-15', '2026-12-15', 47200.25, 47200.25, 'Open'), // not yet due
    ],
    Collections_Payment__c: [
      { Id: IDS.payment, Account__c: IDS.account, Invoice__c: IDS.invoices[1], Type__c: 'Payment', Amount__c: 30000, Currency_Code__c: 'INR', Received_On__c: '2026-10-15', Reference__c: 'NEFT-HDFC-88213' },
      { Id: IDS.credit, Account__c: IDS.account, Invoice__c: null, Type__c: 'Credit Note', Amount__c: 5000, Currency_Code__c: 'INR', Received_On__c: '2026-11-01', Reference__c: 'CN-2026-014' },
    ],
    Promise_To_Pay__c: [
      {
        Id: IDS.promise, Account__c: IDS.account, Contact__c: IDS.contactAp, Amount__c: 50000, Currency_Code__c: 'INR', Due_Date__c: '2026-11-25',
        Taken_On__c: '2026-11-18', Status__c: 'Pending', Invoice_Ids__c: IDS.invoices[0], Note__c: 'Will pay after month-end close.',
        Idempotency_Key__c: 'seed-promise-0001', CreatedDate: dt('2026-11-18T06:00:00Z'),
      },
    ],
    Payment_Plan__c: [
      {
        Id: IDS.plan, Account__c: IDS.account, Status__c: 'Active', Frequency__c: 'Monthly', Total_Amount__c: 236000, Down_Payment__c: null,
        Currency_Code__c: 'INR', Start_Date__c: '2026-09-01', Invoice_Ids__c: IDS.invoices[2], Idempotency_Key__c: 'seed-plan-0001',
        CreatedDate: dt('2026-09-01T05:00:00Z'),
      },
    ],
    Plan_Instalment__c: [
      { Id: IDS.instalments[0], Payment_Plan__c: IDS.plan, Sequence__c: 1, Due_Date__c: '2026-10-01', Amount__c: 78666.67, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Missed', Idempotency_Key__c: 'seed-plan-0001-1' },
      { Id: IDS.instalments[1], Payment_Plan__c: IDS.plan, Sequence__c: 2, Due_Date__c: '2026-11-01', Amount__c: 78666.67, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Missed', Idempotency_Key__c: 'seed-plan-0001-2' },
      { Id: IDS.instalments[2], Payment_Plan__c: IDS.plan, Sequence__c: 3, Due_Date__c: '2026-12-01', Amount__c: 78666.66, Paid_Amount__c: 0, Currency_Code__c: 'INR', Status__c: 'Scheduled', Idempotency_Key__c: 'seed-plan-0001-3' },
    ],
    Case: [
      {
        Id: IDS.disputeCase, CaseNumber: '00001001', AccountId: IDS.account, ContactId: IDS.contactAp, OwnerId: IDS.owner, Type: 'Dispute', Status: 'New',
        Origin: 'Phone', Subject: 'Dispute: Pricing (1 invoice)', Description: 'Rate card says 110/m, invoiced 125/m.', Dispute_Reason__c: 'Pricing',
        Dispute_Status__c: 'New', Disputed_Amount__c: 18000, Dispute_Currency__c: 'INR', SLA_Due_Date__c: '2026-11-30',
        Idempotency_Key__c: 'seed-dispute-0001', CreatedDate: dt('2026-11-12T05:30:00Z'),
      },
    ],
    Dispute_Line__c: [
      { Id: IDS.disputeLine, Case__c: IDS.disputeCase, Invoice_Ref__c: IDS.invoices[0], Invoice_Number__c: 'INV-1001', Amount__c: 18000, Currency_Code__c: 'INR', Idempotency_Key__c: 'seed-dispute-0001-1' },
    ],
    Task: [
      {
        Id: IDS.taskCall, WhatId: IDS.account, WhoId: IDS.contactAp, Subject: 'Call: Promise to pay', TaskSubtype: 'Call', Status: 'Completed',
        CallType: 'Outbound', CallDisposition: 'Promise to pay', CallDurationInSeconds: 240, ActivityDate: '2026-11-25',
        Description: 'Meera promised 50,000 by 25 Nov.', Collections_Channel__c: 'Call', Conversation__c: true,
        Occurred_At__c: dt('2026-11-18T05:45:00Z'), Idempotency_Key__c: 'seed-task-0001', CreatedDate: dt('2026-11-18T05:50:00Z'), CreatedById: IDS.collector,
      },
      {
        Id: IDS.taskEmail, WhatId: IDS.account, WhoId: IDS.contactAp, Subject: 'Reminder: INV-1003 overdue', TaskSubtype: 'Task', Status: 'Completed',
        ActivityDate: '2026-11-05', Description: 'Statement attached.', Collections_Channel__c: 'Email', Conversation__c: false,
        Idempotency_Key__c: 'seed-task-0002', CreatedDate: dt('2026-11-05T08:00:00Z'), CreatedById: IDS.collector,
      },
      {
        // Older than the 180-day look-back: never in the snapshot.
        Id: IDS.taskOld, WhatId: IDS.account, WhoId: IDS.contactAp, Subject: 'Call: Reached', TaskSubtype: 'Call', Status: 'Completed',
        CallType: 'Outbound', CallDisposition: 'Reached', ActivityDate: '2026-01-10', Collections_Channel__c: 'Call', Conversation__c: true,
        CreatedDate: dt('2026-01-10T06:00:00Z'), CreatedById: IDS.collector,
      },
    ],
    ContentNote: [
      { Id: IDS.note, Title: 'Spoke to AP about INV-1003 [#seed-note-0001]', Content: 'PHA+QVAgY29uZmlybWVkIHJlY2VpcHQ8L3A+', CreatedDate: dt('2026-11-15T09:00:00Z'), CreatedById: IDS.collector },
    ],
    ContentDocumentLink: [
      { Id: IDS.noteLink, ContentDocumentId: IDS.note, LinkedEntityId: IDS.account, ShareType: 'I', Visibility: 'AllUsers' },
    ],
  };
}

/** Figures the snapshot of IDS.account must show (INR minor units = paise). */
export const EXPECTED = {
  accountName: 'Kaveri Textiles Pvt Ltd',
  ownerName: 'Priya Raman',
  collectorName: 'Arjun Mehta',
  currency: 'INR',
  contacts: 2,
  invoices: 4,
  /** 118000.00 + 29000.50 + 236000.00 + 47200.25 */
  openBalanceMinor: 43_020_075,
  /** INV-1002 59000.50 */
  inv1002TotalMinor: 5_900_050,
  payments: 1,
  paymentMinor: 3_000_000,
  credits: 1,
  promises: 1,
  plans: 1,
  planInstalments: 3,
  planTotalMinor: 23_600_000,
  disputes: 1,
  disputeLineMinor: 1_800_000,
  /** Call + email within 180 days, + one note; the January call is outside the window. */
  activities: 3,
} as const;
