/**
 * The portfolio book: the receivables records of many accounts, held as compact columns
 * (typed arrays of account indexes, epoch days, integer minor units and small enum codes) so that
 * facts for 100k accounts and 1M invoices come from one pass without an object per record.
 *
 * Two ways in, one way to the facts:
 * - `addAccount`, `addInvoice`, `addPayment` … take the domain records (model.ts) and validate each
 *   ONCE here, with the same rules the per-account functions apply (aging.ts, promises.ts,
 *   disputes.ts); then they call the compact adder.
 * - `addAccountCompact`, `addInvoiceCompact` … take rows already in compact form (an ERP extract, a
 *   benchmark) and check only ranges. Both paths end in the same columns, so facts.ts has one
 *   definition of every fact.
 *
 * Records may arrive in any order, per object as a CRM streams them (all invoices, then all
 * promises …): a record naming an account id not yet added reserves an index for it, and the
 * account's own record fills it in later. Accounts that never arrive are reported by computeFacts
 * (`orphanAccountIds`) and left out of facts, rankings and totals.
 *
 * What is stored is only what facts need: closed invoices (aging.ts: only `open` / `partially_paid`
 * with a positive balance count), resolved disputes and plans that are not active are counted, not
 * kept; payments, activities and follow-ups are reduced on arrival to the dates facts report (last
 * payment, last contact, last conversation, next follow-up), which does not depend on arrival order.
 */
import { ACTIVE_DISPUTE_STATUSES } from '../disputes';
import { parseIsoDate, toEpochDay } from '../dates';
import { integerIn, invalid, parseInput } from '../errors';
import { bool, type Guard, nonEmpty, nullish, object, oneOf, str } from '../guard';
import * as guards from '../guards';
import type {
  Account,
  AccountFlag,
  Activity,
  ActivityKind,
  Credit,
  Dispute,
  Invoice,
  InvoiceStatus,
  IsoDate,
  Payment,
  PaymentPlan,
  PlanStatus,
  PromiseStatus,
  PromiseToPay,
  Segment,
  UserRef,
} from '../model';
import { assertMoney, currencyCodeOf } from '../money';
import { parseInstant, requireTimeZone } from '../time';
import * as V from '../vocabulary';
import { type Column, float64Column, int32Column, uint16Column, uint8Column } from './columns';

/** Risk rating of an account (vocabulary RISK_RATINGS). */
export type RiskRating = (typeof V.RISK_RATINGS)[number];
/** Credit kind (vocabulary CREDIT_KINDS). */
export type CreditKind = (typeof V.CREDIT_KINDS)[number];

/** Epoch day of 0001-01-01 and 9999-12-31: the calendar range dates.ts accepts. */
export const MIN_EPOCH_DAY = -719_162;
export const MAX_EPOCH_DAY = 2_932_896;
/** "No date" in a day column that keeps the latest date (last payment …). @internal */
export const NO_LATEST_DAY = -2_147_483_648;
/** "No date" in a day column that keeps the earliest date (next follow-up …). @internal */
export const NO_EARLIEST_DAY = 2_147_483_647;
/** "No instant" in an epoch-millisecond column that keeps the latest instant. @internal */
export const NO_LATEST_MS = Number.NEGATIVE_INFINITY;
/** "None" in a Uint16 index column (currency, zone). @internal */
export const NO_INDEX = 0xffff;

/** One account flag with its validity period in epoch days (inclusive; null = open-ended). */
export interface CompactFlag {
  flag: AccountFlag;
  sinceEpochDay?: number | null;
  untilEpochDay?: number | null;
}

/** An account in compact form (indexes come from {@link PortfolioBook.currencyIndex} and friends). */
export interface CompactAccount {
  name?: string;
  currencyIndex: number;
  segment: Segment;
  /** Null: the zone computeFacts is given (`zoneOf`, else `defaultZone`). */
  zoneIndex?: number | null;
  /** Who works the account in the worklist (the account's collector, else its owner). */
  collectorIndex?: number | null;
  riskRating?: RiskRating | null;
  keyAccount?: boolean;
  creditLimitMinor?: number | null;
  creditLimitCurrencyIndex?: number | null;
  flags?: readonly CompactFlag[];
}

