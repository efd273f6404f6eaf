/**
 * The converters are the boundary check (issue 18, decision 0026 "Third step"): every raw record the snapshot
 * mapping reads goes through values.ts / picklists.ts / ids.ts / map.ts, and the domain model's zod/mini check
 * after them (model-check.ts) must never be what rejects a record. So the LWC page, which leaves that check out
 * (salesforce/lwc-bundle/model-check-by-converters.ts), enforces the same model.
 *
 * What is tested: the Apex fixture the LWC tests use, completed with every record kind the mapping reads, then
 * every field of every record (nested ones too) set, one field at a time, to each of 68 bad or odd values
 * (missing, null, wrong type, empty, out of range, bad id checksum, unknown picklist value, bad currency, huge
 * numbers, impossible dates and instants). Each answer is mapped with the model check ON and OFF: the snapshot
 * (values and quarantine notes) or the error must be identical. One field at a time covers the model because
 * its schemas have no rule spanning several fields; model-check.single-field.test.ts fails if one appears.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../../errors';
import * as V from '../../domain/vocabulary';
import { apexSnapshotToComposite, LIGHTNING_MAPPING } from '../../../salesforce/lwc-bundle/lds-adapter';
import { DISPUTE_OWNER_ANSWER, REMAINDER_TREATMENT, SETTLEMENT_STATUS } from '../picklists';
import { mapSnapshot } from './map';
import type * as ModelCheck from './model-check';

const check = vi.hoisted(() => ({ on: true, calls: 0, rejected: 0 }));
vi.mock('./model-check', async (importOriginal) => {
  const actual = await importOriginal<typeof ModelCheck>();
  // Every per-model check (accountIssue, invoiceIssue, …) behind the ON/OFF switch, counting calls and rejections.
  const switched = (modelIssue: ModelCheck.ModelCheck): ModelCheck.ModelCheck => (value) => {
    if (!check.on) {
      return null;
    }
    check.calls += 1;
    const issue = modelIssue(value);
    check.rejected += issue ? 1 : 0;
    return issue;
  };
  return Object.fromEntries(Object.entries(actual).map(([name, value]) => [name, typeof value === 'function' ? switched(value as ModelCheck.ModelCheck) : value]));
});

type Rec = Record<string, unknown>;
const NOW = new Date('2026-11-20T10:00:00Z');
const ACCOUNT_ID = '001Hn00001xYzAbIAK';
const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'salesforce', 'force-app', 'main', 'default', 'lwc', 'collectionsPanel', '__tests__', 'data', 'getSnapshot.json');

const user = (id: string, name: string): Rec => ({ attributes: { type: 'User' }, Id: id, Name: name });

/** The LWC fixture plus the record kinds it lacks: a settlement, a credit, an owner's answer, open and sales-terms tasks, notes. */
function baseSections(): Record<string, Rec> {
  const sections = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Rec>;
  const account = (sections.account as { records: Rec[] }).records[0] as Rec;
  Object.assign(account, { BillingState: 'Bavaria', BillingCity: 'Munich', Collections_Flags__c: 'Vulnerable;Nonsense' });
  account.Settlement_Offers__r = {
    totalSize: 1, done: true,
    records: [{
      attributes: { type: 'Settlement_Offer__c' }, Id: 'a06Hn00000Set01', CreatedDate: '2026-11-10T09:00:00.000+0000',
      Balance__c: 1000, Offer_Amount__c: 800.5, Currency_Code__c: 'EUR', Expires_On__c: '2026-12-01',
      Status__c: SETTLEMENT_STATUS.toSalesforce(V.SETTLEMENT_STATUSES[0]), Remainder_Treatment__c: REMAINDER_TREATMENT.toSalesforce('extinguished'),
      Invoice_Ids__c: 'a01Hn00000Inv01', Note__c: 'Agreed on the phone',
    }],
  };
  const dispute = ((account.Cases as { records: Rec[] }).records[0]) as Rec;
  Object.assign(dispute, {
    Owner_Answer__c: DISPUTE_OWNER_ANSWER.toSalesforce(V.DISPUTE_OWNER_ANSWERS[0]), Owner_Answer_Note__c: 'Price was agreed',
    Credit_Note_Amount__c: 95, Owner_Answered_At__c: '2026-11-18T08:00:00.000+0000', Escalated_At__c: '2026-11-19T08:00:00.000+0000', Dispute_Resolution__c: null,
  });
  const tasks = account.Tasks as { records: Rec[] };
  const task = tasks.records[0] as Rec;
  tasks.records.push(
    { ...task, Id: '00THn00000Tsk02', Status: 'Not Started', ActivityDate: '2026-11-25', Subject: 'Call back about the PO' },
    { ...task, Id: '00THn00000Tsk03', Subject: 'Payment terms: net 60 agreed', Collections_Channel__c: null, TaskSubtype: 'Task' },
    { ...task, Id: '00THn00000Tsk04', Collections_Channel__c: 'Email', CallDurationInSeconds: null },
  );
  const payments = sections.payments as { records: Rec[] };
  payments.records.push({ ...(payments.records[0] as Rec), Id: 'a02Hn00000Pay02', Type__c: 'Credit Note', Amount__c: 50 });
  sections.notes = {
    totalSize: 1, done: true,
    records: [{
      attributes: { type: 'ContentDocumentLink' }, Id: '06AHn00000Lnk01', ContentDocumentId: '069Hn00000Doc01',
      ContentDocument: { attributes: { type: 'ContentDocument' }, Title: 'Spoke with AP', CreatedDate: '2026-11-12T12:00:00.000+0000', CreatedBy: user('005Hn00000AbCdE', 'Maria Keller') },
    }],
  };
  return sections;
}

