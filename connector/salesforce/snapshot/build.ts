/**
 * ONE `/composite` request that loads everything the panel shows (Salesforce: "The entire series of
 * requests counts as a single call toward your API limits"), at most 5 query subrequests ("up to 5 of
 * these subrequests can be sObject Collections or query operations", Composite, REST API Developer Guide):
 *
 *   ctx       resolves the record the collector is on to its account id (Account/Contact/Opportunity/
 *             Quote/Case) with an sObject Rows GET (`?fields=`), which is not a query (decision 0028)
 *   account   Account + Owner/Collector + child subqueries: Contacts, promises, plans (+instalments),
 *             settlements, dispute Cases (+dispute lines), recent Tasks (WhatId), and each contact's
 *             recent Tasks (WhoId, nested: Account → Contacts → Tasks, API 58.0+)
 *   invoices  the invoice object, filtered by the account reference
 *   payments  the payment object (skipped when the mapping has none)
 *   notes     ContentDocumentLink → ContentNote titles
 *   rates     the org's active currencies (CurrencyType, portfolio/rates.ts's query): the next action's
 *             amount bands are in the strategy's currency; fails in a single-currency org (no line then)
 *
 * Later subrequests read the account id with `@{ctx.<field>}`, so a Contact page costs the same
 * single call as an Account page. Pure and transport-free: the LWC host reuses it.
 */
import { ConnectorError } from '../../errors';
import type { RecordRef } from '../../port';
import { DEFAULT_API_VERSION, dataPathFor } from '../client';
import type { CompositeRequest, CompositeSubrequest } from '../client';
import { isSalesforceId, objectTypeOf } from '../ids';
import { mappedFields } from '../mapping/fields';
import type { MappingConfig } from '../mapping/schema';
import { select, soqlDate, soqlDateTime, soqlString } from '../soql';
import { addDays } from '../../domain/dates';
import { relationshipOf } from '../values';
import { activitySourceWindow } from '../../snapshot-activities';
import { CURRENCY_TYPES_SOQL } from '../portfolio/rates';

export const SNAPSHOT_REFS = { ctx: 'ctx', account: 'account', invoices: 'invoices', payments: 'payments', notes: 'notes', rates: 'rates' } as const;

/** Salesforce's cap on query (and sObject Collections) subrequests in one composite request. */
export const COMPOSITE_MAX_QUERY_SUBREQUESTS = 5;

/**
 * Rows the panel shows per list (activities: `mapping.activity.limit`). Every query asks for ONE
 * more: a LIMITed query answers `done: true` even when rows were left out, so the extra row is the
 * only sign of truncation; `mapSnapshot` drops it and adds a data-quality note.
 */
export const SNAPSHOT_LIMITS = {
  contacts: 200,
  promises: 50,
  plans: 20,
  instalments: 200,
  settlements: 20,
  disputes: 50,
  disputeLines: 200,
  invoices: 500,
  payments: 500,
  notes: 20,
} as const;

/** LIMIT for a list that shows `shown` rows: one more, to detect truncation. */
export function probeLimit(shown: number): number {
  return shown + 1;
}

/** Marker in the SOQL text, swapped for the composite reference after URL-encoding. */
const ACCOUNT_ID_TOKEN = '__ACCOUNT_ID_REF__';

export interface SnapshotRequestOptions {
  apiVersion?: string;
  /** Clock for look-back windows (default: now). */
  now?: Date;
}

const REF_OBJECTS = { account: 'Account', contact: 'Contact', opportunity: 'Opportunity', quote: 'Quote', case: 'Case' } as const;
/** Objects the panel resolves to their account (Quote.AccountId: the rep's banner on a quote, issue 19). */
type RefObject = (typeof REF_OBJECTS)[keyof typeof REF_OBJECTS];

/** Which object the record is, from the hint or the id's key prefix. */
export function refObject(ref: RecordRef): RefObject {
  if (!isSalesforceId(ref.id)) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['id'], userMessage: 'This page does not show a valid Salesforce record id.', detail: `Invalid record id ${JSON.stringify(ref.id)}` });
  }
  const fromPrefix = objectTypeOf(ref.id);
  const fromHint = ref.objectType ? REF_OBJECTS[ref.objectType] : null;
  const object = fromPrefix ?? fromHint;
  if (object !== 'Account' && object !== 'Contact' && object !== 'Opportunity' && object !== 'Quote' && object !== 'Case') {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['id'], userMessage: 'Open the panel on an Account, Contact, Opportunity, Quote or Case.', detail: `Unsupported record ${ref.id} (${object ?? 'unknown prefix'})` });
  }
  if (fromHint && fromPrefix && fromHint !== fromPrefix) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['objectType'], detail: `Record ${ref.id} is a ${fromPrefix}, not a ${fromHint}` });
  }
  return object;
}

/** The field of the ctx record that holds the account id. */
export function accountIdField(object: RefObject): 'Id' | 'AccountId' {
  return object === 'Account' ? 'Id' : 'AccountId';
}

