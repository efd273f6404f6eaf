/**
 * The domain's public API: pure collections logic (money, calendar dates, zoned time, aging,
 * promises, plans, settlements, statutory interest, disputes, metrics, contact compliance,
 * prioritisation). No I/O, no DOM, no CRM names. See docs/ARCHITECTURE.md "Domain public API".
 *
 * Every function validates its input and throws {@link DomainValidationError} naming the field.
 * Deliberately NOT exported here (domain-internal building blocks, still importable from their
 * modules by the domain itself): `parseArray`, `parseDecimal`/`ExactDecimal`, `pow10`,
 * `roundRational`, `roundedQuotient`, `moneyFromBigInt` (money.ts) and `parseInput` (errors.ts).
 */

// Data model: zod/mini schemas and their inferred types (Money, IsoDate, Invoice, Contact …).
export * from './model';

export { DomainValidationError } from './errors';
export type { DomainErrorCode } from './errors';

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
  negate,
  subtract,
  sum,
  sumByCurrency,
  toDecimalString,
  zero,
} from './money';
export type { ConvertOptions, FxRate, RoundingMode } from './money';

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

export {
  canonicalTimeZone,
  epochFromZoned,
  formatLocalTime,
  formatLocalTimeWithZone,
  instantFromZoned,
  isValidTimeZone,
  parseInstant,
  requireTimeZone,
  toInstant,
  weekdayKey,
  zoneAbbreviation,
  zonedParts,
} from './time';
export type { Weekday, ZonedParts } from './time';

export { AGING_BUCKETS, OVER_90_BUCKETS, ageInvoices, agingBucket, daysPastDue } from './aging';
export type { AgedInvoice, AgingBucket, AgingInput, AgingReport, BalanceComponent, CurrencyAging, ReportingTotals } from './aging';

export { brokenPromiseCount, brokenPromiseCountEvaluated, earliestPendingPromise, evaluatePromise, keptRate, promiseDueSoon, promiseInForce } from './promises';
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
  X12_CODES_BY_REASON,
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

export { checkContact } from './compliance/check-contact';
export { checkContactWithRules } from './compliance/engine';
export type {
  CheckContactInput,
  ComplianceReason,
  ComplianceRequirement,
  ComplianceResult,
  HistoryActivity,
  ReasonSeverity,
} from './compliance/engine';
export { PROFILES, PROFILE_IDS, getProfile, getProfileRules } from './compliance/profiles';
export {
  ChannelScheduleSchema,
  ConversationPauseSchema,
  CounterScopeSchema,
  FlagEffectSchema,
  FlagRuleSchema,
  FrequencyCapSchema,
  PolicyProfileSchema,
  PolicyRulesSchema,
  ReasonCodeSchema,
  TimeOfDaySchema,
  TimeRangeSchema,
  WeekdaySchema,
} from './compliance/profile';
export type {
  ChannelSchedule,
  ConversationPause,
  CounterScope,
  FlagEffect,
  FlagRule,
  FrequencyCap,
  PolicyDocumentation,
  PolicyProfile,
  PolicyRules,
  ReasonCode,
  TimeRange,
} from './compliance/profile';

export { DEFAULT_PRIORITY_WEIGHTS, rankAccounts, scoreAccount, withComplianceGate } from './priority';
export type { PriorityClock, PriorityComponent, PriorityFacts, PriorityReason, PriorityResult, PriorityWeights, RankedAccount } from './priority';

/** Human labels for call outcomes (panel display and CRM call-result text). */
export { CALL_DISPOSITION_LABELS } from './vocabulary';

// Portfolio engine: compact book of many accounts, one-pass facts, top-N ranking, report totals.
export { MAX_EPOCH_DAY, MIN_EPOCH_DAY, PortfolioBook } from './portfolio/book';
export type { CompactAccount, CompactFlag, CreditKind, FollowUp, RiskRating, SkippedRecords } from './portfolio/book';
export { NO_DAY, NO_INSTANT, NO_UTILISATION, computeFacts } from './portfolio/facts';
export type {
  AccountCurrencyFacts,
  AmountColumns,
  PortfolioAccountFacts,
  PortfolioFacts,
  PortfolioFactsColumns,
  PortfolioFactsOptions,
  PortfolioIssue,
  ReportingFacts,
} from './portfolio/facts';
export { explainAccount, isRankable, priorityFactsOf, rankPortfolio, scorePortfolio } from './portfolio/rank';
export type { PortfolioRankedAccount, PortfolioRankOptions, PortfolioRanking } from './portfolio/rank';
export { aggregatePortfolio } from './portfolio/aggregate';
export type { AccountCurrencyTotals, AmountTotals, CollectorTotals, PortfolioAggregates, PortfolioTotals, SegmentTotals } from './portfolio/aggregate';
export { HARD_BLOCK_FLAGS } from './portfolio/flags';
export type { HardBlockFlag } from './portfolio/flags';

