/**
 * Deterministic seed of a collections org: users, a fixed demo account with documented figures
 * (see sandbox/README.md "Demo account"), fixed edge-case accounts (markup in names/notes, bad data,
 * JPY, KWD) and N−fixed generated customers in India, the US, the UK, the EU, Japan and Kuwait.
 *
 * Every date is relative to `referenceDate`, so aging buckets are realistic for whatever day the
 * org is seeded. Records are yielded one at a time (no O(n²), constant memory per account), so
 * `--accounts 100000` streams straight to the data file.
 */
import { currencyCodeOf, money as domainMoney, toDecimalString } from '../../connector/domain/money';
import { makeId } from '../ids';
import { DEFAULT_STRATEGY } from '../../connector/domain/strategy/defaults';
import { STRATEGY_TYPES, strategyMetadataRecords } from '../../connector/salesforce/strategy-metadata';
import { addDays } from '../soql/date-literals';
import type { FieldValue, StoreHeader } from '../store';
import type { TypedRecord } from '../persistence';
import { SeedBuilder } from './builder';
import { Prng } from './prng';

export interface SeedOptions {
  /** PRNG seed. */
  seed: number;
  /** Total accounts, fixed ones included (minimum 1: the demo account). */
  accounts: number;
  /** ISO date all aging is relative to (default: today, UTC). */
  referenceDate: string;
  /**
   * Open invoices per generated account on average (benchmarks at scale, e.g. 2,000 accounts with
   * 20,000 open invoices). Each pair of generated accounts gets N − d and N + d open invoices (d drawn
   * from the seed), so the generated accounts hold exactly N × their number, plus up to two paid or
   * cancelled ones each for history. Absent: 2–7 invoices of any status each (the demo and e2e seeds).
   */
  invoicesPerAccount?: number;
}

/** Name of the fixed demo account. */
export const DEMO_ACCOUNT_NAME = 'Jaipur Textiles Pvt Ltd';
/** Id of the demo account: always the first account seeded, whatever the seed (001Hs0000000001IAA). */
export const DEMO_ACCOUNT_ID = makeId('001', 1);
/** Usernames of the seeded users (password: DEMO_PASSWORD in sandbox/auth.ts). */
export const SEED_USERS = {
  collectorIn: 'collector@sandbox.example',
  collectorUs: 'collector.us@sandbox.example',
  collectorUk: 'collector.uk@sandbox.example',
  salesIn: 'sales.in@sandbox.example',
  salesUs: 'sales.us@sandbox.example',
  salesEu: 'sales.eu@sandbox.example',
  admin: 'admin@sandbox.example',
  /** The sales reps' manager (User.ManagerId): disputes past their SLA are escalated to her (issue 19). */
  salesManager: 'sales.manager@sandbox.example',
  /** The collectors' manager (User.ManagerId): the worklist's manager view (decision 0024). */
  manager: 'manager@sandbox.example',
} as const;

/** Documented figures of the demo account (major units, INR), asserted by tests. */
export const DEMO_ACCOUNT_FIGURES = {
  currency: 'INR',
  timeZone: 'Asia/Kolkata',
  complianceProfile: 'in-rbi',
  openInvoices: 5,
  openBalance: 605000.5,
  overdueBalance: 545000.5,
  buckets: { current: 60000, d1_30: 95000.5, d31_60: 120000, d61_90: 80000, d91_plus: 250000 },
  paidInvoices: 1,
  contacts: 3,
  disputedAmount: 30000,
  promises: { kept: 1, broken: 1, pending: 1 },
  activePlanTotal: 250000,
  unappliedCash: 5000,
} as const;

const DECIMALS: Record<string, number> = { INR: 2, USD: 2, GBP: 2, EUR: 2, JPY: 0, KWD: 3 };

interface Region {
  country: string;
  countryCode: string;
  currency: string;
  weight: number;
  places: ReadonlyArray<{ city: string; state: string; stateCode?: string; zone: string; consumerProfile: string; b2bProfile: string }>;
  callingCode: string;
  companyWords: readonly string[];
  companySuffixes: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  domain: string;
  locale: string;
}

