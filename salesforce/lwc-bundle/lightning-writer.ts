/**
 * The LWC port's writes, through the ONE write-once layer (connector/writes/write-once.ts, decision
 * 0016). The connector's builders plan each write (`planWrite`: Apex `save` operations, or an LDS
 * update); this file only says how Lightning sends one and how it finds the record a key wrote
 * (`getFreshSnapshot` of the account, the key fields its sections carry). Apex `save` inserts under
 * the unique key (decision 0017), so a second commit of a key fails with DUPLICATE_VALUE and the
 * write-once layer answers with the record found by key.
 */
import { ConnectorError } from '../../connector/errors';
import type { WriteResult } from '../../connector/port';
import { describeWrite } from '../../connector/writes/plan';
import type { NeutralWrite, PortWriteInputs, PortWriteMethod } from '../../connector/writes/plan';
import { createWriteOnce } from '../../connector/writes/write-once';
import type { OutcomeStore } from '../../connector/writes/write-once';
import { noteTitleWithMarker } from '../../connector/salesforce/writes/note-key';
import { mapSalesforceError } from '../../connector/salesforce/errors';
import { apexSnapshotToComposite, LIGHTNING_MAPPING as MAPPING, SNAPSHOT_REFS, toConnectorError, WRITE_METHODS } from './lds-adapter';
import { checkDisputeLines, checkPlanInvoices, planWrite } from './lds-writes';
import type { WritePlan } from './lds-writes';

/** The Lightning platform functions the writer calls: Apex and Lightning Data Service, nothing else. */
export interface LightningWriteBoundary {
  getFreshSnapshot(params: { recordId: string }): Promise<string>;
  save(params: { requestJson: string }): Promise<{ id: string; created: boolean }>;
  updateRecord(recordInput: { fields: Record<string, unknown> }): Promise<{ id: string }>;
}

export interface LightningWriterOptions {
  /** The user's Salesforce time zone: the calendar day of a call or a promise. */
  timeZone: string;
  now?: () => Date;
  outcomeStore?: OutcomeStore;
}

export type LightningWrite = (method: string, input: unknown) => Promise<WriteResult>;

type Row = Record<string, unknown>;

function rowsOf(value: unknown): Row[] {
  const records = (value as { records?: unknown } | null | undefined)?.records;
  return Array.isArray(records) ? (records as Row[]) : [];
}

/** The account's child rows of one relationship in a fresh snapshot (Tasks, Promises__r...). */
function accountChildren(snapshotJson: string, accountId: string, relationship: string): Row[] {
  const composite = apexSnapshotToComposite(snapshotJson, { id: accountId, objectType: 'account' });
  const account = composite.compositeResponse.find((r) => r.referenceId === SNAPSHOT_REFS.account);
  if (!account) {
    // No account section: the account is not visible (ctx found nothing), so nothing was written on it.
    return [];
  }
  if (account.httpStatusCode >= 400) {
    // Cannot tell: better to report than to risk a second write.
    throw mapSalesforceError(account.httpStatusCode, account.body, 'Lightning check by key');
  }
  return rowsOf(rowsOf(account.body)[0]?.[relationship]);
}

/** The id of the record `write` made, as the fresh snapshot of its account lists it, or null. */
export function findWrittenRecord(snapshotJson: string, write: NeutralWrite): string | null {
  const byKey = (rows: Row[], keyField: string): string | null => {
    const found = rows.find((row) => row[keyField] === write.key)?.Id;
    return typeof found === 'string' ? found : null;
  };
  switch (write.recordKind) {
    case 'activity':
      return byKey(accountChildren(snapshotJson, write.accountId, MAPPING.activity.accountRelationship), MAPPING.activity.fields.idempotencyKey);
    case 'promise': {
      const p = MAPPING.promise!;
      return byKey(accountChildren(snapshotJson, write.accountId, p.accountRelationship), p.fields.idempotencyKey);
    }
    case 'plan': {
      const p = MAPPING.plan!;
      return byKey(accountChildren(snapshotJson, write.accountId, p.accountRelationship), p.fields.idempotencyKey);
    }
    case 'settlement': {
      const s = MAPPING.settlement!;
      return byKey(accountChildren(snapshotJson, write.accountId, s.accountRelationship), s.fields.idempotencyKey);
    }
    case 'dispute': {
      const d = MAPPING.dispute!;
      return byKey(accountChildren(snapshotJson, write.accountId, d.accountRelationship), d.fields.idempotencyKey);
    }
    case 'note': {
      const input = write.input as PortWriteInputs['addNote'];
      const title = noteTitleWithMarker(input.title, input.idempotencyKey);
      const composite = apexSnapshotToComposite(snapshotJson, { id: write.accountId, objectType: 'account' });
      const notes = composite.compositeResponse.find((r) => r.referenceId === SNAPSHOT_REFS.notes);
      const found = rowsOf(notes?.body).find((row) => (row.ContentDocument as Row | undefined)?.Title === title)?.ContentDocumentId;
      return typeof found === 'string' ? found : null;
    }
    default:
      return null;
  }
}

/** The writer behind every write method of the LWC port. */
export function createLightningWriter(platform: LightningWriteBoundary, options: LightningWriterOptions): LightningWrite {
  const plans = new WeakMap<NeutralWrite, WritePlan>();
  const writeOnce = createWriteOnce({
    async findByKey(write) {
      let json: string;
      try {
        json = await platform.getFreshSnapshot({ recordId: write.accountId });
      } catch (error) {
        throw toConnectorError(error);
      }
      return findWrittenRecord(json, write);
    },
    async send(write) {
      const plan = plans.get(write);
      if (!plan) {
        throw new ConnectorError({ kind: 'unknown', detail: 'write without its plan' });
      }
      try {
        if (plan.via === 'lds-update') {
          const record = await platform.updateRecord(plan.recordInput);
          return { id: record.id, created: false };
        }
        if (plan.checkDisputeLines) {
          // Each line within its invoice's balance and in its currency, as the server has them now.
          checkDisputeLines(await platform.getFreshSnapshot({ recordId: plan.checkDisputeLines.accountId }), plan.checkDisputeLines);
        }
        if (plan.checkPlanInvoices) {
          // A new plan's total within its invoices' open balance, as the server has them now.
          checkPlanInvoices(await platform.getFreshSnapshot({ recordId: plan.checkPlanInvoices.accountId }), plan.checkPlanInvoices);
        }
        const result = await platform.save({ requestJson: plan.requestJson });
        return { id: result.id, created: result.created };
      } catch (error) {
        throw toConnectorError(error);
      }
    },
  }, options.outcomeStore ? { outcomeStore: options.outcomeStore } : {});

  return async (method, input) => {
    if (!(WRITE_METHODS as readonly string[]).includes(method)) {
      throw new ConnectorError({ kind: 'invalid_input', fields: ['method'], detail: `unknown write ${method}` });
    }
    // Validates (schema, ids, the write rules) and plans before anything is sent.
    const plan = planWrite(method, input, { timeZone: options.timeZone, ...(options.now ? { now: options.now() } : {}) });
    const write = describeWrite(method as PortWriteMethod, input as never) as NeutralWrite;
    plans.set(write, plan);
    return writeOnce(write);
  };
}