/** A follow-up task on an account: the next open one is a fact ("resubmission date"). */
export interface FollowUp {
  id: string;
  dueDate: IsoDate;
  open: boolean;
}

/** What the book dropped on arrival because no fact depends on it. */
export interface SkippedRecords {
  /** Paid, cancelled or zero-balance invoices. */
  closedInvoices: number;
  /** Disputes no longer holding dunning (disputes.ts ACTIVE_DISPUTE_STATUSES). */
  inactiveDisputes: number;
  /** Plans that are not `active`. */
  inactivePlans: number;
}

/** Dispute line pointing at an invoice identified only by id (resolved when facts are computed). */
const PENDING_INVOICE = -2;
/** Dispute line whose invoice is not open (or unknown): holds nothing. */
const NO_INVOICE = -1;

const userRef: Guard<UserRef> = object<UserRef>({ id: nonEmpty, name: str, email: nullish(str) });
const followUp: Guard<FollowUp> = object<FollowUp>({ id: nonEmpty, dueDate: guards.isoDate, open: bool });

/**
 * The columns facts.ts reads: views of the book's typed arrays, valid until the next add.
 * @internal
 */
export interface BookTables {
  accountCount: number;
  accountKnown: Uint8Array;
  accountCurrency: Uint16Array;
  accountZone: Uint16Array;
  accountSegment: Uint8Array;
  accountCollector: Int32Array;
  accountRisk: Uint8Array;
  accountKey: Uint8Array;
  creditLimitMinor: Float64Array;
  creditLimitCurrency: Uint16Array;
  lastPaymentDay: Int32Array;
  lastContactMs: Float64Array;
  lastConversationMs: Float64Array;
  nextFollowUpDay: Int32Array;
  invoiceAccount: Int32Array;
  invoiceDueDay: Int32Array;
  invoiceBalance: Float64Array;
  invoiceCurrency: Uint16Array;
  creditAccount: Int32Array;
  creditCurrency: Uint16Array;
  creditKind: Uint8Array;
  creditAmount: Float64Array;
  promiseAccount: Int32Array;
  promiseDueDay: Int32Array;
  promiseStatus: Uint8Array;
  promiseCurrency: Uint16Array;
  promiseAmount: Float64Array;
  planAccount: Int32Array;
  planCurrency: Uint16Array;
  planUnpaid: Float64Array;
  disputeAccount: Int32Array;
  disputeInvoiceRow: Int32Array;
  disputeAmount: Float64Array;
  disputeCurrency: Uint16Array;
  flagAccount: Int32Array;
  flagCode: Uint8Array;
  flagSince: Int32Array;
  flagUntil: Int32Array;
  /** Invoice row of a dispute line added by invoice id, or -1 when that invoice is not open here. */
  resolveDisputeInvoice(line: number): number;
  /** Id of the dispute behind a line (null for compact lines). */
  disputeIdOf(line: number): string | null;
}

const PROMISE_CODES = new Map<PromiseStatus, number>(V.PROMISE_STATUSES.map((status, index) => [status, index]));
const FLAG_CODES = new Map<AccountFlag, number>(V.ACCOUNT_FLAGS.map((flag, index) => [flag, index]));
const SEGMENT_CODES = new Map<Segment, number>(V.SEGMENTS.map((segment, index) => [segment, index]));
const RISK_CODES = new Map<RiskRating, number>(V.RISK_RATINGS.map((rating, index) => [rating, index + 1]));
/** Activity kinds that are a contact with the customer (a note is not). */
const CONTACT_KINDS: ReadonlySet<ActivityKind> = new Set(['call', 'email', 'sms', 'visit', 'letter']);

/** Records of many accounts in compact columns; see the module comment. */
export class PortfolioBook {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly currencies: string[] = [];
  private readonly currencyById = new Map<string, number>();
  private readonly zones: string[] = [];
  private readonly zoneById = new Map<string, number>();
  private readonly collectors: UserRef[] = [];
  private readonly collectorById = new Map<string, number>();