const REGIONS: readonly Region[] = [
  {
    country: 'India', countryCode: 'IN', currency: 'INR', weight: 35, callingCode: '91', domain: 'in.example', locale: 'en_IN',
    places: [
      { city: 'Mumbai', state: 'Maharashtra', stateCode: 'MH', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
      { city: 'New Delhi', state: 'Delhi', stateCode: 'DL', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
      { city: 'Bengaluru', state: 'Karnataka', stateCode: 'KA', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
      { city: 'Chennai', state: 'Tamil Nadu', stateCode: 'TN', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
      { city: 'Ahmedabad', state: 'Gujarat', stateCode: 'GJ', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
      { city: 'Pune', state: 'Maharashtra', stateCode: 'MH', zone: 'Asia/Kolkata', consumerProfile: 'in-rbi', b2bProfile: 'in-rbi' },
    ],
    companyWords: ['Ganga', 'Shree', 'Lakshmi', 'Deccan', 'Sahyadri', 'Kaveri', 'Indus', 'Narmada', 'Vindhya', 'Malabar', 'Coromandel', 'Himalaya'],
    companySuffixes: ['Pvt Ltd', 'Exports Pvt Ltd', 'Industries Ltd', 'Traders', 'Polymers Pvt Ltd', 'Agro Foods LLP', 'Pharma Ltd', 'Steel Works'],
    firstNames: ['Aarav', 'Priya', 'Rahul', 'Ananya', 'Vikram', 'Kavya', 'Arjun', 'Neha', 'Suresh', 'Deepa', 'Farhan', 'Lakshmi'],
    lastNames: ['Sharma', 'Iyer', 'Patel', 'Reddy', 'Gupta', 'Nair', 'Khan', 'Mehta', 'Rao', 'Banerjee', 'Joshi', 'Menon'],
  },
  {
    country: 'United States', countryCode: 'US', currency: 'USD', weight: 30, callingCode: '1', domain: 'us.example', locale: 'en_US',
    places: [
      { city: 'Boston', state: 'Massachusetts', stateCode: 'MA', zone: 'America/New_York', consumerProfile: 'us-ma', b2bProfile: 'b2b-default' },
      { city: 'Worcester', state: 'Massachusetts', stateCode: 'MA', zone: 'America/New_York', consumerProfile: 'us-ma', b2bProfile: 'b2b-default' },
      { city: 'New York', state: 'New York', stateCode: 'NY', zone: 'America/New_York', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Chicago', state: 'Illinois', stateCode: 'IL', zone: 'America/Chicago', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Austin', state: 'Texas', stateCode: 'TX', zone: 'America/Chicago', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Denver', state: 'Colorado', stateCode: 'CO', zone: 'America/Denver', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Phoenix', state: 'Arizona', stateCode: 'AZ', zone: 'America/Phoenix', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'San Francisco', state: 'California', stateCode: 'CA', zone: 'America/Los_Angeles', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Honolulu', state: 'Hawaii', stateCode: 'HI', zone: 'Pacific/Honolulu', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
      { city: 'Anchorage', state: 'Alaska', stateCode: 'AK', zone: 'America/Anchorage', consumerProfile: 'us-fdcpa', b2bProfile: 'b2b-default' },
    ],
    companyWords: ['Summit', 'Lakeside', 'Redwood', 'Granite', 'Harbor', 'Prairie', 'Keystone', 'Bluebird', 'Ironwood', 'Liberty', 'Cascade', 'Pioneer'],
    companySuffixes: ['Supply Co', 'Logistics LLC', 'Manufacturing Inc', 'Foods Inc', 'Health Partners', 'Builders LLC', 'Electric Corp', 'Outfitters'],
    firstNames: ['James', 'Maria', 'Michael', 'Jennifer', 'David', 'Linda', 'Robert', 'Patricia', 'Carlos', 'Aisha', 'Kevin', 'Emily'],
    lastNames: ['Johnson', 'Garcia', 'Smith', 'Williams', 'Brown', 'Martinez', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Lee'],
  },
  {
    country: 'United Kingdom', countryCode: 'GB', currency: 'GBP', weight: 15, callingCode: '44', domain: 'co.uk.example', locale: 'en_GB',
    places: [
      { city: 'London', state: 'Greater London', zone: 'Europe/London', consumerProfile: 'uk-fca', b2bProfile: 'uk-fca' },
      { city: 'Manchester', state: 'Greater Manchester', zone: 'Europe/London', consumerProfile: 'uk-fca', b2bProfile: 'uk-fca' },
      { city: 'Leeds', state: 'West Yorkshire', zone: 'Europe/London', consumerProfile: 'uk-fca', b2bProfile: 'b2b-default' },
      { city: 'Glasgow', state: 'Scotland', zone: 'Europe/London', consumerProfile: 'uk-fca', b2bProfile: 'uk-fca' },
    ],
    companyWords: ['Thames', 'Pennine', 'Cotswold', 'Albion', 'Severn', 'Highland', 'Windsor', 'Mersey'],
    companySuffixes: ['Ltd', 'Holdings plc', 'Engineering Ltd', 'Trading Ltd', 'Foods Ltd', 'Retail Ltd'],
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Sophie', 'Jack', 'Grace'],
    lastNames: ['Taylor', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Edwards'],
  },
  {
    country: 'Ireland', countryCode: 'IE', currency: 'EUR', weight: 5, callingCode: '353', domain: 'ie.example', locale: 'en_IE',
    places: [
      { city: 'Dublin', state: 'Leinster', zone: 'Europe/Dublin', consumerProfile: 'ie-cca', b2bProfile: 'ie-cca' },
      { city: 'Cork', state: 'Munster', zone: 'Europe/Dublin', consumerProfile: 'ie-cca', b2bProfile: 'ie-cca' },
    ],
    companyWords: ['Liffey', 'Shannon', 'Emerald', 'Burren', 'Connacht', 'Wicklow'],
    companySuffixes: ['Ltd', 'Teoranta', 'Distribution Ltd', 'Dairies Ltd'],
    firstNames: ['Sean', 'Aoife', 'Conor', 'Niamh', 'Ciaran', 'Siobhan'],
    lastNames: ['Murphy', "O'Brien", 'Kelly', 'Byrne', 'Walsh', 'Ryan'],
  },
  {
    country: 'Germany', countryCode: 'DE', currency: 'EUR', weight: 7, callingCode: '49', domain: 'de.example', locale: 'de_DE',
    places: [
      { city: 'Berlin', state: 'Berlin', zone: 'Europe/Berlin', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' },
      { city: 'Hamburg', state: 'Hamburg', zone: 'Europe/Berlin', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' },
      { city: 'München', state: 'Bayern', zone: 'Europe/Berlin', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' },
    ],
    companyWords: ['Rhein', 'Alpen', 'Nordsee', 'Schwarzwald', 'Elbe', 'Brandenburger'],
    companySuffixes: ['GmbH', 'AG', 'Maschinenbau GmbH', 'Logistik GmbH & Co. KG'],
    firstNames: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker'],
  },
  {
    country: 'Japan', countryCode: 'JP', currency: 'JPY', weight: 4, callingCode: '81', domain: 'jp.example', locale: 'ja_JP',
    places: [
      { city: 'Tokyo', state: 'Tokyo', zone: 'Asia/Tokyo', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' },
      { city: 'Osaka', state: 'Osaka', zone: 'Asia/Tokyo', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' },
    ],
    companyWords: ['Fuji', 'Sakura', 'Hikari', 'Kaze', 'Yamato', 'Midori'],
    companySuffixes: ['KK', 'Co., Ltd.', 'Seisakusho KK', 'Shoji KK'],
    firstNames: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina'],
    lastNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito'],
  },
  {
    country: 'Kuwait', countryCode: 'KW', currency: 'KWD', weight: 4, callingCode: '965', domain: 'kw.example', locale: 'ar_KW',
    places: [{ city: 'Kuwait City', state: 'Al Asimah', zone: 'Asia/Kuwait', consumerProfile: 'b2b-default', b2bProfile: 'b2b-default' }],
    companyWords: ['Al Salam', 'Gulf', 'Al Noor', 'Failaka', 'Al Bahar', 'Jaber'],
    companySuffixes: ['Trading Co. W.L.L.', 'General Trading & Contracting Co.', 'Holding K.S.C.P.'],
    firstNames: ['Ahmad', 'Fatima', 'Yousef', 'Noura', 'Khalid', 'Mariam'],
    lastNames: ['Al-Sabah', 'Al-Mutairi', 'Al-Ajmi', 'Al-Rashidi', 'Al-Enezi', 'Al-Kandari'],
  },
];

/** Mobile zones that differ from the address zone (travelling, roaming or foreign SIMs). */
const FOREIGN_MOBILE_ZONES = ['Asia/Dubai', 'Europe/London', 'America/Los_Angeles', 'Asia/Singapore', 'America/New_York'];

const CALL_OUTCOMES = ['Promise to pay', 'No answer', 'Left voicemail', 'Wrong number', 'Refused to pay', 'Dispute raised', 'Call back requested'];

function stamp(date: string, time = '09:30:00'): string {
  return `${date}T${time}.000Z`;
}

/** A random amount in integer minor units of `currency`, between `minMajor` and `maxMajor` major units. */
function moneyMinor(prng: Prng, currency: string, minMajor: number, maxMajor: number): number {
  const decimals = DECIMALS[currency] ?? 2;
  const minor = prng.int(minMajor * 10 ** decimals, maxMajor * 10 ** decimals);
  // Round to a realistic granularity (whole units for larger amounts) but keep some cents.
  return prng.chance(0.6) ? Math.round(minor / 10 ** decimals) * 10 ** decimals : minor;
}

function money(prng: Prng, currency: string, minMajor: number, maxMajor: number): number {
  return fromMinor(moneyMinor(prng, currency, minMajor, maxMajor), currency);
}

/**
 * `amountScale` as an exact ratio, applied to integer minor units with half-up rounding in integer
 * arithmetic (money = integer minor units, never floats).
 */
function scaleMinor(minor: number, currency: string): number {
  const [numerator, denominator] = currency === 'JPY' ? [100, 1] : currency === 'INR' ? [60, 1] : currency === 'KWD' ? [3, 10] : [1, 1];
  return Math.floor((minor * numerator * 2 + denominator) / (2 * denominator));
}

/**
 * A Salesforce currency field's JSON number from integer minor units: the exact decimal string
 * (`toDecimalString`, the currency's own exponent: JPY 0, KWD 3) read as a number, so the value
 * never carries binary-float residue like 1234.5600000001.
 */
function currencyFieldValue(amountMinor: number, currency: string, field: string): number {
  return Number(toDecimalString(domainMoney(amountMinor, currencyCodeOf(currency, field))));
}

/** Exact arithmetic on major-unit amounts via integer minor units. */
function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** (DECIMALS[currency] ?? 2));
}
function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** (DECIMALS[currency] ?? 2);
}

/** Rough size of one unit of money in each currency relative to USD (realistic magnitudes). */
function amountScale(currency: string): number {
  return currency === 'JPY' ? 100 : currency === 'INR' ? 60 : currency === 'KWD' ? 0.3 : 1;
}
function e164(prng: Prng, region: Region): string {
  const national = region.callingCode === '1' ? `${prng.int(201, 989)}${prng.digits(7)}` : region.callingCode === '91' ? `9${prng.digits(9)}`
    : region.callingCode === '44' ? `7${prng.digits(9)}` : region.callingCode === '965' ? `${prng.pick(['5', '6', '9'])}${prng.digits(7)}`
      : region.callingCode === '81' ? `90${prng.digits(8)}` : `8${prng.digits(8)}`;
  return `+${region.callingCode}${national}`;
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

interface Users {
  collectors: Record<'IN' | 'US' | 'UK', string>;
  sales: Record<'IN' | 'US' | 'EU', string>;
  admin: string;
}

/** Yields every seeded record; `builder.header()` afterwards gives the matching header. */
export function* generateSeed(options: SeedOptions, builder: SeedBuilder, users: { current: Users | null }): Generator<TypedRecord> {
  const prng = new Prng(options.seed);
  const ref = options.referenceDate;
  const day = (offset: number): string => addDays(ref, offset);

  yield builder.make('Organization', {
    Name: 'Sandbox Collections Org', OrganizationType: 'Developer Edition', IsSandbox: true, InstanceName: 'SBX1',
    TimeZoneSidKey: 'UTC', DefaultLocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', Country: 'US', DefaultCurrencyIsoCode: 'USD',
  }, stamp(day(-400)));

  const user = (username: string, first: string, last: string, title: string, department: string, zone: string, locale: string, currency: string): TypedRecord =>
    builder.make('User', {
      Username: username, FirstName: first, LastName: last, Email: username, Alias: `${first.slice(0, 1)}${last.slice(0, 4)}`.toLowerCase(),
      IsActive: true, Title: title, Department: department, TimeZoneSidKey: zone, LocaleSidKey: locale, LanguageLocaleKey: 'en_US',
      DefaultCurrencyIsoCode: currency,
    }, stamp(day(-400)));
  const admin = user(SEED_USERS.admin, 'Sandbox', 'Admin', 'System Administrator', 'IT', 'UTC', 'en_US', 'USD');
  const adminId = admin.record.Id as string;
  const made = [
    admin,
    user(SEED_USERS.collectorIn, 'Priya', 'Sharma', 'Collections Executive', 'Finance', 'Asia/Kolkata', 'en_IN', 'INR'),
    user(SEED_USERS.collectorUs, 'Jordan', 'Miller', 'Collections Specialist', 'Finance', 'America/New_York', 'en_US', 'USD'),
    user(SEED_USERS.collectorUk, 'Amelia', 'Clarke', 'Credit Controller', 'Finance', 'Europe/London', 'en_GB', 'GBP'),
    user(SEED_USERS.salesIn, 'Rohan', 'Mehta', 'Account Executive', 'Sales', 'Asia/Kolkata', 'en_IN', 'INR'),
    user(SEED_USERS.salesUs, 'Emily', 'Carter', 'Account Executive', 'Sales', 'America/Chicago', 'en_US', 'USD'),
    user(SEED_USERS.salesEu, 'Sean', "O'Brien", 'Account Executive', 'Sales', 'Europe/Dublin', 'en_IE', 'EUR'),
    // Made last so every other record keeps its id; the three reps report to her.
    user(SEED_USERS.salesManager, 'Olivia', 'Grant', 'Head of Sales', 'Sales', 'Europe/London', 'en_GB', 'GBP'),
  ];
  for (const rep of made.slice(4, 7)) {
    rep.record.ManagerId = made[7]!.record.Id as string;
  }
  // Seeded last so every earlier id stays as it was; the three collectors report to her.
  const manager = user(SEED_USERS.manager, 'Meera', 'Iyer', 'Collections Manager', 'Finance', 'Asia/Kolkata', 'en_IN', 'INR');
  made.push(manager);
  made.slice(1, 4).forEach((collector) => {
    collector.record.ManagerId = manager.record.Id as string;
  });
  const ids = made.map((u) => u.record.Id as string);
  users.current = {
    admin: adminId,
    collectors: { IN: ids[1] as string, US: ids[2] as string, UK: ids[3] as string },
    sales: { IN: ids[4] as string, US: ids[5] as string, EU: ids[6] as string },
  };
  for (const u of made) {
    u.record.CreatedById = adminId;
    u.record.LastModifiedById = adminId;
    yield u;
  }
  const u = users.current;

  let produced = 0;
  if (options.accounts >= 1) {
    yield* withErpNumber(demoAccount(builder, u, day), produced);
    produced++;
  }
  const fixed = [markupAccount, dataQualityAccount, kuwaitAccount, japanAccount, massachusettsConsumer, bankruptAccount, quotedMarkupAccount];
  for (const make of fixed) {
    if (produced >= options.accounts) {
      break;
    }
    yield* withErpNumber(make(builder, u, day), produced);
    produced++;
  }
  const perAccount = options.invoicesPerAccount;
  let pairSpread = 0;
  for (let i = produced; i < options.accounts; i++) {
    let openCount: number | null = null;
    if (perAccount !== undefined) {
      // Pairs N ± d, N ∓ d: a spread of book sizes whose total is exact (the last odd one gets N). The
      // sign is drawn too: collectorFor splits by index parity, so each collector's mean stays N.
      const first = (i - produced) % 2 === 0;
      if (first) {
        pairSpread = i + 1 < options.accounts && perAccount > 0 ? prng.int(0, perAccount - 1) * (prng.chance(0.5) ? 1 : -1) : 0;
      }
      openCount = first ? perAccount + pairSpread : perAccount - pairSpread;
    }
    yield* withErpNumber(randomAccount(builder, u, day, prng, i, openCount), i);
  }
  yield* currencyRates(builder, options.referenceDate, stamp(day(-400)));
  yield* strategyMetadata(builder, stamp(day(-400)));
}

/**
 * The shipped collection strategy as the package's Custom Metadata records (the same records as
 * salesforce/force-app/main/default/customMetadata), so the connector reads it with SOQL on the
 * `__mdt` types as in an org. Relationship fields point at the parent record. Last in the seed.
 */
function* strategyMetadata(builder: SeedBuilder, created: string): Generator<TypedRecord> {
  const ids = new Map<string, string>();
  for (const record of strategyMetadataRecords(DEFAULT_STRATEGY)) {
    const type = STRATEGY_TYPES[record.kind];
    const values: Record<string, FieldValue> = {
      DeveloperName: record.developerName, MasterLabel: record.label, Label: record.label, QualifiedApiName: record.developerName, NamespacePrefix: null,
    };
    for (const [field, value] of Object.entries(record.values)) {
      values[field] = field === 'Strategy__c' || field === 'Segment__c' ? (ids.get(`${field}:${String(value)}`) ?? null) : value;
    }
    const typed = builder.make(type, values, created);
    ids.set(`${record.kind === 'strategy' ? 'Strategy__c' : 'Segment__c'}:${record.developerName}`, typed.record.Id as string);
    yield typed;
  }
}

/**
 * The ERP customer number of the seed's account number `index` (0 = the demo account → "100001"),
 * derived from the index only, so it draws nothing from the PRNG and no other seeded value moves.
 * The ERP fixtures (sandbox/fixtures/erp/) use these numbers.
 */
export function seedErpCustomerNumber(index: number): string {
  return String(100_001 + index);
}

function* withErpNumber(records: Generator<TypedRecord>, index: number): Generator<TypedRecord> {
  for (const typed of records) {
    if (typed.type === 'Account') {
      typed.record.ERP_Customer_Number__c = seedErpCustomerNumber(index);
    }
    yield typed;
  }
}

/** Units of each org currency per 1 USD (the corporate currency), around late 2026. */
export const SEED_CONVERSION_RATES: Readonly<Record<string, string>> = { INR: '83.25', GBP: '0.79', EUR: '0.92', JPY: '151.5', KWD: '0.3075' };

/**
 * The org's currencies (USD corporate) and monthly dated rates for the 13 months up to the
 * reference month: each month's rate drifts 0.2 % from the base, so dated conversion is observable.
 * Last in the seed and without the PRNG, so the records before it do not change.
 */
function* currencyRates(builder: SeedBuilder, referenceDate: string, created: string): Generator<TypedRecord> {
  yield builder.make('CurrencyType', { IsoCode: 'USD', ConversionRate: 1, DecimalPlaces: 2, IsActive: true, IsCorporate: true }, created);
  for (const [iso, base] of Object.entries(SEED_CONVERSION_RATES)) {
    yield builder.make('CurrencyType', { IsoCode: iso, ConversionRate: Number(base), DecimalPlaces: iso === 'JPY' ? 0 : iso === 'KWD' ? 3 : 2, IsActive: true, IsCorporate: false }, created);
    const [year, month] = referenceDate.split('-').map(Number) as [number, number];
    for (let back = 12; back >= 0; back--) {
      const start = new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 10);
      const next = back === 0 ? null : new Date(Date.UTC(year, month - back, 1)).toISOString().slice(0, 10);
      const drift = 1 + (12 - back) * 0.002;
      yield builder.make('DatedConversionRate', { IsoCode: iso, ConversionRate: Number((Number(base) * drift).toFixed(6)), StartDate: start, NextStartDate: next }, created);
    }
  }
}

type DayFn = (offset: number) => string;

function* demoAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const cur = 'INR';
  const account = builder.make('Account', {
    Name: DEMO_ACCOUNT_NAME, OwnerId: u.sales.IN, Type: 'Customer - Direct', Industry: 'Apparel', AccountNumber: 'JT-0001',
    Phone: '+911412345678', Website: 'https://jaipurtextiles.example', BillingStreet: '14 Johari Bazaar Road', BillingCity: 'Jaipur',
    BillingState: 'Rajasthan', BillingStateCode: 'RJ', BillingPostalCode: '302003', BillingCountry: 'India', BillingCountryCode: 'IN',
    CurrencyIsoCode: cur, Collections_Currency__c: cur, Collections_Time_Zone__c: 'Asia/Kolkata', Compliance_Profile__c: 'in-rbi',
    Customer_Segment__c: 'B2B', Risk_Rating__c: 'Medium', Credit_Limit__c: 1000000, Key_Account__c: false, Collector__c: u.collectors.IN,
    Description: 'Block-print cotton exporter; pays by NEFT, usually after reminders.', AnnualRevenue: 42000000, NumberOfEmployees: 180,
  }, stamp(day(-400)));
  yield account;
  const accountId = account.record.Id as string;
  const contact = (first: string, last: string, extra: Record<string, FieldValue>): TypedRecord => builder.make('Contact', {
    AccountId: accountId, OwnerId: u.sales.IN, FirstName: first, LastName: last, CurrencyIsoCode: cur, MailingCity: 'Jaipur',
    MailingCountry: 'India', MailingCountryCode: 'IN', Collections_Time_Zone__c: 'Asia/Kolkata', Phone_Time_Zone__c: 'Asia/Kolkata', ...extra,
  }, stamp(day(-390)));
  const meera = contact('Meera', 'Iyer', {
    Title: 'Accounts Payable Manager', Email: 'meera.iyer@jaipurtextiles.example', Phone: '+911412345679', MobilePhone: '+919829012345',
    Mobile_Time_Zone__c: 'Asia/Kolkata', Collections_Role__c: 'Accounts Payable',
  });
  const vikram = contact('Vikram', 'Rathore', {
    Salutation: 'Mr.', Title: 'Director', Email: 'vikram.rathore@jaipurtextiles.example', Phone: '+911412345670', MobilePhone: '+971501234567',
    // Travels to the Gulf: his mobile zone differs from the address zone.
    Mobile_Time_Zone__c: 'Asia/Dubai', Collections_Role__c: 'Debtor',
  });
  const sunita = contact('Sunita', 'Agarwal', {
    Title: 'Finance Executive', Email: 'sunita.agarwal@jaipurtextiles.example', MobilePhone: '+919414055555', Mobile_Time_Zone__c: 'Asia/Kolkata',
    Collections_Role__c: 'Accounts Payable', HasOptedOutOfEmail: true, SMS_Opt_Out__c: true,
  });
  yield meera;
  yield vikram;
  yield sunita;
  yield builder.make('Opportunity', {
    Name: 'Jaipur Textiles FY27 renewal', AccountId: accountId, OwnerId: u.sales.IN, StageName: 'Negotiation/Review', CloseDate: day(30),
    Amount: 1200000, Probability: 70, CurrencyIsoCode: cur,
  }, stamp(day(-25)));

  const invoice = (number: string, issued: number, due: number, total: number, balance: number, status: string, po: string): TypedRecord =>
    builder.make('Collections_Invoice__c', {
      Account__c: accountId, OwnerId: u.collectors.IN, Invoice_Number__c: number, Invoice_Date__c: day(issued), Due_Date__c: day(due),
      Total_Amount__c: total, Balance__c: balance, Currency_Code__c: cur, Status__c: status, PO_Number__c: po, External_Id__c: `ERP-${number}`,
    }, stamp(day(issued)));
  const inv1001 = invoice('INV-JT-1001', -130, -100, 250000, 250000, 'Open', 'PO-7781');
  const inv1002 = invoice('INV-JT-1002', -95, -65, 180000, 80000, 'Partially Paid', 'PO-7794');
  const inv1003 = invoice('INV-JT-1003', -70, -40, 120000, 120000, 'Open', 'PO-7810');
  const inv1004 = invoice('INV-JT-1004', -45, -15, 95000.5, 95000.5, 'Open', 'PO-7822');
  const inv1005 = invoice('INV-JT-1005', -20, 10, 60000, 60000, 'Open', 'PO-7835');
  const inv0998 = invoice('INV-JT-0998', -200, -170, 75000, 0, 'Paid', 'PO-7702');
  for (const inv of [inv0998, inv1001, inv1002, inv1003, inv1004, inv1005]) {
    yield inv;
  }
  const id = (r: TypedRecord): string => r.record.Id as string;
  const payment = (invoiceRecord: TypedRecord | null, type: string, amount: number, received: number, reference: string): TypedRecord =>
    builder.make('Collections_Payment__c', {
      Account__c: accountId, Invoice__c: invoiceRecord ? id(invoiceRecord) : null, Type__c: type, Amount__c: amount, Currency_Code__c: cur,
      Received_On__c: day(received), Reference__c: reference, External_Id__c: `ERP-PAY-${reference}`,
    }, stamp(day(received), '11:00:00'));
  yield payment(inv0998, 'Payment', 75000, -160, 'UTR-HDFC-000451');
  // Paid on the kept promise's due date (R−52), inside its window: the panel's kept rate agrees.
  yield payment(inv1002, 'Payment', 100000, -52, 'UTR-HDFC-000987');
  yield payment(null, 'Unapplied Cash', 5000, -5, 'UTR-ICIC-001203');

  const promise = (amount: number, due: number, taken: number, status: string, invoices: TypedRecord[], note: string, contactRecord: TypedRecord): TypedRecord =>
    builder.make('Promise_To_Pay__c', {
      Account__c: accountId, Contact__c: id(contactRecord), OwnerId: u.collectors.IN, Amount__c: amount, Currency_Code__c: cur,
      Due_Date__c: day(due), Taken_On__c: day(taken), Status__c: status, Invoice_Ids__c: invoices.map(id).join(','), Note__c: note,
      Idempotency_Key__c: `seed-ptp-jt-${taken}`,
    }, stamp(day(taken), '10:15:00'));
  yield promise(100000, -52, -60, 'Kept', [inv1002], 'Will pay part of INV-JT-1002 by NEFT.', vikram);
  yield promise(50000, -20, -30, 'Broken', [inv1001], 'Promised 50k towards the oldest invoice after the Diwali rush.', vikram);
  yield promise(95000.5, 5, -2, 'Pending', [inv1004], 'Cheque to be deposited on Friday.', meera);

  const plan = builder.make('Payment_Plan__c', {
    Account__c: accountId, OwnerId: u.collectors.IN, Status__c: 'Active', Frequency__c: 'Monthly', Total_Amount__c: 250000, Down_Payment__c: 0,
    Currency_Code__c: cur, Start_Date__c: day(-10), Invoice_Ids__c: id(inv1001), Idempotency_Key__c: 'seed-plan-jt-1',
  }, stamp(day(-10), '12:00:00'));
  yield plan;
  for (let seq = 1; seq <= 5; seq++) {
    yield builder.make('Plan_Instalment__c', {
      Payment_Plan__c: id(plan), Sequence__c: seq, Due_Date__c: day(20 + (seq - 1) * 30), Amount__c: 50000, Paid_Amount__c: 0,
      Currency_Code__c: cur, Status__c: 'Scheduled', Idempotency_Key__c: `seed-plan-jt-1-${seq}`,
    }, stamp(day(-10), '12:00:00'));
  }

  const dispute = builder.make('Case', {
    AccountId: accountId, ContactId: id(meera), OwnerId: u.sales.IN, Subject: 'Pricing dispute on INV-JT-1003',
    Description: 'Customer says 200 m of indigo print was billed at the 2025 rate list instead of the agreed contract rate.',
    Status: 'Working', Type: 'Dispute', Reason: 'Billing', Origin: 'Phone', Priority: 'High', CurrencyIsoCode: cur,
    Dispute_Reason__c: 'Pricing', Dispute_Status__c: 'In Review', Disputed_Amount__c: 30000, Dispute_Currency__c: cur, SLA_Due_Date__c: day(7),
    Idempotency_Key__c: 'seed-dispute-jt-1',
  }, stamp(day(-12), '08:45:00'));
  yield dispute;
  yield builder.make('Dispute_Line__c', {
    Case__c: id(dispute), Invoice_Ref__c: id(inv1003), Invoice_Number__c: 'INV-JT-1003', Amount__c: 30000, Currency_Code__c: cur,
    Idempotency_Key__c: 'seed-dispute-jt-1-line-1',
  }, stamp(day(-12), '08:45:00'));

  const task = (offset: number, values: Record<string, FieldValue>): TypedRecord => builder.make('Task', {
    WhatId: accountId, OwnerId: u.collectors.IN, ActivityDate: day(offset), Priority: 'Normal', ...values,
  }, stamp(day(offset), '06:30:00'));
  yield task(-30, {
    WhoId: id(vikram), Subject: 'Call', TaskSubtype: 'Call', Type: 'Call', Status: 'Completed', CallType: 'Outbound', CallDurationInSeconds: 240,
    CallDisposition: 'Promise to pay', Collections_Channel__c: 'Call', Conversation__c: true, CompletedDateTime: stamp(day(-30), '06:34:00'),
    Description: 'Spoke with Vikram: will pay 50,000 towards INV-JT-1001 within 10 days.',
  });
  yield task(-14, {
    WhoId: id(meera), Subject: 'Reminder: INV-JT-1004 due', TaskSubtype: 'Email', Type: 'Email', Status: 'Completed', Collections_Channel__c: 'Email',
    CompletedDateTime: stamp(day(-14), '04:00:00'), Description: 'Friendly reminder with invoice copy attached.',
  });
  yield task(-3, {
    WhoId: id(meera), Subject: 'Call', TaskSubtype: 'Call', Type: 'Call', Status: 'Completed', CallType: 'Outbound', CallDurationInSeconds: 35,
    CallDisposition: 'No answer', Collections_Channel__c: 'Call', Conversation__c: false, CompletedDateTime: stamp(day(-3), '05:10:00'),
  });
  yield task(1, { WhoId: id(vikram), Subject: 'Follow up on broken promise (INV-JT-1001)', Status: 'Not Started', Priority: 'High', TaskSubtype: 'Task' });
  // Side-terms the sales owner agreed (issue 19): a plain Task whose subject starts "Payment terms:", which the
  // collector's timeline marks "Agreed by sales" and the reminder form shows above its text.
  yield builder.make('Task', {
    WhatId: accountId, WhoId: id(meera), OwnerId: u.sales.IN, CreatedById: u.sales.IN, ActivityDate: day(-6), Priority: 'Normal', Status: 'Completed', TaskSubtype: 'Task',
    Subject: 'Payment terms: INV-JT-1004 may be paid 30 days late (by the FY27 renewal signing)',
    Description: 'Agreed with Meera on the renewal call; no reminders for INV-JT-1004 until then.',
  }, stamp(day(-6), '09:15:00'));

  const note = builder.make('ContentNote', {
    Title: 'Visit summary', OwnerId: u.collectors.IN,
    Content: b64('Met Vikram at the Sanganer unit. Cash flow tight until the export LC clears; asked for a 5-month plan on INV-JT-1001.'),
  }, stamp(day(-11), '10:00:00'));
  yield note;
  yield builder.make('ContentDocumentLink', { ContentDocumentId: id(note), LinkedEntityId: accountId, ShareType: 'V', Visibility: 'AllUsers' }, stamp(day(-11), '10:00:00'));
}

/** Names and notes with markup, to prove the panel renders CRM text as text. */
function* markupAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Acme <img src=x onerror=alert(1)> Supplies', OwnerId: u.sales.US, Type: 'Customer - Direct', Industry: 'Retail', CurrencyIsoCode: 'USD',
    Collections_Currency__c: 'USD', Collections_Time_Zone__c: 'America/Chicago', Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B',
    Collector__c: u.collectors.US, BillingCity: 'Chicago', BillingState: 'Illinois', BillingStateCode: 'IL', BillingCountry: 'United States',
    BillingCountryCode: 'US', Description: '<script>alert("description")</script>',
  }, stamp(day(-300)));
  yield account;
  const accountId = account.record.Id as string;
  const contact = builder.make('Contact', {
    AccountId: accountId, FirstName: '<b>Bobby</b>', LastName: 'Tables"); DROP TABLE--', Email: 'bobby@acme.example', Phone: '+13125550123',
    Collections_Time_Zone__c: 'America/Chicago', Collections_Role__c: 'Accounts Payable', CurrencyIsoCode: 'USD',
  }, stamp(day(-300)));
  yield contact;
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'INV-<svg onload=alert(2)>', Invoice_Date__c: day(-60), Due_Date__c: day(-30), Total_Amount__c: 1234.56,
    Balance__c: 1234.56, Currency_Code__c: 'USD', Status__c: 'Open', PO_Number__c: '"><img src=x onerror=alert(3)>',
  }, stamp(day(-60)));
  yield builder.make('Task', {
    WhatId: accountId, WhoId: contact.record.Id as string, OwnerId: u.collectors.US, Subject: 'Call <iframe src=javascript:alert(4)>', TaskSubtype: 'Call',
    Status: 'Completed', ActivityDate: day(-5), CallDisposition: '<img src=x onerror=alert(5)>', Collections_Channel__c: 'Call',
    Description: '<a href="javascript:alert(6)">click</a>',
  }, stamp(day(-5)));
  const note = builder.make('ContentNote', {
    Title: '<img src=x onerror=alert(7)>', OwnerId: u.collectors.US, Content: b64('<p>Note with <script>alert(8)</script> markup &amp; entities</p>'),
  }, stamp(day(-4)));
  yield note;
  yield builder.make('ContentDocumentLink', { ContentDocumentId: note.record.Id as string, LinkedEntityId: accountId, ShareType: 'V', Visibility: 'AllUsers' }, stamp(day(-4)));
}

/** A second markup case: quotes, ampersands and attribute breakouts in names, URLs and notes (UK, GBP). */
function* quotedMarkupAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: `O'Reilly "Quoted" <svg onload=alert(9)> & Sons Ltd`, OwnerId: u.sales.EU, CurrencyIsoCode: 'GBP', Collections_Currency__c: 'GBP',
    Collections_Time_Zone__c: 'Europe/London', Compliance_Profile__c: 'uk-fca', Customer_Segment__c: 'B2B', Collector__c: u.collectors.UK,
    BillingCity: 'Leeds', BillingCountry: 'United Kingdom', BillingCountryCode: 'GB', Website: 'javascript:alert(11)',
  }, stamp(day(-150)));
  yield account;
  const accountId = account.record.Id as string;
  const contact = builder.make('Contact', {
    AccountId: accountId, FirstName: '"><img src=x onerror=alert(12)>', LastName: "D'Arcy & Co", Email: 'darcy@oreilly.example',
    MobilePhone: '+447700900123', Collections_Time_Zone__c: 'Europe/London', Mobile_Time_Zone__c: 'Europe/London', Collections_Role__c: 'Accounts Payable',
    CurrencyIsoCode: 'GBP',
  }, stamp(day(-150)));
  yield contact;
  const invoice = builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: `UK-"7001"&<b>`, Invoice_Date__c: day(-40), Due_Date__c: day(-10), Total_Amount__c: 980.4,
    Balance__c: 980.4, Currency_Code__c: 'GBP', Status__c: 'Open',
  }, stamp(day(-40)));
  yield invoice;
  yield builder.make('Promise_To_Pay__c', {
    Account__c: accountId, Contact__c: contact.record.Id as string, Amount__c: 980.4, Currency_Code__c: 'GBP', Due_Date__c: day(3), Taken_On__c: day(-1),
    Status__c: 'Pending', Invoice_Ids__c: invoice.record.Id as string, Note__c: `</textarea><script>alert(13)</script>`, Idempotency_Key__c: 'seed-ptp-quoted-1',
  }, stamp(day(-1)));
  const note = builder.make('ContentNote', {
    Title: `Note "with" 'quotes' & <i>tags</i>`, OwnerId: u.collectors.UK, Content: b64('<p onclick="alert(14)">Click me</p><img src=x onerror=alert(15)>'),
  }, stamp(day(-2)));
  yield note;
  yield builder.make('ContentDocumentLink', { ContentDocumentId: note.record.Id as string, LinkedEntityId: accountId, ShareType: 'V', Visibility: 'AllUsers' }, stamp(day(-2)));
}

