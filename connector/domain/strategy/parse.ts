/**
 * `parseStrategy`: a strategy given as data (Custom Metadata, a seed, a settings page) validated
 * with the domain's zod-free guards (the shapes of schema.ts, parity-tested), then the rules a
 * schema cannot say: offsets rising within a ladder, a template for e-mails and letters and none
 * elsewhere, a contact level that exists for customer steps and none for internal ones, at most 10
 * steps before and 10 after the due date (Chaser, portfolio-and-data.md §3), unique ids, and a
 * catch-all last segment so no account is left without a ladder. Every failure is a
 * DomainValidationError whose field is the dotted path and whose message names the segment and
 * step by id; there is never a silent default (docs/decisions/0015).
 */
import type { Guard } from '../guard';
import { int, matching, object, oneOf, optional, str } from '../guard';
import { DomainValidationError } from '../errors';
import { isKnownCurrency } from '../currencies';
import { CONTACT_ROLES, CURRENCY_CODE_MESSAGE, CURRENCY_CODE_PATTERN, PROFILE_ID_PATTERN, RISK_RATINGS } from '../vocabulary';
import type { ContactLevel, PauseRules, SegmentMatch, Strategy, StrategySegment, StrategyStep } from './schema';
import { disputeSlaPolicyShape, parseDisputeSlaPolicy } from './dispute-sla';
import { intIn, list } from './field-guards';
import { CUSTOMER_ACTIONS, STRATEGY_ACTIONS, STRATEGY_TIERS, TEMPLATE_ACTIONS } from './vocabulary';

const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

function text(min: number, max: number, pattern?: RegExp, message = ''): Guard<string> {
  return (value, path) => {
    const s = str(value, path);
    if (s.length < min) {
      throw new DomainValidationError('invalid_input', path, `must be at least ${min} character${min === 1 ? '' : 's'}`);
    }
    if (s.length > max) {
      throw new DomainValidationError('invalid_input', path, `must be at most ${max} characters`);
    }
    if (pattern && !pattern.test(s)) {
      throw new DomainValidationError('invalid_input', path, message);
    }
    return s;
  };
}

const id = text(1, 80, ID_PATTERN, 'must be letters, digits, dot, dash or underscore');
const label = text(1, 120);

