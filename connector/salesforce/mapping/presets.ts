/**
 * Mapping presets.
 * - `product`: our own custom objects (product-schema.ts), for orgs without a billing system.
 * - `billing`: Salesforce Billing invoices/payments (`blng__`); promises, plans, settlements and
 *   disputes stay on our product objects.
 * - `standard-invoice`: the standard `Invoice` object (Revenue Cloud / Order Management), read-only.
 * Product API names are read from product-schema.ts through `productField`, which fails at load
 * time if a name drifts, so this file never silently disagrees with the SFDX package.
 */
import {
  INVOICE_STATUS_VALUES,
  PAYMENT_TYPE_VALUES,
  PRODUCT_OBJECTS,
} from '../product-schema';
import type { ProductField } from '../product-schema';
import type { MappingConfig } from './schema';

export type PresetName = 'product' | 'billing' | 'standard-invoice';
export const PRESET_NAMES: readonly PresetName[] = ['product', 'billing', 'standard-invoice'];

function productFieldDef(objectApiName: string, fieldApiName: string): ProductField {
  const object = PRODUCT_OBJECTS.find((o) => o.apiName === objectApiName);
  const field = object?.fields.find((f) => f.apiName === fieldApiName);
  if (!field) {
    throw new Error(`product-schema.ts has no ${objectApiName}.${fieldApiName}`);
  }
  return field;
}

/** A product field's API name, verified against product-schema.ts. */
export function productField(objectApiName: string, fieldApiName: string): string {
  return productFieldDef(objectApiName, fieldApiName).apiName;
}

/** The child relationship (`Foo__r`) of a product lookup/master-detail field. */
export function productRelationship(objectApiName: string, fieldApiName: string): string {
  const field = productFieldDef(objectApiName, fieldApiName);
  if (!field.relationshipName) {
    throw new Error(`${objectApiName}.${fieldApiName} has no relationship name`);
  }
  return `${field.relationshipName}__r`;
}

/** The product object API name, verified. */
export function productObjectName(apiName: string): string {
  if (!PRODUCT_OBJECTS.some((o) => o.apiName === apiName)) {
    throw new Error(`product-schema.ts has no object ${apiName}`);
  }
  return apiName;
}

const INVOICE = productObjectName('Collections_Invoice__c');
const PAYMENT = productObjectName('Collections_Payment__c');
const PROMISE = productObjectName('Promise_To_Pay__c');
const PLAN = productObjectName('Payment_Plan__c');
const INSTALMENT = productObjectName('Plan_Instalment__c');
const SETTLEMENT = productObjectName('Settlement_Offer__c');
const LINE = productObjectName('Dispute_Line__c');
const CURRENCY_CODE = 'Currency_Code__c';
const KEY = 'Idempotency_Key__c';
const RECEIPT = productObjectName('Write_Receipt__c');

const INVOICE_STATUS_MAP: Record<string, 'open' | 'partially_paid' | 'paid' | 'cancelled'> = {};
for (const [value, status] of [
  ['Open', 'open'], ['Partially Paid', 'partially_paid'], ['Paid', 'paid'], ['Cancelled', 'cancelled'],
] as const) {
  if ((INVOICE_STATUS_VALUES as readonly string[]).includes(value)) {
    INVOICE_STATUS_MAP[value] = status;
  }
}
const PAYMENT_TYPE_MAP: Record<string, 'payment' | 'credit_note' | 'unapplied_cash'> = {};
for (const [value, kind] of [['Payment', 'payment'], ['Credit Note', 'credit_note'], ['Unapplied Cash', 'unapplied_cash']] as const) {
  if ((PAYMENT_TYPE_VALUES as readonly string[]).includes(value)) {
    PAYMENT_TYPE_MAP[value] = kind;
  }
}