/** Deliberately bad records for data-quality notes: null due date, unknown currency, negative balance. */
function* dataQualityAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Data Quality Test Co', OwnerId: u.sales.US, CurrencyIsoCode: 'USD', Collections_Currency__c: 'USD', Collections_Time_Zone__c: 'America/New_York',
    Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B', Collector__c: u.collectors.US, BillingCity: 'Newark', BillingState: 'New Jersey',
    BillingStateCode: 'NJ', BillingCountry: 'United States', BillingCountryCode: 'US',
  }, stamp(day(-200)));
  yield account;
  const accountId = account.record.Id as string;
  const inv = (values: Record<string, FieldValue>): TypedRecord => builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Date__c: day(-90), Due_Date__c: day(-60), Total_Amount__c: 500, Balance__c: 500, Currency_Code__c: 'USD', Status__c: 'Open', ...values,
  }, stamp(day(-90)));
  yield inv({ Invoice_Number__c: 'DQ-GOOD-1' });
  yield inv({ Invoice_Number__c: 'DQ-NULL-DUE', Due_Date__c: null });
  yield inv({ Invoice_Number__c: 'DQ-BAD-CURRENCY', Currency_Code__c: 'XYZ' });
  yield inv({ Invoice_Number__c: 'DQ-NEGATIVE-BALANCE', Balance__c: -25 });
  yield builder.make('Contact', { AccountId: accountId, LastName: 'Nophone', Email: 'not-an-email', CurrencyIsoCode: 'USD' }, stamp(day(-200)));
}

function* kuwaitAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Al Salam Trading Co. W.L.L.', OwnerId: u.sales.EU, CurrencyIsoCode: 'KWD', Collections_Currency__c: 'KWD', Collections_Time_Zone__c: 'Asia/Kuwait',
    Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B', Collector__c: u.collectors.UK, BillingCity: 'Kuwait City', BillingCountry: 'Kuwait',
    BillingCountryCode: 'KW', Industry: 'Construction',
  }, stamp(day(-250)));
  yield account;
  const accountId = account.record.Id as string;
  yield builder.make('Contact', {
    AccountId: accountId, FirstName: 'Yousef', LastName: 'Al-Mutairi', Email: 'yousef@alsalam.example', MobilePhone: '+96550012345',
    Collections_Time_Zone__c: 'Asia/Kuwait', Mobile_Time_Zone__c: 'Asia/Kuwait', Collections_Role__c: 'Accounts Payable', CurrencyIsoCode: 'KWD',
  }, stamp(day(-250)));
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'KW-2001', Invoice_Date__c: day(-75), Due_Date__c: day(-45), Total_Amount__c: 1250.125,
    Balance__c: 1250.125, Currency_Code__c: 'KWD', Status__c: 'Open',
  }, stamp(day(-75)));
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'KW-2002', Invoice_Date__c: day(-20), Due_Date__c: day(10), Total_Amount__c: 830.5,
    Balance__c: 830.5, Currency_Code__c: 'KWD', Status__c: 'Open',
  }, stamp(day(-20)));
}

function* japanAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Sakura Precision KK', OwnerId: u.sales.US, CurrencyIsoCode: 'JPY', Collections_Currency__c: 'JPY', Collections_Time_Zone__c: 'Asia/Tokyo',
    Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B', Collector__c: u.collectors.US, BillingCity: 'Osaka', BillingCountry: 'Japan',
    BillingCountryCode: 'JP', Industry: 'Electronics',
  }, stamp(day(-250)));
  yield account;
  const accountId = account.record.Id as string;
  yield builder.make('Contact', {
    AccountId: accountId, FirstName: 'Yui', LastName: 'Tanaka', Email: 'yui.tanaka@sakura.example', Phone: '+81663001234', Collections_Time_Zone__c: 'Asia/Tokyo',
    Phone_Time_Zone__c: 'Asia/Tokyo', Collections_Role__c: 'Accounts Payable', CurrencyIsoCode: 'JPY',
  }, stamp(day(-250)));
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'JP-3001', Invoice_Date__c: day(-100), Due_Date__c: day(-70), Total_Amount__c: 1850000,
    Balance__c: 1850000, Currency_Code__c: 'JPY', Status__c: 'Open',
  }, stamp(day(-100)));
}

function* massachusettsConsumer(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Maria Lopez', OwnerId: u.sales.US, CurrencyIsoCode: 'USD', Collections_Currency__c: 'USD', Collections_Time_Zone__c: 'America/New_York',
    Compliance_Profile__c: 'us-ma', Customer_Segment__c: 'B2C', Collector__c: u.collectors.US, BillingCity: 'Worcester', BillingState: 'Massachusetts',
    BillingStateCode: 'MA', BillingCountry: 'United States', BillingCountryCode: 'US',
  }, stamp(day(-180)));
  yield account;
  const accountId = account.record.Id as string;
  const contact = builder.make('Contact', {
    AccountId: accountId, FirstName: 'Maria', LastName: 'Lopez', Email: 'maria.lopez@mail.example', Phone: '+15085550142', MobilePhone: '+13105550199',
    Collections_Time_Zone__c: 'America/New_York', Phone_Time_Zone__c: 'America/New_York', Mobile_Time_Zone__c: 'America/Los_Angeles',
    Collections_Role__c: 'Debtor', CurrencyIsoCode: 'USD',
  }, stamp(day(-180)));
  yield contact;
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'MA-5501', Invoice_Date__c: day(-80), Due_Date__c: day(-50), Total_Amount__c: 842.19,
    Balance__c: 842.19, Currency_Code__c: 'USD', Status__c: 'Open',
  }, stamp(day(-80)));
  // A right-party conversation yesterday: Massachusetts allows 2 calls per 7 days (940 CMR 7.04(1)(f)).
  yield builder.make('Task', {
    WhatId: accountId, WhoId: contact.record.Id as string, OwnerId: u.collectors.US, Subject: 'Call', TaskSubtype: 'Call', Status: 'Completed',
    ActivityDate: day(-1), CallType: 'Outbound', CallDurationInSeconds: 310, CallDisposition: 'Call back requested', Collections_Channel__c: 'Call',
    Conversation__c: true, CompletedDateTime: stamp(day(-1), '15:00:00'),
  }, stamp(day(-1), '15:00:00'));
}

