/**
 * An in-memory Salesforce org for contract tests: record store, schema (standard fields we use +
 * product-schema.ts), and the REST semantics the connector relies on: query, composite with
 * `@{ref.path}` references and allOrNone rollback, sObject create / PATCH update / PATCH upsert by
 * external id (201 created vs 200 updated), describe, describeGlobal, limits, error arrays.
 * Transport-free: `msw-backend.ts` wires it to msw; anything else (a real HTTP server) can too.
 */
import { PRODUCT_OBJECTS } from '../../connector/salesforce/product-schema';
import { to18 } from '../../connector/salesforce/ids';
import { executeSoql, SoqlError } from './soql-engine';
import type { OrgModel, StoredRecord } from './soql-engine';

export interface RestAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface ObjectDef {
  name: string;
  keyPrefix: string;
  fields: Map<string, { type: string; required: boolean; length?: number; externalId: boolean; referenceTo?: string; createable: boolean; updateable: boolean }>;
  /** relationship → lookup field (parent side). */
  parents: Map<string, string>;
  /** relationship → child object + field. */
  children: Map<string, { object: string; field: string }>;
  createable: boolean;
}

const STANDARD: Record<string, { prefix: string; fields: Record<string, string>; createable?: boolean }> = {
  User: { prefix: '005', fields: { Name: 'string', Email: 'email', IsActive: 'boolean' } },
  Account: { prefix: '001', fields: { Name: 'string', AccountNumber: 'string', OwnerId: 'reference:User', BillingCountry: 'string', BillingState: 'string', Phone: 'phone' } },
  Contact: { prefix: '003', fields: { Name: 'string', FirstName: 'string', LastName: 'string', AccountId: 'reference:Account', Title: 'string', Email: 'email', Phone: 'phone', MobilePhone: 'phone', HasOptedOutOfEmail: 'boolean', DoNotCall: 'boolean', OwnerId: 'reference:User' } },
  Opportunity: { prefix: '006', fields: { Name: 'string', AccountId: 'reference:Account', StageName: 'string', OwnerId: 'reference:User' } },
  Case: { prefix: '500', fields: { CaseNumber: 'string', AccountId: 'reference:Account', ContactId: 'reference:Contact', OwnerId: 'reference:User', Subject: 'string', Description: 'textarea', Status: 'picklist', Type: 'picklist', Origin: 'picklist', Priority: 'picklist', RecordTypeId: 'reference:RecordType', IsClosed: 'boolean' } },
  Task: { prefix: '00T', fields: { Subject: 'string', Description: 'textarea', ActivityDate: 'date', Status: 'picklist', Priority: 'picklist', TaskSubtype: 'picklist', CallType: 'picklist', CallDisposition: 'string', CallDurationInSeconds: 'int', WhoId: 'reference:Contact', WhatId: 'reference:Account', OwnerId: 'reference:User' } },
  ContentNote: { prefix: '069', fields: { Title: 'string', Content: 'base64', FileType: 'string', TextPreview: 'string', OwnerId: 'reference:User' } },
  ContentDocumentLink: { prefix: '06A', fields: { ContentDocumentId: 'reference:ContentNote', LinkedEntityId: 'reference:Account', ShareType: 'picklist', Visibility: 'picklist' } },
};
const CUSTOM_PREFIXES: Record<string, string> = {
  Collections_Invoice__c: 'a01', Collections_Payment__c: 'a02', Promise_To_Pay__c: 'a03', Payment_Plan__c: 'a04',
  Plan_Instalment__c: 'a05', Dispute_Line__c: 'a06', Settlement_Offer__c: 'a07',
};
const SYSTEM_FIELDS = ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'];
const READ_ONLY = new Set(['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'CaseNumber', 'IsClosed', 'FileType', 'TextPreview', 'Name@Contact']);

/** Salesforce's datetime format: 2026-11-20T10:15:00.000+0000. */
export function salesforceDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function buildSchema(): Map<string, ObjectDef> {
  const schema = new Map<string, ObjectDef>();
  const ensure = (name: string, prefix: string): ObjectDef => {
    let def = schema.get(name);
    if (!def) {
      def = { name, keyPrefix: prefix, fields: new Map(), parents: new Map(), children: new Map(), createable: true };
      schema.set(name, def);
      for (const f of SYSTEM_FIELDS) {
        def.fields.set(f, { type: f === 'Id' ? 'id' : f.endsWith('Date') ? 'datetime' : 'reference', required: false, externalId: false, createable: false, updateable: false, ...(f.endsWith('ById') ? { referenceTo: 'User' } : {}) });
      }
      def.parents.set('CreatedBy', 'CreatedById');
      def.parents.set('LastModifiedBy', 'LastModifiedById');
    }
    return def;
  };
  for (const [name, spec] of Object.entries(STANDARD)) {
    const def = ensure(name, spec.prefix);
    for (const [field, type] of Object.entries(spec.fields)) {
      const [kind, target] = type.split(':');
      const readOnly = READ_ONLY.has(field) || READ_ONLY.has(`${field}@${name}`);
      def.fields.set(field, { type: kind as string, required: false, externalId: false, createable: !readOnly, updateable: !readOnly, ...(target ? { referenceTo: target } : {}) });
      if (kind === 'reference') {
        def.parents.set(field.slice(0, -2), field);
      }
    }
  }
  for (const object of PRODUCT_OBJECTS) {
    const def = ensure(object.apiName, CUSTOM_PREFIXES[object.apiName] ?? 'a0Z');
    if (!object.standard && !def.fields.has('Name')) {
      def.fields.set('Name', { type: 'string', required: false, externalId: false, createable: false, updateable: false });
      def.fields.set('OwnerId', { type: 'reference', required: false, externalId: false, createable: true, updateable: true, referenceTo: 'User' });
      def.parents.set('Owner', 'OwnerId');
    }
    for (const field of object.fields) {
      def.fields.set(field.apiName, {
        type: field.type.toLowerCase(),
        required: field.required === true,
        ...(field.length === undefined ? {} : { length: field.length }),
        externalId: field.externalId === true,
        createable: true,
        updateable: field.type !== 'MasterDetail',
        ...(field.referenceTo ? { referenceTo: field.referenceTo } : {}),
      });
      if (field.referenceTo) {
        def.parents.set(field.apiName.replace(/__c$/, '__r'), field.apiName);
      }
    }
  }
  // Child relationships: standard ones we use + every product lookup with a relationship name.
  const child = (parent: string, rel: string, object: string, field: string): void => {
    schema.get(parent)?.children.set(rel, { object, field });
  };
  child('Account', 'Contacts', 'Contact', 'AccountId');
  child('Account', 'Cases', 'Case', 'AccountId');
  child('Account', 'Tasks', 'Task', 'WhatId');
  child('Account', 'Opportunities', 'Opportunity', 'AccountId');
  child('Account', 'ContentDocumentLinks', 'ContentDocumentLink', 'LinkedEntityId');
  for (const object of PRODUCT_OBJECTS) {
    for (const field of object.fields) {
      if (field.referenceTo && field.relationshipName) {
        child(field.referenceTo, `${field.relationshipName}__r`, object.apiName, field.apiName);
      }
    }
  }
  // A ContentNote IS a ContentDocument (same id): the link's parent relationship resolves to it.
  schema.get('ContentDocumentLink')?.parents.set('ContentDocument', 'ContentDocumentId');
  return schema;
}

function errorArray(errorCode: string, message: string, fields: string[] = []): { errorCode: string; message: string; fields: string[] }[] {
  return [{ errorCode, message, fields }];
}

class RestError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(JSON.stringify(body));
  }
}