  private readonly account = {
    known: uint8Column(),
    currency: uint16Column(NO_INDEX),
    zone: uint16Column(NO_INDEX),
    segment: uint8Column(),
    collector: int32Column(-1),
    risk: uint8Column(),
    key: uint8Column(),
    creditLimitMinor: float64Column(),
    creditLimitCurrency: uint16Column(NO_INDEX),
    lastPaymentDay: int32Column(NO_LATEST_DAY),
    lastContactMs: float64Column(NO_LATEST_MS),
    lastConversationMs: float64Column(NO_LATEST_MS),
    nextFollowUpDay: int32Column(NO_EARLIEST_DAY),
  };
  private readonly invoice = { account: int32Column(), dueDay: int32Column(), balance: float64Column(), currency: uint16Column() };
  private readonly openInvoiceRowById = new Map<string, number>();
  private readonly credit = { account: int32Column(), currency: uint16Column(), kind: uint8Column(), amount: float64Column() };
  private readonly promise = { account: int32Column(), dueDay: int32Column(), status: uint8Column(), currency: uint16Column(), amount: float64Column() };
  private readonly plan = { account: int32Column(), currency: uint16Column(), unpaid: float64Column() };
  private readonly dispute = { account: int32Column(), invoiceRow: int32Column(), amount: float64Column(), currency: uint16Column() };
  private readonly disputeIds: (string | null)[] = [];
  private readonly pendingDisputeInvoice = new Map<number, string>();
  private readonly flag = { account: int32Column(), code: uint8Column(), since: int32Column(), until: int32Column() };
  private readonly skippedCounts: SkippedRecords = { closedInvoices: 0, inactiveDisputes: 0, inactivePlans: 0 };

  // ------------------------------------------------------------------------------------------
  // Interned values

  /** Accounts known so far, including ids only referenced by other records. */
  get accountCount(): number {
    return this.ids.length;
  }

  /** Index of `accountId`, or -1. */
  indexOf(accountId: string): number {
    return this.indexById.get(accountId) ?? -1;
  }

  accountId(accountIndex: number): string {
    return this.ids[this.requireAccountIndex(accountIndex)] as string;
  }

  /** Every account id in index order (read-only view). */
  accountIds(): readonly string[] {
    return this.ids;
  }

  accountName(accountIndex: number): string {
    return this.names[this.requireAccountIndex(accountIndex)] as string;
  }

  /** True once the account's own record has been added (not just referenced). */
  hasAccount(accountIndex: number): boolean {
    return this.account.known.get(this.requireAccountIndex(accountIndex)) === 1;
  }

  /** Currency codes in index order: the rates a caller must supply are for these. */
  currencyCodes(): readonly string[] {
    return this.currencies;
  }

  zoneNames(): readonly string[] {
    return this.zones;
  }

  collector(collectorIndex: number): UserRef {
    return this.collectors[integerIn(collectorIndex, 'collectorIndex', 0, this.collectors.length - 1)] as UserRef;
  }

  /** Records dropped on arrival (see the module comment). */
  skipped(): Readonly<SkippedRecords> {
    return { ...this.skippedCounts };
  }

  /** Rows stored per kind. */
  counts(): { accounts: number; openInvoices: number; credits: number; promises: number; plans: number; disputeLines: number } {
    return {
      accounts: this.ids.length,
      openInvoices: this.invoice.account.length,
      credits: this.credit.account.length,
      promises: this.promise.account.length,
      plans: this.plan.account.length,
      disputeLines: this.dispute.account.length,
    };
  }

  /** Index of a currency (validated once: a known ISO 4217 code). */
  currencyIndex(code: string, field = 'currency'): number {
    const known = this.currencyById.get(code);
    return known ?? this.intern(this.currencies, this.currencyById, currencyCodeOf(code, field), NO_INDEX - 1);
  }

  /** Index of an IANA time zone (validated once). */
  zoneIndex(zone: string, field = 'zone'): number {
    const known = this.zoneById.get(zone);
    return known ?? this.intern(this.zones, this.zoneById, requireTimeZone(zone, field), NO_INDEX - 1);
  }

  /** Index of a collector (a CRM user), by id; the first name seen is kept. */
  collectorIndex(user: UserRef, field = 'collector'): number {
    const parsed = parseInput(userRef, user, field);
    const known = this.collectorById.get(parsed.id);
    if (known !== undefined) {
      return known;
    }
    this.collectors.push(parsed);
    this.collectorById.set(parsed.id, this.collectors.length - 1);
    return this.collectors.length - 1;
  }