function productAccount(): MappingConfig['account'] {
  return {
    object: 'Account',
    fields: {
      name: 'Name',
      accountNumber: 'AccountNumber',
      ownerId: 'OwnerId',
      collector: productField('Account', 'Collector__c'),
      segment: productField('Account', 'Customer_Segment__c'),
      country: 'BillingCountry',
      region: 'BillingState',
      city: 'BillingCity',
      timeZone: productField('Account', 'Collections_Time_Zone__c'),
      complianceProfile: productField('Account', 'Compliance_Profile__c'),
      currency: productField('Account', 'Collections_Currency__c'),
      creditLimit: productField('Account', 'Credit_Limit__c'),
      riskRating: productField('Account', 'Risk_Rating__c'),
      keyAccount: productField('Account', 'Key_Account__c'),
      flags: productField('Account', 'Collections_Flags__c'),
    },
  };
}

function productContact(): MappingConfig['contact'] {
  return {
    object: 'Contact',
    accountRelationship: 'Contacts',
    fields: {
      name: 'Name',
      title: 'Title',
      email: 'Email',
      phone: 'Phone',
      mobilePhone: 'MobilePhone',
      timeZone: productField('Contact', 'Collections_Time_Zone__c'),
      phoneTimeZone: productField('Contact', 'Phone_Time_Zone__c'),
      mobileTimeZone: productField('Contact', 'Mobile_Time_Zone__c'),
      role: productField('Contact', 'Collections_Role__c'),
      emailOptOut: 'HasOptedOutOfEmail',
      callOptOut: 'DoNotCall',
      smsOptOut: productField('Contact', 'SMS_Opt_Out__c'),
      visitOptOut: productField('Contact', 'Visit_Opt_Out__c'),
    },
  };
}