export interface FakeOrgOptions {
  instanceUrl: string;
  apiVersion?: string;
  /** Id of the API user (CreatedById of new records). */
  userId?: string;
  apiLimit?: number;
  /** Objects/fields beyond the standard + product ones (e.g. Salesforce Billing `blng__` objects), merged in. */
  extraObjects?: Record<string, { prefix: string; fields: Record<string, string>; createable?: boolean }>;
}

/** The in-memory org. */
export class FakeOrg {
  readonly schema = buildSchema();
  private store = new Map<string, StoredRecord[]>();
  private counters = new Map<string, number>();
  private apiUsed = 0;
  readonly apiLimit: number;
  readonly userId: string;
  readonly dataPath: string;

  constructor(readonly options: FakeOrgOptions) {
    this.apiLimit = options.apiLimit ?? 15_000;
    this.userId = options.userId ?? to18('005000000000099');
    this.dataPath = `/services/data/v${options.apiVersion ?? '66.0'}`;
    for (const [name, spec] of Object.entries(options.extraObjects ?? {})) {
      let def = this.schema.get(name);
      if (!def) {
        def = { name, keyPrefix: spec.prefix, fields: new Map(), parents: new Map([['CreatedBy', 'CreatedById']]), children: new Map(), createable: spec.createable ?? true };
        for (const f of SYSTEM_FIELDS) {
          def.fields.set(f, { type: f === 'Id' ? 'id' : 'string', required: false, externalId: false, createable: false, updateable: false });
        }
        this.schema.set(name, def);
      }
      for (const [field, type] of Object.entries(spec.fields)) {
        const [kind, target] = type.split(':');
        def.fields.set(field, { type: kind as string, required: false, externalId: false, createable: true, updateable: true, ...(target ? { referenceTo: target } : {}) });
        if (kind === 'reference') {
          def.parents.set(field.endsWith('__c') ? field.replace(/__c$/, '__r') : field.replace(/Id$/, ''), field);
        }
      }
    }
  }

