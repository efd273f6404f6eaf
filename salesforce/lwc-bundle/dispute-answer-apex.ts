/**
 * The owner's answer to a dispute through Apex `answerDispute` (issue 19, decision 0022), checked by
 * the connector's rules first: the Collections_Disputes tab's call (disputes-apex.ts) and the record
 * panel's (forms-entry.ts: `CollectionsLdsAfterPaint.answerDispute`, loaded after paint, decision 0026),
 * so the dispute row's answer form writes exactly as the disputes tab does. Apart from the tab's port
 * so the panel's write path does not carry the tab's mapping preset.
 */
import { ConnectorError } from '../../connector/errors';
import { AnswerDisputeInputSchema } from '../../connector/port';
import type { AnswerDisputeInput, WriteResult } from '../../connector/port';
import { checkAnswerInput } from '../../connector/salesforce/disputes/owner';
import { amountForSalesforce } from '../../connector/salesforce/values';

/** The LWC's Apex calls by method name; each resolves the controller's JSON text. */
export type DisputesApexCall = (method: 'getOwnerDisputes' | 'answerDispute', params: Record<string, unknown>) => Promise<string>;

/** An Apex failure (AuraHandledException: `{ body: { message } }`) as a connector error in its own words. */
export function fromApex(error: unknown): ConnectorError {
  const message = (error as { body?: { message?: unknown } })?.body?.message;
  return typeof message === 'string' && message !== ''
    ? new ConnectorError({ kind: 'validation', userMessage: message, detail: message })
    : new ConnectorError({ kind: 'unknown', detail: error instanceof Error ? error.message : String(error) });
}

/** The owner's answer through Apex `answerDispute`, checked by the connector's rules first. */
export async function answerDisputeThroughApex(call: DisputesApexCall, input: AnswerDisputeInput): Promise<WriteResult> {
  const parsed = AnswerDisputeInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnectorError({ kind: 'invalid_input', detail: 'answerDispute: the answer is not valid' });
  }
  const valid = parsed.data;
  checkAnswerInput(valid);
  let text: string;
  try {
    text = await call('answerDispute', {
      idempotencyKey: valid.idempotencyKey,
      accountId: valid.accountId,
      disputeId: valid.disputeId,
      answer: valid.answer,
      creditNote: valid.creditNote ? amountForSalesforce(valid.creditNote) : null,
      creditNoteCurrency: valid.creditNote?.currency ?? null,
      note: valid.note,
    });
  } catch (error) {
    throw fromApex(error);
  }
  const answer = JSON.parse(text) as { id?: unknown; created?: unknown };
  if (typeof answer.id !== 'string' || typeof answer.created !== 'boolean') {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'answerDispute did not answer { id, created }' });
  }
  return { id: answer.id, created: answer.created };
}
