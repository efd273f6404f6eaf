/**
 * sObject DML with Salesforce's validation: unknown fields (INVALID_FIELD), read-only fields
 * (INVALID_FIELD_FOR_INSERT_UPDATE), required fields from the product schema (REQUIRED_FIELD_MISSING),
 * restricted picklists (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST), lengths, numbers, dates, ids and
 * unique/external-id values (DUPLICATE_VALUE).
 */
import { SalesforceApiError } from '../errors';
import { normaliseId } from '../ids';
import { CORPORATE_CURRENCY, ORG_CURRENCIES } from '../schema';
import type { FieldDef, ObjectDef, OrgSchema } from '../schema';
import { deriveFields } from '../store';
import type { FieldValue, Store, StoredRecord } from '../store';

/** One DML error, in the REST error shape. */
export interface DmlError {
  errorCode: string;
  message: string;
  fields: string[];
}

/** Thrown for a failed DML on one record; carries every error found. */
export class DmlFailure extends Error {
  constructor(readonly errors: DmlError[], readonly status = 400) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
    this.name = 'DmlFailure';
  }
}

/** Who is writing and when (audit fields). */
export interface WriteContext {
  store: Store;
  userId: string;
  now: () => Date;
}

/** Salesforce's datetime wire format: `2026-11-22T10:15:00.000+0000`. */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

const fail = (errorCode: string, message: string, fields: string[] = []): DmlFailure =>
  new DmlFailure([{ errorCode, message, fields }]);

function jsonParserError(field: FieldDef, value: unknown, javaType: string): DmlFailure {
  return fail('JSON_PARSER_ERROR', `Cannot deserialize instance of ${javaType} from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`, [field.name]);
}

function coerce(def: ObjectDef, field: FieldDef, value: unknown, store: Store): FieldValue {
  if (value === null || value === undefined) {
    // Checkboxes are never null in Salesforce.
    return field.type === 'boolean' ? false : null;
  }
  switch (field.type) {
    case 'string': case 'textarea': case 'email': case 'phone': case 'url': case 'picklist': case 'multipicklist': {
      if (typeof value === 'object') {
        throw fail('JSON_PARSER_ERROR', `Cannot deserialize instance of string from START_OBJECT value [line:1, column:1]`, [field.name]);
      }
      const text = String(value);
      if (text === '') {
        return null;
      }
      if (field.length !== undefined && text.length > field.length) {
        throw fail('STRING_TOO_LONG', `${field.label}: data value too large: ${text.slice(0, 40)} (max length=${field.length})`, [field.name]);
      }
      if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
        throw fail('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, [field.name]);
      }
      if (field.type === 'picklist' && field.restrictedPicklist && !(field.picklistValues ?? []).includes(text)) {
        throw fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, [field.name]);
      }
      if (field.type === 'multipicklist') {
        const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
        const bad = parts.find((p) => !(field.picklistValues ?? []).includes(p));
        if (bad !== undefined) {
          throw fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${bad}`, [field.name]);
        }
        return parts.join(';');
      }
      return text;
    }
    case 'int': case 'double': case 'currency': case 'percent': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) {
        throw jsonParserError(field, value, field.type === 'int' ? 'int' : 'double');
      }
      if (field.type === 'int' && !Number.isInteger(n)) {
        throw jsonParserError(field, value, 'int');
      }
      const scale = field.scale ?? 0;
      const rounded = Math.round(n * 10 ** scale) / 10 ** scale;
      const precision = field.precision ?? 18;
      if (Math.abs(Math.trunc(rounded)).toString().length > precision - scale) {
        throw fail('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${n}`, [field.name]);
      }
      return rounded;
    }
    case 'boolean':
      if (typeof value === 'boolean') {
        return value;
      }
      if (value === 'true' || value === 'false') {
        return value === 'true';
      }
      throw jsonParserError(field, value, 'boolean');
    case 'date': {
      const text = String(value);
      const date = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
      if (!date || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
        throw fail('JSON_PARSER_ERROR', `Cannot deserialize value of type \`java.util.Date\` from String "${text}": expected format "yyyy-MM-dd"`, [field.name]);
      }
      return date;
    }
    case 'datetime': {
      const ms = Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isNaN(ms)) {
        throw fail('JSON_PARSER_ERROR', `Cannot deserialize value of type \`java.util.Date\` from String "${String(value)}"`, [field.name]);
      }
      return sfDateTime(new Date(ms));
    }
    case 'reference': {
      const id = typeof value === 'string' ? normaliseId(value) : null;
      if (!id) {
        throw fail('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [field.name]);
      }
      const targets = field.referenceTo ?? [];
      const existing = store.get(id);
      // A stored record is checked by its object; an unknown id by its key prefix.
      const matchesType = existing
        ? targets.some((t) => store.schema.objectDef(t)?.storage === existing.object)
        : targets.some((t) => store.schema.objectDef(t)?.keyPrefix === id.slice(0, 3));
      if (!matchesType) {
        throw fail('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
      }
      if (!existing) {
        throw fail('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', `insufficient access rights on cross-reference id: ${id}`, [field.name]);
      }
      return id;
    }
    case 'base64': {
      const text = String(value).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
        throw fail('JSON_PARSER_ERROR', `${field.label}: Illegal base64 value`, [field.name]);
      }
      return text;
    }
    case 'id':
      return String(value);
  }
  void def;
  return null;
}