  /** Replace/insert seed records (ids kept as given; ContentNote gets FileType SNOTE). */
  seed(dataset: Record<string, Record<string, unknown>[]>): void {
    for (const [object, rows] of Object.entries(dataset)) {
      const def = this.def(object);
      const list = this.recordsOf(def.name);
      for (const row of rows) {
        const record = { ...row } as StoredRecord;
        if (typeof record.Id !== 'string') {
          record.Id = this.newId(def);
        }
        this.decorate(def, record);
        const index = list.findIndex((r) => r.Id === record.Id);
        if (index >= 0) {
          list[index] = record;
        } else {
          list.push(record);
        }
      }
    }
  }

  /** All records of an object (copies). */
  records(object: string): Record<string, unknown>[] {
    return (this.store.get(object) ?? []).map((r) => ({ ...r }));
  }

  private def(object: string): ObjectDef {
    const def = this.schema.get(object);
    if (!def) {
      throw new RestError(404, errorArray('NOT_FOUND', `The requested resource does not exist: sObject type '${object}' is not supported.`));
    }
    return def;
  }

  private recordsOf(object: string): StoredRecord[] {
    let list = this.store.get(object);
    if (!list) {
      list = [];
      this.store.set(object, list);
    }
    return list;
  }

  private newId(def: ObjectDef): string {
    const n = (this.counters.get(def.name) ?? 0) + 1;
    this.counters.set(def.name, n);
    const base = `${def.keyPrefix}${'9'.repeat(3)}${String(n).padStart(9, '0')}`;
    return to18(base.slice(0, 15));
  }

  private decorate(def: ObjectDef, record: StoredRecord): void {
    record.CreatedDate ??= salesforceDateTime(new Date());
    record.CreatedById ??= this.userId;
    record.LastModifiedDate = record.LastModifiedDate ?? record.CreatedDate;
    if (def.name === 'ContentNote') {
      record.FileType = 'SNOTE';
    }
    if (def.name === 'Case') {
      record.CaseNumber ??= String(1000 + this.recordsOf('Case').length + 1).padStart(8, '0');
      record.IsClosed = record.Status === 'Closed';
    }
    if (def.name === 'Contact' && record.Name == null) {
      record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
    }
    if (!def.fields.has('CaseNumber') && def.fields.has('Name') && record.Name == null && def.name.endsWith('__c')) {
      record.Name = `${def.name.replace(/__c$/, '').slice(0, 4).toUpperCase()}-${String(this.recordsOf(def.name).length + 1).padStart(6, '0')}`;
    }
  }

