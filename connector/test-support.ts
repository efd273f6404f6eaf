/**
 * A MappedSnapshot as an adapter hands it to withDerivedData, for the connector's snapshot tests: the
 * account, records and fetch time a test gives; every other list empty, a test source, no API usage.
 */
import type { MappedSnapshot } from './snapshot-derived';

export function mappedSnapshot(parts: Pick<MappedSnapshot, 'account' | 'fetchedAt'> & Partial<MappedSnapshot>): MappedSnapshot {
  return {
    contacts: [], invoices: [], payments: [], credits: [], promises: [], plans: [], settlements: [], disputes: [], activities: [], dataQuality: [],
    source: { crm: 'test', mapping: 'test' },
    apiUsage: null,
    capabilities: { promises: true, plans: true, settlements: true, disputes: true, notes: true, sendEmail: false },
    ...parts,
  };
}