const contactLevel = object<ContactLevel>({ id, label, roles: list(oneOf(CONTACT_ROLES), 1), titleWords: list(text(1, Infinity), 0) });
const step = object<StrategyStep>({
  id,
  label,
  offsetDays: intIn(-60, 730),
  action: oneOf(STRATEGY_ACTIONS),
  templateId: optional(text(1, Infinity)),
  contactLevel: optional(int(0)),
});
const match = object<SegmentMatch>({
  minAmountMinor: optional(int(0)),
  maxAmountMinor: optional(int(0)),
  risk: optional(list(oneOf(RISK_RATINGS), 1)),
  countries: optional(list(matching(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'), 1)),
  complianceProfiles: optional(list(matching(PROFILE_ID_PATTERN, 'must be a profile id'), 1)),
  tiers: optional(list(oneOf(STRATEGY_TIERS), 1)),
});
const segment = object<StrategySegment>({ id, name: label, match, steps: list(step, 1, 20) });
const pauses = object<PauseRules>({ promiseToleranceDays: intIn(0, 30), planToleranceDays: intIn(0, 30), minGapDays: intIn(0, 30) });
const strategyShape = object<Strategy>({
  id,
  name: label,
  currency: matching(CURRENCY_CODE_PATTERN, CURRENCY_CODE_MESSAGE),
  contactLevels: list(contactLevel, 1, 10),
  pauses,
  segments: list(segment, 1, 50),
  disputeSla: optional(disputeSlaPolicyShape),
});

/** The shape check alone (no cross-field rules), for the parity test against schema.ts. @internal */
export function strategyShapeOf(input: unknown): Strategy {
  try {
    return strategyShape(input, '');
  } catch (error) {
    if (error instanceof DomainValidationError) {
      const path = error.field.replace(/^\./, '');
      fail(input, path === '' ? [] : path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), error.message.replace(/^[^:]*: /, ''));
    }
    throw error;
  }
}

/** Human name of what a path points into: "segment 'large' step 'second-reminder'". */
function describePath(input: unknown, path: readonly PropertyKey[]): string {
  const segments = (input as { segments?: unknown } | null)?.segments;
  if (path[0] !== 'segments' || !Array.isArray(segments) || typeof path[1] !== 'number') {
    return 'strategy';
  }
  const found = segments[path[1]] as { id?: unknown; steps?: unknown } | undefined;
  const segmentName = typeof found?.id === 'string' ? `segment '${found.id}'` : `segment ${path[1] + 1}`;
  if (path[2] !== 'steps' || typeof path[3] !== 'number' || !Array.isArray(found?.steps)) {
    return segmentName;
  }
  const entry = found.steps[path[3]] as { id?: unknown } | undefined;
  return `${segmentName} step ${typeof entry?.id === 'string' ? `'${entry.id}'` : path[3] + 1}`;
}

function fail(input: unknown, path: readonly PropertyKey[], message: string, code: 'invalid_input' | 'unknown_currency' = 'invalid_input'): never {
  const field = path.map(String).join('.') || 'strategy';
  throw new DomainValidationError(code, field, `${describePath(input, path)}: ${message}`);
}

/**
 * Validate a strategy given as data and return it typed (unknown keys dropped).
 * @throws DomainValidationError naming the dotted field (`segments.1.steps.2.templateId`) and, in
 * the message, the segment and step by id.
 */
export function parseStrategy(input: unknown): Strategy {
  const strategy = strategyShapeOf(input);
  if (!isKnownCurrency(strategy.currency)) {
    fail(input, ['currency'], `${strategy.currency} is not an ISO 4217 currency`, 'unknown_currency');
  }
  uniqueIds(input, strategy.contactLevels, ['contactLevels']);
  uniqueIds(input, strategy.segments, ['segments']);
  strategy.segments.forEach((seg, s) => {
    const base = ['segments', s];
    const { minAmountMinor, maxAmountMinor } = seg.match;
    if (minAmountMinor !== undefined && maxAmountMinor !== undefined && maxAmountMinor <= minAmountMinor) {
      fail(input, [...base, 'match', 'maxAmountMinor'], 'the upper amount must be above the lower amount');
    }
    uniqueIds(input, seg.steps, [...base, 'steps']);
    let before = 0;
    let after = 0;
    seg.steps.forEach((current, i) => {
      const at = [...base, 'steps', i];
      const previous = seg.steps[i - 1];
      if (previous && current.offsetDays <= previous.offsetDays) {
        fail(input, [...at, 'offsetDays'], `must come after the previous step's ${previous.offsetDays} days (steps run in day order)`);
      }
      if (current.offsetDays < 0) {
        before += 1;
      } else {
        after += 1;
      }
      const needsTemplate = TEMPLATE_ACTIONS.includes(current.action);
      if (needsTemplate && current.templateId === undefined) {
        fail(input, [...at, 'templateId'], `a${current.action === 'email' ? 'n e-mail' : ' letter'} step needs a template id`);
      }
      if (!needsTemplate && current.templateId !== undefined) {
        fail(input, [...at, 'templateId'], `only e-mail and letter steps take a template (this step is '${current.action}')`);
      }
      const needsContact = CUSTOMER_ACTIONS.includes(current.action);
      if (needsContact && current.contactLevel === undefined) {
        fail(input, [...at, 'contactLevel'], `a '${current.action}' step needs the contact level it goes to`);
      }
      if (!needsContact && current.contactLevel !== undefined) {
        fail(input, [...at, 'contactLevel'], `an internal '${current.action}' step goes to no customer contact`);
      }
      if (current.contactLevel !== undefined && current.contactLevel >= strategy.contactLevels.length) {
        fail(input, [...at, 'contactLevel'], `there is no contact level ${current.contactLevel} (levels 0 to ${strategy.contactLevels.length - 1})`);
      }
    });
    if (before > 10 || after > 10) {
      fail(input, [...base, 'steps'], 'at most 10 steps before and 10 after the due date');
    }
  });
  if (strategy.disputeSla !== undefined) {
    parseDisputeSlaPolicy(strategy.disputeSla, 'disputeSla');
  }
  const lastIndex = strategy.segments.length - 1;
  if (Object.values(strategy.segments[lastIndex]!.match).some((value) => value !== undefined)) {
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
