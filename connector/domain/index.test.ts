import { describe, expect, it } from 'vitest';
import * as domain from './index';

const api = domain as Record<string, unknown>;

describe('domain barrel (index.ts)', () => {
  it('exposes every runtime name the widget, connector and extension import from domain modules', () => {
    const usedByOtherLayers = [
      // widget/src/domain.ts, widget/src/format.ts, widget/src/forms/*
      'AGING_BUCKETS', 'ageInvoices', 'checkContact', 'getProfile', 'currencyExponent', 'addDays', 'compareDates', 'daysBetween',
      'DISPUTE_REASONS', 'disputedAmountByInvoice', 'isDisputeActive', 'slaDueDate', 'validateDisputeLines', 'DomainValidationError',
      'add', 'compare', 'formatMoney', 'fromDecimalString', 'isZero', 'subtract', 'sum', 'sumByCurrency', 'toDecimalString',
      'buildSchedule', 'checkPlanPolicy', 'scoreAccount', 'brokenPromiseCount', 'evaluatePromise', 'keptRate', 'evaluateSettlementOffer',
      'formatLocalTime', 'formatLocalTimeWithZone', 'zoneAbbreviation', 'zonedParts',
      // connector/salesforce, connector/port.ts, extension/src/options.ts
      'isKnownCurrency', 'PROFILE_IDS', 'AccountSchema', 'ActivitySchema', 'CallDispositionSchema', 'ContactSchema', 'CreditSchema',
      'DisputeReasonSchema', 'DisputeSchema', 'DisputeStatusSchema', 'InstalmentSchema', 'InstantSchema', 'InvoiceSchema', 'IsoDateSchema',
      'MoneySchema', 'PaymentPlanSchema', 'PaymentSchema', 'PlanFrequencySchema', 'PromiseToPaySchema', 'SettlementOfferSchema',
    ];
    expect(usedByOtherLayers.filter((name) => api[name] === undefined)).toEqual([]);
  });

  it('exposes each module area as functions and data', () => {
    for (const name of [
      'money', 'allocate', 'convert', 'parseIsoDate', 'addMonthsClamped', 'addBusinessDays', 'instantFromZoned', 'epochFromZoned',
      'requireTimeZone', 'weekdayKey', 'msmedInterest', 'ukLatePaymentInterest', 'dsoSimple', 'collectionEffectivenessIndex',
      'planStatus', 'evaluateInstalments', 'rankAccounts', 'isDunningHeld',
    ]) {
      expect(typeof api[name]).toBe('function');
    }
    expect(domain.AGING_BUCKETS).toHaveLength(6);
    expect(Object.keys(domain.DISPUTE_REASONS)).toHaveLength(10);
    expect(domain.PROFILE_IDS).toEqual(expect.arrayContaining(['us-fdcpa', 'uk-fca', 'in-rbi', 'ie-cca', 'b2b-default']));
  });

  it('exposes the portfolio engine the CLI and the Salesforce source build on', () => {
    for (const name of ['computeFacts', 'rankPortfolio', 'scorePortfolio', 'explainAccount', 'priorityFactsOf', 'isRankable', 'aggregatePortfolio']) {
      expect(typeof api[name]).toBe('function');
    }
    expect(typeof domain.PortfolioBook).toBe('function');
    expect(domain.HARD_BLOCK_FLAGS).toEqual(['cease_communication', 'bankruptcy', 'breathing_space']);
    for (const name of ['NO_DAY', 'NO_INSTANT', 'NO_UTILISATION', 'MIN_EPOCH_DAY', 'MAX_EPOCH_DAY']) {
      expect(typeof api[name]).toBe('number');
    }
    const book = new domain.PortfolioBook();
    const usd = book.currencyIndex('USD');
    book.addInvoiceCompact(book.addAccountCompact('A', { currencyIndex: usd, segment: 'b2b' }), domain.toEpochDay('2026-01-01'), 500, usd, 'open');
    const facts = domain.computeFacts(book, { asOf: '2026-03-01T12:00:00Z', reportingCurrency: 'USD' });
    expect(domain.rankPortfolio(facts).rows.map((row) => row.accountId)).toEqual(['A']);
    expect(domain.aggregatePortfolio(facts).total.overdue.amountMinor).toBe(500);
  });

  it('exposes the management reports the CLI, the xlsx export and the reports view build on', () => {
    for (const name of ['buildManagementReport', 'reportMonths', 'agingReport', 'explainBalance', 'reportSheets', 'sheetCsv', 'reportWorkbook', 'numberFormat']) {
      expect(typeof api[name]).toBe('function');
    }
    expect(domain.REPORT_DECIMALS).toBe(1);
    expect(domain.DISPUTE_AGE_BANDS).toEqual(['0-10', '11-30', '31-60', '61-90', '90+']);
    const report = domain.buildManagementReport({ accounts: [] }, { from: '2026-01', to: '2026-02', asOf: '2026-02-28', reportingCurrency: 'EUR' });
    expect(report.receivables.months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(report.aging).toBeNull();
    expect(domain.reportSheets(report).map((s) => s.name)).toEqual([...domain.REPORT_SHEET_NAMES]);
  });

  it('exposes collection strategies: schema, shipped default, next action', () => {
    for (const name of ['parseStrategy', 'nextAction', 'matchSegment', 'chooseRecipients', 'contactLevelOf', 'ladderFactsFromRecords', 'priorityInWords']) {
      expect(typeof api[name]).toBe('function');
    }
    for (const name of ['StrategySchema', 'StrategyStepSchema', 'StrategySegmentSchema', 'ContactLevelSchema', 'PauseRulesSchema', 'SegmentMatchSchema']) {
      expect(api[name]).toBeDefined();
    }
    expect(domain.STRATEGY_ACTIONS).toEqual([
      'email', 'call', 'letter', 'escalate_sales_owner', 'escalate_collector_manager', 'hand_to_legal', 'hand_to_agency', 'suggest_credit_hold',
    ]);
    expect(domain.parseStrategy(structuredClone(domain.DEFAULT_STRATEGY))).toEqual(domain.DEFAULT_STRATEGY);
  });

  it('keeps domain-internal helpers out of the public API', () => {
    for (const name of ['parseArray', 'parseDecimal', 'pow10', 'roundRational', 'roundedQuotient', 'moneyFromBigInt', 'parseInput', 'fxConverter', 'divideHalfEven', 'percentOf', 'Column', 'parseHistory', 'parseOptions', 'rebuildMonthEnds', 'monthEndReport', 'inReporting']) {
      expect(api[name]).toBeUndefined();
    }
  });

  it('no longer exposes the calendar duplicates that time.ts used to carry (dates.ts is the one implementation)', () => {
    for (const name of ['requireIsoDate', 'addDaysToIsoDate', 'daysBetweenIsoDates', 'weekdayOfIsoDate']) {
      expect(api[name]).toBeUndefined();
    }
  });

  it('works end to end through the barrel', () => {
    expect(domain.formatMoney(domain.money(10_000_000, 'INR'), 'en-IN')).toBe('₹1,00,000.00');
    expect(domain.weekdayKey(domain.dayOfWeek('2026-11-22'))).toBe('sun');
    expect(domain.instantFromZoned('2026-11-22', '19:00', 'Asia/Kolkata')).toBe('2026-11-22T13:30:00.000Z');
  });
});
