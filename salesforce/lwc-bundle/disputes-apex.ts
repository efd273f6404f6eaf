/**
 * The sales owner's side of disputes for the Collections_Disputes Lightning tab, over Apex (issue 19,
 * decision 0022): an LWC may not call the REST API, so `CollectionsDisputesController` runs the REST
 * connector's own owner query for the signed-in user and writes the same Case fields. Here the rows
 * are read by the connector's mapping (mapOwnerDisputes, product preset: one definition of a dispute)
 * and the answer is checked by the connector's own rules (checkAnswerInput) before Apex is called;
 * Apex re-checks against the Case and writes once per key.
 */
import { ConnectorError } from '../../connector/errors';
import type { DisputeOwnerPort, OwnerDisputeList } from '../../connector/port';
import { mapOwnerDisputes } from '../../connector/salesforce/disputes/owner';
import { productPreset } from '../../connector/salesforce/mapping/presets';
import { answerDisputeThroughApex, fromApex } from './dispute-answer-apex';
import type { DisputesApexCall } from './dispute-answer-apex';

export type { DisputesApexCall } from './dispute-answer-apex';

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