/** Bad and odd values a field may hold in a raw record (JSON values: Apex and REST both send JSON). */
const MUTATIONS: readonly unknown[] = [
  undefined, null, '', '   ', true, false, 0, -1, -0.5, 0.001, 1.005, 12.345, 3, 2 ** 53, 1e21, -1e21, Number.MAX_VALUE,
  '-1', '1.5', '  7  ', '1e3', 'abc', 'x'.repeat(300), '<b>bold</b>',
  'EUR', 'eur', 'JPY', 'BHD', 'XXX', 'XAU', 'ABCD',
  '2026-11-20', '2026-02-30', '2024-02-29', '2026-13-01', '0050-06-01', '0000-01-01', '9999-12-31', '20261120',
  '2026-11-20T10:15:00.000+0000', '2026-11-20T10:15:00Z', '0001-01-01T00:00:00.000+0000', '0001-01-02T10:00:00Z', '0500-06-01T12:00:00Z', '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.000-0500', '9999-12-31T23:00:00.000+0000', '2026-11-20T25:00:00Z', '2026-11-20 10:15',
  '001Hn00001xYzAbIAK', '001Hn00001xYzAbIAA', '001Hn00001xYzAb', 'a01Hn00000Inv01;not an id',
  'Open', 'Paid', 'Pending', 'Broken', 'Call', 'Inbound', 'Vulnerable', 'Asia/Kolkata', 'Mars/Olympus',
  {}, [], { records: [] }, { records: [{}] }, { Id: null }, { Id: '005Hn00000AbCdE', Name: 7 },
];

/** Every place a record field lives: [record, key], walking records, child lists and related objects. */
function fieldSlots(value: unknown, out: [Rec, string][] = []): [Rec, string][] {
  if (Array.isArray(value)) {
    value.forEach((item) => fieldSlots(item, out));
  } else if (value && typeof value === 'object') {
    const rec = value as Rec;
    const isRecord = 'attributes' in rec || 'Id' in rec;
    for (const key of Object.keys(rec)) {
      if (key === 'attributes') {
        continue;
      }
      if (isRecord) {
        out.push([rec, key]);
      }
      fieldSlots(rec[key], out);
    }
  }
  return out;
}

type Outcome = { snapshot: unknown } | { error: string };

function mapWithCheck(on: boolean, json: string): Outcome {
  check.on = on;
  try {
    return { snapshot: mapSnapshot(LIGHTNING_MAPPING, apexSnapshotToComposite(json, { id: ACCOUNT_ID }), { now: NOW }) };
  } catch (error) {
    return { error: error instanceof ConnectorError ? `${error.kind}: ${error.userMessage}` : String(error) };
  }
}

/** Each section's field slots as (path for the message, mutate-and-serialise). */
function mutatedAnswers(section: string): { where: string; json: string }[] {
  const answers: { where: string; json: string }[] = [];
  const slots = fieldSlots(baseSections()[section]);
  slots.forEach((_slot, index) => {
    for (const mutation of MUTATIONS) {
      const sections = baseSections();
      const [rec, key] = fieldSlots(sections[section])[index] as [Rec, string];
      if (mutation === undefined) {
        delete rec[key];
      } else {
        rec[key] = mutation;
      }
      answers.push({ where: `${section} ${String(rec.Id ?? '')}.${key} = ${JSON.stringify(mutation) ?? 'missing'}`, json: JSON.stringify(sections) });
    }
  });
  return answers;
}

describe('the converters enforce the domain model on their own (model check ON = OFF)', () => {
  it('maps the completed fixture to the same snapshot, with every record kind present', () => {
    const json = JSON.stringify(baseSections());
    const on = mapWithCheck(true, json);
    expect(mapWithCheck(false, json)).toEqual(on);
    // The walk reaches the nested records and related objects too (contacts, instalments, dispute lines, owners…).
    expect(fieldSlots(JSON.parse(json)).length).toBeGreaterThan(200);
    const snapshot = (on as { snapshot: Rec }).snapshot;
    for (const list of ['contacts', 'invoices', 'payments', 'credits', 'promises', 'plans', 'settlements', 'disputes', 'activities', 'followUps']) {
      expect(snapshot[list], list).not.toHaveLength(0);
    }
  });

  it.each(['account', 'invoices', 'payments', 'notes', 'ctx'])('gives the same value or the same quarantine note for every mutated field of %s', (section) => {
    const differences: string[] = [];
    const [callsBefore, rejectedBefore] = [check.calls, check.rejected];
    for (const { where, json } of mutatedAnswers(section)) {
      const on = mapWithCheck(true, json);
      const off = mapWithCheck(false, json);
      if (JSON.stringify(on) !== JSON.stringify(off)) {
        const notes = (o: Outcome): unknown => ('snapshot' in o ? (o.snapshot as Rec).dataQuality : o.error);
        differences.push(`${where}\n  with the model check: ${JSON.stringify(notes(on))}\n  converters alone:     ${JSON.stringify(notes(off))}`);
      }
    }
    expect(differences.slice(0, 10).join('\n')).toBe('');
    // The check ran and found nothing to add (a mock that never ran would pass the comparison trivially).
    expect(check.calls - callsBefore).toBeGreaterThan(0);
    expect(check.rejected - rejectedBefore).toBe(0);
  }, 120_000);

  it('is a check that can fail: the model check still rejects what a converter lets through', async () => {
    const { planIssue } = await vi.importActual<typeof ModelCheck>('./model-check');
    expect(planIssue({ id: 'a', status: 'active', frequency: 'monthly', total: { amountMinor: 1, currency: 'EUR' }, instalments: [], invoiceIds: [], createdOn: '2026-02-30' }))
      .toMatchObject({ field: 'createdOn' });
  });
});