function productCollectionsObjects(): Pick<MappingConfig, 'promise' | 'plan' | 'settlement' | 'dispute' | 'activity' | 'notes' | 'writeReceipt'> {
  return {
    promise: {
      object: PROMISE,
      accountField: productField(PROMISE, 'Account__c'),
      accountRelationship: productRelationship(PROMISE, 'Account__c'),
      fields: {
        contact: productField(PROMISE, 'Contact__c'),
        amount: productField(PROMISE, 'Amount__c'),
        currency: productField(PROMISE, CURRENCY_CODE),
        dueDate: productField(PROMISE, 'Due_Date__c'),
        takenOn: productField(PROMISE, 'Taken_On__c'),
        status: productField(PROMISE, 'Status__c'),
        invoiceIds: productField(PROMISE, 'Invoice_Ids__c'),
        note: productField(PROMISE, 'Note__c'),
        idempotencyKey: productField(PROMISE, KEY),
      },
    },
    plan: {
      object: PLAN,
      accountField: productField(PLAN, 'Account__c'),
      accountRelationship: productRelationship(PLAN, 'Account__c'),
      fields: {
        status: productField(PLAN, 'Status__c'),
        frequency: productField(PLAN, 'Frequency__c'),
        total: productField(PLAN, 'Total_Amount__c'),
        downPayment: productField(PLAN, 'Down_Payment__c'),
        currency: productField(PLAN, CURRENCY_CODE),
        startDate: productField(PLAN, 'Start_Date__c'),
        invoiceIds: productField(PLAN, 'Invoice_Ids__c'),
        idempotencyKey: productField(PLAN, KEY),
      },
      instalment: {
        object: INSTALMENT,
        planField: productField(INSTALMENT, 'Payment_Plan__c'),
        planRelationship: productRelationship(INSTALMENT, 'Payment_Plan__c'),
        fields: {
          sequence: productField(INSTALMENT, 'Sequence__c'),
          dueDate: productField(INSTALMENT, 'Due_Date__c'),
          amount: productField(INSTALMENT, 'Amount__c'),
          paidAmount: productField(INSTALMENT, 'Paid_Amount__c'),
          currency: productField(INSTALMENT, CURRENCY_CODE),
          status: productField(INSTALMENT, 'Status__c'),
          idempotencyKey: productField(INSTALMENT, KEY),
        },
      },
    },
    settlement: {
      object: SETTLEMENT,
      accountField: productField(SETTLEMENT, 'Account__c'),
      accountRelationship: productRelationship(SETTLEMENT, 'Account__c'),
      fields: {
        balance: productField(SETTLEMENT, 'Balance__c'),
        offerAmount: productField(SETTLEMENT, 'Offer_Amount__c'),
        currency: productField(SETTLEMENT, CURRENCY_CODE),
        expiresOn: productField(SETTLEMENT, 'Expires_On__c'),
        status: productField(SETTLEMENT, 'Status__c'),
        remainderTreatment: productField(SETTLEMENT, 'Remainder_Treatment__c'),
        invoiceIds: productField(SETTLEMENT, 'Invoice_Ids__c'),
        note: productField(SETTLEMENT, 'Note__c'),
        idempotencyKey: productField(SETTLEMENT, KEY),
      },
    },
    dispute: {
      object: 'Case',
      accountRelationship: 'Cases',
      caseType: 'Dispute',
      recordTypeId: null,
      fields: {
        reason: productField('Case', 'Dispute_Reason__c'),
        status: productField('Case', 'Dispute_Status__c'),
        amount: productField('Case', 'Disputed_Amount__c'),
        currency: productField('Case', 'Dispute_Currency__c'),
        slaDueDate: productField('Case', 'SLA_Due_Date__c'),
        resolution: productField('Case', 'Dispute_Resolution__c'),
        idempotencyKey: productField('Case', KEY),
        ownerAnswer: productField('Case', 'Owner_Answer__c'),
        ownerAnswerNote: productField('Case', 'Owner_Answer_Note__c'),
        creditNoteAmount: productField('Case', 'Credit_Note_Amount__c'),
        ownerAnsweredAt: productField('Case', 'Owner_Answered_At__c'),
        ownerAnswerKey: productField('Case', 'Owner_Answer_Key__c'),
        ownerRemindedAt: productField('Case', 'Owner_Reminded_At__c'),
        escalatedAt: productField('Case', 'Escalated_At__c'),
        escalatedTo: productField('Case', 'Escalated_To__c'),
      },
      line: {
        object: LINE,
        caseField: productField(LINE, 'Case__c'),
        caseRelationship: productRelationship(LINE, 'Case__c'),
        fields: {
          invoiceRef: productField(LINE, 'Invoice_Ref__c'),
          invoiceNumber: productField(LINE, 'Invoice_Number__c'),
          amount: productField(LINE, 'Amount__c'),
          currency: productField(LINE, CURRENCY_CODE),
          idempotencyKey: productField(LINE, KEY),
        },
      },
    },
    activity: {
      object: 'Task',
      accountRelationship: 'Tasks',
      fields: {
        channel: productField('Task', 'Collections_Channel__c'),
        conversation: productField('Task', 'Conversation__c'),
        complianceOverride: productField('Task', 'Compliance_Override__c'),
        visitOutcome: productField('Task', 'Visit_Outcome__c'),
        occurredAt: productField('Task', 'Occurred_At__c'),
        idempotencyKey: productField('Task', KEY),
      },
      lookbackDays: 180,
      limit: 50,
    },
    notes: true,
    writeReceipt: {
      object: RECEIPT,
      fields: { recordId: productField(RECEIPT, 'Record_Id__c'), idempotencyKey: productField(RECEIPT, KEY) },
    },
  };
}

/** Our product objects end to end. */
export function productPreset(defaultCurrency = 'USD'): MappingConfig {
  return {
    name: 'product',
    defaultCurrency,
    account: productAccount(),
    contact: productContact(),
    invoice: {
      object: INVOICE,
      accountField: productField(INVOICE, 'Account__c'),
      readOnly: false,
      fields: {
        number: productField(INVOICE, 'Invoice_Number__c'),
        issueDate: productField(INVOICE, 'Invoice_Date__c'),
        dueDate: productField(INVOICE, 'Due_Date__c'),
        total: productField(INVOICE, 'Total_Amount__c'),
        balance: productField(INVOICE, 'Balance__c'),
        status: productField(INVOICE, 'Status__c'),
        currency: productField(INVOICE, CURRENCY_CODE),
        poNumber: productField(INVOICE, 'PO_Number__c'),
      },
      statusValues: INVOICE_STATUS_MAP,
      excludeStatuses: [],
    },
    payment: {
      object: PAYMENT,
      accountField: productField(PAYMENT, 'Account__c'),
      fields: {
        type: productField(PAYMENT, 'Type__c'),
        amount: productField(PAYMENT, 'Amount__c'),
        currency: productField(PAYMENT, CURRENCY_CODE),
        receivedOn: productField(PAYMENT, 'Received_On__c'),
        reference: productField(PAYMENT, 'Reference__c'),
        invoice: productField(PAYMENT, 'Invoice__c'),
      },
      typeValues: PAYMENT_TYPE_MAP,
    },
    ...productCollectionsObjects(),
  };
}