/** The SOQL that resolves a record to its account (the Apex host runs it; the composite uses an sObject GET). */
export function contextQuery(object: RefObject, recordIdLiteral: string): string {
  return select({ fields: [accountIdField(object)], from: object, where: [`Id = ${recordIdLiteral}`] });
}

function userFields(relationship: string): string[] {
  return [`${relationship}.Id`, `${relationship}.Name`];
}

/** Child relationship of Task.WhoId on Contact (standard, fixed by Salesforce). */
export const CONTACT_TASKS_RELATIONSHIP = 'Tasks';

/** Recent Tasks under a parent (Account via WhatId, Contact via WhoId), newest first, one probe row more. */
function taskSubquery(mapping: MappingConfig, relationship: string, since: Date): string {
  const t = mapping.activity;
  return select({
    fields: ['Id', 'Subject', 'Description', 'ActivityDate', 'CreatedDate', 'TaskSubtype', 'CallType', 'CallDisposition', 'CallDurationInSeconds', 'WhoId', 'CreatedBy.Id', 'CreatedBy.Name', 'Status', ...mappedFields(t.fields)],
    from: relationship,
    where: [`CreatedDate >= ${soqlDateTime(since)}`],
    orderBy: 'CreatedDate DESC',
    limit: probeLimit(t.limit),
  });
}

/** SOQL for the account query (exported for the LWC/Apex host, which runs the same queries). */
export function accountQuery(mapping: MappingConfig, accountIdLiteral: string, now: Date): string {
  const a = mapping.account;
  const fields = ['Id', ...mappedFields(a.fields), ...userFields(relationshipOf(a.fields.ownerId)), 'Owner.Email'];
  if (a.fields.collector) {
    fields.push(...userFields(relationshipOf(a.fields.collector)), `${relationshipOf(a.fields.collector)}.Email`);
  }
  const t = mapping.activity;
  const since = new Date(now.getTime() - t.lookbackDays * 86_400_000);
  // Issue 18: the account's Tasks are its newest (LIMIT, newest first); a contact's own Tasks only
  // from the longest compliance window on (connector/snapshot-activities.ts, decision 0019), so a
  // big account's 1,000 Tasks never reach the page while every Task a cap can count still does.
  const complianceSince = activitySourceWindow(now).since;
  const contactSince = complianceSince > since ? complianceSince : since;
  const c = mapping.contact;
  // Each contact's own Tasks (WhoId): dialers and "Log a Call" on a Contact set no WhatId, so those
  // calls are not in Account.Tasks yet count for 7-in-7 (Reg F 1006.14(b)(2)).
  // Three levels (Account → Contacts → Tasks) need API 58.0+ (we use 66.0).
  fields.push(`(${select({ fields: ['Id', ...mappedFields(c.fields), `(${taskSubquery(mapping, CONTACT_TASKS_RELATIONSHIP, contactSince)})`], from: c.accountRelationship, orderBy: 'Name', limit: probeLimit(SNAPSHOT_LIMITS.contacts) })})`);
  if (mapping.promise) {
    const p = mapping.promise;
    fields.push(`(${select({ fields: ['Id', 'CreatedDate', ...mappedFields(p.fields)], from: p.accountRelationship, orderBy: `${p.fields.dueDate} DESC`, limit: probeLimit(SNAPSHOT_LIMITS.promises) })})`);
  }
  if (mapping.plan) {
    const p = mapping.plan;
    const i = p.instalment;
    const instalments = select({ fields: ['Id', ...mappedFields(i.fields)], from: i.planRelationship, orderBy: i.fields.sequence, limit: probeLimit(SNAPSHOT_LIMITS.instalments) });
    fields.push(`(${select({ fields: ['Id', 'CreatedDate', ...mappedFields(p.fields), `(${instalments})`], from: p.accountRelationship, orderBy: 'CreatedDate DESC', limit: probeLimit(SNAPSHOT_LIMITS.plans) })})`);
  }
  if (mapping.settlement) {
    const s = mapping.settlement;
    fields.push(`(${select({ fields: ['Id', 'CreatedDate', ...mappedFields(s.fields)], from: s.accountRelationship, orderBy: 'CreatedDate DESC', limit: probeLimit(SNAPSHOT_LIMITS.settlements) })})`);
  }
  if (mapping.dispute) {
    const d = mapping.dispute;
    const lines = select({ fields: ['Id', ...mappedFields(d.line.fields)], from: d.line.caseRelationship, limit: probeLimit(SNAPSHOT_LIMITS.disputeLines) });
    fields.push(`(${select({
      fields: ['Id', 'CaseNumber', 'Subject', 'Description', 'ContactId', 'CreatedDate', 'Owner.Id', 'Owner.Name', ...mappedFields(d.fields), `(${lines})`],
      from: d.accountRelationship,
      where: [`Type = ${soqlString(d.caseType)}`],
      orderBy: 'CreatedDate DESC',
      limit: probeLimit(SNAPSHOT_LIMITS.disputes),
    })})`);
  }
  fields.push(`(${taskSubquery(mapping, t.accountRelationship, since)})`);
  return select({ fields, from: 'Account', where: [`Id = ${accountIdLiteral}`] });
}