  private intern(list: string[], byId: Map<string, number>, value: string, max: number): number {
    const known = byId.get(value);
    if (known !== undefined) {
      return known;
    }
    if (list.length >= max) {
      invalid('book', `more than ${max} distinct values`, 'out_of_range');
    }
    list.push(value);
    byId.set(value, list.length - 1);
    return list.length - 1;
  }

  /** The account index for `accountId`, reserving one when the id is new (its record may come later). */
  reserveAccount(accountId: string, field = 'accountId'): number {
    const known = this.indexById.get(accountId);
    if (known !== undefined) {
      return known;
    }
    nonEmpty(accountId, field);
    const index = this.ids.length;
    this.ids.push(accountId);
    this.names.push('');
    this.indexById.set(accountId, index);
    for (const column of Object.values(this.account) as Column<Uint8Array | Uint16Array | Int32Array | Float64Array>[]) {
      column.extendTo(index + 1);
    }
    return index;
  }

  // ------------------------------------------------------------------------------------------
  // Domain records: validated once, then stored through the compact adders

  /** Add an account (once per id). @throws DomainValidationError naming `account.…`. */
  addAccount(account: Account): number {
    const parsed = parseInput(guards.account, account, 'account');
    const currencyIndex = this.currencyIndex(parsed.currency, 'account.currency');
    const zoneIndex = parsed.timeZone ? this.zoneIndex(parsed.timeZone, 'account.timeZone') : null;
    const limit = parsed.creditLimit ? assertMoney(parsed.creditLimit, 'account.creditLimit') : null;
    const flags = parsed.flags.map((entry, index): CompactFlag => ({
      flag: entry.flag,
      sinceEpochDay: entry.since ? toEpochDay(entry.since, `account.flags.${index}.since`) : null,
      untilEpochDay: entry.until ? toEpochDay(entry.until, `account.flags.${index}.until`) : null,
    }));
    return this.addAccountCompact(parsed.id, {
      name: parsed.name,
      currencyIndex,
      segment: parsed.segment,
      zoneIndex,
      // The worklist belongs to the collector when one is assigned, else to the account owner.
      collectorIndex: this.collectorIndex(parsed.collector ?? parsed.owner, parsed.collector ? 'account.collector' : 'account.owner'),
      riskRating: parsed.riskRating ?? null,
      keyAccount: parsed.keyAccount ?? false,
      creditLimitMinor: limit?.amountMinor ?? null,
      creditLimitCurrencyIndex: limit ? this.currencyIndex(limit.currency, 'account.creditLimit.currency') : null,
      flags,
    });
  }

  /** An invoice (aging.ts rules). Returns its row, or -1 when it is closed (not stored). */
  addInvoice(accountId: string, invoice: Invoice): number {
    const parsed = parseInput(guards.invoice, invoice, 'invoice');
    const total = assertMoney(parsed.total, 'invoice.total');
    const balance = assertMoney(parsed.balance, 'invoice.balance');
    if (balance.currency !== total.currency) {
      invalid('invoice.balance.currency', `invoice total is in ${total.currency}`, 'currency_mismatch');
    }
    if (balance.amountMinor < 0) {
      invalid('invoice.balance.amountMinor', 'an invoice balance is never negative (credits are separate records)', 'out_of_range');
    }
    const dueDay = toEpochDay(parsed.dueDate, 'invoice.dueDate');
    const currencyIndex = this.currencyIndex(balance.currency, 'invoice.balance.currency');
    return this.addInvoiceCompact(this.reserveAccount(accountId), dueDay, balance.amountMinor, currencyIndex, parsed.status, parsed.id);
  }

  /** A payment: only its date is a fact (last payment). */
  addPayment(accountId: string, payment: Payment): void {
    const parsed = parseInput(guards.payment, payment, 'payment');
    assertMoney(parsed.amount, 'payment.amount');
    this.addPaymentCompact(this.reserveAccount(accountId), toEpochDay(parsed.receivedOn, 'payment.receivedOn'));
  }

