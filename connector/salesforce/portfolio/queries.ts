/**
 * The portfolio pass's SOQL: one flat query per record kind, the SAME text whether it is paged
 * through REST (`/query` + `nextRecordsUrl`) or run as a Bulk API 2.0 query job, so both paths
 * give the same records. Bulk API 2.0 queries allow parent relationship fields but no child
 * subqueries ("Bulk API 2.0 query: SOQL considerations", developer.salesforce.com/docs/atlas.en-us.api_asynch.meta),
 * so each kind reads its child-most object and carries its parent's fields:
 * - invoices carry their account (the account record comes with its invoices);
 * - dispute lines carry their Case (the dispute), instalments carry their plan.
 * Filters are the snapshot's (build.ts): open invoices or due in the last year, payments in the
 * last year, activities in the lookback window plus every open task (follow-ups). A report pass
 * (`historySince`) reads invoices issued since that day (and every open one), payments and
 * activities since it, and when each dispute's case closed.
 */
import { addDays } from '../../domain/dates';
import type { PortfolioKind, PortfolioScope } from '../../portfolio-source';
import type { MappingConfig } from '../mapping/schema';
import { mappedFields as allMappedFields } from '../mapping/schema';
import { select, soqlDate, soqlDateTime, soqlIdList, soqlString } from '../soql';
import { relationshipOf } from '../values';

/** One kind's query and how to read its rows. */
export interface KindQuery {
  kind: PortfolioKind;
  soql: string;
  /** Object queried (for messages). */
  object: string;
  /**
   * Columns that are booleans or numbers in this query's rows. Bulk API 2.0 answers CSV, where every
   * value is text: these are typed back so both paths hand the mappers the same values.
   */
  booleanColumns: readonly string[];
  numberColumns: readonly string[];
}

export interface QueryContext {
  mapping: MappingConfig;
  scope: PortfolioScope;
  now: Date;
  activityLookbackDays: number;
  /** A report pass (PortfolioReadOptions.history): records since this day instead of the worklist's windows. */
  historySince?: string;
}

/** Mapped fields a reader needs: the idempotency keys only matter when the panel writes. */
function mappedFields(fields: Record<string, string | null>): string[] {
  const { idempotencyKey: _writeOnly, ...read } = fields;
  return allMappedFields(read);
}

/** `Account__r.Collector__c IN (…)` for rows reaching the account through `accountPath`. */
function scopeCondition(ctx: QueryContext, accountPath: string): string | null {
  if (ctx.scope.kind === 'org') {
    return null;
  }
  const collector = ctx.mapping.account.fields.collector;
  if (!collector) {
    throw new TypeError('This org has no collector field mapped on Account, so a pass cannot be limited to collectors.');
  }
  return `${accountPath}.${collector} IN ${soqlIdList(ctx.scope.collectorIds)}`;
}

function yearAgo(now: Date): string {
  return soqlDate(addDays(now.toISOString().slice(0, 10), -365));
}

/** Account fields as seen from a child row, through `path` (e.g. `Account__r`). */
export function accountColumns(mapping: MappingConfig, path: string): string[] {
  const a = mapping.account;
  // The lookup ids come with their parents (Owner.Id, Collector__r.Id): CSV width is pages.
  const { ownerId, collector, ...plain } = a.fields;
  const fields = [...allMappedFields(plain), `${relationshipOf(ownerId)}.Id`, `${relationshipOf(ownerId)}.Name`, `${relationshipOf(ownerId)}.Email`];
  if (collector) {
    const c = relationshipOf(collector);
    fields.push(`${c}.Id`, `${c}.Name`, `${c}.Email`);
  }
  return fields.map((f) => `${path}.${f}`);
}

function invoiceQuery(ctx: QueryContext): KindQuery {
  const inv = ctx.mapping.invoice;
  const accountPath = relationshipOf(inv.accountField);
  const where = [
    ctx.historySince === undefined
      ? `${inv.fields.balance} != 0 OR ${inv.fields.dueDate} >= ${yearAgo(ctx.now)}`
      : `${inv.fields.balance} != 0 OR ${inv.fields.issueDate} >= ${soqlDate(ctx.historySince)}`,
  ];
  if (inv.fields.status && inv.excludeStatuses.length > 0) {
    where.push(`${inv.fields.status} NOT IN (${inv.excludeStatuses.map(soqlString).join(', ')})`);
  }
  const scope = scopeCondition(ctx, accountPath);
  if (scope) {
    where.push(scope);
  }
  const keyAccount = ctx.mapping.account.fields.keyAccount;
  return {
    kind: 'invoices',
    object: inv.object,
    soql: select({ fields: ['Id', inv.accountField, ...mappedFields(inv.fields), ...accountColumns(ctx.mapping, accountPath)], from: inv.object, where }),
    booleanColumns: keyAccount ? [`${accountPath}.${keyAccount}`] : [],
    numberColumns: [],
  };
}