/**
 * Salesforce Billing (`blng__`). Field semantics per the public object reference (unverified against a
 * live org): `blng__Balance__c` is total with tax minus allocations. Drafts/errors are not receivables.
 */
export function billingPreset(defaultCurrency = 'USD'): MappingConfig {
  const product = productPreset(defaultCurrency);
  return {
    ...product,
    name: 'billing',
    account: { ...product.account, fields: { ...product.account.fields, currency: 'CurrencyIsoCode' } },
    invoice: {
      object: 'blng__Invoice__c',
      accountField: 'blng__Account__c',
      readOnly: false,
      fields: {
        number: 'Name',
        issueDate: 'blng__InvoiceDate__c',
        dueDate: 'blng__DueDate__c',
        total: 'blng__TotalAmount__c',
        balance: 'blng__Balance__c',
        status: 'blng__InvoiceStatus__c',
        currency: 'CurrencyIsoCode',
        poNumber: null,
      },
      statusValues: { Posted: 'open', Cancelled: 'cancelled', Rebilled: 'cancelled' },
      excludeStatuses: ['Draft', 'Error', 'Initiated'],
    },
    payment: {
      object: 'blng__Payment__c',
      accountField: 'blng__Account__c',
      fields: {
        type: null,
        amount: 'blng__Amount__c',
        currency: 'CurrencyIsoCode',
        receivedOn: 'blng__PaymentDate__c',
        reference: 'Name',
        invoice: 'blng__Invoice__c',
      },
      typeValues: {},
    },
  };
}

/** Standard `Invoice` (API 48.0+): read-only by API; payments are not mapped. */
export function standardInvoicePreset(defaultCurrency = 'USD'): MappingConfig {
  const product = productPreset(defaultCurrency);
  return {
    ...product,
    name: 'standard-invoice',
    invoice: {
      object: 'Invoice',
      accountField: 'BillingAccountId',
      readOnly: true,
      fields: {
        number: 'DocumentNumber',
        issueDate: 'InvoiceDate',
        dueDate: 'DueDate',
        total: 'TotalAmountWithTax',
        balance: 'Balance',
        status: 'Status',
        currency: null,
        poNumber: null,
      },
      statusValues: { Posted: 'open', Canceled: 'cancelled', Cancelled: 'cancelled' },
      excludeStatuses: ['Draft'],
    },
    payment: null,
  };
}

/** A preset by name. */
export function presetMapping(name: PresetName, defaultCurrency = 'USD'): MappingConfig {
  switch (name) {
    case 'product':
      return productPreset(defaultCurrency);
    case 'billing':
      return billingPreset(defaultCurrency);
    case 'standard-invoice':
      return standardInvoicePreset(defaultCurrency);
  }
}

/** Preset for an org, from `describeGlobal` object names: Billing wins, then standard Invoice, else product. */
export function pickPreset(sobjects: readonly { name: string; queryable?: boolean }[]): PresetName {
  const queryable = new Set(sobjects.filter((s) => s.queryable !== false).map((s) => s.name));
  if (queryable.has('blng__Invoice__c')) {
    return 'billing';
  }
  if (queryable.has('Invoice')) {
    return 'standard-invoice';
  }
  return 'product';
}

/** Minimal client surface needed to detect the preset. */
export interface DescribeGlobalSource {
  describeGlobal(): Promise<{ sobjects: { name: string; queryable?: boolean }[] }>;
}

/** Detect the preset for an org with one describeGlobal call (cache the answer; it rarely changes). */
export async function detectPreset(client: DescribeGlobalSource): Promise<PresetName> {
  return pickPreset((await client.describeGlobal()).sobjects);
}
