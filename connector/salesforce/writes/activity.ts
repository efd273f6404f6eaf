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
    TaskSubtype: 'Call',
    Status: 'Completed',
    CallType: input.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallDisposition: disposition,
    CallDurationInSeconds: input.durationSeconds,
    WhoId: input.contactId,
    WhatId: input.accountId,
    // The follow-up date when one was agreed (it shows on the collector's task list), else the call day.
    ActivityDate: input.followUpDate ?? dayInZone(input.occurredAt, context.timeZone),
    Description: withInvoices(input.notes, input.invoiceIds),
    ...collectionsFields(mapping, input, CHANNEL_VALUES.call),
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