function* bankruptAccount(builder: SeedBuilder, u: Users, day: DayFn): Generator<TypedRecord> {
  const account = builder.make('Account', {
    Name: 'Harbor Freight Lines LLC', OwnerId: u.sales.US, CurrencyIsoCode: 'USD', Collections_Currency__c: 'USD', Collections_Time_Zone__c: 'America/Los_Angeles',
    Compliance_Profile__c: 'b2b-default', Customer_Segment__c: 'B2B', Collector__c: u.collectors.US, BillingCity: 'Oakland', BillingState: 'California',
    BillingStateCode: 'CA', BillingCountry: 'United States', BillingCountryCode: 'US', Collections_Flags__c: 'Bankruptcy;Cease Communication',
  }, stamp(day(-500)));
  yield account;
  const accountId = account.record.Id as string;
  yield builder.make('Contact', {
    AccountId: accountId, FirstName: 'Kevin', LastName: 'Walsh', Title: 'Controller', Email: 'kevin.walsh@harborfreight.example', Phone: '+15105550111',
    Collections_Time_Zone__c: 'America/Los_Angeles', Collections_Role__c: 'Accounts Payable', DoNotCall: true, CurrencyIsoCode: 'USD',
  }, stamp(day(-500)));
  yield builder.make('Collections_Invoice__c', {
    Account__c: accountId, Invoice_Number__c: 'HF-9001', Invoice_Date__c: day(-220), Due_Date__c: day(-190), Total_Amount__c: 48250,
    Balance__c: 48250, Currency_Code__c: 'USD', Status__c: 'Open',
  }, stamp(day(-220)));
}

/** One generated invoice as far as promises care: its single payment (if any) and its balance. */
interface InvoiceFacts {
  id: string;
  balanceMinor: number;
  paidMinor: number;
  /** Day offset of its payment; null when nothing was paid. */
  receivedOffset: number | null;
}

/**
 * Grace days the seeded promise statuses hold for: a Broken or Partially Kept promise receives no
 * further payment on its invoice for at least this long after its due date, so evaluating with any
 * grace from 0 (the panel's default) to this many days gives the stored status.
 */
export const SEED_PROMISE_GRACE_DAYS = 7;

interface SeededPromise {
  status: 'Kept' | 'Broken' | 'Partially Kept' | 'Pending';
  invoiceId: string;
  amountMinor: number;
  takenOffset: number;
  dueOffset: number;
}

/**
 * A promise whose stored status is what domain-rules (c) says its payments make it (kept = paid ≥
 * amount by the due date + grace, in the promise window, on the covered invoice; partially kept =
 * some of it; broken = nothing; pending = not yet due, nothing paid). Invoices here carry at most one
 * payment, so a window around that payment (or an invoice without one) decides the status. Null when
 * no invoice fits (e.g. everything cancelled).
 */
function consistentPromise(prng: Prng, invoices: readonly InvoiceFacts[]): SeededPromise | null {
  const paid = invoices.filter((i) => i.paidMinor > 0 && i.receivedOffset !== null);
  const partlyPaid = paid.filter((i) => i.balanceMinor > 0);
  const unpaidOpen = invoices.filter((i) => i.paidMinor === 0 && i.balanceMinor > 0);
  const preferred = prng.weighted([['Pending', 2], ['Kept', 2], ['Broken', 2], ['Partially Kept', 1]] as const);
  const order = [preferred, ...(['Kept', 'Broken', 'Pending', 'Partially Kept'] as const).filter((s) => s !== preferred)];
  for (const status of order) {
    const pool = status === 'Kept' ? paid : status === 'Partially Kept' ? partlyPaid : unpaidOpen;
    if (pool.length === 0) {
      continue;
    }
    const target = prng.pick(pool);
    if (status === 'Pending') {
      // Not yet due and nothing received since it was taken.
      const dueOffset = prng.int(0, 10);
      return { status, invoiceId: target.id, amountMinor: target.balanceMinor, dueOffset, takenOffset: Math.min(0, dueOffset - prng.int(3, 14)) };
    }
    if (status === 'Broken') {
      // Nothing was ever paid on this invoice; due at least a day ago.
      const dueOffset = -prng.int(1, 40);
      return { status, invoiceId: target.id, amountMinor: target.balanceMinor, dueOffset, takenOffset: dueOffset - prng.int(3, 14) };
    }
    // Kept / Partially Kept: the invoice's payment falls inside [taken, due]; due is in the past.
    const received = target.receivedOffset as number;
    const dueOffset = received + prng.int(0, Math.min(3, -1 - received));
    const takenOffset = received - prng.int(0, 14);
    // Kept: promised what was paid; partially kept: promised the whole invoice, paid only part.
    const amountMinor = status === 'Kept' ? target.paidMinor : target.paidMinor + target.balanceMinor;
    return { status, invoiceId: target.id, amountMinor, dueOffset, takenOffset };
  }
  return null;
}

/**
 * The collector of a generated account. Priya Sharma (the demo collector) works from a shared-service
 * centre: India plus every other account of the other regions (by index, no PRNG draw, so every
 * other value of a seed stays as it was), which gives her a book across countries, currencies,
 * profiles and segments for the worklist; Jordan Miller and Amelia Clarke keep the rest of theirs.
 */
