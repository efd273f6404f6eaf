/**
 * Server-side deduplication for Tasks and notes (decision 0017). Their key fields cannot be unique
 * (Activity custom fields cannot be unique or external ids; a ContentNote has no custom fields), so
 * the record is created in ONE allOrNone composite with a `Write_Receipt__c` whose key is unique: if
 * another attempt of the same key committed first (a slow original after a client timeout, another
 * tab, a restarted worker), the receipt fails with DUPLICATE_VALUE and this attempt's record rolls
 * back. The receipt is also the indexed way to find the record by key.
 */
import { ConnectorError } from '../../errors';
import type { CompositeRequest, CompositeSubrequest } from '../client';
import type { MappingConfig, WriteReceiptMapping } from '../mapping/schema';
import { select, soqlString } from '../soql';

/** referenceId of the receipt subrequest. */
export const RECEIPT_REF = 'receipt';

/** The mapping's receipt object, or null when the org has none (then Tasks and notes are checked before every send). */
export function receiptOf(mapping: MappingConfig): WriteReceiptMapping | null {
  return mapping.writeReceipt ?? null;
}

/** `request` plus the receipt of the record created by subrequest `recordRef`, in the same transaction. */
export function withReceipt(request: CompositeRequest, receipt: WriteReceiptMapping, dataPath: string, key: string, recordRef: string, referenceId = RECEIPT_REF): CompositeRequest {
  const subrequest: CompositeSubrequest = {
    method: 'POST',
    url: `${dataPath}/sobjects/${receipt.object}`,
    referenceId,
    body: { [receipt.fields.idempotencyKey]: key, [receipt.fields.recordId]: `@{${recordRef}.id}` },
  };
  return { allOrNone: true, compositeRequest: [...request.compositeRequest, subrequest] };
}

/** A Task create as a composite, so its receipt can ride along. */
export function taskComposite(record: Record<string, unknown>, dataPath: string): CompositeRequest {
  return { allOrNone: true, compositeRequest: [{ method: 'POST', url: `${dataPath}/sobjects/Task`, referenceId: 'task', body: record }] };
}

/** SOQL for the record id a key's receipt names. */
export function receiptByKeyQuery(receipt: WriteReceiptMapping, key: string): string {
  return select({ fields: [receipt.fields.recordId], from: receipt.object, where: [`${receipt.fields.idempotencyKey} = ${soqlString(key)}`], limit: 1 });
}

/**
 * The record id of a receipt row, checked against the key prefix of the kind expected (Task `00T`,
 * ContentNote/ContentDocument `069`): one key reused for a different kind of write is a client bug.
 */
export function receiptRecordId(row: Record<string, unknown> | undefined, receipt: WriteReceiptMapping, prefix: string): string | null {
  const id = row?.[receipt.fields.recordId];
  if (typeof id !== 'string') {
    return null;
  }
  if (!id.startsWith(prefix)) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['idempotencyKey'], detail: `idempotency key already used for record ${id}, not a ${prefix} record` });
  }
  return id;
}
