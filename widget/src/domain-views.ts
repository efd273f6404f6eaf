/**
 * The lazily loaded half of the panel's bridge to the collections domain: plans, settlements,
 * promise kept rates and priority are needed only by the views chunk (tabs, forms, priority line),
 * so they stay out of the code that opening the panel needs.
 */
export { buildSchedule, checkPlanPolicy } from '../../connector/domain/plans';
export type { PlanPolicyViolation, ScheduleRequest } from '../../connector/domain/plans';
export { keptRate, evaluatePromise } from '../../connector/domain/promises';
export { evaluateSettlementOffer } from '../../connector/domain/settlements';
export { checkContactWithRules } from '../../connector/domain/compliance/engine';
export type { ComplianceResult, ComplianceReason } from '../../connector/domain/compliance/engine';
export type { SettlementEvaluation } from '../../connector/domain/settlements';
import type { AccountSnapshot } from '../../connector/port';
import type { AgingView } from './domain';

import { scoreAccount } from '../../connector/domain/priority';
import { brokenPromiseCount } from '../../connector/domain/promises';
import { addDays as addDaysDomain } from '../../connector/domain/dates';
import type { ComplianceResult as ComplianceAnswer } from '../../connector/domain/compliance/engine';

export interface PriorityView {
  eligible: boolean;
  score: number;
  /** Plain-language explanations from the domain's scoring components or ineligibility reasons. */
  reasons: string[];
}

/**
 * Account priority with its explanation, from the domain's scoreAccount. The facts are read off
 * the snapshot and the domain's aging; the scoring itself is entirely the domain's.
 */
export function priorityView(
  snapshot: AccountSnapshot,
  aging: AgingView,
  asOf: string,
  nowMs: number,
  zone: string,
  compliance: ComplianceAnswer | null,
): PriorityView | null {
  const main = aging.currencies.find((c) => c.currency === snapshot.account.currency) ?? aging.currencies[0];
  if (!main) {
    return null;
  }
  const pending = snapshot.promises.filter((p) => p.status === 'pending').map((p) => p.dueDate).sort();
  const lastConversation = snapshot.activities.filter((a) => a.conversation).map((a) => a.occurredAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const reportingCollectable = aging.reporting?.collectable;
  const result = scoreAccount(
    {
      accountId: snapshot.account.id,
      collectableReportingMinor: reportingCollectable ? reportingCollectable.amountMinor : main.collectable.amountMinor,
      currency: reportingCollectable ? reportingCollectable.currency : main.currency,
      maxDaysPastDue: aging.oldest?.daysPastDue ?? 0,
      brokenPromisesLast90Days: brokenPromiseCount(snapshot.promises, { from: addDaysDomain(asOf, -90), to: asOf }),
      nextPromiseDueDate: pending[0] ?? null,
      lastConversationAt: lastConversation ?? null,
      riskRating: snapshot.account.riskRating ?? null,
      keyAccount: snapshot.account.keyAccount ?? null,
      compliance,
    },
    { asOf: new Date(nowMs).toISOString(), zone },
  );
  return {
    eligible: result.eligible,
    score: result.score,
    reasons: result.eligible
      ? result.components.filter((c) => c.name !== 'eligibility' && c.value !== 1).map((c) => c.explanation)
      : result.reasons.map((r) => r.message),
  };
}
