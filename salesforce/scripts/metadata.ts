/**
 * Renders the SFDX source-format metadata for our objects, fields, list views, compact layouts and
 * permission sets from `connector/salesforce/product-schema.ts`, the one source of API names
 * (docs/decisions/0004-product-schema-single-source.md).
 *
 * Pure: returns `{ path → XML }` relative to `salesforce/force-app/main/default/`. The writer is
 * `generate-metadata.ts`; the metadata test re-renders and compares with the committed files.
 */
import { PRODUCT_OBJECTS } from '../../connector/salesforce/product-schema';
import type { ProductField, ProductObject } from '../../connector/salesforce/product-schema';
import { renderApexClassMeta, renderSnapshotQueriesClass } from './apex-queries';
import { renderStrategyMetadata } from './strategy-metadata';
import { PORTFOLIO_APEX_CLASS, renderPortfolioQueriesClass } from './portfolio-apex';

/** Metadata namespace every source-format file declares. */
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** Relative path (under force-app/main/default) → file content. */
export type RenderedMetadata = Map<string, string>;

/** An XML element tree: text leaf, or element with ordered children. */
type XmlNode = { name: string; text: string } | { name: string; children: XmlNode[] };

const leaf = (name: string, value: string | number | boolean): XmlNode => ({ name, text: String(value) });
const node = (name: string, children: XmlNode[]): XmlNode => ({ name, children });

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function renderNode(n: XmlNode, depth: number): string {
  const pad = '    '.repeat(depth);
  if ('text' in n) {
    return `${pad}<${n.name}>${escapeXml(n.text)}</${n.name}>\n`;
  }
  return `${pad}<${n.name}>\n${n.children.map((c) => renderNode(c, depth + 1)).join('')}${pad}</${n.name}>\n`;
}

