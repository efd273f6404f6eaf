/**
 * The sandbox answers the snapshot's activity reads (issue 18) as Salesforce would: the account's
 * Tasks newest first with an overall LIMIT, and each contact's Tasks (three levels: Account →
 * Contacts → Tasks) only from the longest compliance window on. Runs the connector's own SOQL.
 */
import { describe, expect, it } from 'vitest';
import { accountQuery } from '../../connector/salesforce/snapshot/build';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import { activitySourceWindow } from '../../connector/snapshot-activities';
import { makeId } from '../ids';
import { importRecords } from '../import';
import { Store } from '../store';
import { executeSoql } from './evaluate';

const NOW = new Date('2026-11-20T10:00:00.000Z');
const ACCOUNT = makeId('001', 1);
const OWNER = makeId('005', 1);
const CONTACTS = [makeId('003', 1), makeId('003', 2)];
const DAY = 86_400_000;

function store(): Store {
  const s = new Store();
  // 2 contacts × 60 Tasks, one a day going back from yesterday; the first 30 of each also on the account (WhatId).
  const tasks = CONTACTS.flatMap((contact, c) => Array.from({ length: 60 }, (_, i) => ({
    Id: makeId('00T', c * 100 + i + 1), WhoId: contact, ...(i < 30 ? { WhatId: ACCOUNT } : {}), OwnerId: OWNER,
    Subject: `Call ${c}-${i}`, TaskSubtype: 'Call', Status: 'Completed', CreatedDate: new Date(NOW.getTime() - (i + 1) * DAY + c * 60_000).toISOString(),
  })));
  importRecords(s, {
    User: [{ Id: OWNER, FirstName: 'Priya', LastName: 'Raman', Username: 'priya@x.example' }],
    Account: [{ Id: ACCOUNT, Name: 'Big Account', OwnerId: OWNER, CurrencyIsoCode: 'USD' }],
    Contact: CONTACTS.map((Id, i) => ({ Id, AccountId: ACCOUNT, FirstName: 'AP', LastName: `Clerk ${i}` })),
    Task: tasks,
  });
  return s;
}

interface Rows { records: Array<Record<string, unknown>> }

describe('snapshot activity reads in the sandbox', () => {
  it('sends the account its newest Tasks (LIMIT) and each contact only the Tasks inside the compliance window', () => {
    const mapping = productPreset();
    const soql = accountQuery(mapping, `'${ACCOUNT}'`, NOW);
    const [account] = executeSoql(soql, { store: store(), today: '2026-11-20', apiVersion: '66.0' }).records as Array<Record<string, unknown>>;
    const accountTasks = (account?.Tasks as Rows).records;
    // The probe row included: mapping limit 50 + 1; newest first across both contacts.
    expect(accountTasks).toHaveLength(mapping.activity.limit + 1);
    const created = accountTasks.map((t) => Date.parse(String(t.CreatedDate)));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const since = activitySourceWindow(NOW).since.getTime();
    for (const contact of (account?.Contacts as Rows).records) {
      const tasks = (contact.Tasks as Rows).records;
      // Ten days of one Task a day (7-day window + 3 of slack), not 60.
      expect(tasks).toHaveLength(10);
      expect(tasks.every((t) => Date.parse(String(t.CreatedDate)) >= since)).toBe(true);
    }
  });
});
