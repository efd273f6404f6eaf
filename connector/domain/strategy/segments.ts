/**
 * Which segment of a strategy takes an account: the first whose every given criterion holds (amount
 * band, risk, country, compliance profile, tier). parseStrategy guarantees the last takes everyone.
 */
import type { Money } from '../model';
import { DomainValidationError, invalid } from '../errors';
import { DEFAULT_COMPLIANCE_PROFILE } from '../vocabulary';
import type { LadderFacts } from './next-action';
import type { Strategy, StrategySegment } from './schema';

/** The facts a segment is chosen by. */
export type SegmentFacts = Pick<LadderFacts, 'collectable' | 'riskRating' | 'country' | 'complianceProfile' | 'keyAccount'>;

/**
 * The account's segment.
 * @throws DomainValidationError `currency_mismatch` when the collectable amount is not in the strategy's currency.
 */
export function matchSegment(strategy: Strategy, facts: SegmentFacts): StrategySegment {
  assertStrategyCurrency(strategy, facts.collectable);
  const amount = facts.collectable.amountMinor;
  const country = facts.country?.toUpperCase() ?? null;
  const profile = profileOf(facts);
  const tier = facts.keyAccount ? 'key' : 'standard';
  const found = strategy.segments.find(({ match }) =>
    (match.minAmountMinor === undefined || amount >= match.minAmountMinor) &&
    (match.maxAmountMinor === undefined || amount < match.maxAmountMinor) &&
    (match.risk === undefined || (facts.riskRating !== null && match.risk.includes(facts.riskRating))) &&
    (match.countries === undefined || (country !== null && match.countries.includes(country))) &&
    (match.complianceProfiles === undefined || match.complianceProfiles.includes(profile)) &&
    (match.tiers === undefined || match.tiers.includes(tier)),
  );
  // Unreachable for a parsed strategy (its last segment has an empty match).
  return found ?? strategy.segments[strategy.segments.length - 1]!;
}

/** Guard against a collectable amount in another currency than the strategy's thresholds. */
export function assertStrategyCurrency(strategy: Strategy, collectable: Money): void {
  if (collectable === null || typeof collectable !== 'object' || !Number.isSafeInteger(collectable.amountMinor)) {
    invalid('facts.collectable', 'must be {amountMinor, currency}');
  }
  if (collectable.currency !== strategy.currency) {
    throw new DomainValidationError('currency_mismatch', 'facts.collectable.currency', `the strategy's amounts are in ${strategy.currency}, the account's collectable is in ${collectable.currency}: convert it first`);
  }
}

/** The compliance profile an account falls under when it names none. */
export function profileOf(facts: Pick<LadderFacts, 'complianceProfile'>): string {
  return facts.complianceProfile ?? DEFAULT_COMPLIANCE_PROFILE;
}