  private model(): OrgModel {
    return {
      recordsOf: (object) => {
        if (!this.schema.has(object)) {
          throw new SoqlError('INVALID_TYPE', `sObject type '${object}' is not supported.`);
        }
        return this.recordsOf(object);
      },
      hasField: (object, field) => this.schema.get(object)?.fields.has(field) ?? false,
      byId: (id) => {
        for (const [object, list] of this.store) {
          const record = list.find((r) => r.Id.slice(0, 15) === id.slice(0, 15));
          if (record) {
            return { object, record };
          }
        }
        return null;
      },
      parentField: (object, rel) => this.schema.get(object)?.parents.get(rel) ?? null,
      childRelationship: (object, rel) => this.schema.get(object)?.children.get(rel) ?? null,
      recordUrl: (object, id) => `${this.dataPath}/sobjects/${object}/${id}`,
    };
  }

  private validateFields(def: ObjectDef, body: Record<string, unknown>, creating: boolean): void {
    for (const [field, value] of Object.entries(body)) {
      const f = def.fields.get(field);
      if (!f) {
        throw new RestError(400, errorArray('INVALID_FIELD', `No such column '${field}' on sobject of type ${def.name}`));
      }
      if ((creating && !f.createable) || (!creating && !f.updateable)) {
        throw new RestError(400, errorArray('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field]));
      }
      if (typeof value === 'string' && f.length !== undefined && value.length > f.length) {
        throw new RestError(400, errorArray('STRING_TOO_LONG', `${field}: data value too large: ${value.slice(0, 20)}... (max length=${f.length})`, [field]));
      }
      if (f.type === 'reference' || f.type === 'lookup' || f.type === 'masterdetail') {
        if (value !== null && (typeof value !== 'string' || !this.model().byId(value))) {
          throw new RestError(400, errorArray('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field]));
        }
      }
    }
    if (creating) {
      const missing = [...def.fields.entries()].filter(([name, f]) => f.required && (body[name] === undefined || body[name] === null || body[name] === '')).map(([name]) => name);
      if (missing.length > 0) {
        throw new RestError(400, errorArray('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
      }
    }
  }

  private insert(def: ObjectDef, body: Record<string, unknown>): StoredRecord {
    this.validateFields(def, body, true);
    const record = { ...body, Id: this.newId(def) } as StoredRecord;
    this.decorate(def, record);
    this.recordsOf(def.name).push(record);
    return record;
  }

  private patch(def: ObjectDef, record: StoredRecord, body: Record<string, unknown>): void {
    this.validateFields(def, body, false);
    Object.assign(record, body, { LastModifiedDate: salesforceDateTime(new Date()) });
    if (def.name === 'Case') {
      record.IsClosed = record.Status === 'Closed';
    }
  }

  /** Usage header value after counting this request. */
  private limitHeader(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.apiUsed}/${this.apiLimit}` };
  }

  /**
   * Handle one REST request. `path` is the path + query string from the instance root.
   * Counts toward API usage like Salesforce does (one per top-level request).
   */
  handle(method: string, path: string, body: unknown): RestAnswer {
    this.apiUsed += 1;
    const answer = this.route(method, path, body);
    return { ...answer, headers: { ...(answer.headers ?? {}), ...this.limitHeader() } };
  }

  private route(method: string, path: string, body: unknown): RestAnswer {
    try {
      const url = new URL(path, 'https://org.invalid');
      const prefix = this.dataPath;
      if (!url.pathname.startsWith(`${prefix}/`)) {
        return { status: 404, body: errorArray('NOT_FOUND', 'The requested resource does not exist') };
      }
      const rest = url.pathname.slice(prefix.length);
      if (method === 'GET' && (rest === '/query' || rest === '/query/')) {
        return { status: 200, body: this.query(url.searchParams.get('q') ?? '') };
      }
      if (method === 'POST' && rest === '/composite') {
        return { status: 200, body: this.composite(body) };
      }
      if (method === 'GET' && rest === '/limits') {
        return { status: 200, body: { DailyApiRequests: { Max: this.apiLimit, Remaining: this.apiLimit - this.apiUsed } } };
      }
      if (method === 'GET' && (rest === '/sobjects' || rest === '/sobjects/')) {
        return { status: 200, body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: [...this.schema.values()].map((d) => ({ name: d.name, label: d.name, keyPrefix: d.keyPrefix, queryable: true, createable: d.createable, updateable: true, custom: d.name.endsWith('__c') })) } };
      }
      const parts = rest.split('/').filter((p) => p !== '').map(decodeURIComponent);
      if (parts[0] !== 'sobjects' || !parts[1]) {
        return { status: 404, body: errorArray('NOT_FOUND', 'The requested resource does not exist') };
      }
      const def = this.def(parts[1]);
      if (method === 'GET' && parts[2] === 'describe' && parts.length === 3) {
        return { status: 200, body: this.describe(def) };
      }
      if (method === 'POST' && parts.length === 2) {
        const record = this.insert(def, this.asRecord(body));
        return { status: 201, body: { id: record.Id, success: true, errors: [] }, headers: { Location: `${this.dataPath}/sobjects/${def.name}/${record.Id}` } };
      }
      if (method === 'PATCH' && parts.length === 3) {
        const id = parts[2] as string;
        const record = this.recordsOf(def.name).find((r) => r.Id.slice(0, 15) === id.slice(0, 15));
        if (!record) {
          return { status: 404, body: errorArray('NOT_FOUND', 'Provided external ID field does not exist or is not accessible: ' + id) };
        }
        this.patch(def, record, this.asRecord(body));
        return { status: 204, body: undefined };
      }
      if (method === 'GET' && parts.length === 3) {
        const id = parts[2] as string;
        const record = this.recordsOf(def.name).find((r) => r.Id.slice(0, 15) === id.slice(0, 15));
        return record ? { status: 200, body: { attributes: { type: def.name, url: `${this.dataPath}/sobjects/${def.name}/${record.Id}` }, ...record } } : { status: 404, body: errorArray('NOT_FOUND', 'The requested resource does not exist') };
      }
      if (method === 'PATCH' && parts.length === 4) {
        const field = parts[2] as string;
        const key = parts[3] as string;
        const f = def.fields.get(field);
        if (!f || !f.externalId) {
          return { status: 404, body: errorArray('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`) };
        }
        const values = this.asRecord(body);
        const matches = this.recordsOf(def.name).filter((r) => r[field] === key);
        if (matches.length > 1) {
          return { status: 300, body: matches.map((m) => `${this.dataPath}/sobjects/${def.name}/${m.Id}`) };
        }
        const existing = matches[0];
        if (existing) {
          this.patch(def, existing, values);
          return { status: 200, body: { id: existing.Id, success: true, errors: [], created: false } };
        }
        const record = this.insert(def, { ...values, [field]: key });
        return { status: 201, body: { id: record.Id, success: true, errors: [], created: true }, headers: { Location: `${this.dataPath}/sobjects/${def.name}/${record.Id}` } };
      }
      return { status: 404, body: errorArray('NOT_FOUND', 'The requested resource does not exist') };
    } catch (error) {
      if (error instanceof RestError) {
        return { status: error.status, body: error.body };
      }
      if (error instanceof SoqlError) {
        return { status: 400, body: errorArray(error.errorCode, error.message) };
      }
      throw error;
    }
  }

