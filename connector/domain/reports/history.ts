/**
 * The history a management report is built from (issue "Reports for management"): every account
 * with its collector and segment, and the dated records of the reporting window and before it:
 * invoices (issue date and total), payments, credits, promises, activities and disputes with the
 * day they were resolved. Balances are never read from today's records: receivables.ts rebuilds
 * them as of each month-end from these dates (domain-rules.md (h)).
 *
 * `parseHistory` validates once (errors name the record, e.g. `accounts[3].invoices[12].total`) and
 * turns dates into epoch days, so the report functions do integer arithmetic only and never look at
 * the host's zone.
 */
import { daysInMonth, fromEpochDay, parseIsoDate, toEpochDay } from '../dates';
import { invalid, parseInput } from '../errors';
import { nonEmpty, nullish, object, str, type Guard } from '../guard';
import * as guards from '../guards';
import type { Activity, Credit, Dispute, Invoice, IsoDate, Money, Payment, PromiseToPay, Segment, UserRef } from '../model';
import { assertMoney, convert, currencyCodeOf, parseArray, type FxRate } from '../money';
import { parseInstant, requireTimeZone, zonedParts } from '../time';
import { SEGMENTS } from '../vocabulary';

/** A dispute with the day it stopped holding dunning (null while it is still open). */
export interface HistoryDispute extends Dispute {
  resolvedOn?: IsoDate | null;
}

/** One account and its dated records. */
export interface HistoryAccount {
  id: string;
  name: string;
  segment: Segment;
  /** Who works the account (collector, else owner); null when nobody does. */
  collector: UserRef | null;
  invoices: readonly Invoice[];
  payments: readonly Payment[];
  credits: readonly Credit[];
  promises: readonly PromiseToPay[];
  activities: readonly Activity[];
  disputes: readonly HistoryDispute[];
}

/** Input of every report: the accounts and how to state money and days. */
export interface ReportHistory {
  accounts: readonly HistoryAccount[];
}

/** How figures are stated. */
export interface ReportOptions {
  /** First month of the window, `YYYY-MM`. */
  from: string;
  /** Last month of the window, `YYYY-MM` (inclusive). */
  to: string;
  /** The report's "today": open disputes, promises still in grace and aging are as of this day. */
  asOf: IsoDate;
  reportingCurrency: string;
  /** Dated rates into the reporting currency (money.ts `convert`; no inverse rates are derived). */
  rates?: readonly FxRate[];
  /** Zone in which an activity's instant falls on a day (calls per day). Default `UTC`. */
  timeZone?: string;
  /**
   * Days per month for DSO, best possible DSO and ADD: calendar days (default) or a fixed 30
   * (domain-rules (h): "Calendar days or 30").
   */
  dayBasis?: 'calendar' | 30;
  /** Grace days after a promise date (promises.ts). Default 0. */
  promiseGraceDays?: number;
}

