import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors';
import { IDS } from '../../../test/contract/dataset';
import { productPreset } from '../mapping/presets';
import { MappingConfigSchema } from '../mapping/schema';
import { amountForSalesforce, fromMinorUnits } from '../values';
import { activityTaskRecord, callTaskRecord, followUpKey, followUpTaskRecord, taskByKeyQuery } from './activity';
import { noteTitleWithMarker, noteTitleWithoutMarker } from './note-key';
import { base64Utf8, noteByKeyQuery, noteComposite, noteContent } from './note';
import { childKey, disputeComposite, disputeUpdateRecord, PLAN_INSTALMENTS_REF, PLAN_MAX_INSTALMENTS, planComposite, promiseRecord, settlementRecord } from './records';

const mapping = productPreset('INR');
const V = '/services/data/v66.0';
const decode = (b64: string): string => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
const inr = (amountMinor: number): { amountMinor: number; currency: string } => ({ amountMinor, currency: 'INR' });

describe('activity writes', () => {
  const call = {
    idempotencyKey: 'call-key-0001', accountId: IDS.account, contactId: IDS.contactAp, direction: 'inbound' as const, disposition: 'left_voicemail' as const,
    conversation: false, durationSeconds: 42, occurredAt: '2026-11-20T20:00:00.000Z', notes: 'Left a message', followUpDate: null, invoiceIds: [IDS.invoices[0]], complianceOverride: 'Called at 21:30 local: customer asked',
  };

  it('maps a call to a completed call Task with the call date in the collector zone', () => {
    const record = callTaskRecord(mapping, call, { timeZone: 'Asia/Kolkata' });
    expect(record).toMatchObject({
      TaskSubtype: 'Call', Status: 'Completed', CallType: 'Inbound', CallDisposition: 'Left voicemail', CallDurationInSeconds: 42,
      WhoId: IDS.contactAp, WhatId: IDS.account, ActivityDate: '2026-11-21', Subject: 'Call: Left voicemail',
      Collections_Channel__c: 'Call', Conversation__c: false, Compliance_Override__c: call.complianceOverride, Occurred_At__c: call.occurredAt, Idempotency_Key__c: 'call-key-0001',
    });
    expect(record.Description).toBe(`Left a message\n\nInvoices: ${IDS.invoices[0]}`);
    // The call keeps its own day; the follow-up is its own open Task (issue 17).
    expect(callTaskRecord(mapping, { ...call, followUpDate: '2026-12-01' }, { timeZone: 'UTC' }).ActivityDate).toBe('2026-11-20');
    expect(callTaskRecord(mapping, call, { timeZone: 'America/New_York' }).ActivityDate).toBe('2026-11-20');
  });

  it('turns an agreed follow-up into an open Task due that day, with its own key, outside the contact history', () => {
    expect(followUpTaskRecord(mapping, call)).toBeNull();
    expect(followUpTaskRecord(mapping, { ...call, followUpDate: '2026-12-01' })).toEqual({
      Subject: 'Follow up: Left voicemail', TaskSubtype: 'Task', Status: 'Not Started', Priority: 'Normal',
      WhoId: IDS.contactAp, WhatId: IDS.account, ActivityDate: '2026-12-01', Description: 'Left a message', Idempotency_Key__c: 'call-key-0001-fu',
    });
    expect(followUpKey('k'.repeat(80))).toHaveLength(80);
  });

  it('maps other contacts to Tasks with the collections channel', () => {
    const record = activityTaskRecord(mapping, {
      idempotencyKey: 'sms-key-0001', accountId: IDS.account, kind: 'sms', contactId: null, occurredAt: '2026-11-20T05:00:00.000Z', subject: 'Reminder',
      body: 'Your payment is due', outcome: null, conversation: false, followUpDate: null, complianceOverride: null,
    }, { timeZone: 'UTC' });
    expect(record).toMatchObject({ TaskSubtype: 'Task', Status: 'Completed', Collections_Channel__c: 'SMS', WhoId: null, WhatId: IDS.account, ActivityDate: '2026-11-20' });
    expect(record).not.toHaveProperty('Visit_Outcome__c');
  });

  it('finds a Task by key with an escaped literal', () => {
    expect(taskByKeyQuery(mapping, "k'1")).toBe("SELECT Id FROM Task WHERE Idempotency_Key__c = 'k\\'1' LIMIT 1");
  });
});

