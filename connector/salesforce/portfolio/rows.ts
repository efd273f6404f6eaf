/**
 * Rows of the portfolio queries → domain records, through the snapshot's own mappers
 * (`createRecordMapper`): one definition of every record whether the panel or the portfolio reads it.
 *
 * Both transports are normalised to the shape REST answers: parent fields nested as objects
 * (`{ Account__r: { Name } }`), booleans and numbers typed. Bulk API 2.0 CSV gives dotted column
 * names and text for every value (empty = null), so it is typed back from the query's declared
 * boolean and number columns.
 */
import type { Account } from '../../domain/model';
import { zonedParts } from '../../domain/time';
import type { PortfolioRecord } from '../../portfolio-source';
import { isSalesforceId } from '../ids';
import type { MappingConfig } from '../mapping/schema';
import { createRecordMapper } from '../snapshot/map';
import { readPath, relationshipOf, text, toIsoDate } from '../values';
import type { KindQuery } from './queries';

export type Rec = Record<string, unknown>;

/** A Bulk API 2.0 CSV row (dotted columns, text values) in the REST shape. */
export function fromCsvRow(row: Record<string, string | null>, query: Pick<KindQuery, 'booleanColumns' | 'numberColumns'>): Rec {
  const out: Rec = {};
  for (const [column, raw] of Object.entries(row)) {
    let value: unknown = raw === '' ? null : raw;
    if (value !== null && query.booleanColumns.includes(column)) {
      value = value === 'true';
    } else if (value !== null && query.numberColumns.includes(column)) {
      const n = Number(value);
      value = Number.isFinite(n) ? n : value;
    }
    const parts = column.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      target = (next !== null && typeof next === 'object' ? next : (target[part] = {})) as Rec;
    }
    target[parts[parts.length - 1] as string] = value;
  }
  return collapseEmptyParents(out);
}

/** `{ Collector__r: { Id: null, Name: null } }` → `{ Collector__r: null }`, as REST answers an empty lookup. */
function collapseEmptyParents(rec: Rec): Rec {
  for (const [key, value] of Object.entries(rec)) {
    if (value !== null && typeof value === 'object') {
      const inner = collapseEmptyParents(value as Rec);
      rec[key] = Object.values(inner).every((v) => v === null) ? null : inner;
    }
  }
  return rec;
}

/** What the converter knows of an account once its first invoice row was read. */
interface KnownAccount {
  currency: string;
  zone: string | null;
}

/**
 * Turns one pass's rows into records. Stateful: accounts are learnt from invoice rows (read
 * first), plans and disputes are assembled from their child rows and released by `finishKind`.
 */
export class PortfolioRowConverter {
  private readonly mapper;
  private readonly accounts = new Map<string, KnownAccount>();
  private readonly rejectedAccounts = new Set<string>();
  private readonly groups = new Map<string, { accountId: string; rec: Rec }>();
  /** Rows whose account is not in the book (no invoice in the window): counted, not mapped. */
  outsideBook = 0;

  constructor(private readonly mapping: MappingConfig) {
    this.mapper = createRecordMapper(mapping);
  }

  accountCount(): number {
    return this.accounts.size;
  }

  convert(query: KindQuery, rec: Rec): PortfolioRecord[] {
    const out: PortfolioRecord[] = [];
    switch (query.kind) {
      case 'invoices':
        this.invoiceRow(rec, out);
        break;
      case 'payments':
        this.paymentRow(rec, out);
        break;
      case 'promises':
        this.promiseRow(rec, out);
        break;
      case 'plans':
        this.instalmentRow(rec);
        break;
      case 'disputes':
        this.disputeLineRow(rec);
        break;
      case 'activities':
        this.taskRow(rec, out);
        break;
    }
    return this.withNotes(out);
  }

  /** Records assembled from child rows (plans, disputes), once every row of the kind was read. */
  finishKind(query: KindQuery): PortfolioRecord[] {
    const out: PortfolioRecord[] = [];
    for (const { accountId, rec } of this.groups.values()) {
      const account = this.accounts.get(accountId) as KnownAccount;
      if (query.kind === 'plans') {
        const plan = this.mapper.plan(rec);
        if (plan) {
          out.push({ kind: 'plan', accountId, plan });
        }
      } else if (query.kind === 'disputes') {
        const dispute = this.mapper.dispute(rec, account.zone, account.currency);
        if (dispute) {
          // Report passes ask for ClosedDate (queries.ts historySince): the day it closed, in the account's zone.
          const closed = rec.ClosedDate;
          out.push(closed === undefined ? { kind: 'dispute', accountId, dispute } : { kind: 'dispute', accountId, dispute, resolvedOn: typeof closed === 'string' ? zonedParts(closed, account.zone ?? 'UTC').date : null });
        }
      }
    }
    this.groups.clear();
    return this.withNotes(out);
  }

