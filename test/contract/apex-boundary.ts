/**
 * `CollectionsController` (Apex) and Lightning Data Service mocked at their boundary, over a sandbox
 * org: what the LWC port calls (`getFreshSnapshot`, `save`, `updateRecord`) with the semantics the
 * Apex class has (salesforce/force-app/main/default/classes/CollectionsController.cls):
 * - `getFreshSnapshot`: the connector's snapshot SOQL, answered as sections keyed by referenceId;
 * - `save`: one transaction; the main record's key already exists → that record, nothing written
 *   (no Status or OwnerId re-sent); otherwise every record inserted with its unique key, a Task or
 *   note with its Write_Receipt__c, the dispute owner read in the same transaction — sent here as
 *   ONE allOrNone composite, so a concurrent second insert fails with DUPLICATE_VALUE and rolls back;
 * - errors as Lightning delivers them: `{ status, body: { message: 'CODE: text' } }`, and a
 *   connection that dropped as an error without a status.
 */
import { ConnectorError } from '../../connector/errors';
import { createFetchClient } from '../../connector/salesforce/fetch-client';
import type { CompositeSubrequest, SalesforceClient } from '../../connector/salesforce/client';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import { buildSnapshotRequest, SNAPSHOT_REFS } from '../../connector/salesforce/snapshot/build';
import { select, soqlString } from '../../connector/salesforce/soql';
import type { SaveOperation } from '../../salesforce/lwc-bundle/lds-writes';
import type { LightningWriteBoundary } from '../../salesforce/lwc-bundle/lightning-writer';

const KEY = 'Idempotency_Key__c';
const RECEIPT = 'Write_Receipt__c';

export interface ApexBoundary extends LightningWriteBoundary {
  /** The next `save` commits, then its answer is lost (the connection drops). */
  loseNextSave(): void;
}

function lightningError(error: unknown): unknown {
  if (error instanceof ConnectorError && error.status !== undefined) {
    return { status: error.status >= 500 ? 500 : 400, body: { message: `${error.crmCode ?? 'UNKNOWN_EXCEPTION'}: ${error.message}` } };
  }
  return new TypeError('Failed to fetch');
}

