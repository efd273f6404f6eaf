/**
 * The port's writes, CRM-neutral: which methods write and what each takes. Adapters compile these
 * into their CRM's calls; the write-once and validation rules are written against these types once.
 */
import type {
  AddNoteInput,
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
}
export type PortWriteMethod = keyof PortWriteInputs;