  /** A credit note or unapplied cash (positive amount, aging.ts). */
  addCredit(accountId: string, credit: Credit): void {
    const parsed = parseInput(guards.credit, credit, 'credit');
    const amount = assertMoney(parsed.amount, 'credit.amount');
    if (amount.amountMinor < 0) {
      invalid('credit.amount.amountMinor', 'credits are recorded as positive amounts', 'out_of_range');
    }
    parseIsoDate(parsed.issuedOn, 'credit.issuedOn');
    this.addCreditCompact(this.reserveAccount(accountId), this.currencyIndex(amount.currency, 'credit.amount.currency'), parsed.kind, amount.amountMinor);
  }

  /** A promise to pay (promises.ts rules: positive amount, valid dates). */
  addPromise(accountId: string, promise: PromiseToPay): void {
    const parsed = parseInput(guards.promiseToPay, promise, 'promise');
    const amount = assertMoney(parsed.amount, 'promise.amount');
    if (amount.amountMinor <= 0) {
      invalid('promise.amount.amountMinor', 'a promised amount must be positive', 'out_of_range');
    }
    parseIsoDate(parsed.takenOn, 'promise.takenOn');
    const dueDay = toEpochDay(parsed.dueDate, 'promise.dueDate');
    const currencyIndex = this.currencyIndex(amount.currency, 'promise.amount.currency');
    this.addPromiseCompact(this.reserveAccount(accountId), dueDay, parsed.status, currencyIndex, amount.amountMinor);
  }

  /** A payment plan; an active one contributes its unpaid instalments (aging.ts `onPlan`). */
  addPlan(accountId: string, plan: PaymentPlan): void {
    const parsed = parseInput(guards.paymentPlan, plan, 'plan');
    const total = assertMoney(parsed.total, 'plan.total');
    let unpaid = 0;
    parsed.instalments.forEach((instalment, index) => {
      const amount = assertMoney(instalment.amount, `plan.instalments.${index}.amount`).amountMinor;
      const paid = assertMoney(instalment.paidAmount, `plan.instalments.${index}.paidAmount`).amountMinor;
      unpaid += Math.max(0, amount - paid);
    });
    if (!Number.isSafeInteger(unpaid)) {
      invalid('plan.instalments', 'unpaid instalments exceed the safe integer range of minor units', 'out_of_range');
    }
    const currencyIndex = this.currencyIndex(total.currency, 'plan.total.currency');
    this.addPlanCompact(this.reserveAccount(accountId), parsed.status, currencyIndex, unpaid);
  }

  /** A dispute; the lines of an active one hold their invoices' amounts (disputes.ts). */
  addDispute(accountId: string, dispute: Dispute): void {
    const parsed = parseInput(guards.dispute, dispute, 'dispute');
    const lines = parsed.lines.map((line, index) => ({
      invoiceId: line.invoiceId,
      amount: assertMoney(line.amount, `dispute.lines.${index}.amount`),
    }));
    const currencies = lines.map((line, index) => this.currencyIndex(line.amount.currency, `dispute.lines.${index}.amount.currency`));
    const accountIndex = this.reserveAccount(accountId);
    if (!ACTIVE_DISPUTE_STATUSES.includes(parsed.status)) {
      this.skippedCounts.inactiveDisputes += 1;
      return;
    }
    lines.forEach((line, index) => {
      const row = this.pushDisputeLine(accountIndex, PENDING_INVOICE, line.amount.amountMinor, currencies[index] as number, parsed.id);
      this.pendingDisputeInvoice.set(row, line.invoiceId);
    });
  }

  /** A contact-history entry: the latest contact and the latest conversation are facts. */
  addActivity(accountId: string, activity: Activity): void {
    const parsed = parseInput(guards.historyActivity, activity, 'activity');
    const occurredAtMs = parseInstant(parsed.occurredAt, 'activity.occurredAt');
    this.addActivityCompact(this.reserveAccount(accountId), occurredAtMs, parsed.kind, parsed.conversation);
  }

  /** A follow-up task: the earliest open one is the account's next follow-up. */
  addFollowUp(accountId: string, task: FollowUp): void {
    const parsed = parseInput(followUp, task, 'followUp');
    this.addFollowUpCompact(this.reserveAccount(accountId), toEpochDay(parsed.dueDate, 'followUp.dueDate'), parsed.open);
  }

