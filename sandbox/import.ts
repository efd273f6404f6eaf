/**
 * Loads externally defined records (ids as given, 15- or 18-char) into a store, replacing whole
 * records with the same id (into the store's own schema). Used by the contract backend and by tests that need exact fixtures. Values
 * are trusted (no validation): fixtures may hold deliberately bad data.
 */
import { normaliseId } from './ids';
import { deriveFields } from './store';
import type { FieldValue, Store, StoredRecord } from './store';

/** Upserts `dataset` (sObject API name → records) by Id. */
export function importRecords(store: Store, dataset: Record<string, Array<Record<string, unknown>>>, now = new Date()): void {
  const stamp = now.toISOString().replace('Z', '+0000');
  for (const [objectName, records] of Object.entries(dataset)) {
    const def = store.schema.objectDef(objectName);
    if (!def || def.storage !== def.name) {
      throw new Error(`importRecords: unknown object ${objectName}`);
    }
    for (const input of records) {
      const id = typeof input.Id === 'string' ? normaliseId(input.Id) : null;
      if (!id) {
        throw new Error(`importRecords: ${objectName} record without a valid Id: ${String(input.Id)}`);
      }
      const existing = store.get(id);
      const record: StoredRecord = {};
      for (const field of def.fields) {
        // A whole new version: fields the input leaves out are reset, not carried over.
        record[field.name] = field.defaultValue !== undefined ? field.defaultValue : field.type === 'boolean' ? false : null;
      }
      for (const [key, value] of Object.entries(input)) {
        if (key === 'attributes') {
          continue;
        }
        const field = def.fieldIndex.get(key.toLowerCase());
        if (!field) {
          throw new Error(`importRecords: ${objectName}.${key} is not in the sandbox schema`);
        }
        let stored = (value ?? null) as FieldValue;
        if (field.type === 'reference' && typeof stored === 'string') {
          stored = normaliseId(stored) ?? stored;
        }
        record[field.name] = stored;
      }
      record.Id = id;
      if (def.fieldIndex.has('createddate')) {
        record.CreatedDate ??= stamp;
        record.LastModifiedDate ??= record.CreatedDate;
        record.IsDeleted ??= false;
      }
      record.SystemModstamp ??= stamp;
      if (def.name === 'ContentNote' && input.Content === undefined && existing === undefined) {
        record.Content = '';
      }
      deriveFields(def, record, (other) => store.get(other)?.record);
      if (existing) {
        if (existing.object !== def.storage) {
          throw new Error(`importRecords: id ${id} already belongs to ${existing.object}`);
        }
        store.replace(def.storage, record);
      } else {
        store.insert(def.storage, record);
      }
    }
  }
}