function collectorFor(u: Users, countryCode: string, index: number): string {
  if (countryCode === 'IN' || index % 2 === 0) {
    return u.collectors.IN;
  }
  return countryCode === 'US' || countryCode === 'JP' ? u.collectors.US : u.collectors.UK;
}

/** Status of a generated invoice: any (the default seed's draw), or forced open / closed (the `invoicesPerAccount` knob). */
function invoiceOutcome(prng: Prng, dueOffset: number, wanted: 'any' | 'open' | 'closed'): 'Open' | 'Paid' | 'Partially Paid' | 'Cancelled' {
  if (wanted === 'open') {
    return dueOffset > 0 ? prng.weighted([['Open', 8], ['Partially Paid', 1]] as const) : prng.weighted([['Open', 5], ['Partially Paid', 2]] as const);
  }
  if (wanted === 'closed') {
    return prng.weighted([['Paid', 3], ['Cancelled', 0.3]] as const);
  }
  return dueOffset > 0 ? prng.weighted([['Open', 8], ['Paid', 1], ['Partially Paid', 1]] as const) : prng.weighted([['Open', 5], ['Paid', 3], ['Partially Paid', 2], ['Cancelled', 0.3]] as const);
}

/** `openCount`: exactly this many open invoices plus 0–2 closed ones (null: 2–7 of any status, the default seed). */
function* randomAccount(builder: SeedBuilder, u: Users, day: DayFn, prng: Prng, index: number, openCount: number | null = null): Generator<TypedRecord> {
  const region = prng.weighted(REGIONS.map((r) => [r, r.weight] as const));
  const place = prng.pick(region.places);
  const cur = region.currency;
  const consumer = region.countryCode === 'US' ? prng.chance(0.5) : region.countryCode === 'GB' || region.countryCode === 'IE' ? prng.chance(0.4) : false;
  const first = prng.pick(region.firstNames);
  const last = prng.pick(region.lastNames);
  const name = consumer ? `${first} ${last}` : `${prng.pick(region.companyWords)} ${prng.pick(region.companySuffixes)}`;
  const profile = consumer ? place.consumerProfile : place.b2bProfile;
  const collector = collectorFor(u, region.countryCode, index);
  const owner = region.countryCode === 'IN' ? u.sales.IN : region.countryCode === 'US' || region.countryCode === 'JP' ? u.sales.US : u.sales.EU;
  const flags: string[] = [];
  if (prng.chance(0.03)) {
    flags.push('Bankruptcy');
  }
  if (prng.chance(0.03)) {
    flags.push('Cease Communication');
  }
  if (prng.chance(0.01)) {
    flags.push('Attorney Represented');
  }
  if (consumer && prng.chance(0.03)) {
    flags.push('Vulnerable');
  }
  const createdOffset = -prng.int(200, 1500);
  const account = builder.make('Account', {
    Name: name, OwnerId: owner, Type: 'Customer - Direct', Industry: prng.pick(['Manufacturing', 'Retail', 'Healthcare', 'Construction', 'Technology', 'Transportation', 'Agriculture']),
    AccountNumber: `${region.countryCode}-${String(index).padStart(6, '0')}`, Phone: e164(prng, region), BillingCity: place.city, BillingState: place.state,
    BillingStateCode: place.stateCode ?? null, BillingCountry: region.country, BillingCountryCode: region.countryCode, CurrencyIsoCode: cur,
    Collections_Currency__c: cur, Collections_Time_Zone__c: place.zone, Compliance_Profile__c: profile, Customer_Segment__c: consumer ? 'B2C' : 'B2B',
    Risk_Rating__c: prng.pick(['Low', 'Medium', 'High']), Credit_Limit__c: consumer ? null : fromMinor(moneyMinor(prng, cur, 10_000, 500_000) * (cur === 'JPY' ? 100 : cur === 'INR' ? 50 : 1), cur),
    Key_Account__c: !consumer && prng.chance(0.1), Collector__c: collector, Collections_Flags__c: flags.length ? flags.join(';') : null,
  }, stamp(day(createdOffset)));
  yield account;
  const accountId = account.record.Id as string;
  const domain = `${slug(name).slice(0, 24)}.${region.domain}`;

  const contactIds: string[] = [];
  const contactCount = consumer ? 1 : prng.int(1, 3);
  for (let c = 0; c < contactCount; c++) {
    const cf = consumer ? first : prng.pick(region.firstNames);
    const cl = consumer ? last : prng.pick(region.lastNames);
    const mobileAbroad = prng.chance(0.1);
    const contact = builder.make('Contact', {
      AccountId: accountId, OwnerId: owner, FirstName: cf, LastName: cl, Title: consumer ? null : prng.pick(['Accounts Payable', 'Finance Manager', 'CFO', 'Owner']),
      Email: `${slug(`${cf}.${cl}`)}@${consumer ? `mail.${region.domain}` : domain}`, Phone: prng.chance(0.7) ? e164(prng, region) : null, MobilePhone: e164(prng, region),
      MailingCity: place.city, MailingState: place.state, MailingCountry: region.country, MailingCountryCode: region.countryCode, CurrencyIsoCode: cur,
      Collections_Time_Zone__c: place.zone, Phone_Time_Zone__c: place.zone, Mobile_Time_Zone__c: mobileAbroad ? prng.pick(FOREIGN_MOBILE_ZONES) : place.zone,
      Collections_Role__c: consumer ? 'Debtor' : c === 0 ? 'Accounts Payable' : prng.pick(['Accounts Payable', 'Other', 'Guarantor']),
      HasOptedOutOfEmail: prng.chance(0.1), DoNotCall: prng.chance(0.05), SMS_Opt_Out__c: prng.chance(0.08), Visit_Opt_Out__c: prng.chance(0.05),
    }, stamp(day(createdOffset + 1)));
    contactIds.push(contact.record.Id as string);
    yield contact;
  }

  if (!consumer && prng.chance(0.2)) {
    yield builder.make('Opportunity', {
      Name: `${name} renewal`, AccountId: accountId, OwnerId: owner, StageName: prng.pick(['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review']),
      CloseDate: day(prng.int(10, 120)), Amount: currencyFieldValue(scaleMinor(moneyMinor(prng, cur, 5_000, 200_000), cur), cur, 'Opportunity.CurrencyIsoCode'), Probability: prng.pick([10, 30, 50, 70]), CurrencyIsoCode: cur,
    }, stamp(day(-prng.int(5, 60))));
  }

  // Invoices across every aging bucket: due dates from 200 days ago to 30 days ahead.
  const closedCount = openCount === null ? 0 : prng.int(0, 2);
  const invoiceCount = openCount === null ? prng.int(2, 7) : openCount + closedCount;
  const scale = amountScale(cur);
  const openInvoices: Array<{ id: string; number: string; balance: number; due: string }> = [];
  // What promises can be consistent with: each invoice's payment (at most one) and what is left.
  const invoiceFacts: InvoiceFacts[] = [];
  for (let n = 0; n < invoiceCount; n++) {
    const dueOffset = prng.weighted([[prng.int(1, 30), 3], [-prng.int(1, 30), 3], [-prng.int(31, 60), 2], [-prng.int(61, 90), 2], [-prng.int(91, 200), 2]] as const);
    const terms = prng.pick([15, 30, 45, 60]);
    const total = Math.max(fromMinor(1, cur), Math.round(money(prng, cur, consumer ? 50 : 500, consumer ? 3_000 : 60_000) * scale * 10 ** (DECIMALS[cur] ?? 2)) / 10 ** (DECIMALS[cur] ?? 2));
    const outcome = invoiceOutcome(prng, dueOffset, openCount === null ? 'any' : n < openCount ? 'open' : 'closed');
    const totalMinor = toMinor(total, cur);
    const paidMinor = outcome === 'Paid' ? totalMinor : outcome === 'Partially Paid' ? Math.floor(totalMinor * prng.int(20, 80) / 100) : 0;
    const balance = outcome === 'Cancelled' ? 0 : fromMinor(totalMinor - paidMinor, cur);
    const number = `${region.countryCode}${String(index).padStart(6, '0')}-${n + 1}`;
    const invoice = builder.make('Collections_Invoice__c', {
      Account__c: accountId, OwnerId: collector, Invoice_Number__c: number, Invoice_Date__c: day(dueOffset - terms), Due_Date__c: day(dueOffset),
      Total_Amount__c: total, Balance__c: balance, Currency_Code__c: cur, Status__c: outcome, PO_Number__c: prng.chance(0.6) ? `PO-${prng.digits(5)}` : null,
      External_Id__c: `ERP-${number}`,
    }, stamp(day(dueOffset - terms)));
    yield invoice;
    const invoiceId = invoice.record.Id as string;
    let receivedOffset: number | null = null;
    if (paidMinor > 0) {
      const received = Math.min(-1, dueOffset + prng.int(-10, 40));
      receivedOffset = received;
      yield builder.make('Collections_Payment__c', {
        Account__c: accountId, Invoice__c: invoiceId, Type__c: 'Payment', Amount__c: fromMinor(paidMinor, cur), Currency_Code__c: cur,
        Received_On__c: day(received), Reference__c: `REF-${prng.digits(8)}`, External_Id__c: `ERP-PAY-${number}`,
      }, stamp(day(received), '11:00:00'));
    }
    if (balance > 0) {
      openInvoices.push({ id: invoiceId, number, balance, due: day(dueOffset) });
    }
    if (outcome !== 'Cancelled') {
      invoiceFacts.push({ id: invoiceId, balanceMinor: totalMinor - paidMinor, paidMinor, receivedOffset });
    }
  }
  if (prng.chance(0.05)) {
    yield builder.make('Collections_Payment__c', {
      Account__c: accountId, Type__c: 'Credit Note', Amount__c: money(prng, cur, 10, 500) * scale, Currency_Code__c: cur, Received_On__c: day(-prng.int(1, 60)),
      Reference__c: `CN-${prng.digits(6)}`,
    }, stamp(day(-10)));
  }
  const overdue = openInvoices.filter((i) => i.due < day(0));
  const contactId = contactIds[0] ?? null;

  // Promises, consistent with the payments above (what the panel's kept rate recomputes).
  if (prng.chance(0.5)) {
    const promise = consistentPromise(prng, invoiceFacts);
    if (promise) {
      yield builder.make('Promise_To_Pay__c', {
        Account__c: accountId, Contact__c: contactId, OwnerId: collector, Amount__c: fromMinor(promise.amountMinor, cur), Currency_Code__c: cur,
        Due_Date__c: day(promise.dueOffset), Taken_On__c: day(promise.takenOffset), Status__c: promise.status, Invoice_Ids__c: promise.invoiceId,
        Idempotency_Key__c: `seed-ptp-${index}`,
      }, stamp(day(promise.takenOffset)));
    }
  }

  // Payment plans: active (on track) or broken (missed instalment); instalments sum to the total.
  if (overdue.length > 0 && prng.chance(0.15)) {
    const planInvoices = overdue.slice(0, 2);
    const totalMinor = planInvoices.reduce((s, i) => s + toMinor(i.balance, cur), 0);
    const count = prng.int(3, 6);
    const broken = prng.chance(0.35);
    const startOffset = -prng.int(20, 90);
    const frequency = prng.pick(['Weekly', 'Biweekly', 'Monthly'] as const);
    const step = frequency === 'Weekly' ? 7 : frequency === 'Biweekly' ? 14 : 30;
    const plan = builder.make('Payment_Plan__c', {
      Account__c: accountId, OwnerId: collector, Status__c: broken ? 'Broken' : 'Active', Frequency__c: frequency, Total_Amount__c: fromMinor(totalMinor, cur),
      Down_Payment__c: 0, Currency_Code__c: cur, Start_Date__c: day(startOffset), Invoice_Ids__c: planInvoices.map((i) => i.id).join(','),
      Idempotency_Key__c: `seed-plan-${index}`,
    }, stamp(day(startOffset)));
    yield plan;
    const base = Math.floor(totalMinor / count);
    let missedOne = false;
    for (let seq = 1; seq <= count; seq++) {
      // The last instalment absorbs the remainder so the schedule sums exactly to the total.
      const amountMinor = seq === count ? totalMinor - base * (count - 1) : base;
      const dueOffset = startOffset + step * seq;
      let status = 'Scheduled';
      let paid = 0;
      if (dueOffset < 0) {
        if (broken && !missedOne && seq > 1) {
          status = 'Missed';
          missedOne = true;
        } else if (broken && missedOne) {
          status = 'Missed';
        } else {
          status = 'Paid';
          paid = amountMinor;
        }
      }
      yield builder.make('Plan_Instalment__c', {
        Payment_Plan__c: plan.record.Id as string, Sequence__c: seq, Due_Date__c: day(dueOffset), Amount__c: fromMinor(amountMinor, cur),
        Paid_Amount__c: fromMinor(paid, cur), Currency_Code__c: cur, Status__c: status, Idempotency_Key__c: `seed-plan-${index}-${seq}`,
      }, stamp(day(startOffset)));
    }
  }

  // Disputes: a Case owned by the sales rep plus one line per disputed invoice.
  if (openInvoices.length > 0 && prng.chance(0.1)) {
    const target = prng.pick(openInvoices);
    const amount = fromMinor(Math.max(1, Math.floor(toMinor(target.balance, cur) * prng.int(10, 100) / 100)), cur);
    const reason = prng.pick(['Pricing', 'Quantity', 'Damaged or Quality', 'Not Received', 'Duplicate Billing', 'Tax']);
    const open = prng.chance(0.75);
    const createdOffset2 = -prng.int(2, 40);
    const dispute = builder.make('Case', {
      AccountId: accountId, ContactId: contactId, OwnerId: owner, Subject: `${reason} dispute on ${target.number}`, Status: open ? 'Working' : 'Closed',
      Type: 'Dispute', Reason: 'Dispute', Origin: prng.pick(['Phone', 'Email', 'Web']), Priority: prng.pick(['High', 'Medium', 'Low']), CurrencyIsoCode: cur,
      Dispute_Reason__c: reason, Dispute_Status__c: open ? prng.pick(['New', 'Pending Verification', 'In Review']) : prng.pick(['Resolved - Credit', 'Resolved - Rejected']),
      Disputed_Amount__c: amount, Dispute_Currency__c: cur, SLA_Due_Date__c: day(createdOffset2 + 14), Idempotency_Key__c: `seed-dispute-${index}`,
    }, stamp(day(createdOffset2)));
    yield dispute;
    yield builder.make('Dispute_Line__c', {
      Case__c: dispute.record.Id as string, Invoice_Ref__c: target.id, Invoice_Number__c: target.number, Amount__c: amount, Currency_Code__c: cur,
      Idempotency_Key__c: `seed-dispute-${index}-1`,
    }, stamp(day(createdOffset2)));
  }

  // Contact history: calls and emails, newest within the last 60 days.
  const history = prng.int(0, 4);
  for (let h = 0; h < history; h++) {
    const offset = -prng.int(1, 60);
    const call = prng.chance(0.65);
    const disposition = prng.pick(CALL_OUTCOMES);
    yield builder.make('Task', {
      WhatId: accountId, WhoId: contactId, OwnerId: collector, ActivityDate: day(offset), Status: 'Completed', Priority: 'Normal',
      Subject: call ? 'Call' : 'Payment reminder', TaskSubtype: call ? 'Call' : 'Email', Type: call ? 'Call' : 'Email',
      CallType: call ? 'Outbound' : null, CallDurationInSeconds: call ? prng.int(0, 600) : null, CallDisposition: call ? disposition : null,
      Collections_Channel__c: call ? 'Call' : 'Email', Conversation__c: call && !['No answer', 'Left voicemail', 'Wrong number'].includes(disposition),
      CompletedDateTime: stamp(day(offset), `${String(prng.int(3, 16)).padStart(2, '0')}:${String(prng.int(0, 59)).padStart(2, '0')}:00`),
    }, stamp(day(offset)));
  }
  if (prng.chance(0.3)) {
    const offset = -prng.int(1, 90);
    const note = builder.make('ContentNote', {
      Title: prng.pick(['Call notes', 'Customer situation', 'Escalation note', 'Visit summary']), OwnerId: collector,
      Content: b64(prng.pick([
        'Customer waiting on their own receivables; promised an update next week.',
        'AP says invoices are approved and in the next payment run.',
        'Asked for copies of the delivery notes before releasing payment.',
        'Finance director changed; new contact to be confirmed.',
      ])),
    }, stamp(day(offset)));
    yield note;
    yield builder.make('ContentDocumentLink', { ContentDocumentId: note.record.Id as string, LinkedEntityId: accountId, ShareType: 'V', Visibility: 'AllUsers' }, stamp(day(offset)));
  }
}

/** Today's date (UTC) as the default reference date. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Seeds into a fresh builder; returns the record stream and a header getter. */
export function seedRecords(options: SeedOptions): { records: Generator<TypedRecord>; header: () => StoreHeader } {
  const users: { current: Users | null } = { current: null };
  const builder = new SeedBuilder(() => users.current?.admin ?? makeId('005', 1));
  return {
    records: generateSeed(options, builder, users),
    header: () => builder.header({ seed: options.seed, accounts: options.accounts, referenceDate: options.referenceDate, generatedAt: new Date().toISOString() }),
  };
}