describe('note writes', () => {
  it('HTML-escapes plain text and base64-encodes UTF-8 (no Buffer)', () => {
    const content = noteContent('₹ 5,000 <script>alert(1)</script>\nSecond "line" & more');
    expect(decode(content)).toBe('<p>₹ 5,000 &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second &quot;line&quot; &amp; more</p>');
    expect(decode(base64Utf8('x'.repeat(70_000)))).toHaveLength(70_000);
  });

  it('keeps the key marker in a ≤255-char title and strips it for display', () => {
    const key = 'k'.repeat(80);
    const title = noteTitleWithMarker('T'.repeat(300), key);
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title.endsWith(` [#${key}]`)).toBe(true);
    expect(noteTitleWithoutMarker(noteTitleWithMarker('Call notes', 'abc-12345'))).toBe('Call notes');
    expect(noteTitleWithoutMarker('No marker [#x]')).toBe('No marker [#x]');
  });

  it('creates ContentNote + ContentDocumentLink(@{note.id}) atomically', () => {
    const input = { idempotencyKey: 'note-key-0001', accountId: IDS.account, title: 'Visit', body: 'ok' };
    const request = noteComposite(input, V);
    expect(request.allOrNone).toBe(true);
    expect(request.compositeRequest.map((s) => [s.method, s.url, s.referenceId])).toEqual([
      ['POST', `${V}/sobjects/ContentNote`, 'note'],
      ['POST', `${V}/sobjects/ContentDocumentLink`, 'link'],
    ]);
    expect(request.compositeRequest[1]?.body).toMatchObject({ ContentDocumentId: '@{note.id}', LinkedEntityId: IDS.account });
    expect(noteByKeyQuery(input)).toContain("ContentDocument.Title = 'Visit [#note-key-0001]'");
  });
});

