/**
 * Collection strategies as data: per segment, a ladder of steps at day offsets from the due date of
 * the oldest invoice still on the ladder (negative = before it falls due: a friendly reminder).
 * Shapes follow the ladders products publish (portfolio-and-data.md §3: Odoo follow-up levels with
 * negative days, Chaser's at most 10 before-due and 10 after-due chasers, SAP's dunning interval,
 * FSCM's promise tolerance days, Upflow's minimum contact delay up to 30 days).
 *
 * `parseStrategy` validates with the zod/mini schema, then the rules a schema cannot say (offsets
 * rising, a template for e-mails and letters, a contact level that exists, a catch-all last
 * segment). Every failure is a DomainValidationError whose field is the dotted path and whose
 * message names the step or segment, never a silent default (docs/decisions/0015).
 */
import * as z from 'zod/mini';
import { CONTACT_ROLES, PROFILE_ID_PATTERN, RISK_RATINGS } from '../vocabulary';
import { CurrencyCodeSchema } from '../model';
import { DomainValidationError } from '../errors';
import { isKnownCurrency } from '../currencies';

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

const Id = z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, dot, dash or underscore'));
const Label = z.string().check(z.minLength(1), z.maxLength(120));
const Days = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/** A rung of the customer's contact ladder: AP clerk, AP manager, controller or CFO … */
export const ContactLevelSchema = z.object({
  id: Id,
  label: Label,
  /** Contact roles (vocabulary CONTACT_ROLES) this level draws from. */
  roles: z.array(z.enum(CONTACT_ROLES)).check(z.minLength(1)),
  /** Words of which one must appear in the contact's title (case-insensitive); empty = any title. */
  titleWords: z.array(z.string().check(z.minLength(1))),
});
/** Inferred from {@link ContactLevelSchema}. */
export type ContactLevel = z.infer<typeof ContactLevelSchema>;

/** One step of a ladder. */
export const StrategyStepSchema = z.object({
  id: Id,
  label: Label,
  /** Days from the due date; negative = before it. */
  offsetDays: Days(-60, 730),
  action: z.enum(STRATEGY_ACTIONS),
  /** E-mail and letter template id (required for them, refused otherwise). */
  templateId: z.optional(z.string().check(z.minLength(1))),
  /** Index into the strategy's contact levels (required for e-mail, call and letter). */
  contactLevel: z.optional(z.int().check(z.gte(0))),
});
/** Inferred from {@link StrategyStepSchema}. */
export type StrategyStep = z.infer<typeof StrategyStepSchema>;

/** Which accounts a segment takes; every criterion given must hold, an empty match takes every account. */
export const SegmentMatchSchema = z.object({
  /** Collectable amount at least / below this, minor units of the strategy's currency. */
  minAmountMinor: z.optional(z.int().check(z.gte(0))),
  maxAmountMinor: z.optional(z.int().check(z.gte(0))),
  risk: z.optional(z.array(z.enum(RISK_RATINGS)).check(z.minLength(1))),
  /** ISO 3166-1 alpha-2 countries. */
  countries: z.optional(z.array(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))).check(z.minLength(1))),
  complianceProfiles: z.optional(z.array(z.string().check(z.regex(PROFILE_ID_PATTERN))).check(z.minLength(1))),
  tiers: z.optional(z.array(z.enum(STRATEGY_TIERS)).check(z.minLength(1))),
});
/** Inferred from {@link SegmentMatchSchema}. */
export type SegmentMatch = z.infer<typeof SegmentMatchSchema>;

/** A segment: who it takes and its ladder. */
export const StrategySegmentSchema = z.object({
  id: Id,
  name: Label,
  match: SegmentMatchSchema,
  steps: z.array(StrategyStepSchema).check(z.minLength(1), z.maxLength(20)),
});
/** Inferred from {@link StrategySegmentSchema}. */
export type StrategySegment = z.infer<typeof StrategySegmentSchema>;

/** When the ladder waits. */
export const PauseRulesSchema = z.object({
  /** A pending promise pauses the ladder until its date plus these days (SAP FSCM tolerance days). */
  promiseToleranceDays: Days(0, 30),
  /** An active plan pauses the ladder while no instalment is more than these days late. */
  planToleranceDays: Days(0, 30),
  /** At least these days between two contacts (SAP dunning interval, Upflow minimum contact delay). */
  minGapDays: Days(0, 30),
});
/** Inferred from {@link PauseRulesSchema}. */
export type PauseRules = z.infer<typeof PauseRulesSchema>;

/** A complete strategy: contact ladder, pause rules and segments, first match wins. */
export const StrategySchema = z.object({
  id: Id,
  name: Label,
  /** Currency of the segments' amount thresholds (the caller converts collectable into it). */
  currency: CurrencyCodeSchema,
  contactLevels: z.array(ContactLevelSchema).check(z.minLength(1), z.maxLength(10)),
  pauses: PauseRulesSchema,
  segments: z.array(StrategySegmentSchema).check(z.minLength(1), z.maxLength(50)),
});
/** Inferred from {@link StrategySchema}. */
export type Strategy = z.infer<typeof StrategySchema>;

