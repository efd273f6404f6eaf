/**
 * Validates the SFDX package in `salesforce/force-app`:
 * - every XML file parses and carries the elements its metadata type requires;
 * - object and field API names match `connector/salesforce/product-schema.ts` in both directions;
 * - permission sets reference only fields and classes that exist;
 * - the committed generated files equal a fresh render (nobody hand-edited or forgot to regenerate);
 * - the Apex classes parse (apex-parser), run only the connector's snapshot SOQL, and use binds + USER_MODE.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import { PRODUCT_OBJECTS } from '../../connector/salesforce/product-schema';
import type { ProductObject } from '../../connector/salesforce/product-schema';
import { apexSnapshotToComposite, mapApexSnapshot, planWrite, toConnectorError } from '../../salesforce/lwc-bundle/lds-adapter';
import type { SaveOperation, WritePlan } from '../../salesforce/lwc-bundle/lds-adapter';
import { apexSections, contextQueries } from '../../salesforce/scripts/apex-queries';
import { GENERATED_APEX_CLASS, GENERATED_ROOTS, isPermissionable, metadataObjectName, renderMetadata } from '../../salesforce/scripts/metadata';

const FORCE_APP = join(import.meta.dirname, '..', '..', 'salesforce', 'force-app');
const DEFAULT_DIR = join(FORCE_APP, 'main', 'default');
const NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const allFiles = walk(FORCE_APP);
const xmlFiles = allFiles.filter((f) => f.endsWith('.xml'));
const rel = (file: string) => relative(DEFAULT_DIR, file).split(sep).join('/');

/** Elements that may repeat are always arrays, so checks never depend on the count. */
const REPEATED = new Set([
  'value', 'fieldPermissions', 'objectPermissions', 'classAccesses', 'userPermissions', 'target', 'object', 'targetConfig',
  'columns', 'fields', 'referenceTo',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});

type Xml = Record<string, unknown>;
interface ParsedFile {
  file: string;
  root: string;
  doc: Xml;
}

