/**
 * Calls and other contact attempts → Task. Calls use Salesforce's call fields (TaskSubtype 'Call',
 * CallType, CallDisposition, CallDurationInSeconds); emails, SMS, visits and letters are Tasks with
 * our `Collections_Channel__c`. Tasks have no external id, so idempotency is "query by
 * Idempotency_Key__c before re-sending a write whose outcome is unknown" (see rest-port.ts).
 */
import type { LogActivityInput, LogCallInput } from '../../port';
import type { MappingConfig } from '../mapping/schema';
import { CALL_DISPOSITION_LABELS } from '../../domain/vocabulary';
import { select, soqlString } from '../soql';
import { dayInZone } from '../values';

const CHANNEL_VALUES = { call: 'Call', email: 'Email', sms: 'SMS', visit: 'Visit', letter: 'Letter' } as const;

export interface ActivityWriteContext {
  /** Zone for the calendar day of `occurredAt` (ActivityDate has no time). */
  timeZone: string;
}

function collectionsFields(mapping: MappingConfig, input: { idempotencyKey: string; conversation: boolean; complianceOverride: string | null; occurredAt: string }, channel: string): Record<string, unknown> {
  const f = mapping.activity.fields;
  const record: Record<string, unknown> = { [f.idempotencyKey]: input.idempotencyKey };
  if (f.channel) {
    record[f.channel] = channel;
  }
  if (f.conversation) {
    record[f.conversation] = input.conversation;
  }
  if (f.complianceOverride) {
    record[f.complianceOverride] = input.complianceOverride;
  }
  if (f.occurredAt) {
    record[f.occurredAt] = input.occurredAt;
  }
  return record;
}

function withInvoices(text: string, invoiceIds: readonly string[]): string {
  return invoiceIds.length > 0 ? `${text}${text ? '\n\n' : ''}Invoices: ${invoiceIds.join(', ')}` : text;
}

/** Task fields for a logged call. */
export function callTaskRecord(mapping: MappingConfig, input: LogCallInput, context: ActivityWriteContext): Record<string, unknown> {
  const disposition = CALL_DISPOSITION_LABELS[input.disposition];
  return {
    Subject: `Call: ${disposition}`,
    // As Salesforce's own "Log a Call" writes it: Type and TaskSubtype 'Call' (issue 17).
    Type: 'Call',
    TaskSubtype: 'Call',
    Status: 'Completed',
    CallType: input.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallDisposition: disposition,
    CallDurationInSeconds: input.durationSeconds,
    WhoId: input.contactId,
    WhatId: input.accountId,
    // The call's own day: an agreed follow-up is its own open Task (followUpTaskRecord), not this one's date.
    ActivityDate: dayInZone(input.occurredAt, context.timeZone),
    Description: withInvoices(input.notes, input.invoiceIds),
    ...collectionsFields(mapping, input, CHANNEL_VALUES.call),
  };
}

/**
 * The follow-up's own key: the call's key with a suffix, kept within the 80-character key field.
 * The follow-up is created in the call's transaction, so the call's unique receipt also stops a duplicate follow-up.
 */
export function followUpKey(callKey: string): string {
  return `${callKey.slice(0, 77)}-fu`;
}

/**
 * The open Task a call's agreed follow-up becomes (issue 17): due that day, on the collector's task
 * list (owner = the user who logs the call, Salesforce's default), about the same contact and
 * account. Not a contact attempt: no channel, so it is not in the timeline or the contact caps.
 * Null when no follow-up was agreed.
 */
export function followUpTaskRecord(mapping: MappingConfig, input: LogCallInput): Record<string, unknown> | null {
  if (input.followUpDate === null) {
    return null;
  }
  return {
    Subject: `Follow up: ${CALL_DISPOSITION_LABELS[input.disposition]}`,
    TaskSubtype: 'Task',
    Status: 'Not Started',
    Priority: 'Normal',
    WhoId: input.contactId,
    WhatId: input.accountId,
    ActivityDate: input.followUpDate,
    Description: input.notes.slice(0, 32_000),
    [mapping.activity.fields.idempotencyKey]: followUpKey(input.idempotencyKey),
  };
}

/** Task fields for an email, SMS, visit or letter. */
export function activityTaskRecord(mapping: MappingConfig, input: LogActivityInput, context: ActivityWriteContext): Record<string, unknown> {
  const record: Record<string, unknown> = {
    Subject: input.subject || `${CHANNEL_VALUES[input.kind]}`,
    TaskSubtype: 'Task',
    Status: 'Completed',
    WhoId: input.contactId,
    WhatId: input.accountId,
    ActivityDate: input.followUpDate ?? dayInZone(input.occurredAt, context.timeZone),
    Description: input.body,
    ...collectionsFields(mapping, input, CHANNEL_VALUES[input.kind]),
  };
  if (mapping.activity.fields.visitOutcome && input.outcome !== null) {
    record[mapping.activity.fields.visitOutcome] = input.outcome;
  }
  return record;
}

/** SOQL finding a Task already written with this key. */
export function taskByKeyQuery(mapping: MappingConfig, key: string): string {
  return select({ fields: ['Id'], from: 'Task', where: [`${mapping.activity.fields.idempotencyKey} = ${soqlString(key)}`], limit: 1 });
}
