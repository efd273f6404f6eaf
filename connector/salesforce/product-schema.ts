/**
 * The ONE source of truth for the Salesforce objects and fields our product owns: custom objects
 * (used when the org has no Salesforce Billing) and custom fields we add to standard objects.
 *
 * - The connector's "product" mapping preset reads these API names.
 * - The sandbox serves `describe` and seeds data from these definitions.
 * - The SFDX package (`salesforce/force-app`) ships metadata XML for exactly these, and a test
 *   checks the XML against this file.
 *
 * No namespace prefix (unmanaged package). Amounts are Number(18, 4) decimal fields plus a
 * `Currency_Code__c` text field, so orgs without multi-currency still store any ISO 4217 currency,
 * including 3- and 4-decimal ones (KWD, CLF); the mapping converts to exact minor units.
 */

export type ProductFieldType =
  | 'Text'
  | 'LongTextArea'
  | 'Number'
  | 'Date'
  | 'DateTime'
  | 'Checkbox'
  | 'Picklist'
  | 'MultiselectPicklist'
  | 'Lookup'
  | 'MasterDetail';

export interface ProductField {
  apiName: string;
  label: string;
  type: ProductFieldType;
  /** Text length; LongTextArea length. */
  length?: number;
  /** Number precision/scale. */
  precision?: number;
  scale?: number;
  required?: boolean;
  /** External id (+ unique, case-sensitive) — used for idempotent upserts. */
  externalId?: boolean;
  unique?: boolean;
  /** Lookup / MasterDetail target object API name. */
  referenceTo?: string;
  /** Relationship name for child subqueries (e.g. `Instalments__r` is `${relationshipName}__r`). */
  relationshipName?: string;
  /**
   * MasterDetail only: the child may be moved to another master (`reparentableMasterDetail`).
   * Without it the field is not updateable on existing records. Default false. Not set on
   * `Plan_Instalment__c.Payment_Plan__c`: instalments are only ever created under their plan (one
   * sObject Collections insert) and a retry never rewrites them, so they never change plans.
   */
  reparentable?: boolean;
  picklistValues?: readonly string[];
  description: string;
}

export interface ProductObject {
  apiName: string;
  label: string;
  pluralLabel: string;
  /** Standard objects we only add fields to (Account, Contact, Case, Task/Activity). */
  standard: boolean;
  description: string;
  /** Auto-number display format for Name on custom objects. */
  nameFormat?: string;
  fields: readonly ProductField[];
}

const amount = (apiName: string, label: string, description: string, required = false): ProductField => ({
  apiName, label, type: 'Number', precision: 18, scale: 4, required, description,
});
const currencyCode: ProductField = {
  apiName: 'Currency_Code__c', label: 'Currency', type: 'Text', length: 3, required: true,
  description: 'ISO 4217 alphabetic code of the amounts on this record.',
};
const idempotencyKey: ProductField = {
  apiName: 'Idempotency_Key__c', label: 'Idempotency Key', type: 'Text', length: 80, externalId: true, unique: true,
  description: 'Client-generated key; upserting on it makes retries never create duplicates.',
};
const accountLookup = (relationshipName: string): ProductField => ({
  apiName: 'Account__c', label: 'Account', type: 'Lookup', referenceTo: 'Account', relationshipName, required: true,
  description: 'Customer account.',
});
const invoiceIds: ProductField = {
  apiName: 'Invoice_Ids__c', label: 'Invoices', type: 'LongTextArea', length: 32768,
  description: 'Comma-separated record ids of the invoices covered.',
};

