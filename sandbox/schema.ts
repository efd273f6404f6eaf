/**
 * The sandbox org's schema: the standard objects our connector touches, plus every custom object
 * and field from the product schema (imported, never retyped). Drives describe, SOQL field
 * resolution, validation on write and relationship traversal.
 */
import { PRODUCT_OBJECTS } from '../connector/salesforce/product-schema';
import type { ProductField, ProductObject } from '../connector/salesforce/product-schema';
import { STRATEGY_METADATA_TYPES } from '../connector/salesforce/strategy-metadata';
import type { CmdtField } from '../connector/salesforce/strategy-metadata';

/** Salesforce describe field types the sandbox uses. */
export type SfFieldType =
  | 'id' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'multipicklist' | 'reference'
  | 'boolean' | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'base64';

export interface FieldDef {
  name: string;
  label: string;
  type: SfFieldType;
  length?: number;
  precision?: number;
  scale?: number;
  /** Must be present on create (nillable false and not defaulted). */
  required?: boolean;
  createable: boolean;
  updateable: boolean;
  referenceTo?: string[];
  /** Parent-side relationship name (`Owner`, `Account__r`). */
  relationshipName?: string;
  /** Child relationship name on the parent (`Contacts`, `Instalments__r`). */
  childRelationshipName?: string;
  cascadeDelete?: boolean;
  picklistValues?: readonly string[];
  restrictedPicklist?: boolean;
  externalId?: boolean;
  unique?: boolean;
  custom: boolean;
  /** Value computed by the server (Name of Contact, autonumbers, audit fields). */
  calculated?: boolean;
  autoNumber?: boolean;
  defaultValue?: string | boolean | null;
  idLookup?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldDef[];
  /** Lower-case field name → definition (SOQL and REST field names are case-insensitive). */
  fieldIndex: Map<string, FieldDef>;
  /** Lower-case parent relationship name → reference field. */
  parentRelationships: Map<string, FieldDef>;
  /** Lower-case child relationship name → child object + field. */
  childRelationships: Map<string, { childObject: string; field: string; relationshipName: string; cascadeDelete: boolean }>;
  /** Where records live; ContentDocument is a read view of ContentNote records. */
  storage: string;
  nameFormat?: string;
  queryable: boolean;
  createable: boolean;
}

/** Currencies enabled in the sandbox's (multi-currency) org; the corporate currency is USD. */
export const ORG_CURRENCIES = ['USD', 'INR', 'GBP', 'EUR', 'JPY', 'KWD'] as const;
export const CORPORATE_CURRENCY = 'USD';
export const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0'] as const;
export const LATEST_API_VERSION = '66.0';

type FieldSpec = Partial<FieldDef> & Pick<FieldDef, 'name' | 'type'>;

function f(spec: FieldSpec): FieldDef {
  return {
    label: spec.name.replace(/__c$/, '').replace(/_/g, ' '),
    createable: true,
    updateable: true,
    custom: spec.name.endsWith('__c'),
    ...spec,
  };
}
const ro = (spec: FieldSpec): FieldDef => f({ createable: false, updateable: false, calculated: true, ...spec });
const ref = (name: string, to: string[], relationshipName: string, extra: Partial<FieldDef> = {}): FieldDef =>
  f({ name, type: 'reference', length: 18, referenceTo: to, relationshipName, ...extra });
const str = (name: string, length = 255, extra: Partial<FieldDef> = {}): FieldDef => f({ name, type: 'string', length, ...extra });
const pick = (name: string, values: readonly string[], extra: Partial<FieldDef> = {}): FieldDef =>
  f({ name, type: 'picklist', length: 255, picklistValues: values, restrictedPicklist: true, ...extra });

const auditFields = (): FieldDef[] => [
  ro({ name: 'Id', type: 'id', length: 18, idLookup: true }),
  ro({ name: 'IsDeleted', type: 'boolean' }),
  ro({ name: 'CreatedDate', type: 'datetime' }),
  ref('CreatedById', ['User'], 'CreatedBy', { createable: false, updateable: false, calculated: true }),
  ro({ name: 'LastModifiedDate', type: 'datetime' }),
  ref('LastModifiedById', ['User'], 'LastModifiedBy', { createable: false, updateable: false, calculated: true }),
  ro({ name: 'SystemModstamp', type: 'datetime' }),
];
const currencyIso = (): FieldDef =>
  pick('CurrencyIsoCode', ORG_CURRENCIES, { label: 'Currency ISO Code', length: 3 });
