/**
 * The strategy that ships: B2B ladders in the shape of the ones published (portfolio-and-data.md
 * §3: a friendly reminder before the due date, reminders then calls, escalation to the customer's
 * finance head and our own people, a credit-hold suggestion, then legal or an agency; Oracle's
 * customer ladder of 15/30/45/60/75 days). Validated like any tenant strategy when first used.
 */
import type { Strategy } from './schema';
import { DEFAULT_DISPUTE_SLA_POLICY } from './dispute-sla';

/** B2B defaults: amounts in USD minor units; first matching segment wins, the last takes everyone. */
export const DEFAULT_STRATEGY: Strategy = deepFreeze({
  id: 'b2b-default',
  name: 'Business customers (default)',
  currency: 'USD',
  contactLevels: [
    { id: 'ap-clerk', label: 'accounts payable', roles: ['accounts_payable'], titleWords: [] },
    { id: 'ap-manager', label: 'accounts payable manager', roles: ['accounts_payable', 'other'], titleWords: ['manager', 'head', 'lead', 'supervisor'] },
    {
      id: 'finance-head',
      label: 'controller or CFO',
      roles: ['debtor', 'accounts_payable', 'other'],
      titleWords: ['controller', 'cfo', 'chief financial', 'finance director', 'director', 'finance manager', 'treasurer', 'owner'],
    },
  ],
  pauses: { promiseToleranceDays: 2, planToleranceDays: 3, minGapDays: 3 },
  segments: [
    {
      id: 'key-accounts',
      name: 'Key accounts',
      match: { tiers: ['key'] },
      steps: [
        { id: 'pre-due', label: 'Friendly reminder before the due date', offsetDays: -5, action: 'email', templateId: 'pre-due-friendly', contactLevel: 0 },
        { id: 'first-reminder', label: 'First reminder', offsetDays: 3, action: 'email', templateId: 'overdue-first', contactLevel: 0 },
        { id: 'first-call', label: 'Call accounts payable', offsetDays: 10, action: 'call', contactLevel: 0 },
        { id: 'manager-call', label: 'Call the accounts payable manager', offsetDays: 20, action: 'call', contactLevel: 1 },
        { id: 'sales-owner', label: 'Bring in the account owner', offsetDays: 30, action: 'escalate_sales_owner' },
        { id: 'finance-call', label: 'Call the controller or CFO', offsetDays: 45, action: 'call', contactLevel: 2 },
        { id: 'collector-manager', label: "Escalate to the collections manager", offsetDays: 60, action: 'escalate_collector_manager' },
        { id: 'credit-hold', label: 'Suggest a credit hold', offsetDays: 90, action: 'suggest_credit_hold' },
      ],
    },
    {
      id: 'regulated-consumer',
      name: 'Consumers under a regulated profile',
      match: { complianceProfiles: ['us-fdcpa', 'us-ma', 'uk-fca', 'ie-cca', 'in-rbi'] },
      steps: [
        { id: 'pre-due', label: 'Reminder before the due date', offsetDays: -3, action: 'email', templateId: 'pre-due-consumer', contactLevel: 0 },
        { id: 'first-letter', label: 'First reminder letter', offsetDays: 5, action: 'letter', templateId: 'consumer-first-letter', contactLevel: 0 },
        { id: 'first-call', label: 'Call the customer', offsetDays: 15, action: 'call', contactLevel: 0 },
        { id: 'second-letter', label: 'Second reminder letter', offsetDays: 30, action: 'letter', templateId: 'consumer-second-letter', contactLevel: 0 },
        { id: 'second-call', label: 'Call the customer again', offsetDays: 45, action: 'call', contactLevel: 0 },
        { id: 'collector-manager', label: 'Review with the collections manager', offsetDays: 90, action: 'escalate_collector_manager' },
        { id: 'agency', label: 'Hand to a collection agency', offsetDays: 120, action: 'hand_to_agency' },
      ],
    },
    {
      id: 'high-risk-large',
      name: 'High risk, 50,000 or more',
      match: { risk: ['high'], minAmountMinor: 5_000_000 },
      steps: [
        { id: 'pre-due', label: 'Reminder before the due date', offsetDays: -7, action: 'email', templateId: 'pre-due-firm', contactLevel: 0 },
        { id: 'first-call', label: 'Call accounts payable', offsetDays: 1, action: 'call', contactLevel: 0 },
        { id: 'manager-email', label: 'Reminder to the accounts payable manager', offsetDays: 7, action: 'email', templateId: 'overdue-escalated', contactLevel: 1 },
        { id: 'manager-call', label: 'Call the accounts payable manager', offsetDays: 14, action: 'call', contactLevel: 1 },
        { id: 'credit-hold', label: 'Suggest a credit hold', offsetDays: 21, action: 'suggest_credit_hold' },
        { id: 'finance-call', label: 'Call the controller or CFO', offsetDays: 30, action: 'call', contactLevel: 2 },
        { id: 'collector-manager', label: 'Escalate to the collections manager', offsetDays: 45, action: 'escalate_collector_manager' },
        { id: 'legal', label: 'Hand to legal', offsetDays: 60, action: 'hand_to_legal' },
      ],
    },
    {
      id: 'large',
      name: '25,000 or more',
      match: { minAmountMinor: 2_500_000 },
      steps: [
        { id: 'pre-due', label: 'Reminder before the due date', offsetDays: -7, action: 'email', templateId: 'pre-due-friendly', contactLevel: 0 },
        { id: 'first-call', label: 'Call accounts payable', offsetDays: 3, action: 'call', contactLevel: 0 },
        { id: 'manager-email', label: 'Reminder to the accounts payable manager', offsetDays: 10, action: 'email', templateId: 'overdue-escalated', contactLevel: 1 },
        { id: 'manager-call', label: 'Call the accounts payable manager', offsetDays: 20, action: 'call', contactLevel: 1 },
        { id: 'finance-call', label: 'Call the controller or CFO', offsetDays: 30, action: 'call', contactLevel: 2 },
        { id: 'collector-manager', label: 'Escalate to the collections manager', offsetDays: 45, action: 'escalate_collector_manager' },
        { id: 'credit-hold', label: 'Suggest a credit hold', offsetDays: 60, action: 'suggest_credit_hold' },
        { id: 'legal', label: 'Hand to legal', offsetDays: 90, action: 'hand_to_legal' },
      ],
    },
    {
      id: 'standard',
      name: 'Everyone else',
      match: {},
      steps: [
        { id: 'pre-due', label: 'Friendly reminder before the due date', offsetDays: -3, action: 'email', templateId: 'pre-due-friendly', contactLevel: 0 },
        { id: 'first-reminder', label: 'First reminder', offsetDays: 3, action: 'email', templateId: 'overdue-first', contactLevel: 0 },
        { id: 'second-reminder', label: 'Second reminder to the accounts payable manager', offsetDays: 10, action: 'email', templateId: 'overdue-escalated', contactLevel: 1 },
        { id: 'first-call', label: 'Call accounts payable', offsetDays: 20, action: 'call', contactLevel: 0 },
        { id: 'letter', label: 'Formal reminder letter', offsetDays: 30, action: 'letter', templateId: 'overdue-letter', contactLevel: 1 },
        { id: 'finance-call', label: 'Call the controller or CFO', offsetDays: 45, action: 'call', contactLevel: 2 },
        { id: 'credit-hold', label: 'Suggest a credit hold', offsetDays: 60, action: 'suggest_credit_hold' },
        { id: 'collector-manager', label: 'Escalate to the collections manager', offsetDays: 75, action: 'escalate_collector_manager' },
        { id: 'agency', label: 'Hand to a collection agency', offsetDays: 90, action: 'hand_to_agency' },
      ],
    },
  ],
  disputeSla: DEFAULT_DISPUTE_SLA_POLICY,
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
    Object.freeze(value);
  }
  return value;
}
