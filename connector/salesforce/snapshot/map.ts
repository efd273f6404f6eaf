/**
 * Composite response → AccountSnapshot. Pure and transport-free (the LWC host feeds it the same
 * query results from Apex). Every record is converted and validated on its own: a record that fails
 * (null due date, negative balance, unknown currency, malformed id, too many decimals...) is
 * quarantined into `dataQuality` with a plain note and the rest of the snapshot still loads.
 */
import { withDerivedData } from '../../snapshot-derived';
import type { HolidaySource } from '../../snapshot-derived';
import { runInSlices, runToEnd } from '../../main-thread';
import type { SliceOptions, Steps } from '../../main-thread';
import { ConnectorError } from '../../errors';
import type { AccountSnapshot, ApiUsage, DataQualityNote } from '../../port';
import type { FollowUp } from '../../domain/model';
import {
  accountIssue,
  activityOrSkipIssue,
  contactIssue,
  disputeIssue,
  followUpIssue,
  invoiceIssue,
  noteIssue,
  paymentOrCreditIssue,
  planIssue,
  promiseIssue,
  settlementIssue,
} from './model-check';
import type { ModelCheck } from './model-check';
import type {
  Account,
  Activity,
  Channel,
  Contact,
  Credit,
  Dispute,
  Instalment,
  Invoice,
  Payment,
  PaymentPlan,
  PromiseToPay,
  SettlementOffer,
} from '../../domain/model';
import type { CompositeResponse, CompositeSubresponse, QueryResult } from '../client';
import { errorItems, mapSalesforceError } from '../errors';
import { isKnownCurrency } from '../../domain/currencies';
import { salesTermsOf } from '../../domain/sales-terms';
import { isSalesforceId } from '../ids';
import type { MappingConfig } from '../mapping/schema';
import {
  ACCOUNT_FLAG,
  CONTACT_ROLE,
  DISPUTE_OWNER_ANSWER,
  DISPUTE_REASON,
  DISPUTE_STATUS,
  INSTALMENT_STATUS,
  PLAN_FREQUENCY,
  PLAN_STATUS,
  PROMISE_STATUS,
  REMAINDER_TREATMENT,
  SETTLEMENT_STATUS,
  callDispositionOf,
} from '../picklists';
import { dayInZone, isKnownTimeZone, readPath, relationshipOf, splitList, text, toInstant, toIsoDate, toMinorUnits, ValueError } from '../values';
import { CONTACT_TASKS_RELATIONSHIP, SNAPSHOT_LIMITS, SNAPSHOT_REFS } from './build';
import { staticRatesFromRows } from '../portfolio/rates';
import type { FxRate } from '../../domain/money';
import { noteTitleWithoutMarker } from '../writes/note-key';

export interface MapSnapshotOptions {
  now?: Date;
  apiUsage?: ApiUsage | null;
  /** The host's compliance profile override (`loadSnapshot(ref, { complianceProfile })`). */
  complianceProfile?: string | null;
  /** Public holidays for the snapshot's calendar: date-holidays (Node) or the generated table (pages), decision 0021. */
  holidays?: HolidaySource;
}

type Rec = Record<string, unknown>;