const owner = (): FieldDef => ref('OwnerId', ['User'], 'Owner');

const ADDRESS = (prefix: string): FieldDef[] =>
  ['Street', 'City', 'State', 'PostalCode', 'Country', 'StateCode', 'CountryCode'].map((part) =>
    part === 'Street' ? f({ name: `${prefix}${part}`, type: 'textarea', length: 255 }) : str(`${prefix}${part}`, 80));

/** Record types our relationship names hang off when they are polymorphic (WhatId, LinkedEntityId). */
const WHAT_TARGETS = ['Account', 'Opportunity', 'Case', ...PRODUCT_OBJECTS.filter((o) => !o.standard).map((o) => o.apiName)];

const STANDARD: Array<Omit<ObjectDef, 'fieldIndex' | 'parentRelationships' | 'childRelationships' | 'storage' | 'queryable' | 'createable'> & { storage?: string; createable?: boolean }> = [
  {
    name: 'Organization', label: 'Organization', labelPlural: 'Organizations', keyPrefix: '00D', custom: false, createable: false,
    fields: [
      ...auditFields(), str('Name', 80), str('OrganizationType', 40), f({ name: 'IsSandbox', type: 'boolean' }),
      str('InstanceName', 5), str('TimeZoneSidKey', 40), str('DefaultLocaleSidKey', 40), str('LanguageLocaleKey', 40),
      str('Country', 80), f({ name: 'DefaultCurrencyIsoCode', type: 'string', length: 3 }),
    ].map((x) => ({ ...x, createable: false, updateable: false })),
  },
  // Multi-currency orgs: the corporate currency and rates ("CurrencyType", "DatedConversionRate",
  // Object Reference). ConversionRate = units of IsoCode per 1 unit of the corporate currency.
  {
    name: 'CurrencyType', label: 'Currency Type', labelPlural: 'Currency Types', keyPrefix: '02c', custom: false,
    fields: [
      ...auditFields(), pick('IsoCode', ORG_CURRENCIES, { required: true, unique: true }), f({ name: 'ConversionRate', type: 'double', precision: 18, scale: 6, required: true }),
      f({ name: 'DecimalPlaces', type: 'int', precision: 2, scale: 0 }), f({ name: 'IsActive', type: 'boolean', defaultValue: true }),
      f({ name: 'IsCorporate', type: 'boolean', defaultValue: false }),
    ],
  },
  {
    name: 'DatedConversionRate', label: 'Dated Conversion Rate', labelPlural: 'Dated Conversion Rates', keyPrefix: '04w', custom: false,
    fields: [
      ...auditFields(), pick('IsoCode', ORG_CURRENCIES, { required: true }), f({ name: 'ConversionRate', type: 'double', precision: 18, scale: 6, required: true }),
      f({ name: 'StartDate', type: 'date', required: true }), f({ name: 'NextStartDate', type: 'date' }),
    ],
  },
  {
    name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005', custom: false,
    fields: [
      ...auditFields(), str('Username', 80, { required: true, unique: true, idLookup: true }),
      ro({ name: 'Name', type: 'string', length: 121 }), str('FirstName', 40), str('LastName', 80, { required: true }),
      f({ name: 'Email', type: 'email', length: 128, required: true }), str('Alias', 8, { required: true }),
      f({ name: 'IsActive', type: 'boolean', defaultValue: true }), str('Title', 80), str('Department', 80),
      pick('TimeZoneSidKey', Intl.supportedValuesOf('timeZone'), { required: true }), str('LocaleSidKey', 40, { required: true }),
      str('LanguageLocaleKey', 40), pick('DefaultCurrencyIsoCode', ORG_CURRENCIES, { label: 'User Currency' }),
      f({ name: 'Phone', type: 'phone', length: 40 }), ref('ManagerId', ['User'], 'Manager'),
    ],
  },
  {
    name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', custom: false,
    fields: [
      ...auditFields(), str('Name', 255, { required: true, idLookup: false }), owner(), ref('ParentId', ['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
      pick('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'], { restrictedPicklist: false }),
      pick('Industry', ['Agriculture', 'Apparel', 'Banking', 'Construction', 'Education', 'Electronics', 'Energy', 'Engineering', 'Healthcare', 'Hospitality', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation', 'Other'], { restrictedPicklist: false }),
      f({ name: 'Phone', type: 'phone', length: 40 }), f({ name: 'Website', type: 'url', length: 255 }), str('AccountNumber', 40),
      f({ name: 'AnnualRevenue', type: 'currency', precision: 18, scale: 0 }), f({ name: 'NumberOfEmployees', type: 'int', precision: 8, scale: 0 }),
      f({ name: 'Description', type: 'textarea', length: 32000 }), ...ADDRESS('Billing'), currencyIso(),
    ],
  },
  {
    name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', custom: false,
    fields: [
      ...auditFields(), ref('AccountId', ['Account'], 'Account', { childRelationshipName: 'Contacts' }), owner(),
      pick('Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'], { restrictedPicklist: false }), str('FirstName', 40), str('LastName', 80, { required: true }),
      ro({ name: 'Name', type: 'string', length: 121 }), str('Title', 128), f({ name: 'Email', type: 'email', length: 80 }),
      f({ name: 'Phone', type: 'phone', length: 40 }), f({ name: 'MobilePhone', type: 'phone', length: 40 }),
      f({ name: 'HasOptedOutOfEmail', type: 'boolean', defaultValue: false }), f({ name: 'DoNotCall', type: 'boolean', defaultValue: false }),
      f({ name: 'HasOptedOutOfFax', type: 'boolean', defaultValue: false }), f({ name: 'Description', type: 'textarea', length: 32000 }),
      ...ADDRESS('Mailing'), currencyIso(),
    ],
  },
  {
    name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', custom: false,
    fields: [
      ...auditFields(), str('Name', 120, { required: true }), ref('AccountId', ['Account'], 'Account', { childRelationshipName: 'Opportunities' }), owner(),
      pick('StageName', ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'], { required: true }),
      f({ name: 'CloseDate', type: 'date', required: true }), f({ name: 'Amount', type: 'currency', precision: 18, scale: 2 }),
      f({ name: 'Probability', type: 'percent', precision: 3, scale: 0 }), ro({ name: 'IsClosed', type: 'boolean' }), ro({ name: 'IsWon', type: 'boolean' }),
      currencyIso(),
    ],
  },
  {
    name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500', custom: false,
    fields: [
      ...auditFields(), ro({ name: 'CaseNumber', type: 'string', length: 30, autoNumber: true }),
      ref('AccountId', ['Account'], 'Account', { childRelationshipName: 'Cases' }),
      ref('ContactId', ['Contact'], 'Contact', { childRelationshipName: 'Cases' }), owner(),
      str('Subject', 255), f({ name: 'Description', type: 'textarea', length: 32000 }),
      pick('Status', ['New', 'Working', 'Escalated', 'Closed'], { defaultValue: 'New' }),
      pick('Type', ['Dispute', 'Question', 'Problem', 'Feature Request'], { restrictedPicklist: false }),
      pick('Reason', ['Billing', 'Dispute', 'Installation', 'Equipment Complexity', 'Performance', 'Other'], { restrictedPicklist: false }),
      pick('Origin', ['Phone', 'Email', 'Web', 'Collections Panel'], { restrictedPicklist: false }),
      pick('Priority', ['High', 'Medium', 'Low'], { defaultValue: 'Medium' }), ro({ name: 'IsClosed', type: 'boolean' }),
      ro({ name: 'ClosedDate', type: 'datetime' }), currencyIso(),
    ],
  },
  {
    name: 'Task', label: 'Task', labelPlural: 'Tasks', keyPrefix: '00T', custom: false,
    fields: [
      ...auditFields(), ref('WhoId', ['Contact'], 'Who', { childRelationshipName: 'Tasks' }),
      ref('WhatId', WHAT_TARGETS, 'What', { childRelationshipName: 'Tasks' }),
      ref('AccountId', ['Account'], 'Account', { createable: false, updateable: false, calculated: true }), owner(),
      str('Subject', 255), f({ name: 'ActivityDate', type: 'date' }),
      pick('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], { defaultValue: 'Not Started' }),
      pick('Priority', ['High', 'Normal', 'Low'], { defaultValue: 'Normal' }),
      f({ name: 'Description', type: 'textarea', length: 32000 }),
      pick('TaskSubtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], { updateable: false, defaultValue: 'Task' }),
      pick('Type', ['Call', 'Email', 'Meeting', 'Other'], { restrictedPicklist: false }),
      pick('CallType', ['Inbound', 'Outbound', 'Internal']), f({ name: 'CallDurationInSeconds', type: 'int', precision: 9, scale: 0 }),
      str('CallDisposition', 255), str('CallObject', 255), f({ name: 'CompletedDateTime', type: 'datetime' }),
      ro({ name: 'IsClosed', type: 'boolean' }),
    ],
  },
  {
    name: 'ContentNote', label: 'Note', labelPlural: 'Notes', keyPrefix: '069', custom: false,
    fields: [
      ...auditFields(), owner(), str('Title', 255, { required: true }),
      f({ name: 'Content', type: 'base64' }), ro({ name: 'TextPreview', type: 'string', length: 255 }),
      ro({ name: 'FileType', type: 'string', length: 20 }), ro({ name: 'FileExtension', type: 'string', length: 40 }),
      ro({ name: 'ContentSize', type: 'int' }), ro({ name: 'IsReadOnly', type: 'boolean' }),
      ro({ name: 'LatestPublishedVersionId', type: 'reference', referenceTo: ['ContentVersion'] }),
    ],
  },
  {
    name: 'ContentDocument', label: 'Content Document', labelPlural: 'Content Documents', keyPrefix: '069', custom: false,
    storage: 'ContentNote', createable: false,
    fields: [
      ...auditFields(), owner(), str('Title', 255), ro({ name: 'FileType', type: 'string', length: 20 }),
      ro({ name: 'FileExtension', type: 'string', length: 40 }), ro({ name: 'ContentSize', type: 'int' }),
      ro({ name: 'LatestPublishedVersionId', type: 'reference', referenceTo: ['ContentVersion'] }),
    ],
  },
  {
    name: 'ContentDocumentLink', label: 'Content Document Link', labelPlural: 'Content Document Link', keyPrefix: '06A', custom: false,
    fields: [
      ro({ name: 'Id', type: 'id', length: 18, idLookup: true }), ro({ name: 'IsDeleted', type: 'boolean' }), ro({ name: 'SystemModstamp', type: 'datetime' }),
      ref('ContentDocumentId', ['ContentDocument'], 'ContentDocument', { required: true, updateable: false, childRelationshipName: 'ContentDocumentLinks', cascadeDelete: true }),
      ref('LinkedEntityId', ['Account', 'Contact', 'Opportunity', 'Case', 'User', ...WHAT_TARGETS.slice(3)], 'LinkedEntity', { required: true, updateable: false, childRelationshipName: 'ContentDocumentLinks' }),
      pick('ShareType', ['V', 'C', 'I'], { defaultValue: 'V' }), pick('Visibility', ['AllUsers', 'InternalUsers', 'SharedUsers'], { defaultValue: 'AllUsers' }),
    ],
  },
];

function productFieldDef(objectApiName: string, pf: ProductField): FieldDef {
  const base = { name: pf.apiName, label: pf.label, custom: true, createable: true, updateable: true, required: pf.required ?? false };
  switch (pf.type) {
    case 'Text':
      return { ...base, type: 'string', length: pf.length ?? 255, externalId: pf.externalId, unique: pf.unique, idLookup: pf.externalId };
    case 'LongTextArea':
      return { ...base, type: 'textarea', length: pf.length ?? 32768 };
    case 'Number':
      return { ...base, type: 'double', precision: pf.precision ?? 18, scale: pf.scale ?? 0 };
    case 'Date':
      return { ...base, type: 'date' };
    case 'DateTime':
      return { ...base, type: 'datetime' };
    case 'Checkbox':
      // Checkboxes are never null in Salesforce: they default to false.
      return { ...base, type: 'boolean', required: false, defaultValue: false };
    case 'Picklist':
      return { ...base, type: 'picklist', length: 255, picklistValues: pf.picklistValues ?? [], restrictedPicklist: true };
    case 'MultiselectPicklist':
      return { ...base, type: 'multipicklist', length: 4099, picklistValues: pf.picklistValues ?? [], restrictedPicklist: true };
    case 'Lookup':
    case 'MasterDetail': {
      if (!pf.referenceTo) {
        throw new Error(`${objectApiName}.${pf.apiName} has no referenceTo`);
      }
      return {
        ...base,
        type: 'reference',
        length: 18,
        referenceTo: [pf.referenceTo],
        relationshipName: pf.apiName.replace(/__c$/, '__r'),
        childRelationshipName: pf.relationshipName ? `${pf.relationshipName}__r` : undefined,
        cascadeDelete: pf.type === 'MasterDetail',
        // Master-detail parents cannot be re-parented by default.
        updateable: pf.type !== 'MasterDetail',
      };
    }
  }
}

function customObjectFields(po: ProductObject): ObjectDef['fields'] {
  return [
    ...auditFields(),
    ro({ name: 'Name', type: 'string', length: 80, autoNumber: true, label: `${po.label} Name`, idLookup: true }),
    owner(),
    currencyIso(),
    ...po.fields.map((pf) => productFieldDef(po.apiName, pf)),
  ];
}

function indexFields(def: Pick<ObjectDef, 'fields' | 'fieldIndex' | 'parentRelationships'>): void {
  def.fieldIndex.clear();
  def.parentRelationships.clear();
  for (const field of def.fields) {
    def.fieldIndex.set(field.name.toLowerCase(), field);
    if (field.type === 'reference' && field.relationshipName) {
      def.parentRelationships.set(field.relationshipName.toLowerCase(), field);
    }
  }
}

function finalise(partial: Omit<ObjectDef, 'fieldIndex' | 'parentRelationships' | 'childRelationships'>): ObjectDef {
  // Fresh field objects per schema: an org's schema may be changed (tests remove fields) without touching another's.
  const def: ObjectDef = { ...partial, fields: partial.fields.map((field) => ({ ...field })), fieldIndex: new Map(), parentRelationships: new Map(), childRelationships: new Map() };
  indexFields(def);
  return def;
}

/**
 * The collection-strategy Custom Metadata types (connector/salesforce/strategy-metadata.ts):
 * queryable with SOQL like any `__mdt`, not writable through the data API (Salesforce deploys
 * Custom Metadata records with the Metadata API; the seed writes them directly).
 */
function addStrategyMetadataTypes(objects: Map<string, ObjectDef>): void {
  STRATEGY_METADATA_TYPES.forEach((type, i) => {
    const field = (cf: CmdtField): FieldDef => {
      switch (cf.type) {
        case 'MetadataRelationship':
          return ref(cf.apiName, [cf.referenceTo ?? ''], cf.apiName.replace(/__c$/, '__r'), { label: cf.label, required: cf.required ?? false, childRelationshipName: `${(cf.relationshipLabel ?? '').replace(/ /g, '_')}__r` });
        case 'Picklist':
          return pick(cf.apiName, cf.picklistValues ?? [], { label: cf.label, required: cf.required ?? false });
        case 'LongTextArea':
          return f({ name: cf.apiName, label: cf.label, type: 'textarea', length: cf.length });
        case 'Number':
          return f({ name: cf.apiName, label: cf.label, type: 'double', precision: cf.precision, scale: cf.scale, required: cf.required ?? false });
        default:
          return str(cf.apiName, cf.length, { label: cf.label, required: cf.required ?? false });
      }
    };
    objects.set(type.apiName, finalise({
      name: type.apiName, label: type.label, labelPlural: type.pluralLabel, keyPrefix: `m0${i}`, custom: true, storage: type.apiName, queryable: true, createable: false,
      fields: [
        ro({ name: 'Id', type: 'id', length: 18, idLookup: true }), ro({ name: 'DeveloperName', type: 'string', length: 40 }),
        ro({ name: 'MasterLabel', type: 'string', length: 40 }), ro({ name: 'Label', type: 'string', length: 40 }),
        ro({ name: 'QualifiedApiName', type: 'string', length: 70 }), ro({ name: 'NamespacePrefix', type: 'string', length: 15 }),
        ro({ name: 'SystemModstamp', type: 'datetime' }), ...type.fields.map(field),
      ].map((x) => ({ ...x, createable: false, updateable: false })),
    }));
  });
}

/**
 * An object a test org has beyond ours (a managed package's `blng__Invoice__c`, the standard
 * `Invoice`): field API name → `string`, `date`, `currency`, `picklist`, … or `reference:Target`.
 */
export interface ExtraObjectSpec {
  prefix: string;
  fields: Record<string, string>;
  createable?: boolean;
}

/** Org-level settings that change the schema. */
export interface OrgSchemaOptions {
  /**
   * Multi-currency org (default true): every object has `CurrencyIsoCode`. A single-currency org
   * has none, as in Salesforce before multi-currency is enabled.
   */
  multiCurrency?: boolean;
  /** Objects/fields merged in (added to an existing object, or new objects). */
  extraObjects?: Record<string, ExtraObjectSpec>;
}

const EXTRA_FIELD_TYPES: Record<string, SfFieldType> = {
  id: 'id', string: 'string', textarea: 'textarea', email: 'email', phone: 'phone', url: 'url', picklist: 'picklist',
  multipicklist: 'multipicklist', boolean: 'boolean', int: 'int', double: 'double', currency: 'currency', percent: 'percent',
  date: 'date', datetime: 'datetime', reference: 'reference',
};

function extraField(objectName: string, name: string, spec: string): FieldDef {
  const [kind = '', target] = spec.split(':');
  const type = EXTRA_FIELD_TYPES[kind];
  if (!type) {
    throw new Error(`extra field ${objectName}.${name}: unknown type ${spec}`);
  }
  if (type === 'reference') {
    if (!target) {
      throw new Error(`extra field ${objectName}.${name}: reference needs a target (reference:Account)`);
    }
    return ref(name, [target], name.endsWith('__c') ? name.replace(/__c$/, '__r') : name.replace(/Id$/, ''));
  }
  return f({
    name, type,
    ...(type === 'string' ? { length: 255 } : {}),
    ...(type === 'currency' ? { precision: 18, scale: 2 } : {}),
    // Unknown value sets: any value is accepted.
    ...(type === 'picklist' ? { picklistValues: [], restrictedPicklist: false } : {}),
  });
}

function addExtraObjects(objects: Map<string, ObjectDef>, extras: Record<string, ExtraObjectSpec>): void {
  for (const [name, spec] of Object.entries(extras)) {
    let def = objects.get(name);
    if (!def) {
      def = finalise({
        name, label: name, labelPlural: name, keyPrefix: spec.prefix, custom: name.endsWith('__c'), fields: [...auditFields(), owner()],
        storage: name, queryable: true, createable: spec.createable ?? true,
      });
      objects.set(name, def);
    } else if (spec.createable !== undefined) {
      def.createable = spec.createable;
    }
    for (const [fieldName, type] of Object.entries(spec.fields)) {
      const field = extraField(name, fieldName, type);
      const at = def.fields.findIndex((existing) => existing.name.toLowerCase() === fieldName.toLowerCase());
      if (at >= 0) {
        def.fields[at] = field;
      } else {
        def.fields.push(field);
      }
    }
    indexFields(def);
  }
}

function buildSchema(options: OrgSchemaOptions): Map<string, ObjectDef> {
  const objects = new Map<string, ObjectDef>();
  for (const std of STANDARD) {
    const extra = PRODUCT_OBJECTS.find((po) => po.standard && po.apiName === std.name);
    const fields = [...std.fields, ...(extra ? extra.fields.map((pf) => productFieldDef(std.name, pf)) : [])];
    objects.set(std.name, finalise({
      ...std,
      fields,
      storage: std.storage ?? std.name,
      queryable: true,
      createable: std.createable ?? true,
    }));
  }
  let customIndex = 0;
  for (const po of PRODUCT_OBJECTS) {
    if (po.standard) {
      if (!objects.has(po.apiName)) {
        throw new Error(`product schema extends ${po.apiName}, which the sandbox does not serve`);
      }
      continue;
    }
    // Custom object key prefixes are a01, a02, ... in product-schema order (a00 is left unused,
    // matching the contract dataset's ids).
    customIndex++;
    const keyPrefix = `a0${customIndex.toString(36).toUpperCase()}`;
    objects.set(po.apiName, finalise({
      name: po.apiName, label: po.label, labelPlural: po.pluralLabel, keyPrefix, custom: true,
      fields: customObjectFields(po), storage: po.apiName, nameFormat: po.nameFormat, queryable: true, createable: true,
    }));
  }
  if (options.multiCurrency === false) {
    // Without multiple currencies Salesforce has neither currency object.
    objects.delete('CurrencyType');
    objects.delete('DatedConversionRate');
    for (const def of objects.values()) {
      def.fields = def.fields.filter((field) => field.name !== 'CurrencyIsoCode');
      indexFields(def);
    }
  }
  addStrategyMetadataTypes(objects);
  addExtraObjects(objects, options.extraObjects ?? {});
  // Child relationships: every reference field with a child relationship name, on every target.
  for (const child of objects.values()) {
    for (const field of child.fields) {
      if (field.type !== 'reference' || !field.childRelationshipName) {
        continue;
      }
      for (const target of field.referenceTo ?? []) {
        const storage = objects.get(target)?.storage;
        // A view object (ContentDocument) shares its children with its storage object (ContentNote).
        for (const parent of objects.values()) {
          if (parent.name !== target && !(storage && parent.name === storage)) {
            continue;
          }
          parent.childRelationships.set(field.childRelationshipName.toLowerCase(), {
            childObject: child.name, field: field.name, relationshipName: field.childRelationshipName, cascadeDelete: field.cascadeDelete ?? false,
          });
        }
      }
    }
  }
  return objects;
}

/**
 * One org's schema: objects by API name (case-insensitive lookup) and by id key prefix. Each store
 * has one; the sandbox server uses DEFAULT_SCHEMA, in-process test orgs may build their own.
 */
export class OrgSchema {
  private readonly lower: Map<string, ObjectDef>;
  private readonly byPrefix: Map<string, ObjectDef>;

  constructor(readonly objects: ReadonlyMap<string, ObjectDef>) {
    this.lower = new Map([...objects.values()].map((o) => [o.name.toLowerCase(), o]));
    this.byPrefix = new Map([...objects.values()].filter((o) => o.storage === o.name).map((o) => [o.keyPrefix, o]));
  }

  /** Object by API name, case-insensitively (SOQL `FROM account` works in Salesforce). */
  objectDef(name: string): ObjectDef | undefined {
    return this.lower.get(name.toLowerCase());
  }

  /** Storage object for a record id, from its key prefix (ContentDocument ids resolve to ContentNote). */
  objectForId(id: string): ObjectDef | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }

  values(): IterableIterator<ObjectDef> {
    return this.objects.values();
  }

  /**
   * Replaces or removes a field (an admin changing the org, e.g. to test setup checks). `field`
   * null removes it. Returns the previous definition.
   */
  setField(objectName: string, fieldName: string, field: FieldDef | null): FieldDef | undefined {
    const def = this.objectDef(objectName);
    if (!def) {
      throw new Error(`no object ${objectName}`);
    }
    const at = def.fields.findIndex((existing) => existing.name.toLowerCase() === fieldName.toLowerCase());
    const previous = at >= 0 ? def.fields[at] : undefined;
    if (field && at >= 0) {
      def.fields[at] = field;
    } else if (field) {
      def.fields.push(field);
    } else if (at >= 0) {
      def.fields.splice(at, 1);
    }
    indexFields(def);
    return previous;
  }
}

/** Builds an org schema: our standard objects + the product schema, adjusted by `options`. */
export function buildOrgSchema(options: OrgSchemaOptions = {}): OrgSchema {
  return new OrgSchema(buildSchema(options));
}

/** The sandbox org's schema (multi-currency, no extra objects). */
export const DEFAULT_SCHEMA: OrgSchema = buildOrgSchema();

/** Every object the sandbox serves, by API name. */
export const SCHEMA: ReadonlyMap<string, ObjectDef> = DEFAULT_SCHEMA.objects;

/** Object by API name in the default schema, case-insensitively. */
export function objectDef(name: string): ObjectDef | undefined {
  return DEFAULT_SCHEMA.objectDef(name);
}

/** Storage object for a record id in the default schema, from its key prefix. */
export function objectForId(id: string): ObjectDef | undefined {
  return DEFAULT_SCHEMA.objectForId(id);
}