  // ------------------------------------------------------------------------------------------
  // Compact rows: range checks only, the one way into the columns

  /** Add an account by id; returns its index. @throws `invalid_input` naming `accountId` when it was added before. */
  addAccountCompact(accountId: string, fields: CompactAccount): number {
    const existing = this.indexById.get(accountId);
    if (existing !== undefined && this.account.known.get(existing) === 1) {
      invalid('accountId', `account ${accountId} was already added`);
    }
    if (fields === null || typeof fields !== 'object') {
      invalid('fields', 'expected the compact account fields');
    }
    // Everything is checked before the id is reserved, so a rejected account leaves no trace.
    this.requireCurrencyIndex(fields.currencyIndex, 'currencyIndex');
    const segment = SEGMENT_CODES.get(fields.segment) ?? invalid('segment', `expected one of ${V.SEGMENTS.join(', ')}`);
    const zone = fields.zoneIndex == null ? NO_INDEX : integerIn(fields.zoneIndex, 'zoneIndex', 0, this.zones.length - 1);
    const collector = fields.collectorIndex == null ? -1 : integerIn(fields.collectorIndex, 'collectorIndex', 0, this.collectors.length - 1);
    const risk = fields.riskRating == null ? 0 : (RISK_CODES.get(fields.riskRating) ?? invalid('riskRating', `expected one of ${V.RISK_RATINGS.join(', ')}`));
    const flags = (fields.flags ?? []).map((entry, i) => this.compactFlag(entry, `flags.${i}`));
    const limit = fields.creditLimitMinor == null ? null : integerIn(fields.creditLimitMinor, 'creditLimitMinor', 0);
    const limitCurrency = limit === null ? NO_INDEX : this.requireCurrencyIndex(fields.creditLimitCurrencyIndex, 'creditLimitCurrencyIndex');
    const name = fields.name === undefined ? '' : str(fields.name, 'name');
    const index = this.reserveAccount(accountId);
    const a = this.account;
    this.names[index] = name;
    a.creditLimitMinor.set(index, limit ?? 0);
    a.creditLimitCurrency.set(index, limitCurrency);
    a.known.set(index, 1);
    a.currency.set(index, fields.currencyIndex);
    a.zone.set(index, zone);
    a.segment.set(index, segment);
    a.collector.set(index, collector);
    a.risk.set(index, risk);
    a.key.set(index, fields.keyAccount ? 1 : 0);
    for (const entry of flags) {
      this.flag.account.push(index);
      this.flag.code.push(entry.code);
      this.flag.since.push(entry.since);
      this.flag.until.push(entry.until);
    }
    return index;
  }

  /**
   * An invoice row. Only `open` / `partially_paid` invoices with a positive balance are stored
   * (aging.ts); others return -1. Pass `invoiceId` when dispute records will name the invoice.
   */
  addInvoiceCompact(accountIndex: number, dueEpochDay: number, balanceMinor: number, currencyIndex: number, status: InvoiceStatus, invoiceId?: string): number {
    this.requireAccountIndex(accountIndex);
    requireDay(dueEpochDay, 'dueEpochDay');
    integerIn(balanceMinor, 'balanceMinor', 0);
    this.requireCurrencyIndex(currencyIndex, 'currencyIndex');
    oneOf(V.INVOICE_STATUSES)(status, 'status');
    if (!((status === 'open' || status === 'partially_paid') && balanceMinor > 0)) {
      this.skippedCounts.closedInvoices += 1;
      return -1;
    }
    const i = this.invoice;
    i.account.push(accountIndex);
    i.dueDay.push(dueEpochDay);
    i.balance.push(balanceMinor);
    const row = i.currency.push(currencyIndex);
    if (invoiceId !== undefined && !this.openInvoiceRowById.has(invoiceId)) {
      this.openInvoiceRowById.set(invoiceId, row);
    }
    return row;
  }

  addPaymentCompact(accountIndex: number, receivedEpochDay: number): void {
    this.requireAccountIndex(accountIndex);
    requireDay(receivedEpochDay, 'receivedEpochDay');
    const column = this.account.lastPaymentDay;
    column.set(accountIndex, Math.max(column.get(accountIndex), receivedEpochDay));
  }