/** Human name of the thing a path points into: "segment 'large' step 'second-reminder'". */
function describePath(input: unknown, path: readonly PropertyKey[]): string {
  const segments = (input as { segments?: unknown })?.segments;
  if (path[0] !== 'segments' || !Array.isArray(segments) || typeof path[1] !== 'number') {
    return 'strategy';
  }
  const segment = segments[path[1]] as { id?: unknown; steps?: unknown } | undefined;
  const segmentName = typeof segment?.id === 'string' ? `segment '${segment.id}'` : `segment ${path[1] + 1}`;
  if (path[2] !== 'steps' || typeof path[3] !== 'number' || !Array.isArray(segment?.steps)) {
    return segmentName;
  }
  const step = segment.steps[path[3]] as { id?: unknown } | undefined;
  return `${segmentName} step ${typeof step?.id === 'string' ? `'${step.id}'` : path[3] + 1}`;
}

function fail(input: unknown, path: readonly PropertyKey[], message: string): never {
  const field = path.map(String).join('.') || 'strategy';
  throw new DomainValidationError('invalid_input', field, `${describePath(input, path)}: ${message}`);
}

/**
 * Validate a strategy given as data (Custom Metadata, a seed, a settings page) and return it typed.
 * @throws DomainValidationError naming the dotted field (`segments.1.steps.2.templateId`) and, in
 * the message, the segment and step by id.
 */
export function parseStrategy(input: unknown): Strategy {
  const result = z.safeParse(StrategySchema, input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(input, issue.path, issue.message);
  }
  const strategy = result.data;
  if (!isKnownCurrency(strategy.currency)) {
    throw new DomainValidationError('unknown_currency', 'currency', `strategy: ${strategy.currency} is not an ISO 4217 currency`);
  }
  uniqueIds(input, strategy.contactLevels, ['contactLevels']);
  uniqueIds(input, strategy.segments, ['segments']);
  strategy.segments.forEach((segment, s) => {
    const base = ['segments', s];
    const { minAmountMinor, maxAmountMinor } = segment.match;
    if (minAmountMinor !== undefined && maxAmountMinor !== undefined && maxAmountMinor <= minAmountMinor) {
      fail(input, [...base, 'match', 'maxAmountMinor'], 'the upper amount must be above the lower amount');
    }
    uniqueIds(input, segment.steps, [...base, 'steps']);
    let before = 0;
    let after = 0;
    segment.steps.forEach((step, i) => {
      const at = [...base, 'steps', i];
      if (i > 0 && step.offsetDays <= segment.steps[i - 1]!.offsetDays) {
        fail(input, [...at, 'offsetDays'], `must come after the previous step's ${segment.steps[i - 1]!.offsetDays} days (steps run in day order)`);
      }
      if (step.offsetDays < 0) {
        before += 1;
      } else {
        after += 1;
      }
      const needsTemplate = TEMPLATE_ACTIONS.includes(step.action);
      if (needsTemplate && step.templateId === undefined) {
        fail(input, [...at, 'templateId'], `a${step.action === 'email' ? 'n e-mail' : ' letter'} step needs a template id`);
      }
      if (!needsTemplate && step.templateId !== undefined) {
        fail(input, [...at, 'templateId'], `only e-mail and letter steps take a template (this step is '${step.action}')`);
      }
      const needsContact = CUSTOMER_ACTIONS.includes(step.action);
      if (needsContact && step.contactLevel === undefined) {
        fail(input, [...at, 'contactLevel'], `a '${step.action}' step needs the contact level it goes to`);
      }
      if (!needsContact && step.contactLevel !== undefined) {
        fail(input, [...at, 'contactLevel'], `an internal '${step.action}' step goes to no customer contact`);
      }
      if (step.contactLevel !== undefined && step.contactLevel >= strategy.contactLevels.length) {
        fail(input, [...at, 'contactLevel'], `there is no contact level ${step.contactLevel} (levels 0 to ${strategy.contactLevels.length - 1})`);
      }
    });
    // Chaser allows at most 10 chasers before and 10 after the due date (portfolio-and-data.md §3).
    if (before > 10 || after > 10) {
      fail(input, [...base, 'steps'], 'at most 10 steps before and 10 after the due date');
    }
  });
  const lastIndex = strategy.segments.length - 1;
  const last = strategy.segments[lastIndex]!;
  if (Object.values(last.match).some((value) => value !== undefined)) {
    fail(input, ['segments', lastIndex, 'match'], 'the last segment must take every account (an empty match), so no account is left without a ladder');
  }
  return strategy;
}

function uniqueIds(input: unknown, items: readonly { id: string }[], base: PropertyKey[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      fail(input, [...base, i, 'id'], `id '${item.id}' is used twice`);
    }
    seen.add(item.id);
  });
}