describe('keyed record writes', () => {
  const plan = {
    idempotencyKey: 'plan-key-0001', accountId: IDS.account, planId: null, status: 'proposed' as const, frequency: 'biweekly' as const, total: inr(30_001),
    downPayment: inr(10_001), invoiceIds: [IDS.invoices[2]],
    instalments: [
      { sequence: 0, dueDate: '2026-11-21', amount: inr(10_001), paidAmount: inr(0), status: 'scheduled' as const },
      { sequence: 1, dueDate: '2026-12-05', amount: inr(10_000), paidAmount: inr(0), status: 'scheduled' as const },
      { sequence: 2, dueDate: '2026-12-19', amount: inr(10_000), paidAmount: inr(0), status: 'scheduled' as const },
    ],
  };

  it('inserts the plan carrying its unique key and ALL instalments in ONE sObject Collections create inside one allOrNone composite', () => {
    const request = planComposite(mapping, plan, V, '2026-11-20');
    expect(request.allOrNone).toBe(true);
    expect(request.compositeRequest).toHaveLength(2);
    const [head, collection] = request.compositeRequest;
    expect(head).toMatchObject({ method: 'POST', referenceId: 'plan', url: `${V}/sobjects/Payment_Plan__c`, body: { Idempotency_Key__c: 'plan-key-0001' } });
    expect(head?.body).toMatchObject({ Account__c: IDS.account, Status__c: 'Proposed', Frequency__c: 'Biweekly', Total_Amount__c: 300.01, Down_Payment__c: 100.01, Start_Date__c: '2026-11-20' });
    expect(collection).toMatchObject({ method: 'POST', referenceId: PLAN_INSTALMENTS_REF, url: `${V}/composite/sobjects` });
    const body = collection?.body as { allOrNone: boolean; records: Record<string, unknown>[] };
    expect(body.allOrNone).toBe(true);
    expect(body.records).toEqual([0, 1, 2].map((n) => ({
      attributes: { type: 'Plan_Instalment__c' },
      Payment_Plan__c: '@{plan.id}',
      Sequence__c: n,
      Due_Date__c: plan.instalments[n]?.dueDate,
      Amount__c: n === 0 ? 100.01 : 100,
      Paid_Amount__c: 0,
      Currency_Code__c: 'INR',
      Status__c: 'Scheduled',
      Idempotency_Key__c: `plan-key-0001-${n}`,
    })));
  });

  it('fits 200 instalments in the one composite and refuses 201 with a clear invalid_input', () => {
    const schedule = (count: number): typeof plan.instalments => Array.from({ length: count }, (_, i) => ({
      sequence: i + 1, dueDate: '2027-01-01', amount: inr(1), paidAmount: inr(0), status: 'scheduled' as const,
    }));
    const ok = planComposite(mapping, { ...plan, total: inr(PLAN_MAX_INSTALMENTS), downPayment: null, instalments: schedule(PLAN_MAX_INSTALMENTS) }, V, '2026-11-20');
    expect(PLAN_MAX_INSTALMENTS).toBe(200);
    expect(ok.compositeRequest).toHaveLength(2);
    expect((ok.compositeRequest[1]?.body as { records: unknown[] }).records).toHaveLength(200);
    let error: unknown;
    try {
      planComposite(mapping, { ...plan, total: inr(201), downPayment: null, instalments: schedule(201) }, V, '2026-11-20');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'invalid_input', fields: ['instalments'] });
    expect((error as ConnectorError).userMessage).toContain('at most 200 instalments');
  });

  it('refuses a schedule that does not sum to the total, or repeats a sequence', () => {
    const kind = (fn: () => unknown): string | null => {
      try {
        fn();
        return null;
      } catch (error) {
        return (error as ConnectorError).kind;
      }
    };
    expect(kind(() => planComposite(mapping, { ...plan, total: inr(30_000) }, V, '2026-11-20'))).toBe('invalid_input');
    const repeated = plan.instalments.map((x) => ({ ...x, sequence: 1 }));
    expect(kind(() => planComposite(mapping, { ...plan, instalments: repeated }, V, '2026-11-20'))).toBe('invalid_input');
    expect(childKey('k'.repeat(80), 12)).toHaveLength(80);
    expect(childKey('k'.repeat(80), 12).endsWith('-12')).toBe(true);
  });

  it('routes a dispute Case to the account owner read inside the same composite, one line per invoice', () => {
    const request = disputeComposite(mapping, {
      idempotencyKey: 'dsp-key-0001', accountId: IDS.account, contactId: null, reason: 'duplicate_billing', evidence: 'Billed twice', slaDueDate: '2026-12-01',
      lines: [{ invoiceId: IDS.invoices[0], amount: inr(1_000) }, { invoiceId: IDS.invoices[1], amount: inr(2_550) }],
    }, V);
    expect(request.allOrNone).toBe(true);
    expect(request.compositeRequest.map((s) => s.referenceId)).toEqual(['owner', 'case', 'line_1', 'line_2']);
    expect(decodeURIComponent(request.compositeRequest[0]?.url ?? '')).toContain(`SELECT OwnerId FROM Account WHERE Id = '${IDS.account}'`);
    expect(request.compositeRequest[1]?.body).toMatchObject({
      OwnerId: '@{owner.records[0].OwnerId}', Type: 'Dispute', AccountId: IDS.account, Description: 'Billed twice', Dispute_Reason__c: 'Duplicate Billing',
      Dispute_Status__c: 'New', Disputed_Amount__c: 35.5, Dispute_Currency__c: 'INR', SLA_Due_Date__c: '2026-12-01', Subject: 'Dispute: Duplicate Billing (2 invoices)',
    });
    expect(request.compositeRequest[3]?.body).toMatchObject({ Case__c: '@{case.id}', Invoice_Ref__c: IDS.invoices[1], Amount__c: 25.5 });
    expect(request.compositeRequest[3]).toMatchObject({ method: 'POST', url: `${V}/sobjects/Dispute_Line__c`, body: { Idempotency_Key__c: 'dsp-key-0001-2' } });
  });

  it('sends Case.Origin only when the mapping names one', () => {
    const input = {
      idempotencyKey: 'dsp-key-0002', accountId: IDS.account, contactId: null, reason: 'pricing' as const, evidence: 'x', slaDueDate: '2026-12-01',
      lines: [{ invoiceId: IDS.invoices[0], amount: inr(1_000) }],
    };
    expect(disputeComposite(mapping, input, V).compositeRequest[1]?.body).not.toHaveProperty('Origin');
    const dispute = mapping.dispute as NonNullable<typeof mapping.dispute>;
    const withOrigin = { ...mapping, dispute: { ...dispute, caseOrigin: 'Collections Panel' } };
    expect(disputeComposite(withOrigin, input, V).compositeRequest[1]?.body).toMatchObject({ Origin: 'Collections Panel' });
    expect(MappingConfigSchema.safeParse(withOrigin).success).toBe(true);
    expect(MappingConfigSchema.safeParse({ ...mapping, dispute: { ...dispute, caseOrigin: '' } }).success).toBe(false);
  });

  it('closes the Case when a dispute is resolved', () => {
    expect(disputeUpdateRecord(mapping, { idempotencyKey: 'k-0000001', accountId: IDS.account, disputeId: IDS.disputeCase, status: 'resolved_rejected', resolution: null }))
      .toEqual({ Dispute_Status__c: 'Resolved - Rejected', Dispute_Resolution__c: null, Status: 'Closed' });
    expect(disputeUpdateRecord(mapping, { idempotencyKey: 'k-0000001', accountId: IDS.account, disputeId: IDS.disputeCase, status: 'in_review', resolution: null })).not.toHaveProperty('Status');
  });

  it('writes exact decimal amounts for every exponent', () => {
    expect(fromMinorUnits({ amountMinor: 2_000_050, currency: 'INR' })).toBe('20000.50');
    expect(fromMinorUnits({ amountMinor: 1_234_567, currency: 'KWD' })).toBe('1234.567');
    expect(fromMinorUnits({ amountMinor: -5, currency: 'USD' })).toBe('-0.05');
    expect(amountForSalesforce({ amountMinor: 1500, currency: 'JPY' })).toBe(1500);
    expect(amountForSalesforce({ amountMinor: 12_345, currency: 'CLF' })).toBe(1.2345);
    const record = promiseRecord(mapping, { idempotencyKey: 'ptp-key-0001', accountId: IDS.account, contactId: null, amount: inr(2_000_050), dueDate: '2026-11-28', invoiceIds: [], note: null }, '2026-11-20');
    expect(record).toMatchObject({ Amount__c: 20000.5, Currency_Code__c: 'INR', Status__c: 'Pending', Taken_On__c: '2026-11-20', Invoice_Ids__c: '' });
    expect(() => settlementRecord(mapping, {
      idempotencyKey: 'set-key-0001', accountId: IDS.account, balance: inr(100), offerAmount: { amountMinor: 90, currency: 'USD' }, expiresOn: '2026-12-01',
      invoiceIds: [], remainderTreatment: 'may_be_pursued', status: 'draft', note: null,
    })).toThrow(ConnectorError);
  });
});