/** Validates a write body into field values (canonical names). */
function readBody(def: ObjectDef, body: unknown, mode: 'create' | 'update', store: Store, existingId?: string): StoredRecord {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw fail('JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  const values: StoredRecord = {};
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'attributes') {
      continue;
    }
    const field = def.fieldIndex.get(key.toLowerCase());
    if (!field) {
      throw fail('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
    }
    if (field.name === 'Id' && mode === 'update' && (raw === existingId || normaliseId(String(raw)) === existingId)) {
      continue;
    }
    const allowed = mode === 'create' ? field.createable : field.updateable;
    if (!allowed) {
      readOnly.push(field.name);
      continue;
    }
    values[field.name] = coerce(def, field, raw, store);
  }
  if (readOnly.length > 0) {
    throw fail('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly);
  }
  return values;
}

function checkRequired(def: ObjectDef, record: StoredRecord): void {
  const missing = def.fields.filter((f) => f.required && (record[f.name] === null || record[f.name] === undefined)).map((f) => f.name);
  if (missing.length > 0) {
    throw fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
}

function checkUnique(def: ObjectDef, record: StoredRecord, store: Store): void {
  for (const field of def.fields) {
    const value = record[field.name];
    if ((field.unique || field.externalId) && typeof value === 'string') {
      const other = store.findUnique(def.storage, field.name, value);
      if (other && other !== record.Id) {
        throw fail('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other}`, []);
      }
    }
  }
}

/** Multi-currency default: the record's own Currency_Code__c, else its account's currency, else corporate. */
function defaultCurrency(record: StoredRecord, store: Store, userId: string): string {
  const own = record.Currency_Code__c;
  if (typeof own === 'string' && (ORG_CURRENCIES as readonly string[]).includes(own)) {
    return own;
  }
  const accountId = record.AccountId ?? record.Account__c;
  const account = typeof accountId === 'string' ? store.get(accountId)?.record : undefined;
  if (typeof account?.CurrencyIsoCode === 'string') {
    return account.CurrencyIsoCode;
  }
  const user = store.get(userId)?.record;
  return typeof user?.DefaultCurrencyIsoCode === 'string' ? user.DefaultCurrencyIsoCode : CORPORATE_CURRENCY;
}

/** Looks up a writable object definition or throws NOT_FOUND like Salesforce. */
export function writableObject(schema: OrgSchema, name: string): ObjectDef {
  const def = schema.objectDef(name);
  if (!def) {
    throw new SalesforceApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
  }
  if (!def.createable) {
    throw new SalesforceApiError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support insert`);
  }
  return def;
}

/** Creates a record; returns its id. */
export function createRecord(ctx: WriteContext, def: ObjectDef, body: unknown): string {
  const values = readBody(def, body, 'create', ctx.store);
  const now = sfDateTime(ctx.now());
  const record: StoredRecord = {};
  for (const field of def.fields) {
    if (field.defaultValue !== undefined && values[field.name] === undefined) {
      record[field.name] = field.defaultValue;
    } else if (field.type === 'boolean') {
      record[field.name] = false;
    } else {
      record[field.name] = null;
    }
  }
  Object.assign(record, values);
  record.Id = ctx.store.nextId(def);
  if (def.fieldIndex.has('isdeleted')) {
    record.IsDeleted = false;
  }
  if (def.fieldIndex.has('createddate')) {
    Object.assign(record, { CreatedDate: now, CreatedById: ctx.userId, LastModifiedDate: now, LastModifiedById: ctx.userId });
  }
  record.SystemModstamp = now;
  if (def.fieldIndex.has('ownerid') && !record.OwnerId) {
    record.OwnerId = ctx.userId;
  }
  if (def.fieldIndex.has('currencyisocode') && !record.CurrencyIsoCode) {
    record.CurrencyIsoCode = defaultCurrency(record, ctx.store, ctx.userId);
  }
  const nameField = def.fieldIndex.get('name');
  if (nameField?.autoNumber) {
    record.Name = ctx.store.nextAutoNumber(def);
  }
  if (def.name === 'Case') {
    record.CaseNumber = ctx.store.nextAutoNumber(def);
  }
  if (def.name === 'ContentNote' && record.Content === null) {
    record.Content = '';
  }
  checkRequired(def, record);
  checkUnique(def, record, ctx.store);
  deriveFields(def, record, (id) => ctx.store.get(id)?.record);
  ctx.store.insert(def.storage, record);
  return record.Id;
}

/** Updates a record by id (PATCH semantics: only given fields change). */
export function updateRecord(ctx: WriteContext, def: ObjectDef, id: string, body: unknown): void {
  const existing = ctx.store.get(id);
  if (!existing || ctx.store.schema.objectDef(existing.object)?.storage !== def.storage) {
    throw new DmlFailure([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }], 404);
  }
  const values = readBody(def, body, 'update', ctx.store, id);
  const record: StoredRecord = { ...existing.record, ...values };
  const now = sfDateTime(ctx.now());
  if (def.fieldIndex.has('lastmodifieddate')) {
    record.LastModifiedDate = now;
    record.LastModifiedById = ctx.userId;
  }
  record.SystemModstamp = now;
  checkRequired(def, record);
  checkUnique(def, record, ctx.store);
  deriveFields(def, record, (other) => ctx.store.get(other)?.record);
  ctx.store.replace(def.storage, record);
}

/** Upsert on an external-id field (or Id). */
export function upsertRecord(ctx: WriteContext, def: ObjectDef, fieldName: string, value: string, body: unknown): { id: string; created: boolean } {
  const field = def.fieldIndex.get(fieldName.toLowerCase());
  if (!field || !(field.externalId || field.idLookup)) {
    throw new DmlFailure([{ errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${fieldName}`, fields: [] }], 404);
  }
  let existingId: string | undefined;
  if (field.name === 'Id') {
    const id = normaliseId(value);
    existingId = id && ctx.store.get(id) ? id : undefined;
    if (!existingId) {
      throw new DmlFailure([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }], 404);
    }
  } else if (field.unique || field.externalId) {
    existingId = ctx.store.findUnique(def.storage, field.name, value);
  } else {
    const matches = [...ctx.store.all(def.name)].filter((r) => r[field.name] === value);
    if (matches.length > 1) {
      throw new DmlFailure([{ errorCode: 'MULTIPLE_CHOICES', message: `${matches.length} records match ${field.name} = ${value}`, fields: [] }], 300);
    }
    existingId = matches[0]?.Id as string | undefined;
  }
  const bodyObject = { ...(body as Record<string, unknown>) };
  for (const key of Object.keys(bodyObject)) {
    if (key.toLowerCase() === field.name.toLowerCase()) {
      if (String(bodyObject[key]) !== value) {
        throw fail('INVALID_FIELD', `The ${field.name} field should not be specified in the sobject data.`, [field.name]);
      }
      delete bodyObject[key];
    }
  }
  if (existingId) {
    updateRecord(ctx, def, existingId, bodyObject);
    return { id: existingId, created: false };
  }
  return { id: createRecord(ctx, def, { ...bodyObject, [field.name]: value }), created: true };
}

/** Deletes a record by id; master-detail children go with it. */
export function deleteRecord(ctx: WriteContext, def: ObjectDef, id: string): void {
  const existing = ctx.store.get(id);
  if (!existing || ctx.store.schema.objectDef(existing.object)?.storage !== def.storage) {
    throw new DmlFailure([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }], 404);
  }
  ctx.store.delete(id);
}