export function createApexBoundary(options: { instanceUrl: string; accessToken: string; now: Date }): ApexBoundary {
  const client: SalesforceClient = createFetchClient({ instanceUrl: options.instanceUrl, getAccessToken: () => options.accessToken });
  const mapping = productPreset();
  let loseNext = false;

  async function existingId(type: string, key: string): Promise<string | null> {
    const id = (await client.query(select({ fields: ['Id'], from: type, where: [`${KEY} = ${soqlString(key)}`], limit: 1 }))).records[0]?.Id;
    return typeof id === 'string' ? id : null;
  }

  async function existingNote(title: string, linkedEntityId: string): Promise<string | null> {
    const row = (await client.query(select({ fields: ['ContentDocumentId'], from: 'ContentDocumentLink', where: [`LinkedEntityId = '${linkedEntityId}'`, `ContentDocument.Title = ${soqlString(title)}`], limit: 1 }))).records[0];
    return typeof row?.ContentDocumentId === 'string' ? row.ContentDocumentId : null;
  }

  const path = (type: string): string => `${client.dataPath}/sobjects/${type}`;
  const typeOf = (record: Record<string, unknown>): string => String((record.attributes as { type?: unknown } | undefined)?.type);
  const fieldsOf = (record: Record<string, unknown>): Record<string, unknown> => {
    const { attributes: _attributes, ...fields } = record;
    return fields;
  };

  /** The operations as one allOrNone composite: what Apex's single transaction does. */
  function compile(operations: SaveOperation[]): CompositeSubrequest[] {
    const subrequests: CompositeSubrequest[] = [];
    for (const [index, operation] of operations.entries()) {
      const ref = operation.ref || `op_${index}`;
      if (operation.kind === 'note') {
        const key = operation.idempotencyKey;
        subrequests.push({ method: 'POST', url: path('ContentNote'), referenceId: ref, body: fieldsOf(operation.record) });
        subrequests.push({ method: 'POST', url: path('ContentDocumentLink'), referenceId: `${ref}_link`, body: { ContentDocumentId: `@{${ref}.id}`, LinkedEntityId: operation.linkedEntityId, ShareType: 'I', Visibility: 'AllUsers' } });
        subrequests.push({ method: 'POST', url: path(RECEIPT), referenceId: `${ref}_receipt`, body: { [KEY]: key, Record_Id__c: `@{${ref}.id}` } });
        continue;
      }
      const fields = fieldsOf(operation.record);
      const type = typeOf(operation.record);
      if (operation.kind === 'createOnce') {
        subrequests.push({ method: 'POST', url: path(type), referenceId: ref, body: fields });
        subrequests.push({ method: 'POST', url: path(RECEIPT), referenceId: `${ref}_receipt`, body: { [KEY]: fields[KEY], Record_Id__c: `@{${ref}.id}` } });
        continue;
      }
      for (const [field, parentRef] of Object.entries(operation.parentRefs ?? {})) {
        fields[field] = `@{${parentRef}.id}`;
      }
      if (operation.assignAccountOwner) {
        subrequests.push({ method: 'GET', url: `${client.dataPath}/query?q=${encodeURIComponent(`SELECT OwnerId FROM Account WHERE Id = '${String(fields.AccountId)}'`)}`, referenceId: `${ref}_owner` });
        fields.OwnerId = `@{${ref}_owner.records[0].OwnerId}`;
      }
      subrequests.push({ method: 'POST', url: path(type), referenceId: ref, body: fields });
    }
    return subrequests;
  }

  return {
    loseNextSave() {
      loseNext = true;
    },

    async getFreshSnapshot({ recordId }) {
      try {
        const response = await client.composite(buildSnapshotRequest(mapping, { id: recordId }, { apiVersion: client.apiVersion, now: options.now }));
        const sections = Object.fromEntries(response.compositeResponse.map((r) => {
          if (r.referenceId === SNAPSHOT_REFS.ctx) {
            // Apex resolves the record with SOQL (CONTEXT_QUERIES): the REST sObject row, or no row when it is gone.
            const records = r.httpStatusCode === 404 ? [] : [r.body];
            return [r.referenceId, { totalSize: records.length, done: true, records }];
          }
          if (r.httpStatusCode >= 400) {
            const [first] = r.body as { errorCode?: string; message?: string }[];
            return [r.referenceId, { error: true, errorCode: first?.errorCode ?? 'UNKNOWN', message: first?.message ?? '' }];
          }
          return [r.referenceId, r.body];
        }));
        return JSON.stringify(sections);
      } catch (error) {
        throw lightningError(error);
      }
    },

    async save({ requestJson }) {
      const { operations } = JSON.parse(requestJson) as { operations: SaveOperation[] };
      const main = operations[0];
      if (!main) {
        throw { status: 400, body: { message: 'INVALID_INPUT: no operations' } };
      }
      try {
        // Apex: an existing record with the key is returned untouched, nothing is written.
        const found = main.kind === 'note'
          ? await existingNote(String(main.record.Title), main.linkedEntityId)
          : await existingId(typeOf(main.record), String(main.record[KEY]));
        if (found) {
          return { id: found, created: false };
        }
        const response = await client.composite({ allOrNone: true, compositeRequest: compile(operations) });
        const failed = response.compositeResponse.find((r) => r.httpStatusCode >= 400 && !(r.body as { errorCode?: string }[])?.every((e) => e.errorCode === 'PROCESSING_HALTED'));
        if (failed) {
          const [first] = failed.body as { errorCode?: string; message?: string }[];
          throw { status: 400, body: { message: `${first?.errorCode ?? 'UNKNOWN_EXCEPTION'}: ${first?.message ?? ''}` } };
        }
        const id = (response.compositeResponse.find((r) => r.referenceId === (main.ref || 'op_0'))?.body as { id?: string } | undefined)?.id;
        if (loseNext) {
          loseNext = false;
          throw new TypeError('Failed to fetch');
        }
        return { id: String(id), created: true };
      } catch (error) {
        throw error instanceof ConnectorError ? lightningError(error) : error;
      }
    },

    async updateRecord({ fields }) {
      const { Id, ...rest } = fields;
      const id = String(Id);
      // LDS finds the object from the id; here: Case by prefix, else a plan, else a settlement offer.
      const types = id.startsWith('500') ? ['Case'] : id.startsWith('00T') ? ['Task'] : [mapping.plan!.object, mapping.settlement!.object];
      for (const [index, type] of types.entries()) {
        try {
          await client.update(type, id, rest);
          return { id };
        } catch (error) {
          const notFound = error instanceof ConnectorError && error.kind === 'not_found';
          if (!notFound || index === types.length - 1) {
            throw lightningError(error);
          }
        }
      }
      return { id };
    },
  };
}
