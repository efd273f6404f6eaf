/**
 * The page maps a snapshot in slices (issue 18): the same steps as `mapSnapshot`, paused between
 * records, so 500 invoices and their validation are many short tasks instead of one long one.
 */
import { describe, expect, it } from 'vitest';
import { DATASET_NOW, IDS } from '../../../test/contract/dataset';
import type { CompositeResponse } from '../client';
import { to18 } from '../ids';
import { productPreset } from '../mapping/presets';
import { mapSnapshot, mapSnapshotInSlices } from './map';

const ok = (referenceId: string, records: unknown[]): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: { totalSize: records.length, done: true, records } });
/** ctx is an sObject Rows GET (decision 0028): its body is the record. */
const row = (referenceId: string, record: Record<string, unknown>): CompositeResponse['compositeResponse'][number] => ({ referenceId, httpStatusCode: 200, httpHeaders: {}, body: record });
const id = (prefix: string, n: number): string => to18(`${prefix}${String(n).padStart(12, '0')}`);
const sub = (records: unknown[]): { totalSize: number; done: true; records: unknown[] } => ({ totalSize: records.length, done: true, records });

function bigAnswer(): CompositeResponse {
  const invoices = Array.from({ length: 500 }, (_, i) => ({
    Id: id('a01', i + 1), Invoice_Number__c: `I-${i + 1}`, Invoice_Date__c: '2026-01-01', Due_Date__c: '2026-02-01', Total_Amount__c: 10, Balance__c: i % 7 ? 10 : 0, Currency_Code__c: 'INR', Status__c: 'Open',
  }));
  const tasks = Array.from({ length: 50 }, (_, i) => ({ Id: id('00T', i + 1), TaskSubtype: 'Call', CreatedDate: `2026-11-${String(1 + (i % 19)).padStart(2, '0')}T10:00:00.000+0000`, CallType: 'Outbound' }));
  const contacts = Array.from({ length: 20 }, (_, i) => ({ Id: id('003', i + 1), Name: `C ${i + 1}` }));
  return { compositeResponse: [
    row('ctx', { Id: IDS.account }),
    ok('account', [{ Id: IDS.account, Name: 'Big Account', OwnerId: IDS.owner, Owner: { Id: IDS.owner, Name: 'Owner' }, Collections_Currency__c: 'INR', Contacts: sub(contacts), Tasks: sub(tasks) }]),
    ok('invoices', invoices),
    ok('payments', []),
    ok('notes', []),
  ] };
}

describe('mapSnapshotInSlices', () => {
  it('gives the same snapshot as mapSnapshot, pausing between records rather than once for the whole answer', async () => {
    const mapping = productPreset();
    const whole = mapSnapshot(mapping, bigAnswer(), { now: DATASET_NOW });
    let t = 0;
    let pauses = 0;
    // A fake clock where mapping one record costs 1 ms: with a 10 ms budget, a pause every 10 records.
    const sliced = await mapSnapshotInSlices(mapping, bigAnswer(), { now: DATASET_NOW, slices: { budgetMs: 10, clock: () => t++, yieldToMain: async () => void pauses++ } });
    expect(sliced).toEqual(whole);
    expect(whole.invoices).toHaveLength(500);
    // 20 contacts + 500 invoices + 50 activities + section pauses ≈ 575 steps → about 57 slices.
    expect(pauses).toBeGreaterThanOrEqual(50);
    expect(pauses).toBeLessThan(70);
  });
});