// Management reports: aging, cash collected, promises, month-end DSO/CEI, collectors, disputes, "why this balance".
export { buildManagementReport } from './reports/report';
export type { ManagementReport } from './reports/report';
export { reportMonths } from './reports/history';
export type { HistoryAccount, HistoryDispute, ReportHistory, ReportMonth, ReportOptions } from './reports/history';
export { agingReport } from './reports/aging';
export type { AgingReportRows, AgingRow } from './reports/aging';
export { explainBalance } from './reports/balance';
export type { BalanceLine } from './reports/balance';
export type { CashCollectedReport, CashPeriod, CollectorCash } from './reports/cash';
export type { PromiseFigures, PromisesReport } from './reports/promises';
export { REPORT_DECIMALS } from './reports/receivables';
export type { MonthEndMetrics, MonthEndReceivables, MonthEndReport } from './reports/receivables';
export type { CollectorProductivity } from './reports/collectors';
export { DISPUTE_AGE_BANDS } from './reports/disputes';
export type { DisputeAgeBand, DisputeReasonRow, DisputesReport } from './reports/disputes';
export { REPORT_SHEET_NAMES, reportSheets, sheetCsv } from './reports/sheets';
export type { ReportCell, ReportSheet, ReportSheetName } from './reports/sheets';
export { numberFormat, reportWorkbook } from './reports/workbook';
export type { WorkbookCell, WorkbookSheet } from './reports/workbook';
// Collection strategies: ladders of steps per segment, pause rules, the next action with its reason (decision 0015).
export { ContactLevelSchema, PauseRulesSchema, SegmentMatchSchema, StrategySchema, StrategySegmentSchema, StrategyStepSchema } from './strategy/schema';
export { CUSTOMER_ACTIONS, STRATEGY_ACTIONS, STRATEGY_TIERS, TEMPLATE_ACTIONS } from './strategy/vocabulary';
export type { StrategyAction } from './strategy/vocabulary';
export { parseStrategy } from './strategy/parse';
export type { ContactLevel, PauseRules, SegmentMatch, Strategy, StrategySegment, StrategyStep } from './strategy/schema';
export { DEFAULT_STRATEGY } from './strategy/defaults';
export { nextAction } from './strategy/next-action';
export type { LadderCompliance, LadderFacts, NextAction, NextActionOptions, NextActionStatus } from './strategy/next-action';
export { matchSegment } from './strategy/segments';
export type { SegmentFacts } from './strategy/segments';
export { chooseRecipients, contactLevelOf } from './strategy/recipients';
export type { Recipient } from './strategy/recipients';
export { ladderFactsFromRecords } from './strategy/ladder-facts';
export type { LadderRecords } from './strategy/ladder-facts';
export { priorityInWords } from './portfolio/why';

// Sales in the loop (issue 19): the dispute SLA on the debtor's business days, reminder and escalation
// steps as strategy data, and the credit-hold suggestion.
export { DEFAULT_DISPUTE_SLA_POLICY, DISPUTE_SLA_ACTIONS, disputeSlaPolicyOf, parseDisputeSlaPolicy } from './strategy/dispute-sla';
export { DisputeSlaPolicySchema, DisputeSlaStepSchema } from './strategy/dispute-sla-schema';
export type { DisputeSlaAction, DisputeSlaPolicy, DisputeSlaStep } from './strategy/dispute-sla';
export { businessDaysBetween, debtorCalendar, WEEKEND_BY_COUNTRY, weekendOf } from './disputes-sla/calendar';
export type { CompanyCalendar } from './disputes-sla/calendar';
export { disputeSlaDueDate, disputeSlaSchedule, disputeSlaStatus, slaBusinessDaysFor } from './disputes-sla/sla';
export type { DisputeSlaContext, DisputeSlaFacts, DisputeSlaState, DisputeSlaStatus, ScheduledSlaStep } from './disputes-sla/sla';
export { defaultCreditHoldPolicy, suggestCreditHold } from './disputes-sla/credit-hold';
export type { CreditHoldPolicy, CreditHoldSuggestion } from './disputes-sla/credit-hold';
