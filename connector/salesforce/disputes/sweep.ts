/**
 * The dispute SLA sweep (issue 19, decision 0022): for every open dispute the sales owner has not
 * answered, the domain says which SLA steps are due on the debtor's calendar (disputeSlaStatus on
 * the strategy's policy); each due step not yet on the Case is written in ONE allOrNone composite:
 * a Task (reminder → the owner; escalation → the owner's manager, User.ManagerId), its write receipt
 * under a key derived from the Case and the step (`sla-<caseId>-<stepId>`: a second sweep, or two at
 * once, fails on the unique key instead of duplicating), and the Case stamp (`Owner_Reminded_At__c`,
 * `Escalated_At__c` + `Escalated_To__c`) that makes the dispute show "escalated".
 */
import { ConnectorError } from '../../errors';
import { disputeSlaStatus } from '../../domain/disputes-sla/sla';
import type { CompanyCalendar } from '../../domain/disputes-sla/calendar';
import type { DisputeSlaPolicy, DisputeSlaStep } from '../../domain/strategy/dispute-sla';
import type { IsoDate } from '../../domain/model';
import { isKeyTaken } from '../../writes/write-once';
import type { SalesforceClient } from '../client';
import type { MappingConfig } from '../mapping/schema';
import { DISPUTE_REASON, DISPUTE_STATUS } from '../picklists';
import { throwIfCompositeFailed } from '../rest-port';
import { select } from '../soql';
import { dayInZone, text } from '../values';
import { withReceipt } from '../writes/receipt';
import { activeDisputeWhere, ownerMapping } from './owner';

/** One step written (or, in a dry run, that would be). */
export interface SweptStep {
  caseId: string;
  caseNumber: string | null;
  accountName: string;
  stepId: string;
  action: DisputeSlaStep['action'];
  /** Who got the Task. */
  assigneeId: string;
  slaDueDate: IsoDate;
  outcome: 'written' | 'already_written' | 'dry_run';
}

/** What the sweep did, and what it could not do (in words). */
export interface SweepResult {
  checked: number;
  steps: SweptStep[];
  problems: string[];
}

export interface SweepOptions {
  client: SalesforceClient;
  mapping: MappingConfig;
  policy: DisputeSlaPolicy;
  calendar?: CompanyCalendar;
  now: Date;
  /** The company's zone for "today" (the debtor's calendar decides business days). */
  timeZone: string;
  dryRun?: boolean;
}

const SWEEP_LIMIT = 2000;

/** SOQL: open, unanswered disputes with their owner's manager and the debtor's country. */
export function sweepQuery(mapping: MappingConfig): string {
  const d = ownerMapping(mapping);
  const f = d.fields;
  if (!f.escalatedAt || !f.escalatedTo || !f.ownerRemindedAt) {
    throw new ConnectorError({ kind: 'configuration', userMessage: 'The dispute escalation fields are not set up in this org.' });
  }
  const country = mapping.account.fields.country;
  return select({
    fields: ['Id', 'CaseNumber', 'CreatedDate', 'OwnerId', 'Owner.ManagerId', 'Account.Name', ...(country ? [`Account.${country}`] : []), f.reason, f.status, f.slaDueDate, f.ownerRemindedAt, f.escalatedAt],
    from: 'Case',
    where: [...activeDisputeWhere(d), `${f.ownerAnswer} = null`],
    orderBy: `${f.slaDueDate} ASC`,
    limit: SWEEP_LIMIT,
  });
}

/** Run the sweep once. */
export async function sweepDisputeSla(options: SweepOptions): Promise<SweepResult> {
  const { client, mapping, policy, now } = options;
  const f = ownerMapping(mapping).fields;
  const receipt = mapping.writeReceipt;
  if (!receipt) {
    throw new ConnectorError({ kind: 'configuration', userMessage: 'The write receipt object is not set up in this org; the sweep needs it to write each step once.' });
  }
  const asOf = dayInZone(now, options.timeZone);
  const rows = (await client.query(sweepQuery(mapping))).records as Record<string, unknown>[];
  const result: SweepResult = { checked: rows.length, steps: [], problems: [] };
  const countryField = mapping.account.fields.country;
  for (const row of rows) {
    const caseId = String(row.Id);
    const account = (row.Account ?? {}) as Record<string, unknown>;
    const countryValue = countryField ? text(account[countryField])?.toUpperCase() ?? null : null;
    const country = countryValue && /^[A-Z]{2}$/.test(countryValue) ? countryValue : null;
    const slaDueDate = text(row[f.slaDueDate]);
    const reason = DISPUTE_REASON.toDomain(row[f.reason]) ?? 'other';
    const status = DISPUTE_STATUS.toDomain(row[f.status]);
    if (!slaDueDate || !status) {
      result.problems.push(`Dispute ${text(row.CaseNumber) ?? caseId} has no SLA date or status; skipped.`);
      continue;
    }
    const sla = disputeSlaStatus(
      { openedOn: typeof row.CreatedDate === 'string' ? dayInZone(row.CreatedDate, options.timeZone) : slaDueDate, reason, status, slaDueDate },
      { policy, country, ...(options.calendar ? { calendar: options.calendar } : {}), asOf },
    );
    for (const { step } of sla.dueSteps) {
      const escalation = step.action === 'escalate_owner_manager';
      const stamped = escalation ? row[f.escalatedAt as string] : row[f.ownerRemindedAt as string];
      if (stamped != null) {
        continue;
      }
      const ownerId = String(row.OwnerId);
      const managerId = text((row.Owner as Record<string, unknown> | null)?.ManagerId);
      if (escalation && !managerId) {
        result.problems.push(`Dispute ${text(row.CaseNumber) ?? caseId} is past its SLA but its owner has no manager in the CRM; not escalated.`);
        continue;
      }
      const assigneeId = escalation ? (managerId as string) : ownerId;
      const base: SweptStep = { caseId, caseNumber: text(row.CaseNumber), accountName: text(account.Name) ?? '', stepId: step.id, action: step.action, assigneeId, slaDueDate, outcome: 'dry_run' };
      if (options.dryRun) {
        result.steps.push(base);
        continue;
      }
      const key = `sla-${caseId}-${step.id}`.slice(0, 80);
      const subject = escalation
        ? `Dispute ${text(row.CaseNumber) ?? ''} passed its SLA (${slaDueDate}): please get it answered`
        : `Dispute ${text(row.CaseNumber) ?? ''}: please answer by ${slaDueDate}`;
      const stamp = escalation ? { [f.escalatedAt as string]: now.toISOString(), [f.escalatedTo as string]: managerId } : { [f.ownerRemindedAt as string]: now.toISOString() };
      const request = withReceipt({
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', referenceId: 'task', url: `${client.dataPath}/sobjects/Task`, body: { WhatId: caseId, OwnerId: assigneeId, Subject: subject.replace(/\s+/g, ' ').slice(0, 255), ActivityDate: escalation ? asOf : slaDueDate, Status: 'Not Started', Priority: escalation ? 'High' : 'Normal', Description: `${step.label} (dispute SLA step '${step.id}').` } },
          { method: 'PATCH', referenceId: 'case', url: `${client.dataPath}/sobjects/Case/${caseId}`, body: stamp },
        ],
      }, receipt, client.dataPath, key, 'task');
      try {
        throwIfCompositeFailed(await client.composite(request), 'disputeSlaSweep');
        result.steps.push({ ...base, outcome: 'written' });
      } catch (error) {
        if (!isKeyTaken(error)) {
          throw error;
        }
        result.steps.push({ ...base, outcome: 'already_written' });
      }
    }
  }
  return result;
}
