/**
 * The port's writes, CRM-neutral: which methods write and what each takes. Adapters compile these
 * into their CRM's calls; the write-once and validation rules are written against these types once.
 */
import type {
  AddNoteInput,
  AnswerDisputeInput,
  CompleteFollowUpInput,
  DecideSettlementInput,
  LogActivityInput,
  LogCallInput,
  RaiseDisputeInput,
  RecordPromiseInput,
  RecordSettlementInput,
  SavePaymentPlanInput,
  UpdateDisputeInput,
} from '../port';

/** Input per write method of the port. */
export interface PortWriteInputs {
  logCall: LogCallInput;
  logActivity: LogActivityInput;
  addNote: AddNoteInput;
  recordPromise: RecordPromiseInput;
  savePaymentPlan: SavePaymentPlanInput;
  raiseDispute: RaiseDisputeInput;
  updateDispute: UpdateDisputeInput;
  recordSettlementOffer: RecordSettlementInput;
  decideSettlement: DecideSettlementInput;
  completeFollowUp: CompleteFollowUpInput;
}
export type PortWriteMethod = keyof PortWriteInputs;

/** What a write makes in the CRM, in neutral words (one key space per kind). */
export type WriteRecordKind = 'activity' | 'note' | 'promise' | 'plan' | 'planStatus' | 'dispute' | 'disputeUpdate' | 'settlement' | 'settlementDecision' | 'followUpDone' | 'disputeAnswer';

/**
 * A write as the neutral layer sees it: create (or update) one logical record under a key. Adapters
 * compile it into their CRM's calls (Salesforce: a composite or an external-id upsert; Apex: `save`
 * operations; the FakePort: its in-memory tables).
 */
export interface NeutralWrite<M extends PortWriteMethod = PortWriteMethod> {
  method: M;
  /** The client's idempotency key: the same key is the same logical write. */
  key: string;
  accountId: string;
  recordKind: WriteRecordKind;
  /** 'create': a new record under the key; 'update': a change of an existing record (`targetId`). */
  operation: 'create' | 'update';
  targetId: string | null;
  input: PortWriteInputs[M];
}

const RECORD_KIND: Record<PortWriteMethod, WriteRecordKind> = {
  logCall: 'activity',
  logActivity: 'activity',
  addNote: 'note',
  recordPromise: 'promise',
  savePaymentPlan: 'plan',
  raiseDispute: 'dispute',
  updateDispute: 'disputeUpdate',
  recordSettlementOffer: 'settlement',
  decideSettlement: 'settlementDecision',
  completeFollowUp: 'followUpDone',
};

/** The neutral description of a (validated) port write. */
export function describeWrite<M extends PortWriteMethod>(method: M, input: PortWriteInputs[M]): NeutralWrite<M> {
  if (method === 'savePaymentPlan') {
    const plan = input as PortWriteInputs['savePaymentPlan'];
    if (plan.planId !== null) {
      return { method, key: plan.idempotencyKey, accountId: plan.accountId, recordKind: 'planStatus', operation: 'update', targetId: plan.planId, input };
    }
  }
  if (method === 'updateDispute') {
    const update = input as PortWriteInputs['updateDispute'];
    return { method, key: update.idempotencyKey, accountId: update.accountId, recordKind: 'disputeUpdate', operation: 'update', targetId: update.disputeId, input };
  }
  if (method === 'decideSettlement') {
    const decision = input as PortWriteInputs['decideSettlement'];
    return { method, key: decision.idempotencyKey, accountId: decision.accountId, recordKind: 'settlementDecision', operation: 'update', targetId: decision.settlementId, input };
  }
  if (method === 'completeFollowUp') {
    const done = input as PortWriteInputs['completeFollowUp'];
    return { method, key: done.idempotencyKey, accountId: done.accountId, recordKind: 'followUpDone', operation: 'update', targetId: done.taskId, input };
  }
  return { method, key: input.idempotencyKey, accountId: input.accountId, recordKind: RECORD_KIND[method], operation: 'create', targetId: null, input };
}

/**
 * The sales owner's answer (DisputeOwnerPort, issue 19) as the neutral layer sees it: an update of
 * the dispute under the answer's own key (one key space, 'disputeAnswer'). Not a CollectionsPort
 * write, so the collector's outbox never replays it; adapters pass it to the same write-once layer.
 */
export interface OwnerAnswerWrite extends Omit<NeutralWrite, 'method' | 'input'> {
  method: 'answerDispute';
  input: AnswerDisputeInput;
}

/** The neutral description of the owner's answer. */
export function describeAnswerDispute(input: AnswerDisputeInput): OwnerAnswerWrite {
  return { method: 'answerDispute', key: input.idempotencyKey, accountId: input.accountId, recordKind: 'disputeAnswer', operation: 'update', targetId: input.disputeId, input };
}
