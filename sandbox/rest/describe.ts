/** `describeGlobal` and `sobjects/X/describe` in Salesforce's shape, generated from the schema. */

import type { FieldDef, ObjectDef, OrgSchema } from '../schema';

function urls(def: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function summary(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: def.custom,
    customSetting: false,
    queryable: def.queryable,
    retrieveable: true,
    searchable: def.name !== 'ContentDocumentLink',
    createable: def.createable,
    updateable: def.createable,
    deletable: def.createable,
    undeletable: def.createable,
    layoutable: true,
    triggerable: def.createable,
    mergeable: ['Account', 'Contact'].includes(def.name),
    replicateable: true,
    feedEnabled: false,
    activateable: false,
    deprecatedAndHidden: false,
    urls: urls(def, version),
  };
}

function describeField(field: FieldDef): Record<string, unknown> {
  const numeric = ['int', 'double', 'currency', 'percent'].includes(field.type);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: numeric ? (field.type === 'int' ? 'xsd:int' : 'xsd:double') : field.type === 'boolean' ? 'xsd:boolean'
      : field.type === 'date' ? 'xsd:date' : field.type === 'datetime' ? 'xsd:dateTime' : field.type === 'id' || field.type === 'reference' ? 'tns:ID' : 'xsd:string',
    length: numeric || field.type === 'boolean' || field.type === 'date' || field.type === 'datetime' ? 0 : field.length ?? 0,
    precision: numeric ? field.precision ?? 18 : 0,
    scale: numeric ? field.scale ?? 0 : 0,
    digits: field.type === 'int' ? field.precision ?? 9 : 0,
    byteLength: (field.length ?? 0) * 3,
    nillable: !field.required && field.type !== 'boolean' && field.name !== 'Id',
    defaultedOnCreate: field.defaultValue !== undefined || field.type === 'boolean' || field.calculated === true || field.name === 'OwnerId' || field.name === 'CurrencyIsoCode',
    defaultValue: field.defaultValue ?? (field.type === 'boolean' ? false : null),
    createable: field.createable,
    updateable: field.updateable,
    calculated: field.calculated === true && !field.autoNumber,
    autoNumber: field.autoNumber === true,
    custom: field.custom,
    externalId: field.externalId === true,
    unique: field.unique === true,
    idLookup: field.idLookup === true || field.name === 'Id',
    caseSensitive: field.externalId === true,
    filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    sortable: field.type !== 'textarea' && field.type !== 'multipicklist',
    groupable: !numeric && field.type !== 'textarea',
    nameField: field.name === 'Name',
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    cascadeDelete: field.cascadeDelete === true,
    restrictedPicklist: field.restrictedPicklist === true,
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true, defaultValue: field.defaultValue === value, label: value, validFor: null, value,
    })),
    htmlFormatted: false,
    inlineHelpText: null,
  };
}

/** `GET /sobjects`. */
export function describeGlobal(schema: OrgSchema, version: string): Record<string, unknown> {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: [...schema.values()].map((def) => summary(def, version)) };
}

/** `GET /sobjects/X/describe`. */
export function describeObject(def: ObjectDef, version: string): Record<string, unknown> {
  return {
    ...summary(def, version),
    fields: def.fields.map(describeField),
    childRelationships: [...def.childRelationships.values()].map((rel) => ({
      childSObject: rel.childObject,
      field: rel.field,
      relationshipName: rel.relationshipName,
      cascadeDelete: rel.cascadeDelete,
      deprecatedAndHidden: false,
      restrictedDelete: false,
    })),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
  };
}

/** `GET /sobjects/X` basic information. */
export function objectInfo(def: ObjectDef, version: string): Record<string, unknown> {
  return { objectDescribe: summary(def, version), recentItems: [] };
}