  addCreditCompact(accountIndex: number, currencyIndex: number, kind: CreditKind, amountMinor: number): void {
    this.requireAccountIndex(accountIndex);
    this.requireCurrencyIndex(currencyIndex, 'currencyIndex');
    const code = V.CREDIT_KINDS.indexOf(oneOf(V.CREDIT_KINDS)(kind, 'kind'));
    integerIn(amountMinor, 'amountMinor', 0);
    const c = this.credit;
    c.account.push(accountIndex);
    c.currency.push(currencyIndex);
    c.kind.push(code);
    c.amount.push(amountMinor);
  }

  addPromiseCompact(accountIndex: number, dueEpochDay: number, status: PromiseStatus, currencyIndex: number, amountMinor: number): void {
    this.requireAccountIndex(accountIndex);
    requireDay(dueEpochDay, 'dueEpochDay');
    const code = PROMISE_CODES.get(status) ?? invalid('status', `expected one of ${V.PROMISE_STATUSES.join(', ')}`);
    this.requireCurrencyIndex(currencyIndex, 'currencyIndex');
    integerIn(amountMinor, 'amountMinor', 1);
    const p = this.promise;
    p.account.push(accountIndex);
    p.dueDay.push(dueEpochDay);
    p.status.push(code);
    p.currency.push(currencyIndex);
    p.amount.push(amountMinor);
  }

  /** A plan's unpaid instalments (Σ max(0, amount − paid)); only `active` plans are stored. */
  addPlanCompact(accountIndex: number, status: PlanStatus, currencyIndex: number, unpaidInstalmentsMinor: number): void {
    this.requireAccountIndex(accountIndex);
    oneOf(V.PLAN_STATUSES)(status, 'status');
    this.requireCurrencyIndex(currencyIndex, 'currencyIndex');
    integerIn(unpaidInstalmentsMinor, 'unpaidInstalmentsMinor', 0);
    if (status !== 'active') {
      this.skippedCounts.inactivePlans += 1;
      return;
    }
    this.plan.account.push(accountIndex);
    this.plan.currency.push(currencyIndex);
    this.plan.unpaid.push(unpaidInstalmentsMinor);
  }

  /**
   * A line of an ACTIVE dispute on the invoice row `invoiceRow` (from addInvoiceCompact; -1 = the
   * invoice is not open, the line holds nothing). Negative amounts hold nothing (disputes.ts).
   */
  addDisputeLineCompact(accountIndex: number, invoiceRow: number, amountMinor: number, currencyIndex: number): void {
    this.requireAccountIndex(accountIndex);
    integerIn(invoiceRow, 'invoiceRow', NO_INVOICE, this.invoice.account.length - 1);
    integerIn(amountMinor, 'amountMinor');
    this.requireCurrencyIndex(currencyIndex, 'currencyIndex');
    this.pushDisputeLine(accountIndex, invoiceRow, amountMinor, currencyIndex, null);
  }

  addActivityCompact(accountIndex: number, occurredAtMs: number, kind: ActivityKind, conversation: boolean): void {
    this.requireAccountIndex(accountIndex);
    integerIn(occurredAtMs, 'occurredAtMs', -62_135_596_800_000, 253_402_300_799_999);
    oneOf(V.ACTIVITY_KINDS)(kind, 'kind');
    bool(conversation, 'conversation');
    const a = this.account;
    if (CONTACT_KINDS.has(kind)) {
      a.lastContactMs.set(accountIndex, Math.max(a.lastContactMs.get(accountIndex), occurredAtMs));
    }
    if (conversation) {
      a.lastConversationMs.set(accountIndex, Math.max(a.lastConversationMs.get(accountIndex), occurredAtMs));
    }
  }

  addFollowUpCompact(accountIndex: number, dueEpochDay: number, open: boolean): void {
    this.requireAccountIndex(accountIndex);
    requireDay(dueEpochDay, 'dueEpochDay');
    if (bool(open, 'open')) {
      const column = this.account.nextFollowUpDay;
      column.set(accountIndex, Math.min(column.get(accountIndex), dueEpochDay));
    }
  }

