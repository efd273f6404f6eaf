/**
 * Public API of the domain's part A: money and currencies, calendar dates, aging, promises to pay,
 * payment plans, settlements, statutory interest, disputes and receivables metrics.
 * (The lead merges this barrel with part B's into the domain index.)
 */
export { ISO_4217_PUBLISHED, currencyExponent, isKnownCurrency, isNonMonetaryCode, listCurrencies } from './currencies';

export {
  add,
  allocate,
  assertMoney,
  compare,
  convert,
  currencyCodeOf,
  findRate,
  formatMoney,
  fromDecimalString,
  isNegative,
  isZero,
  max,
  min,
  money,
  moneyFromBigInt,
  negate,
  parseArray,
  parseDecimal,
  pow10,
  roundRational,
  roundedQuotient,
  subtract,
  sum,
  sumByCurrency,
  toDecimalString,
  zero,
} from './money';
export type { ConvertOptions, ExactDecimal, FxRate, RoundingMode } from './money';

export {
  addBusinessDays,
  addDays,
  addMonthsClamped,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfMonth,
  fromEpochDay,
  isBusinessDay,
  maxDate,
  minDate,
  parseIsoDate,
  toEpochDay,
} from './dates';
export type { BusinessDayOptions, IsoWeekday } from './dates';

export { AGING_BUCKETS, OVER_90_BUCKETS, ageInvoices, agingBucket, daysPastDue } from './aging';
export type { AgedInvoice, AgingBucket, AgingInput, AgingReport, BalanceComponent, CurrencyAging, ReportingTotals } from './aging';

export { brokenPromiseCount, evaluatePromise, keptRate, promiseDueSoon, promiseInForce } from './promises';
export type {
  BrokenCountOptions,
  KeptAmountRate,
  KeptRateOptions,
  KeptRateResult,
  PromiseEvaluation,
  PromiseEvaluationOptions,
} from './promises';

export { DEFAULT_MAX_INSTALMENTS, buildSchedule, checkPlanPolicy, evaluateInstalments, instalmentDueDate, planStatus } from './plans';
export type {
  InstalmentEvaluation,
  InstalmentEvaluationOptions,
  PlanBreakPolicy,
  PlanDraft,
  PlanPolicy,
  PlanPolicyViolation,
  PlanStatusResult,
  ScheduleRequest,
} from './plans';

export { evaluateSettlementOffer } from './settlements';
export type { SettlementEvaluation, SettlementOfferInput, SettlementPolicy } from './settlements';

export { basisPointsToPct, euLatePaymentInterest, msmedInterest, ukFixedCompensation, ukLatePaymentInterest } from './interest';
export type {
  EuLatePaymentInput,
  InterestSegment,
  MsmedInterestInput,
  MsmedInterestResult,
  MsmedRest,
  RateEntry,
  SimpleStatutoryInput,
  StatutoryInterestResult,
} from './interest';

export {
  ACTIVE_DISPUTE_STATUSES,
  DEFAULT_DISPUTE_SLA_BUSINESS_DAYS,
  DISPUTE_REASONS,
  disputeReasonInfo,
  disputedAmountByInvoice,
  isDisputeActive,
  isDunningHeld,
  reasonForX12Code,
  slaDueDate,
  validateDisputeLines,
} from './disputes';
export type { DisputeLineIssue, DisputeReasonInfo, DunningHold, DunningHoldOptions, SlaOptions } from './disputes';

export {
  averageDaysDelinquent,
  badDebtRatio,
  bestPossibleDso,
  collectionEffectivenessIndex,
  dsoCountBack,
  dsoSimple,
  percentCurrent,
  percentOver90,
  ptpKeptRateByAmount,
  ptpKeptRateByCount,
  rollRate,
} from './metrics';
export type { MetricOptions, SalesPeriod } from './metrics';