  private withNotes(out: PortfolioRecord[]): PortfolioRecord[] {
    for (const note of this.mapper.drainNotes()) {
      out.push({ kind: 'dataQuality', note });
    }
    return out;
  }

  private known(accountId: unknown): accountId is string {
    if (typeof accountId === 'string' && this.accounts.has(accountId)) {
      return true;
    }
    this.outsideBook += 1;
    return false;
  }

  private invoiceRow(rec: Rec, out: PortfolioRecord[]): void {
    const inv = this.mapping.invoice;
    const accountId = rec[inv.accountField];
    if (!isSalesforceId(accountId) || this.rejectedAccounts.has(accountId)) {
      this.outsideBook += 1;
      return;
    }
    let known = this.accounts.get(accountId);
    if (!known) {
      const accountRec = readPath(rec, relationshipOf(inv.accountField));
      // The query leaves out Account__r.Id: it is the lookup value itself.
      const account: Account | null = accountRec && typeof accountRec === 'object' ? this.mapper.account({ ...(accountRec as Rec), Id: accountId }) : null;
      if (!account) {
        this.rejectedAccounts.add(accountId);
        this.outsideBook += 1;
        return;
      }
      known = { currency: account.currency, zone: account.timeZone ?? null };
      this.accounts.set(accountId, known);
      out.push({ kind: 'account', account });
    }
    const invoice = this.mapper.invoice(rec, known.currency);
    if (invoice) {
      out.push({ kind: 'invoice', accountId, invoice });
    }
  }

  private paymentRow(rec: Rec, out: PortfolioRecord[]): void {
    const pay = this.mapping.payment;
    const accountId = pay ? rec[pay.accountField] : null;
    if (!this.known(accountId)) {
      return;
    }
    const mapped = this.mapper.paymentOrCredit(rec, (this.accounts.get(accountId) as KnownAccount).currency);
    if (mapped && 'kind' in mapped) {
      out.push({ kind: 'credit', accountId, credit: mapped });
    } else if (mapped) {
      out.push({ kind: 'payment', accountId, payment: mapped });
    }
  }

  private promiseRow(rec: Rec, out: PortfolioRecord[]): void {
    const accountId = this.mapping.promise ? rec[this.mapping.promise.accountField] : null;
    if (!this.known(accountId)) {
      return;
    }
    const promise = this.mapper.promise(rec);
    if (promise) {
      out.push({ kind: 'promise', accountId, promise });
    }
  }

  /** Instalment rows carry their plan: the plan is assembled with its instalments as a REST subquery would nest them. */
  private instalmentRow(rec: Rec): void {
    const p = this.mapping.plan;
    if (!p) {
      return;
    }
    const planPath = relationshipOf(p.instalment.planField);
    const plan = rec[planPath] as Rec | null;
    const accountId = plan?.[p.accountField];
    if (!plan || !this.known(accountId)) {
      return;
    }
    this.addChild(String(plan.Id), accountId, plan, p.instalment.planRelationship, rec, planPath);
  }

  private disputeLineRow(rec: Rec): void {
    const d = this.mapping.dispute;
    if (!d) {
      return;
    }
    const casePath = relationshipOf(d.line.caseField);
    const dispute = rec[casePath] as Rec | null;
    const accountId = dispute?.AccountId;
    if (!dispute || !this.known(accountId)) {
      return;
    }
    this.addChild(String(dispute.Id), accountId, dispute, d.line.caseRelationship, rec, casePath);
  }

  private addChild(parentId: string, accountId: string, parent: Rec, relationship: string, child: Rec, parentPath: string): void {
    let group = this.groups.get(parentId);
    if (!group) {
      group = { accountId, rec: { ...parent, [relationship]: { records: [] } } };
      this.groups.set(parentId, group);
    }
    const { [parentPath]: _parent, ...childOnly } = child;
    ((group.rec[relationship] as { records: Rec[] }).records).push(childOnly);
  }

  private taskRow(rec: Rec, out: PortfolioRecord[]): void {
    const accountId = rec.AccountId;
    if (!this.known(accountId)) {
      return;
    }
    const activity = this.mapper.activity(rec);
    if (activity) {
      out.push({ kind: 'activity', accountId, activity });
    }
    if (rec.IsClosed === false && typeof rec.ActivityDate === 'string' && isSalesforceId(rec.Id)) {
      try {
        out.push({ kind: 'followUp', accountId, followUp: { id: rec.Id, dueDate: toIsoDate(rec.ActivityDate, 'activityDate'), subject: text(rec.Subject) } });
      } catch {
        out.push({ kind: 'dataQuality', note: { recordKind: 'activity', recordId: rec.Id, field: 'activityDate', message: `Follow-up ${text(rec.Subject) ?? rec.Id} has no readable due date and is not shown.` } });
      }
    }
  }
}
