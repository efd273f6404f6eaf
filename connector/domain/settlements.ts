/**
 * Settlement offers: accepting less than the balance (domain-rules.md (d) "Settlements").
 *
 * UK consumer credit: consider reasonable offers (CONC 7.14); on accepting less or stopping pursuit,
 * state whether the remainder is extinguished or may still be pursued or sold (CONC 7.4.2R).
 * US: record whether the balance is extinguished (1099-C questions are for finance, [U]).
 */
import { invalid } from './errors';
import type { Money, SettlementOffer } from './model';
import { assertMoney, parsePercent, pow10, roundedQuotient, type ExactDecimal } from './money';

/** Company policy for discounts. Percentages as numbers or decimal strings (e.g. 30 or "12.5"). */
export interface SettlementPolicy {
  /** Discounts above this percentage of the balance are not allowed at all. */
  maxDiscountPct: number | string;
  /** Discounts above this percentage need approval. */
  approvalThresholdPct: number | string;
  /** Discounts above this amount need approval regardless of percentage (same currency as the balance). */
  approvalAmountThreshold?: Money | null;
}

/** Offer being evaluated. */
export interface SettlementOfferInput {
  balance: Money;
  offerAmount: Money;
  /** CONC 7.4.2R: must be decided and told to the customer. */
  remainderTreatment: SettlementOffer['remainderTreatment'];
}

/** Result of {@link evaluateSettlementOffer}. */
export interface SettlementEvaluation {
  allowed: boolean;
  needsApproval: boolean;
  /** balance − offer. */
  discount: Money;
  /** discount ÷ balance × 100, 2 dp half-up (display only; policy checks are exact). */
  discountPct: number;
  remainderTreatment: SettlementOffer['remainderTreatment'];
  /** Customer-facing statement of what happens to the remainder (CONC 7.4.2R). */
  remainderStatement: string;
  reasons: string[];
}

/** discount / balance compared with pct / 100, exactly: sign of discount·100·10^s − balance·units. */
function comparePct(discount: number, balance: number, pct: ExactDecimal): number {
  const left = BigInt(discount) * 100n * pow10(pct.scale);
  const right = BigInt(balance) * pct.units;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Check a settlement offer against policy: a discount above `maxDiscountPct` is not allowed;
 * above `approvalThresholdPct` (or above `approvalAmountThreshold`) it needs approval. Every
 * reason is listed. The remainder treatment must be stated (CONC 7.4.2R) and is echoed back with
 * a customer-facing sentence.
 * @throws DomainValidationError for a non-positive balance or offer, offer > balance, currency
 *   mismatch, bad percentages or a missing remainder treatment.
 */
export function evaluateSettlementOffer(offer: SettlementOfferInput, policy: SettlementPolicy): SettlementEvaluation {
  if (offer == null || typeof offer !== 'object') {
    invalid('offer', 'must be {balance, offerAmount, remainderTreatment}');
  }
  if (policy == null || typeof policy !== 'object') {
    invalid('policy', 'must be {maxDiscountPct, approvalThresholdPct}');
  }
  const balance = assertMoney(offer.balance, 'balance');
  const amount = assertMoney(offer.offerAmount, 'offerAmount');
  if (amount.currency !== balance.currency) {
    invalid('offerAmount.currency', `balance is in ${balance.currency}`, 'currency_mismatch');
  }
  if (balance.amountMinor <= 0) {
    invalid('balance.amountMinor', 'there is nothing to settle', 'out_of_range');
  }
  if (amount.amountMinor <= 0) {
    invalid('offerAmount.amountMinor', 'an offer must be positive (a zero offer is a write-off, not a settlement)', 'out_of_range');
  }
  if (amount.amountMinor > balance.amountMinor) {
    invalid('offerAmount.amountMinor', 'an offer cannot exceed the balance', 'out_of_range');
  }
  if (offer.remainderTreatment !== 'extinguished' && offer.remainderTreatment !== 'may_be_pursued') {
    invalid('remainderTreatment', "must be 'extinguished' or 'may_be_pursued' (CONC 7.4.2R)");
  }
  const maxPct = parsePercent(policy.maxDiscountPct, 'policy.maxDiscountPct');
  const approvalPct = parsePercent(policy.approvalThresholdPct, 'policy.approvalThresholdPct');
  let approvalAmount: Money | null = null;
  if (policy.approvalAmountThreshold != null) {
    approvalAmount = assertMoney(policy.approvalAmountThreshold, 'policy.approvalAmountThreshold');
    if (approvalAmount.currency !== balance.currency) {
      invalid('policy.approvalAmountThreshold.currency', `balance is in ${balance.currency}`, 'currency_mismatch');
    }
  }

  const discountMinor = balance.amountMinor - amount.amountMinor;
  const discount: Money = { amountMinor: discountMinor, currency: balance.currency };
  const discountPct = roundedQuotient(BigInt(discountMinor) * 100n, BigInt(balance.amountMinor)) ?? 0;
  const reasons: string[] = [];
  let allowed = true;
  let needsApproval = false;
  if (comparePct(discountMinor, balance.amountMinor, maxPct) > 0) {
    allowed = false;
    reasons.push(`discount ${discountPct}% exceeds the maximum of ${String(policy.maxDiscountPct)}%`);
  }
  if (allowed && comparePct(discountMinor, balance.amountMinor, approvalPct) > 0) {
    needsApproval = true;
    reasons.push(`discount ${discountPct}% is above the approval threshold of ${String(policy.approvalThresholdPct)}%`);
  }
  if (allowed && approvalAmount && discountMinor > approvalAmount.amountMinor) {
    needsApproval = true;
    reasons.push(`discount of ${discountMinor} minor units is above the approval amount of ${approvalAmount.amountMinor}`);
  }
  if (allowed && !needsApproval) {
    reasons.push(discountMinor === 0 ? 'offer covers the full balance' : 'discount within policy');
  }
  const remainderStatement =
    offer.remainderTreatment === 'extinguished'
      ? 'Once the agreed amount is paid, the remaining balance is written off and will not be pursued or sold.'
      : 'Paying the agreed amount does not clear the remaining balance: it may still be pursued or sold.';
  return { allowed, needsApproval, discount, discountPct, remainderTreatment: offer.remainderTreatment, remainderStatement, reasons };
}