  // ------------------------------------------------------------------------------------------

  /** The columns for facts.ts. @internal */
  tables(): BookTables {
    const a = this.account;
    return {
      accountCount: this.ids.length,
      accountKnown: a.known.view(),
      accountCurrency: a.currency.view(),
      accountZone: a.zone.view(),
      accountSegment: a.segment.view(),
      accountCollector: a.collector.view(),
      accountRisk: a.risk.view(),
      accountKey: a.key.view(),
      creditLimitMinor: a.creditLimitMinor.view(),
      creditLimitCurrency: a.creditLimitCurrency.view(),
      lastPaymentDay: a.lastPaymentDay.view(),
      lastContactMs: a.lastContactMs.view(),
      lastConversationMs: a.lastConversationMs.view(),
      nextFollowUpDay: a.nextFollowUpDay.view(),
      invoiceAccount: this.invoice.account.view(),
      invoiceDueDay: this.invoice.dueDay.view(),
      invoiceBalance: this.invoice.balance.view(),
      invoiceCurrency: this.invoice.currency.view(),
      creditAccount: this.credit.account.view(),
      creditCurrency: this.credit.currency.view(),
      creditKind: this.credit.kind.view(),
      creditAmount: this.credit.amount.view(),
      promiseAccount: this.promise.account.view(),
      promiseDueDay: this.promise.dueDay.view(),
      promiseStatus: this.promise.status.view(),
      promiseCurrency: this.promise.currency.view(),
      promiseAmount: this.promise.amount.view(),
      planAccount: this.plan.account.view(),
      planCurrency: this.plan.currency.view(),
      planUnpaid: this.plan.unpaid.view(),
      disputeAccount: this.dispute.account.view(),
      disputeInvoiceRow: this.dispute.invoiceRow.view(),
      disputeAmount: this.dispute.amount.view(),
      disputeCurrency: this.dispute.currency.view(),
      flagAccount: this.flag.account.view(),
      flagCode: this.flag.code.view(),
      flagSince: this.flag.since.view(),
      flagUntil: this.flag.until.view(),
      resolveDisputeInvoice: (line) => {
        const row = this.dispute.invoiceRow.get(line);
        if (row !== PENDING_INVOICE) {
          return row;
        }
        const invoiceId = this.pendingDisputeInvoice.get(line);
        return invoiceId === undefined ? NO_INVOICE : (this.openInvoiceRowById.get(invoiceId) ?? NO_INVOICE);
      },
      disputeIdOf: (line) => this.disputeIds[line] ?? null,
    };
  }

  private pushDisputeLine(accountIndex: number, invoiceRow: number, amountMinor: number, currencyIndex: number, disputeId: string | null): number {
    const d = this.dispute;
    d.account.push(accountIndex);
    d.invoiceRow.push(invoiceRow);
    d.amount.push(amountMinor);
    this.disputeIds.push(disputeId);
    return d.currency.push(currencyIndex);
  }

  private compactFlag(entry: CompactFlag, field: string): { code: number; since: number; until: number } {
    if (entry === null || typeof entry !== 'object') {
      invalid(field, 'expected {flag, sinceEpochDay?, untilEpochDay?}');
    }
    const code = FLAG_CODES.get(entry.flag) ?? invalid(`${field}.flag`, `expected one of ${V.ACCOUNT_FLAGS.join(', ')}`);
    const since = entry.sinceEpochDay == null ? NO_LATEST_DAY : requireDay(entry.sinceEpochDay, `${field}.sinceEpochDay`);
    const until = entry.untilEpochDay == null ? NO_EARLIEST_DAY : requireDay(entry.untilEpochDay, `${field}.untilEpochDay`);
    return { code, since, until };
  }

  private requireAccountIndex(accountIndex: number): number {
    return integerIn(accountIndex, 'accountIndex', 0, this.ids.length - 1);
  }

  private requireCurrencyIndex(currencyIndex: unknown, field: string): number {
    return integerIn(currencyIndex, field, 0, this.currencies.length - 1);
  }
}

function requireDay(epochDay: number, field: string): number {
  return integerIn(epochDay, field, MIN_EPOCH_DAY, MAX_EPOCH_DAY);
}