export const INVOICE_STATUS_VALUES = ['Open', 'Partially Paid', 'Paid', 'Cancelled'] as const;
export const PROMISE_STATUS_VALUES = ['Pending', 'Kept', 'Partially Kept', 'Broken', 'Cancelled'] as const;
export const PLAN_STATUS_VALUES = ['Proposed', 'Active', 'Completed', 'Broken', 'Cancelled'] as const;
export const PLAN_FREQUENCY_VALUES = ['Weekly', 'Biweekly', 'Monthly'] as const;
export const INSTALMENT_STATUS_VALUES = ['Scheduled', 'Paid', 'Partial', 'Missed'] as const;
export const SETTLEMENT_STATUS_VALUES = ['Draft', 'Pending Approval', 'Offered', 'Accepted', 'Rejected', 'Expired'] as const;
export const PAYMENT_TYPE_VALUES = ['Payment', 'Credit Note', 'Unapplied Cash'] as const;
export const DISPUTE_REASON_VALUES = [
  'Pricing', 'Quantity', 'Damaged or Quality', 'Not Received', 'Wrong Item', 'Duplicate Billing', 'Tax',
  'PO or Required Data Missing', 'Service Not Rendered', 'Other',
] as const;
export const DISPUTE_STATUS_VALUES = ['New', 'Pending Verification', 'In Review', 'Resolved - Credit', 'Resolved - Rejected', 'Closed'] as const;
/** The sales owner's answer to a dispute (issue 19). */
export const DISPUTE_OWNER_ANSWER_VALUES = ['Credit Note Requested', 'Rejected', 'More Information Requested'] as const;
export const ACCOUNT_FLAG_VALUES = [
  'Cease Communication', 'Attorney Represented', 'Bankruptcy', 'Breathing Space', 'Deceased',
  'Dispute Pending Verification', 'Vulnerable', 'Time Barred', 'Grievance Pending',
] as const;
export const COMPLIANCE_PROFILE_VALUES = ['us-fdcpa', 'us-ma', 'in-rbi', 'uk-fca', 'ie-cca', 'b2b-default'] as const;
export const CONTACT_ROLE_VALUES = ['Debtor', 'Accounts Payable', 'Estate Representative', 'Attorney', 'Guarantor', 'Other'] as const;
export const CHANNEL_VALUES = ['Call', 'Email', 'SMS', 'Visit', 'Letter'] as const;