/** `dueDate` → `due date`, `lines[0].amount` → `lines[0] amount`: field names a collector can read. */
function plainField(field: string): string {
  return field.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`);
}

class Quarantine {
  readonly notes: DataQualityNote[] = [];
  add(recordKind: string, recordId: unknown, field: string | null, message: string): void {
    this.notes.push({ recordKind, recordId: typeof recordId === 'string' ? recordId : null, field, message });
  }
  /** Run a converter; on failure record a note and return null. */
  guard<T>(recordKind: string, record: Rec, convert: () => T, modelIssue: ModelCheck, label?: string | null): T | null {
    try {
      const id = record.Id;
      if (!isSalesforceId(id)) {
        throw new ValueError('id', `record id ${JSON.stringify(id ?? null)} is not a valid Salesforce id`);
      }
      const value = convert();
      // Belt and braces: the converters are the boundary check (model-check.ts; left out of the LWC page).
      const issue = modelIssue(value);
      if (issue) {
        throw new ValueError(issue.field, issue.message);
      }
      return value;
    } catch (error) {
      if (error instanceof ValueError) {
        const what = recordKind.charAt(0).toUpperCase() + recordKind.slice(1);
        const name = typeof record.Name === 'string' ? record.Name : typeof record.Id === 'string' ? record.Id : '(no id)';
        this.add(recordKind, record.Id, error.field, `${what} ${label ?? name} is not shown: ${plainField(error.field)} ${error.message}.`);
        return null;
      }
      throw error;
    }
  }
}

function records(value: unknown): Rec[] {
  if (value && typeof value === 'object' && Array.isArray((value as QueryResult).records)) {
    return (value as QueryResult<Rec>).records;
  }
  return [];
}

function subresponse(response: CompositeResponse, referenceId: string): CompositeSubresponse | undefined {
  return response.compositeResponse.find((r) => r.referenceId === referenceId);
}

function required<T>(value: T | null | undefined, field: string, what = 'is missing'): T {
  if (value == null) {
    throw new ValueError(field, what);
  }
  return value;
}

function validIdOrNull(value: unknown): string | null {
  return isSalesforceId(value) ? value : null;
}

function currencyOf(record: Rec, field: string | null, fallback: string): string {
  if (!field) {
    return fallback;
  }
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function idList(value: unknown, field: string): string[] {
  const ids = splitList(value);
  const bad = ids.find((id) => !isSalesforceId(id));
  if (bad) {
    throw new ValueError(field, `contains ${JSON.stringify(bad)}, which is not a record id`);
  }
  return ids;
}

const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  india: 'IN', 'united states': 'US', usa: 'US', 'united kingdom': 'GB', uk: 'GB', ireland: 'IE',
};

function countryCode(value: unknown): string | null {
  const t = text(value);
  if (!t) {
    return null;
  }
  if (/^[A-Za-z]{2}$/.test(t)) {
    return t.toUpperCase();
  }
  return COUNTRY_NAMES[t.toLowerCase()] ?? englishCountryNames().get(t.toLowerCase()) ?? null;
}

let countryNames: Map<string, string> | undefined;

/**
 * English country names → ISO 3166 codes from the runtime's CLDR (Intl.DisplayNames), so a BillingCountry such
 * as 'Kuwait' or 'Japan' gets its working week and holidays (issue 17); built once, on the first unknown name.
 */
function englishCountryNames(): Map<string, string> {
  if (!countryNames) {
    countryNames = new Map();
    const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }) : null;
    for (let a = 65; a <= 90 && names; a += 1) {
      for (let b = 65; b <= 90; b += 1) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name) {
          countryNames.set(name.toLowerCase(), code);
        }
      }
    }
  }
  return countryNames;
}

/** An account zone the runtime knows, else null with a note (dates then fall back to UTC, visibly). */
function knownZoneOrNull(zone: string | null, rec: Rec, q: Quarantine): string | null {
  if (zone === null || isKnownTimeZone(zone)) {
    return zone;
  }
  q.add('account', rec.Id, 'timeZone', `Account time zone ${JSON.stringify(zone)} is not a known IANA zone (e.g. Asia/Kolkata); dates use UTC and calling hours cannot be checked.`);
  return null;
}

function mapAccount(mapping: MappingConfig, rec: Rec, q: Quarantine): Account {
  const f = mapping.account.fields;
  const currencyValue = f.currency ? rec[f.currency] : null;
  let currency = mapping.defaultCurrency;
  if (typeof currencyValue === 'string' && currencyValue !== '') {
    if (isKnownCurrency(currencyValue)) {
      currency = currencyValue;
    } else {
      q.add('account', rec.Id, 'currency', `Account currency ${JSON.stringify(currencyValue)} is not an ISO 4217 code; using ${currency}.`);
    }
  }
  const owner = readPath(rec, relationshipOf(f.ownerId)) as Rec | null;
  const collector = f.collector ? (readPath(rec, relationshipOf(f.collector)) as Rec | null) : null;
  const flags = [];
  // Multi-select picklists arrive as one string, values separated by ';'.
  const flagValues = f.flags && typeof rec[f.flags] === 'string' ? String(rec[f.flags]).split(';').map((v) => v.trim()).filter((v) => v !== '') : [];
  for (const value of flagValues) {
    const flag = ACCOUNT_FLAG.toDomain(value);
    if (flag) {
      flags.push({ flag });
    } else {
      q.add('account', rec.Id, 'flags', `Unknown collections flag ${JSON.stringify(value)} ignored.`);
    }
  }
  let creditLimit = null;
  if (f.creditLimit && rec[f.creditLimit] != null) {
    try {
      creditLimit = toMinorUnits(rec[f.creditLimit], currency, 'creditLimit');
    } catch (error) {
      q.add('account', rec.Id, 'creditLimit', error instanceof Error ? error.message : String(error));
    }
  }
  const segment = f.segment ? String(rec[f.segment] ?? '').toLowerCase() : '';
  const risk = f.riskRating ? String(rec[f.riskRating] ?? '').toLowerCase() : '';
  const account: Account = {
    id: String(rec.Id),
    name: text(rec[f.name]) ?? '',
    accountNumber: f.accountNumber ? text(rec[f.accountNumber]) : null,
    owner: { id: String(readPath(owner, 'Id') ?? rec[f.ownerId] ?? ''), name: text(readPath(owner, 'Name')) ?? '', email: text(readPath(owner, 'Email')) },
    collector: collector && isSalesforceId(collector.Id) ? { id: collector.Id, name: text(collector.Name) ?? '', email: text(collector.Email) } : null,
    segment: segment === 'b2c' ? 'b2c' : 'b2b',
    country: f.country ? countryCode(rec[f.country]) : null,
    region: f.region ? text(rec[f.region]) : null,
    city: f.city ? text(rec[f.city]) : null,
    timeZone: knownZoneOrNull(f.timeZone ? text(rec[f.timeZone]) : null, rec, q),
    complianceProfile: f.complianceProfile ? text(rec[f.complianceProfile]) : null,
    currency,
    creditLimit,
    riskRating: risk === 'low' || risk === 'medium' || risk === 'high' ? risk : null,
    keyAccount: f.keyAccount ? rec[f.keyAccount] === true : false,
    flags,
  };
  // The model's ids are non-empty (IdSchema): the converters' check, then the model's (left out of the LWC page).
  const emptyId = account.id === '' ? 'id' : account.owner.id === '' ? 'owner.id' : null;
  const issue = emptyId ? { field: emptyId, message: 'is missing' } : accountIssue(account);
  if (issue) {
    throw new ConnectorError({ kind: 'malformed_response', userMessage: 'This account record could not be read (owner or id missing).', detail: `${issue.field}: ${issue.message}` });
  }
  return account;
}

function mapContact(mapping: MappingConfig, rec: Rec): Contact {
  const f = mapping.contact.fields;
  const get = (key: string | null): string | null => (key ? text(rec[key]) : null);
  const phones: Contact['phones'] = [];
  const phone = get(f.phone);
  if (phone) {
    phones.push({ number: phone, kind: 'work', timeZone: get(f.phoneTimeZone) });
  }
  const mobile = get(f.mobilePhone);
  if (mobile) {
    phones.push({ number: mobile, kind: 'mobile', timeZone: get(f.mobileTimeZone) });
  }
  const optOuts: Channel[] = [];
  const flag = (key: string | null, channel: Channel): void => {
    if (key && rec[key] === true) {
      optOuts.push(channel);
    }
  };
  flag(f.callOptOut, 'call');
  flag(f.emailOptOut, 'email');
  flag(f.smsOptOut, 'sms');
  flag(f.visitOptOut, 'visit');
  return {
    id: String(rec.Id),
    name: get(f.name) ?? '',
    title: get(f.title),
    email: get(f.email),
    phones,
    timeZone: get(f.timeZone),
    role: (f.role ? CONTACT_ROLE.toDomain(rec[f.role]) : null) ?? 'other',
    optOuts,
  };
}

function mapInvoice(mapping: MappingConfig, rec: Rec, accountCurrency: string): Invoice {
  const inv = mapping.invoice;
  const f = inv.fields;
  const currency = currencyOf(rec, f.currency, accountCurrency);
  const total = toMinorUnits(rec[f.total], currency, 'total');
  const balance = toMinorUnits(rec[f.balance], currency, 'balance');
  if (balance.amountMinor < 0) {
    throw new ValueError('balance', 'is negative (credits belong in credit notes)');
  }
  let status: Invoice['status'];
  const raw = f.status ? rec[f.status] : null;
  if (raw != null && raw !== '') {
    const mapped = inv.statusValues[String(raw)];
    if (!mapped) {
      throw new ValueError('status', `value ${JSON.stringify(raw)} is not mapped`);
    }
    status = mapped;
  } else {
    status = balance.amountMinor === 0 ? 'paid' : balance.amountMinor < total.amountMinor ? 'partially_paid' : 'open';
  }
  // Billing-style statuses say "Posted" for open and partially paid alike: refine from the balance.
  if (status === 'open' && balance.amountMinor === 0) {
    status = 'paid';
  } else if (status === 'open' && balance.amountMinor < total.amountMinor) {
    status = 'partially_paid';
  }
  return {
    id: String(rec.Id),
    number: text(rec[f.number]) ?? String(rec.Id),
    issueDate: toIsoDate(rec[f.issueDate], 'issueDate'),
    dueDate: toIsoDate(rec[f.dueDate], 'dueDate'),
    total,
    balance,
    status,
    poNumber: f.poNumber ? text(rec[f.poNumber]) : null,
  };
}

function mapPaymentOrCredit(mapping: MappingConfig, rec: Rec, accountCurrency: string): Payment | Credit {
  const pay = mapping.payment as NonNullable<MappingConfig['payment']>;
  const f = pay.fields;
  const currency = currencyOf(rec, f.currency, accountCurrency);
  const amount = toMinorUnits(rec[f.amount], currency, 'amount');
  if (amount.amountMinor < 0) {
    throw new ValueError('amount', 'is negative');
  }
  const date = toIsoDate(rec[f.receivedOn], 'receivedOn');
  const kind = f.type ? pay.typeValues[String(rec[f.type] ?? '')] : 'payment';
  if (!kind) {
    throw new ValueError('type', `value ${JSON.stringify(rec[f.type as string] ?? null)} is not mapped`);
  }
  const reference = f.reference ? text(rec[f.reference]) : null;
  if (kind === 'payment') {
    return { id: String(rec.Id), receivedOn: date, amount, invoiceId: f.invoice ? validIdOrNull(rec[f.invoice]) : null, reference };
  }
  return { id: String(rec.Id), kind, amount, issuedOn: date, reference };
}

function mapPromise(mapping: MappingConfig, rec: Rec): PromiseToPay {
  const f = (mapping.promise as NonNullable<MappingConfig['promise']>).fields;
  const currency = required(text(rec[f.currency]), 'currency');
  return {
    id: String(rec.Id),
    takenOn: toIsoDate(rec[f.takenOn], 'takenOn'),
    dueDate: toIsoDate(rec[f.dueDate], 'dueDate'),
    amount: toMinorUnits(rec[f.amount], currency, 'amount'),
    invoiceIds: f.invoiceIds ? idList(rec[f.invoiceIds], 'invoiceIds') : [],
    status: required(PROMISE_STATUS.toDomain(rec[f.status]), 'status', `value ${JSON.stringify(rec[f.status] ?? null)} is not a promise status`),
    contactId: f.contact ? validIdOrNull(rec[f.contact]) : null,
    note: f.note ? text(rec[f.note]) : null,
  };
}

function mapPlan(mapping: MappingConfig, rec: Rec): PaymentPlan {
  const plan = mapping.plan as NonNullable<MappingConfig['plan']>;
  const f = plan.fields;
  const i = plan.instalment.fields;
  const currency = required(text(rec[f.currency]), 'currency');
  const instalments: Instalment[] = records(rec[plan.instalment.planRelationship]).map((row, index) => {
    const rowCurrency = text(row[i.currency]) ?? currency;
    if (rowCurrency !== currency) {
      throw new ValueError(`instalments[${index}].currency`, `${rowCurrency} differs from the plan currency ${currency}`);
    }
    return {
      id: validIdOrNull(row.Id),
      sequence: sequenceOf(row[i.sequence], `instalments[${index}].sequence`),
      dueDate: toIsoDate(row[i.dueDate], `instalments[${index}].dueDate`),
      amount: toMinorUnits(row[i.amount], currency, `instalments[${index}].amount`),
      paidAmount: i.paidAmount && row[i.paidAmount] != null ? toMinorUnits(row[i.paidAmount], currency, `instalments[${index}].paidAmount`) : { amountMinor: 0, currency },
      status: required(INSTALMENT_STATUS.toDomain(row[i.status]), `instalments[${index}].status`, 'is not an instalment status'),
    };
  });
  return {
    id: String(rec.Id),
    status: required(PLAN_STATUS.toDomain(rec[f.status]), 'status', `value ${JSON.stringify(rec[f.status] ?? null)} is not a plan status`),
    frequency: required(PLAN_FREQUENCY.toDomain(rec[f.frequency]), 'frequency', 'is not a plan frequency'),
    total: toMinorUnits(rec[f.total], currency, 'total'),
    downPayment: f.downPayment && rec[f.downPayment] != null ? toMinorUnits(rec[f.downPayment], currency, 'downPayment') : null,
    instalments,
    invoiceIds: f.invoiceIds ? idList(rec[f.invoiceIds], 'invoiceIds') : [],
    createdOn: toIsoDate(rec[f.startDate], 'startDate'),
  };
}

/** An instalment's place in its plan: a whole number from 0 (the down payment), as a Number field or its text. */
function sequenceOf(value: unknown, field: string): number {
  const sequence = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw new ValueError(field, value == null || value === '' ? 'is missing' : `${JSON.stringify(value)} is not a whole number from 0 up`);
  }
  return sequence;
}

function mapSettlement(mapping: MappingConfig, rec: Rec, zone: string | null): SettlementOffer {
  const f = (mapping.settlement as NonNullable<MappingConfig['settlement']>).fields;
  const currency = required(text(rec[f.currency]), 'currency');
  return {
    id: String(rec.Id),
    status: required(SETTLEMENT_STATUS.toDomain(rec[f.status]), 'status', 'is not a settlement status'),
    balance: toMinorUnits(rec[f.balance], currency, 'balance'),
    offerAmount: toMinorUnits(rec[f.offerAmount], currency, 'offerAmount'),
    expiresOn: toIsoDate(rec[f.expiresOn], 'expiresOn'),
    invoiceIds: f.invoiceIds ? idList(rec[f.invoiceIds], 'invoiceIds') : [],
    remainderTreatment: required(REMAINDER_TREATMENT.toDomain(rec[f.remainderTreatment]), 'remainderTreatment', 'is not a remainder treatment'),
    createdOn: dayInZone(toInstant(rec.CreatedDate, 'createdDate'), zone),
  };
}

function mapDispute(mapping: MappingConfig, rec: Rec, zone: string | null, accountCurrency: string): Dispute {
  const d = mapping.dispute as NonNullable<MappingConfig['dispute']>;
  const f = d.fields;
  const lf = d.line.fields;
  const owner = rec.Owner as Rec | null;
  return {
    id: String(rec.Id),
    reference: text(rec.CaseNumber),
    reason: DISPUTE_REASON.toDomain(rec[f.reason]) ?? 'other',
    status: required(DISPUTE_STATUS.toDomain(rec[f.status]), 'status', `value ${JSON.stringify(rec[f.status] ?? null)} is not a dispute status`),
    lines: records(rec[d.line.caseRelationship]).map((line, index) => ({
      invoiceId: required(text(line[lf.invoiceRef]), `lines[${index}].invoiceId`),
      amount: toMinorUnits(line[lf.amount], text(line[lf.currency]) ?? accountCurrency, `lines[${index}].amount`),
    })),
    owner: { id: required(text(owner?.Id), 'owner', 'is missing'), name: text(owner?.Name) ?? '' },
    openedOn: dayInZone(toInstant(rec.CreatedDate, 'createdDate'), zone),
    slaDueDate: toIsoDate(rec[f.slaDueDate], 'slaDueDate'),
    evidence: text(rec.Description),
    resolution: f.resolution ? text(rec[f.resolution]) : null,
    ownerAnswer: ownerAnswerOf(f, rec, text(f.currency ? rec[f.currency] : null) ?? accountCurrency),
    escalatedAt: f.escalatedAt && rec[f.escalatedAt] != null ? toInstant(rec[f.escalatedAt], 'escalatedAt') : null,
  };
}

/** The sales owner's answer recorded on a dispute Case, or null (issue 19). */
function ownerAnswerOf(f: NonNullable<MappingConfig['dispute']>['fields'], rec: Rec, currency: string): Dispute['ownerAnswer'] {
  const kind = f.ownerAnswer ? DISPUTE_OWNER_ANSWER.toDomain(rec[f.ownerAnswer]) : null;
  if (!kind) {
    return null;
  }
  const credit = f.creditNoteAmount ? rec[f.creditNoteAmount] : null;
  return {
    kind,
    note: f.ownerAnswerNote ? text(rec[f.ownerAnswerNote]) : null,
    creditNote: credit == null ? null : toMinorUnits(credit, currency, 'creditNoteAmount'),
    answeredAt: f.ownerAnsweredAt && rec[f.ownerAnsweredAt] != null ? toInstant(rec[f.ownerAnsweredAt], 'ownerAnsweredAt') : null,
  };
}

const CHANNEL_KINDS: Readonly<Record<string, Activity['kind']>> = { call: 'call', email: 'email', sms: 'sms', visit: 'visit', letter: 'letter' };

function mapTask(mapping: MappingConfig, rec: Rec): Activity | 'skip' {
  const f = mapping.activity.fields;
  const createdBy = rec.CreatedBy as Rec | null;
  // A rep's "Payment terms: …" Task, whatever its channel (usually none): a note agreed by sales.
  const terms = salesTermsOf(text(rec.Subject));
  if (terms !== null) {
    return {
      id: String(rec.Id),
      kind: 'note',
      direction: 'outbound',
      occurredAt: toInstant(f.occurredAt && rec[f.occurredAt] != null ? rec[f.occurredAt] : rec.CreatedDate, 'occurredAt'),
      contactId: validIdOrNull(rec.WhoId),
      conversation: false,
      subject: terms,
      body: text(rec.Description),
      agreedBySales: true,
      createdBy: createdBy && isSalesforceId(createdBy.Id) ? { id: createdBy.Id, name: text(createdBy.Name) ?? '' } : null,
    };
  }
  const channel = f.channel ? text(rec[f.channel])?.toLowerCase() : null;
  const subtype = text(rec.TaskSubtype)?.toLowerCase();
  const kind = (channel ? CHANNEL_KINDS[channel] : undefined) ?? (subtype === 'call' ? 'call' : subtype === 'email' ? 'email' : undefined);
  if (!kind) {
    return 'skip';
  }
  const occurred = f.occurredAt && rec[f.occurredAt] != null ? rec[f.occurredAt] : rec.CreatedDate;
  const duration = rec.CallDurationInSeconds;
  return {
    id: String(rec.Id),
    kind,
    direction: String(rec.CallType ?? '').toLowerCase() === 'inbound' ? 'inbound' : 'outbound',
    occurredAt: toInstant(occurred, 'occurredAt'),
    contactId: validIdOrNull(rec.WhoId),
    disposition: kind === 'call' ? callDispositionOf(rec.CallDisposition) : null,
    durationSeconds: typeof duration === 'number' && Number.isSafeInteger(duration) && duration >= 0 ? duration : null,
    conversation: f.conversation ? rec[f.conversation] === true : false,
    subject: text(rec.Subject),
    body: text(rec.Description),
    complianceOverride: f.complianceOverride ? text(rec[f.complianceOverride]) : null,
    createdBy: createdBy && isSalesforceId(createdBy.Id) ? { id: createdBy.Id, name: text(createdBy.Name) ?? '' } : null,
  };
}

/** An open Task: subject, due day (ActivityDate) and contact. */
function mapFollowUp(rec: Rec): FollowUp {
  return {
    id: String(rec.Id),
    subject: text(rec.Subject) ?? 'Follow up',
    dueDate: rec.ActivityDate == null ? null : toIsoDate(rec.ActivityDate, 'dueDate'),
    contactId: validIdOrNull(rec.WhoId),
  };
}

function mapNote(rec: Rec): Activity {
  const doc = rec.ContentDocument as Rec | null;
  const createdBy = doc?.CreatedBy as Rec | null | undefined;
  const title = noteTitleWithoutMarker(text(doc?.Title) ?? '');
  const terms = salesTermsOf(title);
  return {
    id: required(validIdOrNull(rec.ContentDocumentId), 'contentDocumentId', 'is not a record id'),
    kind: 'note',
    direction: 'outbound',
    occurredAt: toInstant(doc?.CreatedDate, 'createdDate'),
    contactId: null,
    conversation: false,
    subject: terms ?? title,
    body: null,
    ...(terms === null ? {} : { agreedBySales: true }),
    createdBy: createdBy && isSalesforceId(createdBy.Id) ? { id: createdBy.Id, name: text(createdBy.Name) ?? '' } : null,
  };
}

/**
 * The first `shown` rows of a list queried with one row more (build.ts `probeLimit`): when the extra
 * row came back, the list was cut, so it is dropped and a note says so (a LIMITed query answers
 * `done: true` either way).
 */
function capRows(rows: Rec[], shown: number, q: Quarantine, kind: string, message: string, recordId: unknown = null): Rec[] {
  if (rows.length <= shown) {
    return rows;
  }
  q.add(kind, recordId, null, message);
  return rows.slice(0, shown);
}

/** `rec` with its child list `relationship` capped the same way (a copy; the answer is not mutated). */
function capChildren(rec: Rec, relationship: string, shown: number, q: Quarantine, kind: string, message: string): Rec {
  const children = records(rec[relationship]);
  if (children.length <= shown) {
    return rec;
  }
  const capped = capRows(children, shown, q, kind, message, rec.Id);
  return { ...rec, [relationship]: { ...(rec[relationship] as Rec), records: capped } };
}

/** A query naming a field/object the org lacks is a mapping problem, not bad user data. */
function asConfigurationError(error: ConnectorError): ConnectorError {
  if (error.crmCode === 'INVALID_FIELD' || error.crmCode === 'INVALID_TYPE' || error.crmCode === 'NO_SUCH_COLUMN') {
    return new ConnectorError({ kind: 'configuration', detail: error.message, ...(error.crmCode ? { crmCode: error.crmCode } : {}), ...(error.status === undefined ? {} : { status: error.status }), cause: error });
  }
  return error;
}

function sectionRecords(response: CompositeResponse, referenceId: string, kind: string, q: Quarantine): Rec[] {
  const sub = subresponse(response, referenceId);
  if (!sub) {
    return [];
  }
  if (sub.httpStatusCode >= 400) {
    const error = mapSalesforceError(sub.httpStatusCode, sub.body, referenceId);
    q.add(kind, null, null, `Could not load ${referenceId}: ${error.userMessage}${error.fields.length ? ` (${error.fields.join(', ')})` : ''}`);
    return [];
  }
  const result = sub.body as QueryResult<Rec> | null;
  if (!result || !Array.isArray(result.records)) {
    q.add(kind, null, null, `Could not read ${referenceId}: the answer had no records.`);
    return [];
  }
  if (result.done === false) {
    q.add(kind, null, null, `Only the first ${result.records.length} ${referenceId} are shown.`);
  }
  return result.records;
}

/**
 * Map the composite answer of `buildSnapshotRequest` to an AccountSnapshot, in one go.
 * @throws ConnectorError when the record or account itself cannot be loaded (not found, no access, session).
 */
export function mapSnapshot(mapping: MappingConfig, response: CompositeResponse, options: MapSnapshotOptions = {}): AccountSnapshot {
  return runToEnd(mapSnapshotSteps(mapping, response, options));
}

/**
 * {@link mapSnapshot} in slices of about 10 ms (main-thread.ts `SLICE_BUDGET_MS`), giving the main thread back in
 * between (issue 18: a big account's 500 invoices and their validation were one 100–200 ms task).
 * Same steps, same result; the page's port uses this one.
 */
export function mapSnapshotInSlices(mapping: MappingConfig, response: CompositeResponse, options: MapSnapshotOptions & { slices?: SliceOptions } = {}): Promise<AccountSnapshot> {
  return runInSlices(mapSnapshotSteps(mapping, response, options), options.slices);
}

/** Every record mapped and validated on its own, with a pause point after each (main-thread.ts). */
function* mapEach<T>(rows: readonly Rec[], map: (row: Rec) => T | null): Steps<T[]> {
  const out: T[] = [];
  for (const row of rows) {
    const mapped = map(row);
    if (mapped !== null) {
      out.push(mapped);
    }
    yield;
  }
  return out;
}

/** Codes of a `ctx` answer meaning the user cannot see the record (any more): "record not found or not visible". */
const RECORD_GONE_CODES = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

function* mapSnapshotSteps(mapping: MappingConfig, response: CompositeResponse, options: MapSnapshotOptions): Steps<AccountSnapshot> {
  if (!response || !Array.isArray(response.compositeResponse)) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'composite answer has no compositeResponse array' });
  }
  const q = new Quarantine();
  const ctx = subresponse(response, SNAPSHOT_REFS.ctx);
  if (!ctx) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'composite answer lacks the ctx subresponse' });
  }
  // ctx is an sObject Rows GET (decision 0028): a deleted or invisible record answers 404 NOT_FOUND, and
  // may answer 403 INSUFFICIENT_ACCESS(_OR_READONLY) or ENTITY_IS_DELETED: all the same for the collector.
  if (ctx.httpStatusCode === 404 || errorItems(ctx.body).some((item) => RECORD_GONE_CODES.has(item.errorCode ?? ''))) {
    throw new ConnectorError({ kind: 'not_found', detail: 'record not found or not visible' });
  }
  if (ctx.httpStatusCode >= 400) {
    throw asConfigurationError(mapSalesforceError(ctx.httpStatusCode, ctx.body, 'resolve record'));
  }
  const ctxRecord = ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Rec) : null;
  if (!ctxRecord) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'the ctx subresponse is not a record' });
  }
  const accountId = ctxRecord.AccountId === undefined ? ctxRecord.Id : ctxRecord.AccountId;
  if (!isSalesforceId(accountId)) {
    throw new ConnectorError({ kind: 'not_found', userMessage: 'This record is not linked to an account, so there is nothing to collect here.', detail: 'record has no AccountId' });
  }
  const accountSub = subresponse(response, SNAPSHOT_REFS.account);
  if (!accountSub) {
    throw new ConnectorError({ kind: 'malformed_response', detail: 'composite answer lacks the account subresponse' });
  }
  if (accountSub.httpStatusCode >= 400) {
    throw asConfigurationError(mapSalesforceError(accountSub.httpStatusCode, accountSub.body, 'load account'));
  }
  const accountRecord = records(accountSub.body)[0];
  if (!accountRecord) {
    throw new ConnectorError({ kind: 'not_found', detail: `account ${accountId} not found or not visible` });
  }
  const account = mapAccount(mapping, accountRecord, q);
  const zone = account.timeZone ?? null;

  const L = SNAPSHOT_LIMITS;
  const contactRows = capRows(records(accountRecord[mapping.contact.accountRelationship]), L.contacts, q, 'contact', `Only the first ${L.contacts} contacts are shown.`);
  const contacts: Contact[] = yield* mapEach(contactRows, (r) => q.guard('contact', r, () => mapContact(mapping, r), contactIssue));

  const invoiceRows = capRows(sectionRecords(response, SNAPSHOT_REFS.invoices, 'invoice', q), L.invoices, q, 'invoice',
    `Only the first ${L.invoices} open invoices are shown; totals may be incomplete.`);
  const invoices: Invoice[] = yield* mapEach(invoiceRows, (r) => q.guard('invoice', r, () => mapInvoice(mapping, r, account.currency), invoiceIssue, text(r[mapping.invoice.fields.number])));

  const payments: Payment[] = [];
  const credits: Credit[] = [];
  if (mapping.payment) {
    const paymentRows = capRows(sectionRecords(response, SNAPSHOT_REFS.payments, 'payment', q), L.payments, q, 'payment',
      `Only the latest ${L.payments} payments and credits are shown; totals may be incomplete.`);
    for (const r of paymentRows) {
      const mapped = q.guard('payment', r, () => mapPaymentOrCredit(mapping, r, account.currency), paymentOrCreditIssue);
      if (mapped && 'kind' in mapped) {
        credits.push(mapped);
      } else if (mapped) {
        payments.push(mapped);
      }
      yield;
    }
  }
  const promises = mapping.promise
    ? capRows(records(accountRecord[mapping.promise.accountRelationship]), L.promises, q, 'promise', `Only the latest ${L.promises} promises to pay are shown.`)
      .map((r) => q.guard('promise', r, () => mapPromise(mapping, r), promiseIssue)).filter((x): x is PromiseToPay => x !== null)
    : [];
  const planMapping = mapping.plan;
  const plans = planMapping
    ? capRows(records(accountRecord[planMapping.accountRelationship]), L.plans, q, 'plan', `Only the latest ${L.plans} payment plans are shown.`)
      .map((r) => capChildren(r, planMapping.instalment.planRelationship, L.instalments, q, 'instalment', `Only the first ${L.instalments} instalments of a payment plan are shown; its totals may be incomplete.`))
      .map((r) => q.guard('plan', r, () => mapPlan(mapping, r), planIssue)).filter((x): x is PaymentPlan => x !== null)
    : [];
  const settlements = mapping.settlement
    ? capRows(records(accountRecord[mapping.settlement.accountRelationship]), L.settlements, q, 'settlement', `Only the latest ${L.settlements} settlement offers are shown.`)
      .map((r) => q.guard('settlement', r, () => mapSettlement(mapping, r, zone), settlementIssue)).filter((x): x is SettlementOffer => x !== null)
    : [];
  const disputeMapping = mapping.dispute;
  const disputes = disputeMapping
    ? capRows(records(accountRecord[disputeMapping.accountRelationship]), L.disputes, q, 'dispute', `Only the latest ${L.disputes} disputes are shown.`)
      .map((r) => capChildren(r, disputeMapping.line.caseRelationship, L.disputeLines, q, 'dispute', `Only the first ${L.disputeLines} lines of a dispute are shown; its amount may be incomplete.`))
      .map((r) => q.guard('dispute', r, () => mapDispute(mapping, r, zone, account.currency), disputeIssue)).filter((x): x is Dispute => x !== null)
    : [];

  yield;
  const activities: Activity[] = [];
  const taskLimit = mapping.activity.limit;
  const taskRows = capRows(records(accountRecord[mapping.activity.accountRelationship]), taskLimit, q, 'activity',
    `Only the latest ${taskLimit} activities are shown; contact counts may be incomplete.`);
  // Tasks logged on a contact only (WhoId, no WhatId: dialers, "Log a Call" on a Contact) arrive
  // under each contact; a Task on both arrives twice and is kept once (merged by Id).
  const taskById = new Map<unknown, Rec>(taskRows.map((r) => [r.Id, r]));
  for (const contact of contactRows) {
    const name = text(contact[mapping.contact.fields.name]) ?? String(contact.Id);
    const contactTasks = capRows(records(contact[CONTACT_TASKS_RELATIONSHIP]), taskLimit, q, 'activity',
      `Only the latest ${taskLimit} activities of ${name} are shown; contact counts may be incomplete.`, contact.Id);
    for (const task of contactTasks) {
      if (!taskById.has(task.Id)) {
        taskById.set(task.Id, task);
      }
    }
  }
  const followUps: FollowUp[] = [];
  for (const r of taskById.values()) {
    // An open Task is something to do, not a contact that happened: a follow-up (issue 17).
    if (typeof r.Status === 'string' && r.Status !== 'Completed') {
      const followUp = q.guard('activity', r, () => mapFollowUp(r), followUpIssue);
      if (followUp) {
        followUps.push(followUp);
      }
      continue;
    }
    const mapped = q.guard('activity', r, () => mapTask(mapping, r), activityOrSkipIssue);
    if (mapped && mapped !== 'skip') {
      activities.push(mapped);
    }
    yield;
  }
  if (mapping.notes) {
    for (const r of capRows(sectionRecords(response, SNAPSHOT_REFS.notes, 'note', q), L.notes, q, 'note', `Only the latest ${L.notes} notes are shown.`)) {
      const mapped = q.guard('note', r, () => mapNote(r), noteIssue);
      if (mapped) {
        activities.push(mapped);
      }
    }
  }
  activities.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  followUps.sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31'));
  // The derived parts (currency check, aging for the priority, trimming) run in a slice of their own.
  yield;
  const now = options.now ?? new Date();
  return withDerivedData({
    account,
    contacts,
    invoices,
    payments,
    credits,
    promises,
    plans,
    settlements,
    disputes,
    activities,
    followUps,
    dataQuality: q.notes,
    fetchedAt: now.toISOString(),
    source: { crm: 'salesforce', mapping: mapping.name },
    apiUsage: options.apiUsage ?? null,
    capabilities: {
      promises: mapping.promise !== null,
      plans: mapping.plan !== null,
      settlements: mapping.settlement !== null,
      disputes: mapping.dispute !== null,
      notes: mapping.notes,
      sendEmail: false,
    },
  }, { complianceProfile: options.complianceProfile, now, holidays: options.holidays, rates: orgRates(response) });
}

/**
 * The org's rates from the `rates` subrequest (CurrencyType, the worklist's query and mapping), for the
 * next action's amount bands. A single-currency org has no CurrencyType: that subrequest fails, no
 * rates, and an account in another currency than the strategy's gets no next action (no note: normal).
 */
function orgRates(response: CompositeResponse): FxRate[] {
  const sub = subresponse(response, SNAPSHOT_REFS.rates);
  if (!sub || sub.httpStatusCode >= 400) {
    return [];
  }
  const rows = (sub.body as QueryResult<Rec> | null)?.records;
  return Array.isArray(rows) ? staticRatesFromRows(rows) : [];
}

/**
 * The snapshot's record mappers, one record at a time, for readers that see an org's records
 * object by object rather than account by account (the portfolio source). Same functions, same
 * quarantine wording as {@link mapSnapshot}: one definition of every record, wherever it is read.
 * A record that cannot be mapped returns null and leaves a data-quality note (`drainNotes`).
 */
export interface RecordMapper {
  account(rec: Rec): Account | null;
  invoice(rec: Rec, accountCurrency: string): Invoice | null;
  paymentOrCredit(rec: Rec, accountCurrency: string): Payment | Credit | null;
  promise(rec: Rec): PromiseToPay | null;
  /** `rec` carries its instalments under the instalment relationship as `{ records: [...] }`. */
  plan(rec: Rec): PaymentPlan | null;
  /** `rec` carries its lines under the line relationship as `{ records: [...] }`. */
  dispute(rec: Rec, zone: string | null, accountCurrency: string): Dispute | null;
  /** null for tasks that are not contact history (no channel), like the snapshot's 'skip'. */
  activity(rec: Rec): Activity | null;
  drainNotes(): DataQualityNote[];
}

export function createRecordMapper(mapping: MappingConfig): RecordMapper {
  let q = new Quarantine();
  return {
    account(rec) {
      return q.guard('account', rec, () => {
        try {
          return mapAccount(mapping, rec, q);
        } catch (error) {
          if (error instanceof ConnectorError) {
            throw new ValueError('account', 'has no owner or id');
          }
          throw error;
        }
      }, accountIssue, text(rec[mapping.account.fields.name]));
    },
    invoice: (rec, currency) => q.guard('invoice', rec, () => mapInvoice(mapping, rec, currency), invoiceIssue, text(rec[mapping.invoice.fields.number])),
    paymentOrCredit: (rec, currency) => q.guard('payment', rec, () => mapPaymentOrCredit(mapping, rec, currency), paymentOrCreditIssue),
    promise: (rec) => q.guard('promise', rec, () => mapPromise(mapping, rec), promiseIssue),
    plan: (rec) => q.guard('plan', rec, () => mapPlan(mapping, rec), planIssue),
    dispute: (rec, zone, currency) => q.guard('dispute', rec, () => mapDispute(mapping, rec, zone, currency), disputeIssue),
    activity(rec) {
      const mapped = q.guard('activity', rec, () => mapTask(mapping, rec), activityOrSkipIssue);
      return mapped === 'skip' ? null : mapped;
    },
    drainNotes() {
      const notes = q.notes;
      q = new Quarantine();
      return notes;
    },
  };
}
