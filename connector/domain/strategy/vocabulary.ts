/**
 * The closed vocabularies of collection strategies, with no validator library attached: schema.ts
 * (zod/mini, for the connector and Custom Metadata) and parse.ts (the domain's zod-free guards, for
 * page bundles such as the worklist) build on the same lists.
 */
/** What a step does. E-mail, call and letter go to the customer; the rest are internal hand-offs. */
export const STRATEGY_ACTIONS = [
  'email',
  'call',
  'letter',
  'escalate_sales_owner',
  'escalate_collector_manager',
  'hand_to_legal',
  'hand_to_agency',
  'suggest_credit_hold',
] as const;
/** One of {@link STRATEGY_ACTIONS}. */
export type StrategyAction = (typeof STRATEGY_ACTIONS)[number];

/** Actions addressed to a person at the customer (they need a contact level). */
export const CUSTOMER_ACTIONS: readonly StrategyAction[] = ['email', 'call', 'letter'];
/** Actions that send a document (they need a template id). */
export const TEMPLATE_ACTIONS: readonly StrategyAction[] = ['email', 'letter'];

/** Account tiers a segment may select: key accounts (Account.keyAccount) and the rest. */
export const STRATEGY_TIERS = ['key', 'standard'] as const;