/** Serialises a root element the way `sf project retrieve` writes source files (4-space indent). */
function renderDocument(rootName: string, children: XmlNode[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${rootName} xmlns="${METADATA_NAMESPACE}">\n` +
    children.map((c) => renderNode(c, 1)).join('') +
    `</${rootName}>\n`
  );
}

/** Custom fields on Task (and Event) are Activity fields in metadata. */
export function metadataObjectName(object: ProductObject): string {
  return object.apiName === 'Task' ? 'Activity' : object.apiName;
}

/** Objects whose records come from the ERP: read-only to everyone but the sync user. */
const ERP_SYNCED_OBJECTS = new Set(['Collections_Invoice__c', 'Collections_Payment__c']);
/** Objects collectors log calls and tasks against. */
const ACTIVITY_ENABLED_OBJECTS = new Set(['Collections_Invoice__c', 'Promise_To_Pay__c', 'Payment_Plan__c', 'Settlement_Offer__c']);

/** True when the object is the detail side of a master-detail relationship. */
export function isMasterDetailChild(object: ProductObject): boolean {
  return object.fields.some((f) => f.type === 'MasterDetail');
}

/**
 * Sharing model: master-detail children inherit from the parent; ERP-synced data is public read-only
 * (changed by the integration user); collections work records are public read/write so a covering
 * collector can update a colleague's promise or plan.
 */
export function sharingModelFor(object: ProductObject): 'ControlledByParent' | 'Read' | 'ReadWrite' {
  if (isMasterDetailChild(object)) {
    return 'ControlledByParent';
  }
  return ERP_SYNCED_OBJECTS.has(object.apiName) ? 'Read' : 'ReadWrite';
}

/**
 * Delete behaviour of a lookup. Salesforce rejects "clear the value" on a required lookup, so
 * required lookups restrict deleting the parent (an account with invoices cannot be deleted by
 * accident); optional ones are cleared.
 */
export function deleteConstraintFor(field: ProductField): 'Restrict' | 'SetNull' {
  return field.required ? 'Restrict' : 'SetNull';
}

/**
 * Fields a permission set may not mention: required fields and master-detail fields are always
 * readable and editable to users with object access, and the deploy fails with
 * "You cannot deploy to a required field" if a permission set lists them.
 */
export function isPermissionable(field: ProductField): boolean {
  return field.type !== 'MasterDetail' && !field.required;
}

function childPluralLabel(referencingObject: ProductObject): string {
  return referencingObject.pluralLabel;
}

function picklistValueSet(values: readonly string[]): XmlNode {
  return node('valueSet', [
    leaf('restricted', true),
    node('valueSetDefinition', [
      leaf('sorted', false),
      ...values.map((v) => node('value', [leaf('fullName', v), leaf('default', false), leaf('label', v)])),
    ]),
  ]);
}

/** Renders one `<CustomField>` with exactly the elements its type takes. */
export function renderField(object: ProductObject, field: ProductField): string {
  if (field.reparentable !== undefined && field.type !== 'MasterDetail') {
    throw new Error(`${object.apiName}.${field.apiName}: reparentable applies to MasterDetail fields only`);
  }
  const children: XmlNode[] = [leaf('fullName', field.apiName)];
  const isStandardActivity = metadataObjectName(object) === 'Activity';
  switch (field.type) {
    case 'Checkbox':
      // Checkboxes are never null: default false, and "required" does not apply.
      children.push(leaf('defaultValue', false), leaf('description', field.description), leaf('externalId', false));
      children.push(leaf('label', field.label), leaf('trackTrending', false), leaf('type', 'Checkbox'));
      break;
    case 'Text': {
      if (field.length == null) {
        throw new Error(`${object.apiName}.${field.apiName}: Text field needs a length`);
      }
      const unique = Boolean(field.unique);
      if (unique) {
        // Idempotency keys and ERP ids are case-sensitive: "abc" and "ABC" are different writes.
        children.push(leaf('caseSensitive', true));
      }
      children.push(leaf('description', field.description), leaf('externalId', Boolean(field.externalId)));
      children.push(leaf('label', field.label), leaf('length', field.length), leaf('required', Boolean(field.required)));
      children.push(leaf('trackTrending', false), leaf('type', 'Text'), leaf('unique', unique));
      break;
    }
    case 'Number':
      if (field.precision == null || field.scale == null) {
        throw new Error(`${object.apiName}.${field.apiName}: Number field needs precision and scale`);
      }
      children.push(leaf('description', field.description), leaf('externalId', false), leaf('label', field.label));
      children.push(leaf('precision', field.precision), leaf('required', Boolean(field.required)), leaf('scale', field.scale));
      children.push(leaf('trackTrending', false), leaf('type', 'Number'), leaf('unique', false));
      break;
    case 'Date':
    case 'DateTime':
      children.push(leaf('description', field.description), leaf('externalId', false), leaf('label', field.label));
      children.push(leaf('required', Boolean(field.required)), leaf('trackTrending', false), leaf('type', field.type));
      break;
    case 'LongTextArea':
      if (field.length == null) {
        throw new Error(`${object.apiName}.${field.apiName}: LongTextArea field needs a length`);
      }
      children.push(leaf('description', field.description), leaf('externalId', false), leaf('label', field.label));
      children.push(leaf('length', field.length), leaf('trackTrending', false), leaf('type', 'LongTextArea'));
      children.push(leaf('visibleLines', 5));
      break;
    case 'Picklist':
    case 'MultiselectPicklist':
      if (!field.picklistValues || field.picklistValues.length === 0) {
        throw new Error(`${object.apiName}.${field.apiName}: picklist needs values`);
      }
      children.push(leaf('description', field.description), leaf('externalId', false), leaf('label', field.label));
      children.push(leaf('required', Boolean(field.required)), leaf('trackTrending', false));
      children.push(leaf('type', field.type), picklistValueSet(field.picklistValues));
      if (field.type === 'MultiselectPicklist') {
        children.push(leaf('visibleLines', 4));
      }
      break;
    case 'Lookup':
    case 'MasterDetail': {
      if (!field.referenceTo || !field.relationshipName) {
        throw new Error(`${object.apiName}.${field.apiName}: relationship needs referenceTo and relationshipName`);
      }
      if (field.type === 'Lookup') {
        children.push(leaf('deleteConstraint', deleteConstraintFor(field)));
      }
      children.push(leaf('description', field.description), leaf('externalId', false), leaf('label', field.label));
      children.push(leaf('referenceTo', field.referenceTo), leaf('relationshipLabel', childPluralLabel(object)));
      children.push(leaf('relationshipName', field.relationshipName));
      if (field.type === 'MasterDetail') {
        // Primary master. Reparenting only where the schema asks for it (ProductField.reparentable):
        // instalments belong to one schedule and are never moved.
        children.push(leaf('relationshipOrder', 0), leaf('reparentableMasterDetail', field.reparentable === true));
      } else {
        children.push(leaf('required', Boolean(field.required)));
      }
      children.push(leaf('trackTrending', false), leaf('type', field.type));
      if (field.type === 'MasterDetail') {
        children.push(leaf('writeRequiresMasterRead', false));
      }
      break;
    }
    default: {
      const unknownType: never = field.type;
      throw new Error(`${object.apiName}.${field.apiName}: unsupported field type ${String(unknownType)}`);
    }
  }
  // Field-level help for users, from the same description. Activity fields have no trending
  // (only custom objects, Opportunity, Case and Forecast do), so the element is left out there.
  const withHelp = children
    .filter((c) => !(isStandardActivity && c.name === 'trackTrending'))
    .flatMap((c) => (c.name === 'label' ? [leaf('inlineHelpText', field.description.slice(0, 510)), c] : [c]));
  return renderDocument('CustomField', withHelp);
}

const COMPACT_LAYOUT_NAME = 'Collections_Compact';

/** Columns shown in list views and compact layouts: the most useful non-long-text fields first. */
function summaryFields(object: ProductObject, max: number): string[] {
  return object.fields
    .filter((f) => f.type !== 'LongTextArea' && f.apiName !== 'Idempotency_Key__c' && f.apiName !== 'External_Id__c')
    .slice(0, max)
    .map((f) => f.apiName);
}

/** Renders the `<CustomObject>` for a custom product object. */
export function renderCustomObject(object: ProductObject): string {
  if (!object.nameFormat) {
    throw new Error(`${object.apiName}: custom objects need an auto-number nameFormat`);
  }
  const sharingModel = sharingModelFor(object);
  const searchable = !isMasterDetailChild(object) && object.apiName !== 'Dispute_Line__c';
  return renderDocument('CustomObject', [
    leaf('compactLayoutAssignment', COMPACT_LAYOUT_NAME),
    leaf('deploymentStatus', 'Deployed'),
    leaf('description', object.description),
    leaf('enableActivities', ACTIVITY_ENABLED_OBJECTS.has(object.apiName)),
    leaf('enableBulkApi', true),
    leaf('enableFeeds', false),
    leaf('enableHistory', false),
    leaf('enableLicensing', false),
    leaf('enableReports', true),
    leaf('enableSearch', searchable),
    leaf('enableSharing', true),
    leaf('enableStreamingApi', true),
    leaf('externalSharingModel', sharingModel === 'ControlledByParent' ? 'ControlledByParent' : 'Private'),
    leaf('label', object.label),
    node('nameField', [leaf('displayFormat', object.nameFormat), leaf('label', `${object.label} Number`), leaf('trackHistory', false), leaf('type', 'AutoNumber')]),
    leaf('pluralLabel', object.pluralLabel),
    leaf('searchLayouts', ''),
    leaf('sharingModel', sharingModel),
    leaf('visibility', 'Public'),
  ]).replace('<searchLayouts></searchLayouts>', '<searchLayouts/>');
}

function renderListView(object: ProductObject): string {
  return renderDocument('ListView', [
    leaf('fullName', 'All'),
    leaf('columns', 'NAME'),
    ...summaryFields(object, 5).map((f) => leaf('columns', f)),
    leaf('filterScope', 'Everything'),
    leaf('label', 'All'),
  ]);
}

function renderCompactLayout(object: ProductObject): string {
  return renderDocument('CompactLayout', [
    leaf('fullName', COMPACT_LAYOUT_NAME),
    leaf('fields', 'Name'),
    ...summaryFields(object, 4).map((f) => leaf('fields', f)),
    leaf('label', 'Collections'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Permission sets

interface ObjectAccess {
  allowCreate: boolean;
  allowDelete: boolean;
  allowEdit: boolean;
  allowRead: boolean;
}
const CRUD: ObjectAccess = { allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true };
const READ: ObjectAccess = { allowCreate: false, allowDelete: false, allowEdit: false, allowRead: true };

/** A permission set described as data, so the test can check it against the schema. */
export interface PermissionSetSpec {
  name: string;
  label: string;
  description: string;
  objects: { object: string; access: ObjectAccess }[];
  /** `Object.Field__c` (Task fields as `Activity.Field__c`) → editable. */
  fields: { field: string; editable: boolean }[];
  userPermissions: string[];
  apexClasses: string[];
}

/**
 * Case fields the sales rep resolves, and the owner's answer they write (issue 19: the answer, its note,
 * the credit note amount, when and its key; the status goes back to In Review); the rest is read-only to them.
 */
const SALES_REP_EDITABLE_CASE_FIELDS = new Set([
  'Dispute_Status__c', 'Dispute_Resolution__c',
  'Owner_Answer__c', 'Owner_Answer_Note__c', 'Credit_Note_Amount__c', 'Owner_Answered_At__c', 'Owner_Answer_Key__c',
]);
/** Apex classes the LWC host calls (the disputes tab's controller: issue 19). */
const HOST_APEX_CLASSES = ['CollectionsController', 'CollectionsDisputesController', 'CollectionsPortfolioController'];

function fieldRef(object: ProductObject, field: ProductField): string {
  return `${metadataObjectName(object)}.${field.apiName}`;
}

/** The permission sets we ship, derived from the schema so every new field gets FLS automatically. */
export function permissionSetSpecs(): PermissionSetSpec[] {
  const custom = PRODUCT_OBJECTS.filter((o) => !o.standard);
  const standard = PRODUCT_OBJECTS.filter((o) => o.standard);
  const permissionable = (objects: readonly ProductObject[]) =>
    objects.flatMap((o) => o.fields.filter(isPermissionable).map((f) => ({ object: o, field: f })));

  const collector: PermissionSetSpec = {
    name: 'Collections_Collector',
    label: 'Collections Collector',
    description: 'Works the collections panel: full access to promises, plans, settlements and disputes; logs calls (Tasks), raises dispute Cases, adds notes.',
    objects: [
      ...custom.map((o) => ({ object: o.apiName, access: CRUD })),
      { object: 'Account', access: READ },
      { object: 'Contact', access: READ },
      // Disputes are Cases: the collector raises them and may withdraw them.
      { object: 'Case', access: { allowCreate: true, allowDelete: false, allowEdit: true, allowRead: true } },
    ],
    fields: permissionable(PRODUCT_OBJECTS).map(({ object, field }) => ({
      field: fieldRef(object, field),
      // Account/Contact are read-only to this set; their collections fields are edited where the profile allows it.
      editable: object.apiName !== 'Account' && object.apiName !== 'Contact',
    })),
    // Task has no object permissions: "Edit Tasks" lets the collector log calls. Notes (ContentNote)
    // need no permission beyond access to the record they are attached to.
    userPermissions: ['EditTask'],
    apexClasses: HOST_APEX_CLASSES,
  };

  const salesRep: PermissionSetSpec = {
    name: 'Collections_Sales_Rep',
    label: 'Collections Sales Rep',
    description: 'Sees collections status on their accounts and resolves dispute Cases routed to them.',
    objects: [
      ...custom.map((o) => ({ object: o.apiName, access: READ })),
      { object: 'Account', access: READ },
      { object: 'Contact', access: READ },
      { object: 'Case', access: { allowCreate: false, allowDelete: false, allowEdit: true, allowRead: true } },
    ],
    fields: [
      ...permissionable(custom).map(({ object, field }) => ({ field: fieldRef(object, field), editable: false })),
      ...permissionable(standard).map(({ object, field }) => ({
        field: fieldRef(object, field),
        editable: object.apiName === 'Case' && SALES_REP_EDITABLE_CASE_FIELDS.has(field.apiName),
      })),
    ],
    userPermissions: [],
    apexClasses: HOST_APEX_CLASSES,
  };
  return [collector, salesRep];
}

function renderPermissionSet(spec: PermissionSetSpec): string {
  const byName = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return renderDocument('PermissionSet', [
    ...[...spec.apexClasses].sort().map((c) => node('classAccesses', [leaf('apexClass', c), leaf('enabled', true)])),
    leaf('description', spec.description),
    ...[...spec.fields].sort(byName((f) => f.field)).map((f) =>
      node('fieldPermissions', [leaf('editable', f.editable), leaf('field', f.field), leaf('readable', true)]),
    ),
    leaf('hasActivationRequired', false),
    leaf('label', spec.label),
    ...[...spec.objects].sort(byName((o) => o.object)).map((o) =>
      node('objectPermissions', [
        leaf('allowCreate', o.access.allowCreate),
        leaf('allowDelete', o.access.allowDelete),
        leaf('allowEdit', o.access.allowEdit),
        leaf('allowRead', o.access.allowRead),
        leaf('modifyAllRecords', false),
        leaf('object', o.object),
        leaf('viewAllRecords', false),
      ]),
    ),
    ...[...spec.userPermissions].sort().map((p) => node('userPermissions', [leaf('enabled', true), leaf('name', p)])),
  ]);
}

/** Every generated file, keyed by path relative to `force-app/main/default/`. */
export function renderMetadata(): RenderedMetadata {
  const files: RenderedMetadata = new Map();
  for (const object of PRODUCT_OBJECTS) {
    const dir = `objects/${metadataObjectName(object)}`;
    if (!object.standard) {
      files.set(`${dir}/${object.apiName}.object-meta.xml`, renderCustomObject(object));
      files.set(`${dir}/listViews/All.listView-meta.xml`, renderListView(object));
      files.set(`${dir}/compactLayouts/${COMPACT_LAYOUT_NAME}.compactLayout-meta.xml`, renderCompactLayout(object));
    }
    for (const field of object.fields) {
      files.set(`${dir}/fields/${field.apiName}.field-meta.xml`, renderField(object, field));
    }
  }
  for (const spec of permissionSetSpecs()) {
    files.set(`permissionsets/${spec.name}.permissionset-meta.xml`, renderPermissionSet(spec));
  }
  // The controller's SOQL, generated from the connector's snapshot builder (same queries as REST).
  files.set(`classes/${GENERATED_APEX_CLASS}.cls`, renderSnapshotQueriesClass());
  files.set(`classes/${GENERATED_APEX_CLASS}.cls-meta.xml`, renderApexClassMeta());
  // The portfolio SOQL for the Lightning tabs (worklist, reports), generated like the snapshot's.
  files.set(`classes/${PORTFOLIO_APEX_CLASS}.cls`, renderPortfolioQueriesClass());
  files.set(`classes/${PORTFOLIO_APEX_CLASS}.cls-meta.xml`, renderApexClassMeta());
  // Collection strategies as Custom Metadata: the types and the shipped default's records.
  for (const [path, content] of renderStrategyMetadata()) {
    files.set(path, content);
  }
  return files;
}

/** Apex class written by the generator (the rest of `classes/` is hand-written). */
export const GENERATED_APEX_CLASS = 'CollectionsSnapshotQueries';

/** Folders the generator owns completely (stale files there are deleted on regeneration). */
export const GENERATED_ROOTS = ['objects', 'permissionsets', 'customMetadata'] as const;