function parseFile(file: string): ParsedFile {
  const text = readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new Error(`${rel(file)}: invalid XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parsed = parser.parse(text) as Xml;
  const roots = Object.keys(parsed).filter((k) => k !== '?xml');
  if (roots.length !== 1 || !roots[0]) {
    throw new Error(`${rel(file)}: expected one root element, got ${roots.join(', ')}`);
  }
  const root = roots[0];
  return { file, root, doc: (parsed[root] ?? {}) as Xml };
}

const parsedFiles = xmlFiles.map(parseFile);

/** Expected root element per source-format suffix; any other XML file is an error. */
const ROOT_BY_SUFFIX: [string, string][] = [
  ['.object-meta.xml', 'CustomObject'],
  ['.field-meta.xml', 'CustomField'],
  ['.listView-meta.xml', 'ListView'],
  ['.compactLayout-meta.xml', 'CompactLayout'],
  ['.permissionset-meta.xml', 'PermissionSet'],
  ['.js-meta.xml', 'LightningComponentBundle'],
  ['.resource-meta.xml', 'StaticResource'],
  ['.cls-meta.xml', 'ApexClass'],
];

function filesOfType(root: string): ParsedFile[] {
  return parsedFiles.filter((p) => p.root === root);
}

function str(doc: Xml, key: string): string | undefined {
  const value = doc[key];
  return typeof value === 'string' ? value : undefined;
}

function arr(doc: Xml, key: string): Xml[] {
  const value = doc[key];
  return Array.isArray(value) ? (value as Xml[]) : [];
}

function requireElements(p: ParsedFile, keys: readonly string[]): void {
  for (const key of keys) {
    expect(p.doc[key], `${rel(p.file)} needs <${key}>`).toBeDefined();
  }
}

const customObjects = PRODUCT_OBJECTS.filter((o) => !o.standard);

function productObjectForDir(dir: string): ProductObject {
  const found = PRODUCT_OBJECTS.find((o) => metadataObjectName(o) === dir);
  if (!found) {
    throw new Error(`objects/${dir} is not in product-schema.ts`);
  }
  return found;
}

describe('salesforce/force-app XML files', () => {
  it('finds the package files', () => {
    expect(xmlFiles.length).toBeGreaterThan(50);
  });

  it('every XML file is well-formed, in the metadata namespace, and of a known type for its suffix', () => {
    for (const p of parsedFiles) {
      expect(p.doc['@_xmlns'], rel(p.file)).toBe(NAMESPACE);
      const expected = ROOT_BY_SUFFIX.find(([suffix]) => p.file.endsWith(suffix));
      expect(expected, `${rel(p.file)} has an unknown metadata suffix`).toBeDefined();
      expect(p.root, rel(p.file)).toBe(expected?.[1]);
    }
  });

  it('CustomObject files have label, pluralLabel, AutoNumber nameField, sharingModel and deploymentStatus', () => {
    const objects = filesOfType('CustomObject');
    expect(objects).toHaveLength(customObjects.length);
    for (const p of objects) {
      requireElements(p, ['label', 'pluralLabel', 'nameField', 'sharingModel', 'deploymentStatus', 'enableReports', 'enableSearch', 'enableActivities']);
      const nameField = p.doc.nameField as Xml;
      expect(str(nameField, 'type'), rel(p.file)).toBe('AutoNumber');
      expect(str(nameField, 'displayFormat'), rel(p.file)).toMatch(/\{0+\}$/);
      expect(str(nameField, 'label')).toBeTruthy();
      expect(str(p.doc, 'deploymentStatus')).toBe('Deployed');
      const apiName = rel(p.file).split('/')[1] ?? '';
      const object = productObjectForDir(apiName);
      expect(str(p.doc, 'label')).toBe(object.label);
      expect(str(p.doc, 'pluralLabel')).toBe(object.pluralLabel);
      expect(str(nameField, 'displayFormat')).toBe(object.nameFormat);
      const isDetail = object.fields.some((f) => f.type === 'MasterDetail');
      // Master-detail children inherit sharing from the parent; everything else has its own model.
      expect(str(p.doc, 'sharingModel'), rel(p.file)).toMatch(isDetail ? /^ControlledByParent$/ : /^(ReadWrite|Read|Private)$/);
    }
  });

  it('CustomField files have fullName/label/type and exactly the elements their type needs', () => {
    const fields = filesOfType('CustomField');
    expect(fields.length).toBeGreaterThan(0);
    for (const p of fields) {
      const where = rel(p.file);
      requireElements(p, ['fullName', 'label', 'type', 'description']);
      expect(`${str(p.doc, 'fullName')}.field-meta.xml`, where).toBe(where.split('/').pop());
      const type = str(p.doc, 'type');
      const required = str(p.doc, 'required') === 'true';
      switch (type) {
        case 'Text':
          requireElements(p, ['length']);
          expect(Number(str(p.doc, 'length'))).toBeGreaterThanOrEqual(1);
          expect(Number(str(p.doc, 'length'))).toBeLessThanOrEqual(255);
          if (str(p.doc, 'unique') === 'true') {
            expect(str(p.doc, 'caseSensitive'), `${where}: unique text fields state caseSensitive`).toBeDefined();
          }
          break;
        case 'Number':
          requireElements(p, ['precision', 'scale']);
          expect(Number(str(p.doc, 'scale'))).toBeLessThanOrEqual(Number(str(p.doc, 'precision')));
          expect(Number(str(p.doc, 'precision'))).toBeLessThanOrEqual(18);
          break;
        case 'Checkbox':
          expect(str(p.doc, 'defaultValue'), where).toBe('false');
          expect(p.doc.required, `${where}: checkboxes cannot be required`).toBeUndefined();
          break;
        case 'Picklist':
        case 'MultiselectPicklist': {
          const definition = (p.doc.valueSet as Xml | undefined)?.valueSetDefinition as Xml | undefined;
          const values = definition ? arr(definition, 'value') : [];
          expect(values.length, `${where}: picklist values`).toBeGreaterThan(0);
          for (const v of values) {
            expect(str(v, 'fullName')).toBeTruthy();
            expect(str(v, 'label')).toBeTruthy();
          }
          if (type === 'MultiselectPicklist') {
            requireElements(p, ['visibleLines']);
          }
          break;
        }
        case 'Lookup':
          requireElements(p, ['referenceTo', 'relationshipName', 'relationshipLabel', 'deleteConstraint']);
          // Salesforce rejects "clear the value" (SetNull) on a required lookup.
          expect(str(p.doc, 'deleteConstraint'), where).toBe(required ? 'Restrict' : 'SetNull');
          break;
        case 'MasterDetail':
          requireElements(p, ['referenceTo', 'relationshipName', 'relationshipLabel', 'relationshipOrder']);
          expect(p.doc.required, `${where}: master-detail is implicitly required`).toBeUndefined();
          break;
        case 'LongTextArea':
          requireElements(p, ['length', 'visibleLines']);
          expect(Number(str(p.doc, 'length'))).toBeGreaterThan(255);
          break;
        case 'Date':
        case 'DateTime':
          break;
        default:
          throw new Error(`${where}: unexpected field type ${type}`);
      }
    }
  });

  it('object and field API names match product-schema.ts exactly, in both directions', () => {
    const expected = new Set(PRODUCT_OBJECTS.flatMap((o) => o.fields.map((f) => `${metadataObjectName(o)}.${f.apiName}`)));
    const actual = new Set(filesOfType('CustomField').map((p) => {
      const [, objectDir] = rel(p.file).split('/');
      return `${objectDir}.${str(p.doc, 'fullName')}`;
    }));
    expect([...expected].filter((x) => !actual.has(x)), 'fields missing from the package').toEqual([]);
    expect([...actual].filter((x) => !expected.has(x)), 'fields in the package but not in product-schema.ts').toEqual([]);

    const objectFiles = new Set(filesOfType('CustomObject').map((p) => rel(p.file).split('/')[1]));
    expect(objectFiles).toEqual(new Set(customObjects.map((o) => o.apiName)));
    const objectDirs = new Set(readdirSync(join(DEFAULT_DIR, 'objects')));
    expect(objectDirs).toEqual(new Set(PRODUCT_OBJECTS.map(metadataObjectName)));
  });

  it('field types, lengths, references and picklist values match product-schema.ts', () => {
    for (const object of PRODUCT_OBJECTS) {
      for (const field of object.fields) {
        const p = parsedFiles.find((x) => rel(x.file) === `objects/${metadataObjectName(object)}/fields/${field.apiName}.field-meta.xml`);
        expect(p, `${object.apiName}.${field.apiName}`).toBeDefined();
        if (!p) {
          continue;
        }
        expect(str(p.doc, 'type')).toBe(field.type);
        expect(str(p.doc, 'label')).toBe(field.label);
        if (field.length !== undefined) {
          expect(Number(str(p.doc, 'length'))).toBe(field.length);
        }
        if (field.precision !== undefined) {
          expect(Number(str(p.doc, 'precision'))).toBe(field.precision);
          expect(Number(str(p.doc, 'scale'))).toBe(field.scale);
        }
        if (field.referenceTo) {
          expect(arr(p.doc, 'referenceTo').map(String)).toEqual([field.referenceTo]);
          expect(str(p.doc, 'relationshipName')).toBe(field.relationshipName);
        }
        if (field.picklistValues) {
          const definition = (p.doc.valueSet as Xml).valueSetDefinition as Xml;
          expect(arr(definition, 'value').map((v) => str(v, 'fullName'))).toEqual([...field.picklistValues]);
        }
        if (field.externalId) {
          expect(str(p.doc, 'externalId')).toBe('true');
        }
        if (field.unique) {
          expect(str(p.doc, 'unique')).toBe('true');
        }
        if (field.required && field.type !== 'MasterDetail' && field.type !== 'Checkbox') {
          expect(str(p.doc, 'required'), `${object.apiName}.${field.apiName} required`).toBe('true');
        }
      }
    }
  });

  it('list views and compact layouts name only existing fields', () => {
    for (const p of [...filesOfType('ListView'), ...filesOfType('CompactLayout')]) {
      const object = productObjectForDir(rel(p.file).split('/')[1] ?? '');
      const known = new Set(['NAME', 'Name', ...object.fields.map((f) => f.apiName)]);
      const names = [...arr(p.doc, 'columns'), ...arr(p.doc, 'fields')].map(String);
      expect(names.length, rel(p.file)).toBeGreaterThan(1);
      expect(names.filter((n) => !known.has(n)), rel(p.file)).toEqual([]);
      requireElements(p, ['fullName', 'label']);
    }
  });
});

describe('permission sets', () => {
  const sets = filesOfType('PermissionSet');
  const byName = (name: string) => {
    const p = sets.find((s) => rel(s.file) === `permissionsets/${name}.permissionset-meta.xml`);
    if (!p) {
      throw new Error(`permission set ${name} missing`);
    }
    return p;
  };
  const fieldsOf = (p: ParsedFile) => new Map(arr(p.doc, 'fieldPermissions').map((f) => [String(f.field), f]));
  const objectsOf = (p: ParsedFile) => new Map(arr(p.doc, 'objectPermissions').map((o) => [String(o.object), o]));
  const allFieldRefs = new Set(PRODUCT_OBJECTS.flatMap((o) => o.fields.map((f) => `${metadataObjectName(o)}.${f.apiName}`)));
  const classNames = new Set(allFiles.filter((f) => f.endsWith('.cls')).map((f) => f.split(sep).pop()?.replace(/\.cls$/, '')));

  it('ships Collections_Collector and Collections_Sales_Rep with labels', () => {
    expect(sets.map((s) => rel(s.file)).sort()).toEqual([
      'permissionsets/Collections_Collector.permissionset-meta.xml',
      'permissionsets/Collections_Sales_Rep.permissionset-meta.xml',
    ]);
    for (const p of sets) {
      requireElements(p, ['label', 'description']);
    }
  });

  it('every field reference exists, and no required or master-detail field is listed (deploy would fail)', () => {
    const forbidden = new Set(PRODUCT_OBJECTS.flatMap((o) => o.fields.filter((f) => !isPermissionable(f)).map((f) => `${metadataObjectName(o)}.${f.apiName}`)));
    for (const p of sets) {
      for (const field of fieldsOf(p).keys()) {
        expect(allFieldRefs.has(field), `${rel(p.file)} references unknown field ${field}`).toBe(true);
        expect(forbidden.has(field), `${rel(p.file)} lists required field ${field}`).toBe(false);
      }
      for (const access of arr(p.doc, 'classAccesses')) {
        expect(classNames.has(String(access.apexClass)), `${rel(p.file)} grants missing class ${String(access.apexClass)}`).toBe(true);
      }
    }
  });

  it('Collections_Collector: CRUD on our objects, FLS on every permissionable field, read Account/Contact, create Case, Edit Tasks', () => {
    const p = byName('Collections_Collector');
    const objects = objectsOf(p);
    for (const o of customObjects) {
      const perm = objects.get(o.apiName);
      expect(perm, o.apiName).toBeDefined();
      for (const flag of ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete']) {
        expect(perm?.[flag], `${o.apiName} ${flag}`).toBe('true');
      }
    }
    expect(objects.get('Account')?.allowRead).toBe('true');
    expect(objects.get('Contact')?.allowRead).toBe('true');
    expect(objects.get('Case')?.allowCreate).toBe('true');
    expect(arr(p.doc, 'userPermissions').map((u) => String(u.name))).toContain('EditTask');
    const fields = fieldsOf(p);
    const expected = PRODUCT_OBJECTS.flatMap((o) => o.fields.filter(isPermissionable).map((f) => `${metadataObjectName(o)}.${f.apiName}`));
    expect([...fields.keys()].sort()).toEqual([...expected].sort());
    for (const [name, perm] of fields) {
      expect(perm.readable, name).toBe('true');
    }
    expect(fields.get('Activity.Collections_Channel__c')?.editable).toBe('true');
    expect(fields.get('Case.Dispute_Reason__c')?.editable).toBe('true');
  });

  it('Collections_Sales_Rep: reads our objects, edits only the dispute status and resolution on Case', () => {
    const p = byName('Collections_Sales_Rep');
    const objects = objectsOf(p);
    for (const o of customObjects) {
      const perm = objects.get(o.apiName);
      expect(perm?.allowRead, o.apiName).toBe('true');
      expect(perm?.allowCreate, o.apiName).toBe('false');
      expect(perm?.allowEdit, o.apiName).toBe('false');
      expect(perm?.allowDelete, o.apiName).toBe('false');
    }
    expect(objects.get('Case')?.allowEdit).toBe('true');
    const editable = [...fieldsOf(p)].filter(([, f]) => f.editable === 'true').map(([name]) => name).sort();
    expect(editable).toEqual(['Case.Dispute_Resolution__c', 'Case.Dispute_Status__c']);
  });
});

describe('generated files are up to date', () => {
  it('the committed objects, permission sets and generated Apex equal a fresh render from product-schema.ts', () => {
    const rendered = renderMetadata();
    const stale: string[] = [];
    for (const [path, content] of rendered) {
      let onDisk: string | null;
      try {
        onDisk = readFileSync(join(DEFAULT_DIR, path), 'utf8');
      } catch {
        onDisk = null;
      }
      if (onDisk !== content) {
        stale.push(path);
      }
    }
    const extra = allFiles
      .map(rel)
      .filter((path) => GENERATED_ROOTS.some((root) => path.startsWith(`${root}/`)) && !rendered.has(path));
    expect(stale, 'run `npx tsx salesforce/scripts/generate-metadata.ts`').toEqual([]);
    expect(extra, 'files the schema no longer produces').toEqual([]);
  });
});

describe('LWC, static resource and Apex metadata', () => {
  it('LightningComponentBundle files have apiVersion and isExposed; exposed ones declare targets', () => {
    const bundles = filesOfType('LightningComponentBundle');
    expect(bundles.length).toBeGreaterThanOrEqual(3);
    for (const p of bundles) {
      requireElements(p, ['apiVersion', 'isExposed']);
      expect(str(p.doc, 'apiVersion')).toBe('66.0');
      if (str(p.doc, 'isExposed') === 'true') {
        expect(arr(p.doc.targets as Xml, 'target').length, rel(p.file)).toBeGreaterThan(0);
      }
    }
  });

  it('collectionsPanel targets record pages of Account, Contact, Opportunity and Case', () => {
    const p = filesOfType('LightningComponentBundle').find((x) => rel(x.file) === 'lwc/collectionsPanel/collectionsPanel.js-meta.xml');
    expect(p).toBeDefined();
    const doc = p?.doc ?? {};
    expect(str(doc, 'isExposed')).toBe('true');
    expect(arr(doc.targets as Xml, 'target').map(String)).toEqual(['lightning__RecordPage']);
    const config = arr(doc.targetConfigs as Xml, 'targetConfig')[0] ?? {};
    expect(config['@_targets']).toBe('lightning__RecordPage');
    expect(arr(config.objects as Xml, 'object').map(String)).toEqual(['Account', 'Contact', 'Opportunity', 'Case']);
    // recordId comes from the page, never from a design property.
    expect(JSON.stringify(config)).not.toContain('recordId');
  });

  it('the collectionsPanel StaticResource declares its contentType', () => {
    const resources = filesOfType('StaticResource');
    expect(resources.map((p) => rel(p.file))).toEqual(['staticresources/collectionsPanel.resource-meta.xml']);
    for (const p of resources) {
      requireElements(p, ['contentType', 'cacheControl']);
      expect(str(p.doc, 'contentType')).toBe('application/javascript');
    }
    // The .js is a build output (git-ignored); test/meta/static-resource.test.ts checks a fresh build.
  });

  it('every Apex class has meta with apiVersion and Active status', () => {
    const classes = allFiles.filter((f) => f.endsWith('.cls'));
    expect(classes.map((f) => f.split(sep).pop()).sort()).toEqual(['CollectionsController.cls', 'CollectionsControllerTest.cls', `${GENERATED_APEX_CLASS}.cls`]);
    for (const cls of classes) {
      const meta = parsedFiles.find((p) => p.file === `${cls}-meta.xml`);
      expect(meta, `${cls}-meta.xml`).toBeDefined();
      expect(str(meta?.doc ?? {}, 'apiVersion')).toBe('66.0');
      expect(str(meta?.doc ?? {}, 'status')).toBe('Active');
    }
  });
});

class CollectingListener extends ApexErrorListener {
  readonly errors: string[] = [];
  apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push(`${line}:${column} ${msg}`);
  }
}

/** Syntax errors of an Apex class (lexer and parser), via apex-parser 5.2. */
function apexSyntaxErrors(source: string): string[] {
  const listener = new CollectingListener();
  const { parser: apexParser } = ApexParserFactory.createLexerAndParser(source, listener);
  apexParser.compilationUnit();
  return listener.errors;
}

describe('Apex', () => {
  const classFiles = allFiles.filter((f) => f.endsWith('.cls'));
  const source = (name: string) => readFileSync(join(DEFAULT_DIR, 'classes', `${name}.cls`), 'utf8');

  it('the syntax check catches broken Apex (so a clean result means something)', () => {
    expect(apexSyntaxErrors('public class Broken { void f() { Integer x = ; } }').length).toBeGreaterThan(0);
    expect(apexSyntaxErrors("public class Broken { String s = 'unterminated; }").length).toBeGreaterThan(0);
  });

  it('every class parses with zero syntax errors', () => {
    expect(classFiles.length).toBeGreaterThan(0);
    for (const file of classFiles) {
      expect(apexSyntaxErrors(readFileSync(file, 'utf8')), rel(file)).toEqual([]);
    }
  });

  it('classes declare sharing; queries run in user mode with binds, never concatenated', () => {
    for (const file of classFiles) {
      const text = readFileSync(file, 'utf8');
      expect(text, rel(file)).toMatch(/(\bwith sharing\b|@IsTest\b)/);
    }
    const controller = source('CollectionsController');
    expect(controller).not.toMatch(/Database\.query\s*\(/);
    expect(controller).not.toMatch(/without sharing/);
    const inlineQueries = controller.match(/\[\s*SELECT[^\]]+\]/g) ?? [];
    expect(inlineQueries.length).toBeGreaterThan(0);
    for (const q of inlineQueries) {
      expect(q, 'inline SOQL runs WITH USER_MODE').toContain('WITH USER_MODE');
    }
    for (const dml of controller.match(/Database\.(insert|update|upsert|queryWithBinds)\([^;]+;/g) ?? []) {
      expect(dml).toContain('AccessLevel.USER_MODE');
    }
    expect(controller).toMatch(/@AuraEnabled\(cacheable=true\)\s+public static String getSnapshot\(Id recordId\)/);
  });

  it('the generated queries are the connector snapshot SOQL, valid, with only bind variables for values', () => {
    const generated = source(GENERATED_APEX_CLASS);
    const sections = apexSections();
    expect(sections.map((s) => s.referenceId)).toEqual(['account', 'invoices', 'payments', 'notes']);
    for (const { referenceId, soql } of [...sections, ...Object.entries(contextQueries()).map(([k, v]) => ({ referenceId: k, soql: v }))]) {
      // Apex string literal of the same text.
      expect(generated, referenceId).toContain(`'${soql.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
      // The SOQL parses, and carries no id or date literal: values are binds.
      expect(() => parseQuery(soql, { allowApexBindVariables: true }), referenceId).not.toThrow();
      expect(soql, referenceId).not.toMatch(/'[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?'/);
      expect(soql, referenceId).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(sections.find((s) => s.referenceId === 'account')?.soql).toMatch(/WHERE Id = :accountId$/);
    expect(sections.find((s) => s.referenceId === 'account')?.soql).toContain('CreatedDate >= :activitySince');
    expect(sections.find((s) => s.referenceId === 'invoices')?.soql).toContain(':historySince');
  });
});

