/**
 * Validates the SFDX package in `salesforce/force-app`:
 * - every XML file parses and carries the elements its metadata type requires;
 * - object and field API names match `connector/salesforce/product-schema.ts` in both directions;
 * - permission sets reference only fields and classes that exist;
 * - the committed generated files equal a fresh render (nobody hand-edited or forgot to regenerate);
 * - the Apex classes parse (apex-parser), run only the connector's snapshot SOQL, and use binds + USER_MODE.
 * The bundle's Apex/LDS adapter is tested beside it (salesforce/lwc-bundle/lds-adapter.test.ts), the built
 * static resource in test/meta/static-resource.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PRODUCT_OBJECTS } from '../../connector/salesforce/product-schema';
import type { ProductObject } from '../../connector/salesforce/product-schema';
import { apexSections, contextQueries } from '../../salesforce/scripts/apex-queries';
import { CURRENCY_TYPES_SOQL } from '../../connector/salesforce/portfolio/rates';
import { DEFAULT_STRATEGY } from '../../connector/domain/strategy/defaults';
import { STRATEGY_ACTIONS } from '../../connector/domain/strategy/vocabulary';
import type { SalesforceRecord } from '../../connector/salesforce/client';
import { STRATEGY_METADATA_TYPES } from '../../connector/salesforce/strategy-metadata';
import { strategyFromRecords } from '../../connector/salesforce/strategy-read';
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
  ['.md-meta.xml', 'CustomMetadata'],
  ['.tab-meta.xml', 'CustomTab'],
];

function filesOfType(root: string): ParsedFile[] {
  return parsedFiles.filter((p) => p.root === root);
}

/** Custom Metadata types (`objects/*__mdt`) follow strategy-metadata.ts, not product-schema.ts. */
const isMdt = (p: ParsedFile): boolean => rel(p.file).startsWith('objects/') && (rel(p.file).split('/')[1] ?? '').endsWith('__mdt');
/** Objects and fields of product-schema.ts. */
function productFilesOfType(root: string): ParsedFile[] {
  return filesOfType(root).filter((p) => !isMdt(p));
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
    const objects = productFilesOfType('CustomObject');
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
    const fields = productFilesOfType('CustomField');
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
    const actual = new Set(productFilesOfType('CustomField').map((p) => {
      const [, objectDir] = rel(p.file).split('/');
      return `${objectDir}.${str(p.doc, 'fullName')}`;
    }));
    expect([...expected].filter((x) => !actual.has(x)), 'fields missing from the package').toEqual([]);
    expect([...actual].filter((x) => !expected.has(x)), 'fields in the package but not in product-schema.ts').toEqual([]);

    const objectFiles = new Set(productFilesOfType('CustomObject').map((p) => rel(p.file).split('/')[1]));
    expect(objectFiles).toEqual(new Set(customObjects.map((o) => o.apiName)));
    const objectDirs = new Set(readdirSync(join(DEFAULT_DIR, 'objects')).filter((dir) => !dir.endsWith('__mdt')));
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
    // Resolving a dispute, and the owner's answer (issue 19): nothing else on the Case.
    expect(editable).toEqual([
      'Case.Credit_Note_Amount__c', 'Case.Dispute_Resolution__c', 'Case.Dispute_Status__c',
      'Case.Owner_Answer_Key__c', 'Case.Owner_Answer_Note__c', 'Case.Owner_Answer__c', 'Case.Owner_Answered_At__c',
    ]);
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

  it('the collectionsPanel (and its forms), collectionsWorklist, collectionsReports and collectionsDisputes StaticResources declare their contentType', () => {
    const resources = filesOfType('StaticResource');
    expect(resources.map((p) => rel(p.file)).sort()).toEqual([
      'staticresources/collectionsDisputes.resource-meta.xml', 'staticresources/collectionsPanel.resource-meta.xml', 'staticresources/collectionsPanelForms.resource-meta.xml', 'staticresources/collectionsReports.resource-meta.xml', 'staticresources/collectionsWorklist.resource-meta.xml',
    ]);
    for (const p of resources) {
      requireElements(p, ['contentType', 'cacheControl']);
      expect(str(p.doc, 'contentType')).toBe('application/javascript');
    }
    // The .js is a build output (git-ignored); test/meta/static-resource.test.ts checks a fresh build.
  });

  it('the Collections_Worklist, Collections_Reports and Collections_Disputes tabs host their LWC, which targets lightning__Tab', () => {
    const tabs = filesOfType('CustomTab');
    expect(tabs.map((p) => rel(p.file)).sort()).toEqual(['tabs/Collections_Disputes.tab-meta.xml', 'tabs/Collections_Reports.tab-meta.xml', 'tabs/Collections_Worklist.tab-meta.xml']);
    for (const p of tabs) {
      requireElements(p, ['label', 'lwcComponent', 'motif']);
      const component = str(p.doc, 'lwcComponent') ?? '';
      const bundle = filesOfType('LightningComponentBundle').find((x) => rel(x.file) === `lwc/${component}/${component}.js-meta.xml`);
      expect(bundle, `${rel(p.file)} names lwc/${component}`).toBeDefined();
      expect(str(bundle?.doc ?? {}, 'isExposed')).toBe('true');
      expect(arr((bundle?.doc ?? {}).targets as Xml, 'target').map(String)).toEqual(['lightning__Tab']);
      // The LWC reads through Apex, never the REST API.
      const js = readFileSync(join(DEFAULT_DIR, 'lwc', component, `${component}.js`), 'utf8');
      // The disputes tab reads the owner's side of disputes (issue 19); the others the portfolio pass.
      expect(js).toContain(component === 'collectionsDisputes' ? '@salesforce/apex/CollectionsDisputesController.getOwnerDisputes' : '@salesforce/apex/CollectionsPortfolioController.getPortfolioRows');
      expect(js).not.toMatch(/fetch\(|\/services\/data/);
    }
  });

  it('every Apex class has meta with apiVersion and Active status', () => {
    const classes = allFiles.filter((f) => f.endsWith('.cls'));
    expect(classes.map((f) => f.split(sep).pop()).sort()).toEqual([
      'CollectionsController.cls', 'CollectionsControllerTest.cls', 'CollectionsDisputesController.cls', 'CollectionsDisputesControllerTest.cls', 'CollectionsPortfolioController.cls', 'CollectionsPortfolioControllerTest.cls', 'CollectionsPortfolioQueries.cls', `${GENERATED_APEX_CLASS}.cls`,
    ]);
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
    // The parser takes seconds per large class on a shared machine.
  }, 60_000);

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

  it('multi-currency checks ask UserInfo, never the global describe (slow in large orgs, costs Apex CPU per call)', () => {
    for (const file of classFiles) {
      const text = readFileSync(file, 'utf8');
      expect(text, rel(file)).not.toContain('getGlobalDescribe');
    }
    // CurrencyType exists only in multi-currency orgs: the panel's rates section and the tabs' currencies are guarded.
    expect(source('CollectionsController')).toMatch(/RATES_SECTION && !UserInfo\.isMultiCurrencyOrganization\(\)/);
    expect(source('CollectionsPortfolioController')).toMatch(/if \(UserInfo\.isMultiCurrencyOrganization\(\)\) \{\s+answer\.put\('types'/);
  });

  it('the tabs\' portfolio controller runs only generated queries, by name, in user mode with binds', () => {
    const controller = source('CollectionsPortfolioController');
    expect(controller).not.toMatch(/Database\.query\s*\(/);
    expect(controller).toContain('CollectionsPortfolioQueries.QUERIES.get(queryName)');
    for (const call of controller.match(/Database\.queryWithBinds\([^;]+;/g) ?? []) {
      expect(call).toContain('AccessLevel.USER_MODE');
    }
    const generated = source('CollectionsPortfolioQueries');
    const queries = [...generated.matchAll(/'[a-z_]+' => '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'"));
    expect(queries.length).toBe(24);
    for (const soql of queries) {
      expect(() => parseQuery(soql, { allowApexBindVariables: true }), soql).not.toThrow();
      expect(soql).not.toMatch(/\d{4}-\d{2}-\d{2}|'005/);
    }
  }, 60_000);

  it('the generated queries are the connector snapshot SOQL, valid, with only bind variables for values', () => {
    const generated = source(GENERATED_APEX_CLASS);
    const sections = apexSections();
    expect(sections.map((s) => s.referenceId)).toEqual(['account', 'invoices', 'payments', 'notes', 'rates']);
    // The org's currencies for the next action (decision 0028): the worklist's query, no binds.
    expect(sections.find((s) => s.referenceId === 'rates')?.soql).toBe(CURRENCY_TYPES_SOQL);
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
    // Each contact's own Tasks only inside the longest compliance window (issue 18).
    expect(sections.find((s) => s.referenceId === 'account')?.soql).toContain('FROM Tasks WHERE CreatedDate >= :complianceSince');
    expect(sections.find((s) => s.referenceId === 'invoices')?.soql).toContain(':historySince');
  });
});

describe('collection strategies as Custom Metadata', () => {
  const records = filesOfType('CustomMetadata');
  const mdtObjects = filesOfType('CustomObject').filter(isMdt);
  const valuesOf = (p: ParsedFile): Map<string, string | null> => new Map(arr(p.doc, 'values').map((v) => {
    const value = (v.value as Xml[] | undefined)?.[0] ?? {};
    return [String(v.field), value['@_xsi:nil'] === 'true' ? null : String(value['#text'] ?? '')];
  }));

  it('ships exactly the four strategy types, each Public, with a description and labels', () => {
    expect(mdtObjects.map((p) => rel(p.file).split('/')[1]).sort()).toEqual(STRATEGY_METADATA_TYPES.map((t) => t.apiName).sort());
    for (const p of mdtObjects) {
      requireElements(p, ['label', 'pluralLabel', 'description', 'visibility']);
      expect(p.doc.nameField, `${rel(p.file)}: Custom Metadata has no name field`).toBeUndefined();
    }
  });

  it('fields are of types Custom Metadata allows, and relationships point at an existing type', () => {
    const types = new Set(STRATEGY_METADATA_TYPES.map((t) => t.apiName));
    for (const p of filesOfType('CustomField').filter(isMdt)) {
      requireElements(p, ['fullName', 'label', 'type', 'description', 'fieldManageability']);
      const type = str(p.doc, 'type');
      expect(['Text', 'LongTextArea', 'Number', 'Picklist', 'MetadataRelationship'], rel(p.file)).toContain(type);
      if (type === 'MetadataRelationship') {
        expect(types.has(arr(p.doc, 'referenceTo').map(String)[0] ?? ''), rel(p.file)).toBe(true);
      }
      if (type === 'Picklist') {
        const definition = (p.doc.valueSet as Xml).valueSetDefinition as Xml;
        expect(arr(definition, 'value').map((v) => str(v, 'fullName'))).toEqual([...STRATEGY_ACTIONS]);
      }
    }
  });

  it('records: names within the 40-character limit, labels within 40, every value names a field of its type', () => {
    expect(records.length).toBeGreaterThan(40);
    for (const p of records) {
      const [typeName = '', developerName = ''] = (rel(p.file).split('/')[1] ?? '').replace(/\.md-meta\.xml$/, '').split('.');
      expect(developerName, rel(p.file)).toMatch(/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/);
      expect(developerName.length).toBeLessThanOrEqual(40);
      expect((str(p.doc, 'label') ?? '').length, rel(p.file)).toBeLessThanOrEqual(40);
      const type = STRATEGY_METADATA_TYPES.find((t) => t.apiName === `${typeName}__mdt`);
      expect(type, rel(p.file)).toBeDefined();
      const known = new Set(type?.fields.map((f) => f.apiName));
      for (const field of valuesOf(p).keys()) {
        expect(known.has(field), `${rel(p.file)}: ${field}`).toBe(true);
      }
      for (const field of type?.fields.filter((f) => f.required) ?? []) {
        expect(valuesOf(p).get(field.apiName), `${rel(p.file)} needs ${field.apiName}`).toBeTruthy();
      }
    }
  });

  it('the shipped records read back as the domain DEFAULT_STRATEGY and pass its strategy guards', () => {
    const byType = (kind: string) => records
      .filter((p) => rel(p.file).startsWith(`customMetadata/${kind}.`))
      .map((p) => {
        const developerName = (rel(p.file).split('.')[1] ?? '');
        const values = Object.fromEntries([...valuesOf(p)].map(([k, v]) => [k, v !== null && /^-?\d+(\.\d+)?$/.test(v) && !k.endsWith('Key__c') ? Number(v) : v]));
        return { attributes: { type: kind, url: '' }, DeveloperName: developerName, ...values } as SalesforceRecord;
      });
    const order = (a: SalesforceRecord, b: SalesforceRecord) => Number(a.Order__c) - Number(b.Order__c);
    const steps = byType('Collection_Strategy_Step')
      .map((s) => ({ ...s, Segment__r: { DeveloperName: s.Segment__c } }) as SalesforceRecord)
      .sort((a, b) => Number(a.Offset_Days__c) - Number(b.Offset_Days__c) || String(a.DeveloperName).localeCompare(String(b.DeveloperName)));
    const [head] = byType('Collection_Strategy');
    expect(head).toBeDefined();
    const strategy = strategyFromRecords(head!, byType('Collection_Contact_Level').sort(order), byType('Collection_Strategy_Segment').sort(order), steps);
    expect(strategy).toEqual(DEFAULT_STRATEGY);
  });
});
