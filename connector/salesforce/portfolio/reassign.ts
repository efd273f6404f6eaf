/**
 * The Salesforce side of the manager view (decision 0024): who reports to a manager (User.ManagerId,
 * the standard manager hierarchy) and the account's collector field (the mapping's `account.collector`,
 * product schema `Account.Collector__c`) read and set for the CRM-neutral reassignment
 * (connector/writes/reassign.ts), which decides when to send.
 */
import { ConnectorError } from '../../errors';
import type { CollectorFieldAdapter } from '../../writes/reassign';
import type { SalesforceClient } from '../client';
import { isSalesforceId, sameId } from '../ids';
import type { MappingConfig } from '../mapping/schema';
import { assertApiName, soqlId } from '../soql';

export interface TeamMember {
  id: string;
  name: string;
}

/** The field holding the account's collector, or a configuration error when the mapping has none. */
function collectorField(mapping: MappingConfig): { object: string; field: string } {
  const field = mapping.account.fields.collector;
  if (!field) {
    throw new ConnectorError({ kind: 'configuration', retryable: false, detail: 'The mapping has no account collector field: accounts cannot be reassigned.' });
  }
  return { object: assertApiName(mapping.account.object), field: assertApiName(field) };
}

export function createCollectorFieldAdapter(client: SalesforceClient, mapping: MappingConfig): CollectorFieldAdapter {
  return {
    // Salesforce ids: 15 characters, or 18 with a checksum; both forms name one record (ids.ts).
    isRecordId: isSalesforceId,
    sameRecord: sameId,
    async readCollector(accountId, call) {
      const { object, field } = collectorField(mapping);
      const result = await client.query<Record<string, unknown>>(`SELECT Id, ${field} FROM ${object} WHERE Id = ${soqlId(accountId)}`, { signal: call?.signal });
      const record = result.records[0];
      if (!record) {
        throw new ConnectorError({ kind: 'not_found', retryable: false, detail: `Account ${accountId} is not visible.` });
      }
      const value = record[field];
      return typeof value === 'string' && value !== '' ? value : null;
    },
    async writeCollector(accountId, collectorId, _idempotencyKey, call) {
      // A field set to a value: the REST update is idempotent in itself; the key serialises and
      // remembers the reassignment in the neutral layer (decision 0024).
      const { object, field } = collectorField(mapping);
      await client.update(object, accountId, { [field]: collectorId }, { signal: call?.signal });
    },
  };
}

/** The active users who report to `managerId` (User.ManagerId), by name. Empty: not a manager. */
export async function readTeam(client: SalesforceClient, managerId: string, signal?: AbortSignal): Promise<TeamMember[]> {
  const result = await client.query<{ Id: string; Name: string }>(`SELECT Id, Name FROM User WHERE ManagerId = ${soqlId(managerId)} AND IsActive = true ORDER BY Name`, { signal });
  return result.records.map((user) => ({ id: user.Id, name: user.Name }));
}
