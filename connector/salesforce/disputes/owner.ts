/**
 * The sales owner's side of disputes on Salesforce (issue 19, decision 0022): the disputes waiting
 * for a user (Cases of the dispute type owned by them, or escalated to them as the owner's manager)
 * in ONE query, and the owner's answer as ONE Case update carrying the answer's own unique key
 * (`Owner_Answer_Key__c`), so the write-once layer finds an answer that already committed.
 * Records are mapped by the snapshot's own mappers (createRecordMapper): one definition of a dispute.
 */
import { ConnectorError } from '../../errors';
import { ACTIVE_DISPUTE_STATUSES } from '../../domain/disputes';
import type { AnswerDisputeInput, OwnerDispute, OwnerDisputeList } from '../../port';
import { mappedFields } from '../mapping/schema';
import type { MappingConfig } from '../mapping/schema';
import { DISPUTE_OWNER_ANSWER, DISPUTE_STATUS } from '../picklists';
import { createRecordMapper } from '../snapshot/map';
import { select, soqlId, soqlString } from '../soql';
import { amountForSalesforce, toMinorUnits } from '../values';

/** The most disputes one list shows (oldest SLA first); a longer list says so in a data-quality note. */
export const OWNER_DISPUTES_LIMIT = 200;

type DisputeMapping = NonNullable<MappingConfig['dispute']>;
const OWNER_FIELDS = ['ownerAnswer', 'ownerAnswerNote', 'creditNoteAmount', 'ownerAnsweredAt', 'ownerAnswerKey'] as const;
/** A dispute mapping whose owner's-answer fields are all set. */
export type OwnerDisputeMapping = DisputeMapping & { fields: DisputeMapping['fields'] & Record<(typeof OWNER_FIELDS)[number], string> };

/** The dispute mapping with the owner's fields, or a configuration error naming what is missing. */
export function ownerMapping(mapping: MappingConfig): OwnerDisputeMapping {
  const d = mapping.dispute;
  if (!d) {
    throw new ConnectorError({ kind: 'configuration', userMessage: 'Disputes are not set up in this org.' });
  }
  const f = d.fields;
  const missing = OWNER_FIELDS.filter((k) => !f[k]);
  if (missing.length > 0) {
    throw new ConnectorError({ kind: 'configuration', userMessage: "The sales owner's answer fields are not set up in this org.", detail: `mapping.dispute.fields.${missing.join(', ')} not set` });
  }
  return d as OwnerDisputeMapping;
}

/** SOQL conditions: Cases of the dispute type in an active status (the owner's list and the SLA sweep). */
export function activeDisputeWhere(d: DisputeMapping): string[] {
  const active = ACTIVE_DISPUTE_STATUSES.map((s) => soqlString(DISPUTE_STATUS.toSalesforce(s))).join(', ');
  return [`Type = ${soqlString(d.caseType)}`, `${d.fields.status} IN (${active})`];
}

/** SOQL: active disputes owned by `userId` or escalated to them, SLA date first, with lines and account. */
export function ownerDisputesQuery(mapping: MappingConfig, userId: string): string {
  const d = ownerMapping(mapping);
  const lines = select({ fields: ['Id', ...mappedFields(d.line.fields)], from: d.line.caseRelationship, limit: 200 });
  const mine = d.fields.escalatedTo ? `(OwnerId = ${soqlId(userId)} OR ${d.fields.escalatedTo} = ${soqlId(userId)})` : `OwnerId = ${soqlId(userId)}`;
  return select({
    fields: [
      'Id', 'CaseNumber', 'Subject', 'Description', 'ContactId', 'CreatedDate', 'OwnerId', 'Owner.Id', 'Owner.Name', 'AccountId',
      ...['Id', ...mappedFields(mapping.account.fields)].map((f) => `Account.${f}`),
      ...mappedFields(d.fields),
      `(${lines})`,
    ],
    from: 'Case',
    where: [...activeDisputeWhere(d), mine],
    orderBy: `${d.fields.slaDueDate} ASC`,
    limit: OWNER_DISPUTES_LIMIT + 1,
  });
}