export const PRODUCT_OBJECTS: readonly ProductObject[] = [
  {
    apiName: 'Collections_Invoice__c', label: 'Collections Invoice', pluralLabel: 'Collections Invoices', standard: false,
    nameFormat: 'CINV-{000000}',
    description: 'Invoice fallback for orgs without Salesforce Billing; typically synced from the ERP.',
    fields: [
      accountLookup('Collections_Invoices'),
      { apiName: 'Invoice_Number__c', label: 'Invoice Number', type: 'Text', length: 80, required: true, description: 'Number printed on the invoice.' },
      { apiName: 'Invoice_Date__c', label: 'Invoice Date', type: 'Date', required: true, description: 'Issue date.' },
      { apiName: 'Due_Date__c', label: 'Due Date', type: 'Date', required: true, description: 'Aging runs from this date.' },
      amount('Total_Amount__c', 'Total Amount', 'Invoice total including tax.', true),
      amount('Balance__c', 'Balance', 'Open amount; 0 when paid.', true),
      currencyCode,
      { apiName: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: INVOICE_STATUS_VALUES, required: true, description: 'Invoice status.' },
      { apiName: 'PO_Number__c', label: 'PO Number', type: 'Text', length: 80, description: "Customer's purchase order." },
      { apiName: 'External_Id__c', label: 'ERP Id', type: 'Text', length: 80, externalId: true, unique: true, description: 'Id in the source ERP (upsert key for syncs).' },
    ],
  },
  {
    apiName: 'Collections_Payment__c', label: 'Collections Payment', pluralLabel: 'Collections Payments', standard: false,
    nameFormat: 'CPAY-{000000}',
    description: 'Payments received, credit notes and unapplied cash.',
    fields: [
      accountLookup('Collections_Payments'),
      { apiName: 'Invoice__c', label: 'Invoice', type: 'Lookup', referenceTo: 'Collections_Invoice__c', relationshipName: 'Payments', description: 'Invoice the payment was applied to, if any.' },
      { apiName: 'Type__c', label: 'Type', type: 'Picklist', picklistValues: PAYMENT_TYPE_VALUES, required: true, description: 'Payment, credit note or unapplied cash.' },
      amount('Amount__c', 'Amount', 'Positive amount received or credited.', true),
      currencyCode,
      { apiName: 'Received_On__c', label: 'Received On', type: 'Date', required: true, description: 'Value date.' },
      { apiName: 'Reference__c', label: 'Reference', type: 'Text', length: 255, description: 'Bank or remittance reference.' },
      { apiName: 'External_Id__c', label: 'ERP Id', type: 'Text', length: 80, externalId: true, unique: true, description: 'Id in the source ERP.' },
    ],
  },
  {
    apiName: 'Promise_To_Pay__c', label: 'Promise to Pay', pluralLabel: 'Promises to Pay', standard: false,
    nameFormat: 'PTP-{000000}',
    description: 'A dated amount the customer promised to pay.',
    fields: [
      accountLookup('Promises_To_Pay'),
      { apiName: 'Contact__c', label: 'Contact', type: 'Lookup', referenceTo: 'Contact', relationshipName: 'Promises_To_Pay', description: 'Who promised.' },
      amount('Amount__c', 'Amount', 'Promised amount.', true),
      currencyCode,
      { apiName: 'Due_Date__c', label: 'Promised Date', type: 'Date', required: true, description: 'Date the customer promised to pay by.' },
      { apiName: 'Taken_On__c', label: 'Taken On', type: 'Date', required: true, description: 'Date the promise was taken.' },
      { apiName: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: PROMISE_STATUS_VALUES, required: true, description: 'Pending until due date + grace, then kept/partially kept/broken.' },
      invoiceIds,
      { apiName: 'Note__c', label: 'Note', type: 'LongTextArea', length: 32768, description: 'Collector note.' },
      idempotencyKey,
    ],
  },
  {
    apiName: 'Payment_Plan__c', label: 'Payment Plan', pluralLabel: 'Payment Plans', standard: false,
    nameFormat: 'PLAN-{000000}',
    description: 'An agreed instalment schedule.',
    fields: [
      accountLookup('Payment_Plans'),
      { apiName: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: PLAN_STATUS_VALUES, required: true, description: 'Plan status.' },
      { apiName: 'Frequency__c', label: 'Frequency', type: 'Picklist', picklistValues: PLAN_FREQUENCY_VALUES, required: true, description: 'Instalment frequency.' },
      amount('Total_Amount__c', 'Total Amount', 'Total to be paid under the plan, down payment included.', true),
      amount('Down_Payment__c', 'Down Payment', 'Initial payment, if any.'),
      currencyCode,
      { apiName: 'Start_Date__c', label: 'Start Date', type: 'Date', required: true, description: 'Date the plan was agreed.' },
      invoiceIds,
      idempotencyKey,
    ],
  },
  {
    apiName: 'Plan_Instalment__c', label: 'Plan Instalment', pluralLabel: 'Plan Instalments', standard: false,
    nameFormat: 'INST-{000000}',
    description: 'One instalment of a payment plan.',
    fields: [
      { apiName: 'Payment_Plan__c', label: 'Payment Plan', type: 'MasterDetail', referenceTo: 'Payment_Plan__c', relationshipName: 'Instalments', required: true, description: 'Parent plan.' },
      { apiName: 'Sequence__c', label: 'Sequence', type: 'Number', precision: 4, scale: 0, required: true, description: '0 = down payment, 1..n = instalments.' },
      { apiName: 'Due_Date__c', label: 'Due Date', type: 'Date', required: true, description: 'Instalment due date.' },
      amount('Amount__c', 'Amount', 'Instalment amount.', true),
      amount('Paid_Amount__c', 'Paid Amount', 'Amount paid towards this instalment.'),
      currencyCode,
      { apiName: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: INSTALMENT_STATUS_VALUES, required: true, description: 'Scheduled, paid, partial or missed.' },
      idempotencyKey,
    ],
  },
  {
    apiName: 'Dispute_Line__c', label: 'Dispute Line', pluralLabel: 'Dispute Lines', standard: false,
    nameFormat: 'DL-{000000}',
    description: 'Links a dispute Case to a disputed invoice and amount.',
    fields: [
      { apiName: 'Case__c', label: 'Dispute', type: 'Lookup', referenceTo: 'Case', relationshipName: 'Dispute_Lines', required: true, description: 'Dispute case.' },
      { apiName: 'Invoice_Ref__c', label: 'Invoice Id', type: 'Text', length: 18, required: true, description: 'Record id of the disputed invoice (any invoice object).' },
      { apiName: 'Invoice_Number__c', label: 'Invoice Number', type: 'Text', length: 80, description: 'Invoice number, for people reading the case.' },
      amount('Amount__c', 'Disputed Amount', 'Disputed amount on this invoice.', true),
      currencyCode,
      idempotencyKey,
    ],
  },
  {
    apiName: 'Settlement_Offer__c', label: 'Settlement Offer', pluralLabel: 'Settlement Offers', standard: false,
    nameFormat: 'SETL-{000000}',
    description: 'A discounted settlement offered to the customer.',
    fields: [
      accountLookup('Settlement_Offers'),
      amount('Balance__c', 'Balance Settled', 'Balance being settled.', true),
      amount('Offer_Amount__c', 'Offer Amount', 'Amount the customer pays to settle.', true),
      currencyCode,
      { apiName: 'Expires_On__c', label: 'Expires On', type: 'Date', required: true, description: 'Offer expiry.' },
      { apiName: 'Status__c', label: 'Status', type: 'Picklist', picklistValues: SETTLEMENT_STATUS_VALUES, required: true, description: 'Offer status; Pending Approval above the approval threshold.' },
      { apiName: 'Remainder_Treatment__c', label: 'Remainder Treatment', type: 'Picklist', picklistValues: ['Extinguished', 'May Be Pursued'], required: true, description: 'CONC 7.4.2R: whether the remainder is extinguished.' },
      invoiceIds,
      { apiName: 'Note__c', label: 'Note', type: 'LongTextArea', length: 32768, description: 'Collector note.' },
      idempotencyKey,
    ],
  },
  {
    // Decision 0017: Task and ContentNote fields cannot be unique, so a Task or note is created in ONE
    // allOrNone composite with a receipt whose key IS unique: a second commit of the same key (a slow
    // first attempt, another tab, a restarted worker) fails on the receipt and rolls its record back.
    apiName: 'Write_Receipt__c', label: 'Write Receipt', pluralLabel: 'Write Receipts', standard: false,
    nameFormat: 'WR-{0000000}',
    description: 'One per Task or note the collections panel created: its unique idempotency key makes a repeated write fail instead of duplicating.',
    fields: [
      idempotencyKey,
      { apiName: 'Record_Id__c', label: 'Record Id', type: 'Text', length: 18, required: true, description: 'Id of the Task or note created with this key.' },
    ],
  },
  // ---- fields on standard objects ----
  {
    apiName: 'Account', label: 'Account', pluralLabel: 'Accounts', standard: true,
    description: 'Collections fields on the customer account.',
    fields: [
      { apiName: 'Collections_Flags__c', label: 'Collections Flags', type: 'MultiselectPicklist', picklistValues: ACCOUNT_FLAG_VALUES, description: 'States that block or restrict contact (cease, bankruptcy, breathing space...).' },
      { apiName: 'Compliance_Profile__c', label: 'Compliance Profile', type: 'Picklist', picklistValues: COMPLIANCE_PROFILE_VALUES, description: 'Contact-compliance profile for this debtor.' },
      amount('Credit_Limit__c', 'Credit Limit', 'Credit limit in the account currency.'),
      { apiName: 'Collections_Currency__c', label: 'Collections Currency', type: 'Text', length: 3, description: 'Account currency (ISO 4217) when the org is not multi-currency.' },
      { apiName: 'Collector__c', label: 'Collector', type: 'Lookup', referenceTo: 'User', relationshipName: 'Collector_Accounts', description: 'Assigned collector.' },
      { apiName: 'Collections_Time_Zone__c', label: 'Time Zone', type: 'Text', length: 64, description: 'IANA time zone of the registered address, e.g. Asia/Kolkata.' },
      { apiName: 'Risk_Rating__c', label: 'Risk Rating', type: 'Picklist', picklistValues: ['Low', 'Medium', 'High'], description: 'Credit risk rating.' },
      { apiName: 'Customer_Segment__c', label: 'Customer Segment', type: 'Picklist', picklistValues: ['B2B', 'B2C'], description: 'Business or consumer debt.' },
      { apiName: 'Key_Account__c', label: 'Key Account', type: 'Checkbox', description: 'Key account: route to owner, gentler tone.' },
      { apiName: 'Collections_Priority_Score__c', label: 'Collections Priority', type: 'Number', precision: 18, scale: 2, description: 'Worklist priority from the last portfolio pass (collections rank --write-back): higher is called first; 0 = nothing to collect now.' },
      { apiName: 'Collections_Priority_Scored_At__c', label: 'Collections Priority Scored At', type: 'DateTime', description: 'When the portfolio pass computed Collections Priority.' },
      { apiName: 'ERP_Customer_Number__c', label: 'ERP Customer Number', type: 'Text', length: 40, externalId: true, unique: true, description: 'Customer number in the ERP (SAP Kunde, Oracle Customer Number); collections import matches ERP rows to accounts by it.' },
    ],
  },
  {
    apiName: 'Contact', label: 'Contact', pluralLabel: 'Contacts', standard: true,
    description: 'Collections fields on contacts.',
    fields: [
      { apiName: 'Collections_Time_Zone__c', label: 'Time Zone', type: 'Text', length: 64, description: 'IANA zone of the contact address.' },
      { apiName: 'Mobile_Time_Zone__c', label: 'Mobile Time Zone', type: 'Text', length: 64, description: 'IANA zone implied by the mobile number.' },
      { apiName: 'Phone_Time_Zone__c', label: 'Phone Time Zone', type: 'Text', length: 64, description: 'IANA zone implied by the main phone number.' },
      { apiName: 'Collections_Role__c', label: 'Collections Role', type: 'Picklist', picklistValues: CONTACT_ROLE_VALUES, description: 'Debtor, AP contact, estate representative, attorney...' },
      { apiName: 'SMS_Opt_Out__c', label: 'SMS Opt Out', type: 'Checkbox', description: 'Contact opted out of text messages.' },
      { apiName: 'Visit_Opt_Out__c', label: 'Visit Opt Out', type: 'Checkbox', description: 'Contact refused field visits.' },
    ],
  },
  {
    apiName: 'Case', label: 'Case', pluralLabel: 'Cases', standard: true,
    description: 'Disputes are Cases (Type = Dispute) routed to the account owner.',
    fields: [
      { apiName: 'Dispute_Reason__c', label: 'Dispute Reason', type: 'Picklist', picklistValues: DISPUTE_REASON_VALUES, description: 'Reason code.' },
      { apiName: 'Dispute_Status__c', label: 'Dispute Status', type: 'Picklist', picklistValues: DISPUTE_STATUS_VALUES, description: 'Collections-facing dispute status.' },
      amount('Disputed_Amount__c', 'Disputed Amount', 'Total disputed amount.'),
      { apiName: 'Dispute_Currency__c', label: 'Dispute Currency', type: 'Text', length: 3, description: 'ISO 4217 code of the disputed amount.' },
      { apiName: 'SLA_Due_Date__c', label: 'SLA Due Date', type: 'Date', description: 'Date by which sales must resolve.' },
      { apiName: 'Dispute_Resolution__c', label: 'Resolution', type: 'LongTextArea', length: 32768, description: 'Outcome from sales.' },
      idempotencyKey,
      // The sales owner's answer and the SLA steps (issue 19, decision 0022): every step is on the record, auditable.
      { apiName: 'Owner_Answer__c', label: 'Sales Answer', type: 'Picklist', picklistValues: DISPUTE_OWNER_ANSWER_VALUES, description: "Sales owner's answer." },
      { apiName: 'Owner_Answer_Note__c', label: 'Sales Answer Note', type: 'LongTextArea', length: 32768, description: 'Reason, question or note.' },
      amount('Credit_Note_Amount__c', 'Credit Note Amount', 'Credit note requested.'),
      { apiName: 'Owner_Answered_At__c', label: 'Sales Answered At', type: 'DateTime', description: 'When sales answered.' },
      { apiName: 'Owner_Answer_Key__c', label: 'Sales Answer Key', type: 'Text', length: 80, externalId: true, unique: true, description: 'Client key of the answer.' },
      { apiName: 'Owner_Reminded_At__c', label: 'Owner Reminded At', type: 'DateTime', description: 'When the owner was reminded.' },
      { apiName: 'Escalated_At__c', label: 'Escalated At', type: 'DateTime', description: 'When escalated past the SLA.' },
      { apiName: 'Escalated_To__c', label: 'Escalated To', type: 'Lookup', referenceTo: 'User', relationshipName: 'Escalated_Disputes', description: "Owner's manager escalated to." },
    ],
  },
  {
    // Custom fields on Task live on the Activity object in metadata.
    apiName: 'Task', label: 'Task', pluralLabel: 'Tasks', standard: true,
    description: 'Collections fields on activities (calls, emails, visits).',
    fields: [
      { apiName: 'Idempotency_Key__c', label: 'Idempotency Key', type: 'Text', length: 80, description: 'Client key; checked before re-sending a write whose outcome is unknown.' },
      { apiName: 'Collections_Channel__c', label: 'Collections Channel', type: 'Picklist', picklistValues: CHANNEL_VALUES, description: 'Call, email, SMS, visit or letter.' },
      { apiName: 'Conversation__c', label: 'Right-Party Conversation', type: 'Checkbox', description: 'Spoke with the debtor or representative (starts the Reg F 7-day clock).' },
      { apiName: 'Compliance_Override__c', label: 'Compliance Override', type: 'Text', length: 255, description: 'What the compliance engine blocked and why it was overridden.' },
      { apiName: 'Visit_Outcome__c', label: 'Visit Outcome', type: 'Text', length: 255, description: 'Outcome of a field visit.' },
      { apiName: 'Occurred_At__c', label: 'Occurred At', type: 'DateTime', description: 'When the call/visit actually happened (the Reg F 7-in-7 count uses this, not the time it was logged).' },
    ],
  },
];

/** Look up a product object definition by API name. */
export function productObject(apiName: string): ProductObject {
  const found = PRODUCT_OBJECTS.find((o) => o.apiName === apiName);
  if (!found) {
    throw new Error(`Unknown product object ${apiName}`);
  }
  return found;
}
