/**
 * The sales owner's side of disputes for the Collections_Disputes Lightning tab, over Apex (issue 19,
 * decision 0022): an LWC may not call the REST API, so `CollectionsDisputesController` runs the REST
 * connector's own owner query for the signed-in user and writes the same Case fields. Here the rows
 * are read by the connector's mapping (mapOwnerDisputes, product preset: one definition of a dispute)
 * and the answer is checked by the connector's own rules (checkAnswerInput) before Apex is called;
 * Apex re-checks against the Case and writes once per key.
 */
import { ConnectorError } from '../../connector/errors';
import { AnswerDisputeInputSchema } from '../../connector/port';
import type { AnswerDisputeInput, DisputeOwnerPort, OwnerDisputeList, WriteResult } from '../../connector/port';
import { checkAnswerInput, mapOwnerDisputes } from '../../connector/salesforce/disputes/owner';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import { amountForSalesforce } from '../../connector/salesforce/values';

/** The LWC's Apex calls by method name; each resolves the controller's JSON text. */
export type DisputesApexCall = (method: 'getOwnerDisputes' | 'answerDispute', params: Record<string, unknown>) => Promise<string>;

/** An Apex failure (AuraHandledException: `{ body: { message } }`) as a connector error in its own words. */
function fromApex(error: unknown): ConnectorError {
  const message = (error as { body?: { message?: unknown } })?.body?.message;
  return typeof message === 'string' && message !== ''
    ? new ConnectorError({ kind: 'validation', userMessage: message, detail: message })
    : new ConnectorError({ kind: 'unknown', detail: error instanceof Error ? error.message : String(error) });
}

export function createApexDisputesPort(call: DisputesApexCall): DisputeOwnerPort {
  const mapping = productPreset('USD');
  return {
    async listDisputesForOwner(userId: string): Promise<OwnerDisputeList> {
      let text: string;
      try {
        text = await call('getOwnerDisputes', {});
      } catch (error) {
        throw fromApex(error);
      }
      const rows: unknown = JSON.parse(text);
      if (!Array.isArray(rows)) {
        throw new ConnectorError({ kind: 'malformed_response', detail: 'getOwnerDisputes did not answer a list' });
      }
      return mapOwnerDisputes(mapping, rows as Record<string, unknown>[], userId);
    },
    answerDispute: (input) => answerDisputeThroughApex(call, input),
  };
}

/**
 * The owner's answer through Apex `answerDispute`, checked by the connector's rules first. Also the
 * record panel's `answerDispute` (entry.ts: `CollectionsLds.answerDispute`), so the dispute row's
 * answer form writes exactly as the disputes tab does.
 */
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
