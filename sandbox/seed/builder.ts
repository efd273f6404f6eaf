/**
 * Builds complete stored records for seeding (ids, autonumbers, audit stamps, defaults, derived
 * fields) without a Store, so huge seeds can stream straight to the data file.
 */
import { makeId } from '../ids';
import { CORPORATE_CURRENCY, ORG_CURRENCIES, objectDef } from '../schema';
import { deriveFields, formatAutoNumber } from '../store';
import type { FieldValue, StoreHeader, StoredRecord } from '../store';
import type { TypedRecord } from '../persistence';

export class SeedBuilder {
  readonly counters: Record<string, number> = {};
  readonly autoNumbers: Record<string, number> = {};
  /** Small parent cache so Task.AccountId can be derived from a contact/what without a store. */
  private readonly recent = new Map<string, StoredRecord>();

  constructor(private readonly defaultOwnerId: () => string) {}

  /**
   * A complete record of `objectName` with `values`, created at `createdAt` (ISO datetime).
   * Unknown field names throw, so the seed cannot drift from the schema.
   */
  make(objectName: string, values: Record<string, FieldValue>, createdAt: string): TypedRecord {
    const def = objectDef(objectName);
    if (!def) {
      throw new Error(`seed: unknown object ${objectName}`);
    }
    const record: StoredRecord = {};
    for (const field of def.fields) {
      record[field.name] = field.defaultValue !== undefined ? field.defaultValue : field.type === 'boolean' ? false : null;
    }
    for (const [name, value] of Object.entries(values)) {
      const field = def.fieldIndex.get(name.toLowerCase());
      if (!field) {
        throw new Error(`seed: ${objectName}.${name} is not in the schema`);
      }
      record[field.name] = value;
    }
    const n = (this.counters[def.keyPrefix] ?? 0) + 1;
    this.counters[def.keyPrefix] = n;
    record.Id = makeId(def.keyPrefix, n);
    const stamp = createdAt.replace('Z', '+0000').replace(/(\.\d{3})?\+0000$/, '.000+0000');
    if (def.fieldIndex.has('createddate')) {
      record.CreatedDate = stamp;
      record.LastModifiedDate = stamp;
      record.IsDeleted = false;
    }
    record.SystemModstamp = stamp;
    if (def.fieldIndex.has('ownerid') && !record.OwnerId && objectName !== 'User') {
      record.OwnerId = this.defaultOwnerId();
    }
    if (def.fieldIndex.has('createdbyid')) {
      record.CreatedById = record.CreatedById ?? (objectName === 'User' ? null : this.defaultOwnerId());
      record.LastModifiedById = record.CreatedById;
    }
    if (def.fieldIndex.has('currencyisocode') && !record.CurrencyIsoCode) {
      const code = record.Currency_Code__c;
      record.CurrencyIsoCode = typeof code === 'string' && (ORG_CURRENCIES as readonly string[]).includes(code) ? code : CORPORATE_CURRENCY;
    }
    if (def.fieldIndex.get('name')?.autoNumber || objectName === 'Case') {
      const next = (this.autoNumbers[def.name] ?? 0) + 1;
      this.autoNumbers[def.name] = next;
      if (objectName === 'Case') {
        record.CaseNumber = String(1000 + next).padStart(8, '0');
      } else {
        record.Name = formatAutoNumber(def.nameFormat ?? '{000000}', next);
      }
    }
    deriveFields(def, record, (id) => this.recent.get(id));
    if (objectName === 'Contact' || objectName === 'Account') {
      this.recent.set(record.Id, record);
      if (this.recent.size > 64) {
        const oldest = this.recent.keys().next().value;
        if (oldest !== undefined) {
          this.recent.delete(oldest);
        }
      }
    }
    return { type: def.storage, record };
  }

  header(meta: StoreHeader['meta']): StoreHeader {
    return { format: 'collections-sandbox/1', meta, counters: { ...this.counters }, autoNumbers: { ...this.autoNumbers }, sessions: {}, refreshTokens: {}, oauthApprovals: {} };
  }
}