/** SOQL for invoices of one account: open ones plus anything due in the last year (for DSO and history). */
export function invoiceQuery(mapping: MappingConfig, accountIdLiteral: string, now: Date): string {
  const inv = mapping.invoice;
  const yearAgo = addDays(now.toISOString().slice(0, 10), -365);
  const where = [`${inv.accountField} = ${accountIdLiteral}`, `${inv.fields.balance} != 0 OR ${inv.fields.dueDate} >= ${soqlDate(yearAgo)}`];
  if (inv.fields.status && inv.excludeStatuses.length > 0) {
    where.push(`${inv.fields.status} NOT IN (${inv.excludeStatuses.map(soqlString).join(', ')})`);
  }
  return select({ fields: ['Id', ...mappedFields(inv.fields)], from: inv.object, where, orderBy: `${inv.fields.dueDate} ASC`, limit: probeLimit(SNAPSHOT_LIMITS.invoices) });
}

/** SOQL for payments/credits of one account in the last year. */
export function paymentQuery(mapping: MappingConfig, accountIdLiteral: string, now: Date): string | null {
  const pay = mapping.payment;
  if (!pay) {
    return null;
  }
  const yearAgo = addDays(now.toISOString().slice(0, 10), -365);
  return select({
    fields: ['Id', ...mappedFields(pay.fields)],
    from: pay.object,
    where: [`${pay.accountField} = ${accountIdLiteral}`, `${pay.fields.receivedOn} >= ${soqlDate(yearAgo)}`],
    orderBy: `${pay.fields.receivedOn} DESC`,
    limit: probeLimit(SNAPSHOT_LIMITS.payments),
  });
}

/** SOQL for notes (ContentNote = ContentDocument with FileType SNOTE) linked to the account. */
export function notesQuery(accountIdLiteral: string): string {
  return select({
    fields: ['Id', 'ContentDocumentId', 'ContentDocument.Title', 'ContentDocument.CreatedDate', 'ContentDocument.CreatedBy.Id', 'ContentDocument.CreatedBy.Name'],
    from: 'ContentDocumentLink',
    where: [`LinkedEntityId = ${accountIdLiteral}`, `ContentDocument.FileType = 'SNOTE'`],
    orderBy: 'ContentDocument.CreatedDate DESC',
    limit: probeLimit(SNAPSHOT_LIMITS.notes),
  });
}

/**
 * Build the single composite request for a record. Validates the record id first.
 * @throws ConnectorError 'invalid_input' for malformed ids or unsupported objects.
 */
export function buildSnapshotRequest(mapping: MappingConfig, ref: RecordRef, options: SnapshotRequestOptions = {}): CompositeRequest {
  const object = refObject(ref);
  const now = options.now ?? new Date();
  const dataPath = dataPathFor(options.apiVersion ?? DEFAULT_API_VERSION);
  const field = accountIdField(object);
  const accountRef = `@{${SNAPSHOT_REFS.ctx}.${field}}`;
  const literal = `'${ACCOUNT_ID_TOKEN}'`;
  const queryUrl = (soql: string): string =>
    `${dataPath}/query?q=${encodeURIComponent(soql).split(ACCOUNT_ID_TOKEN).join(accountRef)}`;
  // refObject checked the id (15/18 alphanumerics): safe in the path.
  const recordId = encodeURIComponent(ref.id);
  const subrequests: CompositeSubrequest[] = [
    { method: 'GET', referenceId: SNAPSHOT_REFS.ctx, url: `${dataPath}/sobjects/${object}/${recordId}?fields=${field}` },
    { method: 'GET', referenceId: SNAPSHOT_REFS.account, url: queryUrl(accountQuery(mapping, literal, now)) },
    { method: 'GET', referenceId: SNAPSHOT_REFS.invoices, url: queryUrl(invoiceQuery(mapping, literal, now)) },
  ];
  const payments = paymentQuery(mapping, literal, now);
  if (payments) {
    subrequests.push({ method: 'GET', referenceId: SNAPSHOT_REFS.payments, url: queryUrl(payments) });
  }
  if (mapping.notes) {
    subrequests.push({ method: 'GET', referenceId: SNAPSHOT_REFS.notes, url: queryUrl(notesQuery(literal)) });
  }
  subrequests.push({ method: 'GET', referenceId: SNAPSHOT_REFS.rates, url: queryUrl(CURRENCY_TYPES_SOQL) });
  // allOrNone false: a failing optional section (e.g. notes disabled) must not blank the panel.
  return { allOrNone: false, compositeRequest: subrequests };
}