/** One calendar month of the window. */
export interface ReportMonth {
  /** `YYYY-MM`. */
  month: string;
  firstDay: number;
  /** Epoch day of the month-end. */
  lastDay: number;
  /** Calendar days in the month. */
  days: number;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 120;

/** The months from `from` to `to` inclusive (`YYYY-MM`). @throws DomainValidationError naming `from` / `to`. */
export function reportMonths(from: string, to: string): ReportMonth[] {
  const start = parseMonth(from, 'from');
  const end = parseMonth(to, 'to');
  const count = end.year * 12 + end.month - (start.year * 12 + start.month) + 1;
  if (count < 1) {
    invalid('to', 'must not be before from', 'out_of_range');
  }
  if (count > MAX_MONTHS) {
    invalid('to', `a report covers at most ${MAX_MONTHS} months`, 'out_of_range');
  }
  return Array.from({ length: count }, (_, k) => monthAt(start.year, start.month + k));
}

/** The month `offset` months after `year`-`month` (month may run past 12). */
export function monthAt(year: number, month: number): ReportMonth {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const label = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  const days = daysInMonth(y, m);
  const firstDay = toEpochDay(`${label}-01`);
  return { month: label, firstDay, lastDay: firstDay + days - 1, days };
}

function parseMonth(value: unknown, field: string): { year: number; month: number } {
  const match = typeof value === 'string' ? MONTH_PATTERN.exec(value) : null;
  if (!match) {
    invalid(field, `must be a month YYYY-MM, got ${JSON.stringify(value)}`, 'invalid_date');
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** Checked options with defaults. @internal */
export interface ParsedOptions {
  months: ReportMonth[];
  asOf: IsoDate;
  asOfDay: number;
  reportingCurrency: string;
  rates: readonly FxRate[];
  timeZone: string;
  dayBasis: 'calendar' | 30;
  promiseGraceDays: number;
}

/** @internal */
export function parseOptions(options: ReportOptions): ParsedOptions {
  if (options == null || typeof options !== 'object') {
    invalid('options', 'must be {from, to, asOf, reportingCurrency, ...}');
  }
  const asOf = parseIsoDate(options.asOf, 'asOf');
  if (options.dayBasis !== undefined && options.dayBasis !== 'calendar' && options.dayBasis !== 30) {
    invalid('dayBasis', "must be 'calendar' or 30", 'out_of_range');
  }
  if (options.rates !== undefined && !Array.isArray(options.rates)) {
    invalid('rates', 'must be an array of dated rates');
  }
  return {
    months: reportMonths(options.from, options.to),
    asOf,
    asOfDay: toEpochDay(asOf),
    reportingCurrency: currencyCodeOf(options.reportingCurrency, 'reportingCurrency'),
    rates: options.rates ?? [],
    timeZone: requireTimeZone(options.timeZone ?? 'UTC', 'timeZone'),
    dayBasis: options.dayBasis ?? 'calendar',
    promiseGraceDays: options.promiseGraceDays ?? 0,
  };
}

const userRef: Guard<UserRef> = object<UserRef>({ id: nonEmpty, name: str, email: nullish(str) });

/** A validated account: records checked, dates also as epoch days. @internal */
export interface ParsedAccount {
  id: string;
  name: string;
  segment: Segment;
  collector: UserRef | null;
  invoices: { record: Invoice; issueDay: number; dueDay: number }[];
  payments: { record: Payment; day: number }[];
  credits: { record: Credit; day: number }[];
  promises: PromiseToPay[];
  activities: { record: Activity; day: number }[];
  disputes: { record: HistoryDispute; openedDay: number; resolvedDay: number | null; slaDay: number }[];
}

function list<T>(value: unknown, field: string, parse: (item: unknown, field: string) => T): T[] {
  return value === undefined ? [] : parseArray(value, field, parse);
}

/**
 * Validate the history once. @throws DomainValidationError naming the first bad field, e.g.
 * `accounts[2].payments[0].receivedOn`.
 * @internal
 */
export function parseHistory(history: ReportHistory, timeZone: string): ParsedAccount[] {
  if (history == null || typeof history !== 'object') {
    invalid('history', 'must be {accounts: [...]}');
  }
  const seen = new Set<string>();
  return parseArray(history.accounts, 'accounts', (value, field) => {
    if (value == null || typeof value !== 'object') {
      invalid(field, 'must be an account with its records');
    }
    const a = value as HistoryAccount;
    const id = nonEmpty(a.id, `${field}.id`);
    if (seen.has(id)) {
      invalid(`${field}.id`, `account ${id} appears twice`);
    }
    seen.add(id);
    if (!SEGMENTS.includes(a.segment)) {
      invalid(`${field}.segment`, `must be one of ${SEGMENTS.join(', ')}`);
    }
    return {
      id,
      name: typeof a.name === 'string' ? a.name : '',
      segment: a.segment,
      collector: a.collector == null ? null : parseInput(userRef, a.collector, `${field}.collector`),
      invoices: list(a.invoices, `${field}.invoices`, (item, f) => {
        const record = parseInput(guards.invoice, item, f);
        const total = assertMoney(record.total, `${f}.total`);
        if (total.amountMinor < 0) {
          invalid(`${f}.total.amountMinor`, 'must not be negative (credit notes are credits)', 'out_of_range');
        }
        return { record, issueDay: toEpochDay(record.issueDate, `${f}.issueDate`), dueDay: toEpochDay(record.dueDate, `${f}.dueDate`) };
      }),
      payments: list(a.payments, `${field}.payments`, (item, f) => {
        const record = parseInput(guards.payment, item, f);
        positive(record.amount, `${f}.amount`);
        return { record, day: toEpochDay(record.receivedOn, `${f}.receivedOn`) };
      }),
      credits: list(a.credits, `${field}.credits`, (item, f) => {
        const record = parseInput(guards.credit, item, f);
        positive(record.amount, `${f}.amount`);
        return { record, day: toEpochDay(record.issuedOn, `${f}.issuedOn`) };
      }),
      promises: list(a.promises, `${field}.promises`, (item, f) => parseInput(guards.promiseToPay, item, f)),
      activities: list(a.activities, `${field}.activities`, (item, f) => {
        if (item == null || typeof item !== 'object') {
          invalid(f, 'must be an activity');
        }
        const record = item as Activity;
        parseInstant(record.occurredAt, `${f}.occurredAt`);
        if (record.createdBy != null) {
          parseInput(userRef, record.createdBy, `${f}.createdBy`);
        }
        return { record, day: toEpochDay(zonedParts(record.occurredAt, timeZone).date) };
      }),
      disputes: list(a.disputes, `${field}.disputes`, (item, f) => {
        const record = parseInput(guards.dispute, item, f) as HistoryDispute;
        const resolvedOn = (item as HistoryDispute).resolvedOn;
        const resolvedDay = resolvedOn == null ? null : toEpochDay(parseIsoDate(resolvedOn, `${f}.resolvedOn`));
        const openedDay = toEpochDay(record.openedOn, `${f}.openedOn`);
        if (resolvedDay !== null && resolvedDay < openedDay) {
          invalid(`${f}.resolvedOn`, 'must not be before openedOn', 'out_of_range');
        }
        return { record: { ...record, resolvedOn: resolvedOn ?? null }, openedDay, resolvedDay, slaDay: toEpochDay(record.slaDueDate, `${f}.slaDueDate`) };
      }),
    };
  });
}

function positive(value: Money, field: string): void {
  if (assertMoney(value, field).amountMinor <= 0) {
    invalid(`${field}.amountMinor`, 'must be positive', 'out_of_range');
  }
}

/** `value` in the reporting currency at the rate dated `day` (money.ts `convert`). @internal */
export function inReporting(value: Money, day: number, options: ParsedOptions): number {
  return value.currency === options.reportingCurrency ? value.amountMinor : convert(value, options.reportingCurrency, options.rates, fromEpochDay(day)).amountMinor;
}