function paymentQuery(ctx: QueryContext): KindQuery | null {
  const pay = ctx.mapping.payment;
  if (!pay) {
    return null;
  }
  const where = [`${pay.fields.receivedOn} >= ${ctx.historySince === undefined ? yearAgo(ctx.now) : soqlDate(ctx.historySince)}`];
  const scope = scopeCondition(ctx, relationshipOf(pay.accountField));
  if (scope) {
    where.push(scope);
  }
  return { kind: 'payments', object: pay.object, soql: select({ fields: ['Id', pay.accountField, ...mappedFields(pay.fields)], from: pay.object, where }), booleanColumns: [], numberColumns: [] };
}

function promiseQuery(ctx: QueryContext): KindQuery | null {
  const p = ctx.mapping.promise;
  if (!p) {
    return null;
  }
  const scope = scopeCondition(ctx, relationshipOf(p.accountField));
  return {
    kind: 'promises',
    object: p.object,
    soql: select({ fields: ['Id', 'CreatedDate', p.accountField, ...mappedFields(p.fields)], from: p.object, where: scope ? [scope] : [] }),
    booleanColumns: [],
    numberColumns: [],
  };
}

function planQuery(ctx: QueryContext): KindQuery | null {
  const p = ctx.mapping.plan;
  if (!p) {
    return null;
  }
  const i = p.instalment;
  const planPath = relationshipOf(i.planField);
  const scope = scopeCondition(ctx, `${planPath}.${relationshipOf(p.accountField)}`);
  return {
    kind: 'plans',
    object: i.object,
    soql: select({
      fields: ['Id', ...mappedFields(i.fields), `${planPath}.Id`, `${planPath}.CreatedDate`, `${planPath}.${p.accountField}`, ...mappedFields(p.fields).map((f) => `${planPath}.${f}`)],
      from: i.object,
      where: scope ? [scope] : [],
    }),
    booleanColumns: [],
    numberColumns: [],
  };
}

function disputeQuery(ctx: QueryContext): KindQuery | null {
  const d = ctx.mapping.dispute;
  if (!d) {
    return null;
  }
  const casePath = relationshipOf(d.line.caseField);
  const where = [`${casePath}.Type = ${soqlString(d.caseType)}`];
  const scope = scopeCondition(ctx, `${casePath}.Account`);
  if (scope) {
    where.push(scope);
  }
  return {
    kind: 'disputes',
    object: d.line.object,
    soql: select({
      fields: [
        'Id', ...mappedFields(d.line.fields),
        ...['Id', 'AccountId', 'CaseNumber', 'Description', 'CreatedDate', 'Owner.Id', 'Owner.Name', ...mappedFields(d.fields), ...(ctx.historySince === undefined ? [] : ['ClosedDate'])].map(
          (f) => `${casePath}.${f}`,
        ),
      ],
      from: d.line.object,
      where,
    }),
    booleanColumns: [],
    numberColumns: [],
  };
}

function activityQuery(ctx: QueryContext): KindQuery {
  const t = ctx.mapping.activity;
  const since = ctx.historySince === undefined ? new Date(ctx.now.getTime() - ctx.activityLookbackDays * 86_400_000) : new Date(`${ctx.historySince}T00:00:00Z`);
  const where = ['AccountId != null', `CreatedDate >= ${soqlDateTime(since)} OR IsClosed = false`];
  const scope = scopeCondition(ctx, 'Account');
  if (scope) {
    where.push(scope);
  }
  return {
    kind: 'activities',
    object: 'Task',
    // No Description: bodies are the timeline's, not the portfolio's (and the largest column).
    soql: select({
      fields: ['Id', 'AccountId', 'Subject', 'ActivityDate', 'CreatedDate', 'IsClosed', 'TaskSubtype', 'CallType', 'CallDisposition', 'CallDurationInSeconds', 'WhoId', 'CreatedBy.Id', 'CreatedBy.Name', ...mappedFields(t.fields)],
      from: 'Task',
      where,
    }),
    booleanColumns: ['IsClosed', ...(t.fields.conversation ? [t.fields.conversation] : [])],
    numberColumns: ['CallDurationInSeconds'],
  };
}

/** The queries for the kinds asked for, invoices first (they bring the accounts). */
export function portfolioQueries(ctx: QueryContext, kinds: readonly PortfolioKind[]): KindQuery[] {
  const builders: Record<PortfolioKind, (c: QueryContext) => KindQuery | null> = {
    invoices: invoiceQuery,
    disputes: disputeQuery,
    promises: promiseQuery,
    activities: activityQuery,
    payments: paymentQuery,
    plans: planQuery,
  };
  const wanted = new Set<PortfolioKind>(['invoices', ...kinds]);
  return (['invoices', 'disputes', 'promises', 'activities', 'payments', 'plans'] as const)
    .filter((kind) => wanted.has(kind))
    .map((kind) => builders[kind](ctx))
    .filter((q): q is KindQuery => q !== null);
}