/** Query rows → the list; a row that does not map is left out with a data-quality note. */
export function mapOwnerDisputes(mapping: MappingConfig, rows: readonly Record<string, unknown>[], userId: string): OwnerDisputeList {
  const d = ownerMapping(mapping);
  const mapper = createRecordMapper(mapping);
  const items: OwnerDispute[] = [];
  for (const row of rows.slice(0, OWNER_DISPUTES_LIMIT)) {
    const accountRec = (row.Account ?? null) as Record<string, unknown> | null;
    const account = accountRec ? mapper.account({ ...accountRec, Id: accountRec.Id ?? row.AccountId }) : null;
    if (!account) {
      continue;
    }
    const dispute = mapper.dispute(row, account.timeZone ?? null, account.currency);
    if (!dispute) {
      continue;
    }
    items.push({
      dispute,
      account: { id: account.id, name: account.name, country: account.country ?? null, currency: account.currency, zone: account.timeZone ?? null },
      escalatedToMe: row.OwnerId !== userId && !!d.fields.escalatedTo && row[d.fields.escalatedTo] === userId,
    });
  }
  const dataQuality = mapper.drainNotes();
  if (rows.length > OWNER_DISPUTES_LIMIT) {
    dataQuality.push({ recordKind: 'dispute', recordId: null, field: null, message: `Only the ${OWNER_DISPUTES_LIMIT} disputes with the nearest SLA dates are shown.` });
  }
  return { items, dataQuality };
}

/** SOQL: the Case an answer key already wrote (write-once's findByKey). */
export function answerByKeyQuery(mapping: MappingConfig, key: string): string {
  return select({ fields: ['Id'], from: 'Case', where: [`${ownerMapping(mapping).fields.ownerAnswerKey} = ${soqlString(key)}`], limit: 1 });
}

/** SOQL: what an answer is checked against (status, disputed amount and currency of the Case). */
export function answerTargetQuery(mapping: MappingConfig, disputeId: string): string {
  const d = ownerMapping(mapping);
  return select({ fields: ['Id', 'AccountId', ...mappedFields({ status: d.fields.status, amount: d.fields.amount, currency: d.fields.currency })], from: 'Case', where: [`Id = ${soqlId(disputeId)}`, `Type = ${soqlString(d.caseType)}`], limit: 1 });
}

function invalid(field: string, userMessage: string): never {
  throw new ConnectorError({ kind: 'invalid_input', fields: [field], userMessage, detail: userMessage });
}

/** The answer's own rules (before anything is read): a reason to reject, a question for more information, an amount for a credit note. */
export function checkAnswerInput(input: AnswerDisputeInput): void {
  if (input.answer === 'credit_note') {
    if (!input.creditNote || input.creditNote.amountMinor <= 0) {
      invalid('creditNote', 'Enter the credit note amount (more than zero).');
    }
  } else if (input.creditNote !== null) {
    invalid('creditNote', 'Only a credit note answer takes an amount.');
  }
  if (input.answer === 'rejected' && input.note.trim() === '') {
    invalid('note', 'Give the reason for rejecting the dispute.');
  }
  if (input.answer === 'more_info' && input.note.trim() === '') {
    invalid('note', 'Say what information the collector should get.');
  }
}

/** Checks against the Case as it is now: still open, on this account, credit note at most the disputed amount. */
export function checkAnswerAgainstCase(mapping: MappingConfig, input: AnswerDisputeInput, record: Record<string, unknown> | undefined): void {
  const d = ownerMapping(mapping);
  if (!record || record.AccountId !== input.accountId) {
    throw new ConnectorError({ kind: 'not_found', userMessage: 'This dispute no longer exists on this account.' });
  }
  const status = DISPUTE_STATUS.toDomain(record[d.fields.status]);
  if (!status || !ACTIVE_DISPUTE_STATUSES.includes(status)) {
    throw new ConnectorError({ kind: 'validation', userMessage: 'This dispute is already closed; it can no longer be answered.' });
  }
  if (input.creditNote && d.fields.amount && record[d.fields.amount] != null) {
    const currency = (d.fields.currency ? record[d.fields.currency] : null) ?? input.creditNote.currency;
    const disputed = toMinorUnits(record[d.fields.amount], currency, 'amount');
    if (disputed.currency !== input.creditNote.currency) {
      invalid('creditNote.currency', `The credit note must be in ${disputed.currency}, the dispute's currency.`);
    }
    if (input.creditNote.amountMinor > disputed.amountMinor) {
      invalid('creditNote.amountMinor', 'The credit note cannot be more than the disputed amount.');
    }
  }
}

/** Case fields of the answer; the dispute goes (back) to 'In Review': the collector acts on the answer. */
export function answerUpdateRecord(mapping: MappingConfig, input: AnswerDisputeInput, now: Date): Record<string, unknown> {
  const f = ownerMapping(mapping).fields;
  return {
    [f.status]: DISPUTE_STATUS.toSalesforce('in_review'),
    [f.ownerAnswer]: DISPUTE_OWNER_ANSWER.toSalesforce(input.answer),
    [f.ownerAnswerNote]: input.note.trim() === '' ? null : input.note,
    [f.creditNoteAmount]: input.creditNote ? amountForSalesforce(input.creditNote) : null,
    [f.ownerAnsweredAt]: now.toISOString(),
    [f.ownerAnswerKey]: input.idempotencyKey,
  };
}
