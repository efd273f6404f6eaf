/**
 * Collection strategies as data: per segment, a ladder of steps at day offsets from the due date of
 * the oldest invoice still on the ladder (negative = before it falls due: a friendly reminder).
 * Shapes follow the ladders products publish (portfolio-and-data.md §3: Odoo follow-up levels with
 * negative days, Chaser's at most 10 before-due and 10 after-due chasers, SAP's dunning interval,
 * FSCM's promise tolerance days, Upflow's minimum contact delay up to 30 days).
 *
 * These zod/mini schemas are the contract for the connector (a strategy read from Custom Metadata
 * or a settings record). The domain's own entry, `parseStrategy` (parse.ts), validates the same
 * shapes with the zod-free guards so page bundles stay without zod (decision 0007), then checks the
 * rules a schema cannot say; schema.test.ts proves both accept the same strategies.
 */
import * as z from 'zod/mini';
import { CONTACT_ROLES, PROFILE_ID_PATTERN, RISK_RATINGS } from '../vocabulary';
import { CurrencyCodeSchema } from '../model';
import { STRATEGY_ACTIONS, STRATEGY_TIERS } from './vocabulary';
import { DisputeSlaPolicySchema } from './dispute-sla-schema';

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
  /** The dispute SLA: days for sales to answer, reminder and escalation steps (strategy/dispute-sla.ts, issue 19). */
  disputeSla: z.optional(DisputeSlaPolicySchema),
});
/** Inferred from {@link StrategySchema}. */
export type Strategy = z.infer<typeof StrategySchema>;