  private asRecord(body: unknown): Record<string, unknown> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new RestError(400, errorArray('JSON_PARSER_ERROR', 'The request body must be a JSON object'));
    }
    const { attributes: _attributes, ...rest } = body as Record<string, unknown>;
    return rest;
  }

  private query(soql: string): unknown {
    if (!soql) {
      throw new RestError(400, errorArray('MALFORMED_QUERY', 'A query string has to be specified'));
    }
    return executeSoql(this.model(), soql);
  }

  private describe(def: ObjectDef): unknown {
    return {
      name: def.name,
      label: def.name,
      keyPrefix: def.keyPrefix,
      queryable: true,
      createable: def.createable,
      updateable: true,
      custom: def.name.endsWith('__c'),
      fields: [...def.fields.entries()].map(([name, f]) => ({
        name,
        type: f.type,
        createable: f.createable,
        updateable: f.updateable,
        nillable: !f.required,
        externalId: f.externalId,
        referenceTo: f.referenceTo ? [f.referenceTo] : [],
        relationshipName: f.referenceTo ? (name.endsWith('__c') ? name.replace(/__c$/, '__r') : name.replace(/Id$/, '')) : null,
        ...(f.length === undefined ? {} : { length: f.length }),
      })),
      childRelationships: [...def.children.entries()].map(([relationshipName, c]) => ({ childSObject: c.object, field: c.field, relationshipName })),
    };
  }

  /** `/composite`: subrequests in order, `@{ref.path}` references, allOrNone rollback. */
  private composite(body: unknown): unknown {
    const request = body as { allOrNone?: boolean; compositeRequest?: { method: string; url: string; referenceId: string; body?: unknown }[] };
    if (!request || !Array.isArray(request.compositeRequest)) {
      throw new RestError(400, errorArray('JSON_PARSER_ERROR', 'compositeRequest is required'));
    }
    if (request.compositeRequest.length > 25) {
      throw new RestError(400, errorArray('INVALID_INPUT', 'Composite requests can have at most 25 subrequests'));
    }
    const queries = request.compositeRequest.filter((s) => /\/query/.test(s.url)).length;
    if (queries > 5) {
      throw new RestError(400, errorArray('INVALID_INPUT', 'Composite requests can have at most 5 query operations'));
    }
    const allOrNone = request.allOrNone === true;
    const snapshot = allOrNone ? new Map([...this.store].map(([k, v]) => [k, v.map((r) => ({ ...r }))])) : null;
    const results = new Map<string, unknown>();
    const responses: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[] = [];
    let failed = false;
    for (const sub of request.compositeRequest) {
      if (failed && allOrNone) {
        responses.push({ body: errorArray('PROCESSING_HALTED', 'The transaction was rolled back since another operation in the same transaction failed.'), httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
        continue;
      }
      let answer: RestAnswer;
      try {
        const url = this.substitute(sub.url, results, true) as string;
        const subBody = sub.body === undefined ? undefined : this.substitute(sub.body, results, false);
        answer = this.route(sub.method, url, subBody);
      } catch (error) {
        if (!(error instanceof RestError)) {
          throw error;
        }
        answer = { status: error.status, body: error.body };
      }
      if (answer.status >= 400) {
        failed = true;
      } else {
        results.set(sub.referenceId, answer.body);
      }
      responses.push({ body: answer.body ?? null, httpHeaders: answer.headers ?? {}, httpStatusCode: answer.status, referenceId: sub.referenceId });
    }
    if (failed && allOrNone && snapshot) {
      this.store = snapshot;
      // Every subrequest that had succeeded is reported as rolled back.
      for (const r of responses) {
        if (r.httpStatusCode < 400) {
          r.body = errorArray('PROCESSING_HALTED', 'The transaction was rolled back since another operation in the same transaction failed.');
          r.httpStatusCode = 400;
          r.httpHeaders = {};
        }
      }
    }
    return { compositeResponse: responses };
  }

  /** Replace `@{ref.path}` in a URL (raw) or a JSON body; unknown references fail like Salesforce. */
  private substitute(value: unknown, results: Map<string, unknown>, inUrl: boolean): unknown {
    if (typeof value === 'string') {
      return value.replace(/@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g, (_m, ref: string, path: string) => {
        if (!results.has(ref)) {
          throw new RestError(400, errorArray('PROCESSING_HALTED', `Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') is not valid or the referenced subrequest failed.`));
        }
        let current: unknown = results.get(ref);
        for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
          const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
          current = current != null && typeof current === 'object' ? (current as Record<string | number, unknown>)[key] : undefined;
        }
        if (current === undefined || current === null) {
          throw new RestError(400, errorArray('PROCESSING_HALTED', `Invalid reference specified. No value for ${ref}${path} found in ${ref}.`));
        }
        return inUrl ? encodeURIComponent(String(current)) : String(current);
      });
    }
    if (Array.isArray(value)) {
      return value.map((v) => this.substitute(v, results, inUrl));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v, results, inUrl)]));
    }
    return value;
  }
}