// ---------------------------------------------------------------------------------------------
// The static resource's CollectionsLds functions: the connector's mapping and builders behind the
// LWC's Apex/LDS port, checked against the same real-shaped Apex fixture the LWC jest tests use.

const LWC_DATA = join(DEFAULT_DIR, 'lwc', 'collectionsPanel', '__tests__', 'data');
const APEX_SNAPSHOT = readFileSync(join(LWC_DATA, 'getSnapshot.json'), 'utf8');
const ACCOUNT_ID = '001Hn00001xYzAbIAK';
const CONTACT_ID = '003Hn00001qRsTuIAK';
const INVOICE_ID = 'a00Hn00000Inv01IAB';
const CONTEXT = { timeZone: 'Europe/Berlin', now: new Date('2026-11-22T23:30:00Z') };
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

function apexOperations(plan: WritePlan): SaveOperation[] {
  expect(plan.via).toBe('apex');
  if (plan.via !== 'apex') {
    return [];
  }
  // What Apex receives is exactly the planned operations.
  expect(JSON.parse(plan.requestJson)).toEqual({ operations: plan.operations });
  return plan.operations;
}

/** Names in an Apex `Set<String>{ ... }` constant of CollectionsController. */
function apexSetConstant(name: string): Set<string> {
  const source = readFileSync(join(DEFAULT_DIR, 'classes', 'CollectionsController.cls'), 'utf8');
  const match = new RegExp(`${name} = new Set<String>\\{([^}]*)\\}`).exec(source);
  return new Set((match?.[1] ?? '').split(',').map((x) => x.trim().replace(/^'|'$/g, '')).filter(Boolean));
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('LWC bundle adapter (window.CollectionsLds)', () => {
  it('maps the Apex snapshot fixture with the connector mapSnapshot; bad records and failed sections are noted, not fatal', () => {
    const snapshot = mapApexSnapshot(APEX_SNAPSHOT, { id: ACCOUNT_ID });
    expect(snapshot.account).toMatchObject({ id: ACCOUNT_ID, name: 'Globex Industrial GmbH', currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(snapshot.invoices.map((i) => [i.id, i.balance])).toEqual([
      [INVOICE_ID, eur(119000)],
      ['a00Hn00000Inv02IAB', eur(60000)],
    ]);
    expect(snapshot.contacts.map((c) => c.id)).toEqual([CONTACT_ID]);
    expect(snapshot.plans[0]?.instalments.map((i) => i.amount)).toEqual([eur(60000), eur(60000)]);
    expect(snapshot.promises).toHaveLength(1);
    expect(snapshot.disputes).toHaveLength(1);
    expect(snapshot.payments).toHaveLength(1);
    expect(snapshot.activities).toHaveLength(1);
    // Invoice 3 has no due date (Apex omits null fields): quarantined; the notes section failed: noted.
    expect(snapshot.dataQuality.map((n) => [n.recordKind, n.recordId, n.field])).toEqual([
      ['invoice', 'a00Hn00000Inv03IAB', 'dueDate'],
      ['note', null, null],
    ]);
  });

  it('turns Apex sections into composite subresponses (errors as HTTP 400 bodies)', () => {
    const composite = apexSnapshotToComposite(APEX_SNAPSHOT, { id: ACCOUNT_ID });
    expect(composite.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['ctx', 200], ['account', 200], ['invoices', 200], ['payments', 200], ['notes', 400],
    ]);
    expect(() => apexSnapshotToComposite('<html>', { id: ACCOUNT_ID })).toThrow(ConnectorError);
  });

  it('a Contact without an account is "not found", never mistaken for the account itself', () => {
    const json = JSON.stringify({ ctx: { totalSize: 1, done: true, records: [{ attributes: { type: 'Contact' }, Id: CONTACT_ID }] } });
    const error = caught(() => mapApexSnapshot(json, { id: CONTACT_ID }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('not_found');
  });

  it('a failed account section throws the mapped ConnectorError', () => {
    const json = JSON.stringify({
      ctx: { totalSize: 1, done: true, records: [{ Id: ACCOUNT_ID }] },
      account: { error: true, errorCode: 'INSUFFICIENT_ACCESS', message: 'Insufficient permissions: secure query included inaccessible field' },
    });
    expect((caught(() => mapApexSnapshot(json, { id: ACCOUNT_ID })) as ConnectorError).kind).toBe('insufficient_access');
  });

  it('recordPromise → one Apex upsert on Idempotency_Key__c with the connector fields (taken on = user\'s day)', () => {
    const ops = apexOperations(planWrite('recordPromise', {
      idempotencyKey: 'ptp-7f3a9c2e', accountId: ACCOUNT_ID, contactId: CONTACT_ID, amount: eur(50000),
      dueDate: '2026-11-28', invoiceIds: [INVOICE_ID], note: 'Will pay after month end',
    }, CONTEXT));
    expect(ops).toEqual([{
      kind: 'upsert', ref: 'main',
      record: {
        attributes: { type: 'Promise_To_Pay__c' }, Account__c: ACCOUNT_ID, Contact__c: CONTACT_ID, Amount__c: expect.anything(),
        Currency_Code__c: 'EUR', Due_Date__c: '2026-11-28', Taken_On__c: '2026-11-23', Status__c: 'Pending',
        Invoice_Ids__c: INVOICE_ID, Note__c: 'Will pay after month end', Idempotency_Key__c: 'ptp-7f3a9c2e',
      },
    }]);
    expect(Number(ops[0]?.record.Amount__c)).toBe(500);
  });

  it('savePaymentPlan → plan + instalments in one save, children linked by parentRefs; status change → LDS update', () => {
    const base = {
      idempotencyKey: 'plan-000001', accountId: ACCOUNT_ID, status: 'active' as const, frequency: 'monthly' as const,
      total: eur(120000), downPayment: null, invoiceIds: [INVOICE_ID],
      instalments: [
        { sequence: 1, dueDate: '2026-12-01', amount: eur(60000), paidAmount: eur(0), status: 'scheduled' as const },
        { sequence: 2, dueDate: '2027-01-01', amount: eur(60000), paidAmount: eur(0), status: 'scheduled' as const },
      ],
    };
    const ops = apexOperations(planWrite('savePaymentPlan', { ...base, planId: null }, CONTEXT));
    expect(ops.map((o) => [o.kind, o.ref, o.record.attributes, o.record.Idempotency_Key__c])).toEqual([
      ['upsert', 'plan', { type: 'Payment_Plan__c' }, 'plan-000001'],
      ['upsert', 'instalment_1', { type: 'Plan_Instalment__c' }, 'plan-000001-1'],
      ['upsert', 'instalment_2', { type: 'Plan_Instalment__c' }, 'plan-000001-2'],
    ]);
    for (const child of ops.slice(1)) {
      expect(child.kind === 'upsert' && child.parentRefs).toEqual({ Payment_Plan__c: 'plan' });
      expect(child.record.Payment_Plan__c, 'no composite reference reaches Apex').toBeUndefined();
    }
    const update = planWrite('savePaymentPlan', { ...base, planId: 'a03Hn00000Pln01IAB', status: 'cancelled' }, CONTEXT);
    expect(update).toEqual({ via: 'lds-update', recordInput: { fields: { Id: 'a03Hn00000Pln01IAB', Status__c: 'Cancelled' } } });
  });

  it('raiseDispute → Case routed to the account owner inside Apex, plus lines linked to the case', () => {
    const ops = apexOperations(planWrite('raiseDispute', {
      idempotencyKey: 'dsp-9a8b7c6d', accountId: ACCOUNT_ID, contactId: CONTACT_ID, reason: 'pricing',
      lines: [{ invoiceId: INVOICE_ID, amount: eur(19000) }], evidence: 'Unit price should be 95.00', slaDueDate: '2026-12-06',
    }, CONTEXT));
    const [dispute, line] = ops;
    expect(dispute).toMatchObject({ kind: 'upsert', ref: 'case', assignAccountOwner: true, record: { attributes: { type: 'Case' }, Type: 'Dispute', Idempotency_Key__c: 'dsp-9a8b7c6d' } });
    expect(dispute?.record.OwnerId).toBeUndefined();
    expect(line).toMatchObject({ kind: 'upsert', parentRefs: { Case__c: 'case' }, record: { attributes: { type: 'Dispute_Line__c' }, Invoice_Ref__c: INVOICE_ID, Idempotency_Key__c: 'dsp-9a8b7c6d-1' } });
  });

  it('logCall → Task create-once; addNote → ContentNote with the key marker in its title', () => {
    const call = apexOperations(planWrite('logCall', {
      idempotencyKey: 'call-3c9d0a11', accountId: ACCOUNT_ID, contactId: CONTACT_ID, direction: 'outbound', disposition: 'promise_to_pay',
      conversation: true, durationSeconds: 240, occurredAt: '2026-11-22T23:15:00Z', notes: 'Promised 500 EUR', followUpDate: null,
      invoiceIds: [], complianceOverride: null,
    }, CONTEXT));
    expect(call).toMatchObject([{ kind: 'createOnce', record: { attributes: { type: 'Task' }, TaskSubtype: 'Call', WhatId: ACCOUNT_ID, ActivityDate: '2026-11-23', Idempotency_Key__c: 'call-3c9d0a11' } }]);
    const note = apexOperations(planWrite('addNote', { idempotencyKey: 'note-5b7e2f90', accountId: ACCOUNT_ID, title: 'Call summary', body: '<b>not markup</b>' }, CONTEXT));
    expect(note).toMatchObject([{ kind: 'note', linkedEntityId: ACCOUNT_ID, record: { attributes: { type: 'ContentNote' }, Title: 'Call summary [#note-5b7e2f90]' } }]);
    const html = Buffer.from(String(note[0]?.record.Content), 'base64').toString('utf8');
    expect(html).toBe('<p>&lt;b&gt;not markup&lt;/b&gt;</p>');
  });

  it('every object the adapter writes is on the Apex allowlist for that kind', () => {
    const upsertable = apexSetConstant('UPSERTABLE');
    expect(upsertable.size).toBeGreaterThan(0);
    const plans = [
      planWrite('recordPromise', { idempotencyKey: 'ptp-00000001', accountId: ACCOUNT_ID, contactId: null, amount: eur(100), dueDate: '2026-12-01', invoiceIds: [], note: null }, CONTEXT),
      planWrite('recordSettlementOffer', {
        idempotencyKey: 'setl-0000001', accountId: ACCOUNT_ID, balance: eur(100000), offerAmount: eur(70000), expiresOn: '2026-12-15',
        invoiceIds: [], remainderTreatment: 'extinguished', status: 'offered', note: null,
      }, CONTEXT),
      planWrite('raiseDispute', { idempotencyKey: 'dsp-00000001', accountId: ACCOUNT_ID, contactId: null, reason: 'tax', lines: [{ invoiceId: INVOICE_ID, amount: eur(100) }], evidence: '', slaDueDate: '2026-12-06' }, CONTEXT),
    ];
    for (const op of plans.flatMap(apexOperations)) {
      expect(upsertable.has(String((op.record.attributes as { type: string }).type)), JSON.stringify(op.record.attributes)).toBe(true);
    }
  });

  it('rejects invalid input before anything is sent, naming the field', () => {
    const error = caught(() => planWrite('recordPromise', { idempotencyKey: 'short', accountId: ACCOUNT_ID, contactId: null, amount: eur(100), dueDate: '2026-12-01', invoiceIds: [], note: null }, CONTEXT));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('invalid_input');
    expect((error as ConnectorError).fields).toContain('idempotencyKey');
    const badId = caught(() => planWrite('updateDispute', { idempotencyKey: 'dsp-upd-0001', accountId: ACCOUNT_ID, disputeId: '500Hn00001abcDEIAA', status: 'in_review', resolution: null }, CONTEXT));
    expect((badId as ConnectorError).kind).toBe('invalid_input');
    expect((caught(() => planWrite('deleteEverything', {}, CONTEXT)) as ConnectorError).kind).toBe('invalid_input');
  });

  it('maps Apex and LDS errors to ConnectorError kinds with the connector error mapping', () => {
    const apexError = JSON.parse(readFileSync(join(LWC_DATA, 'apexError.json'), 'utf8'));
    const ldsError = JSON.parse(readFileSync(join(LWC_DATA, 'ldsUpdateError.json'), 'utf8'));
    expect(toConnectorError({ status: 500, body: { message: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record' } }).kind).toBe('row_lock');
    expect(toConnectorError({ status: 500, body: { message: 'INSUFFICIENT_ACCESS: Insufficient permissions' } }).kind).toBe('insufficient_access');
    const validation = toConnectorError(ldsError);
    expect(validation.kind).toBe('validation');
    expect(validation.fields).toEqual(['Dispute_Status__c']);
    expect(toConnectorError(apexError)).toBeInstanceOf(ConnectorError);
    expect(toConnectorError(new TypeError('Failed to fetch')).kind).toBe('network');
    const already = new ConnectorError({ kind: 'timeout' });
    expect(toConnectorError(already)).toBe(already);
  });
});
