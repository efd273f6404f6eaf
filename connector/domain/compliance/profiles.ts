/**
 * The shipped policy profiles, documented (domain-rules.md f.3): each profile's rules from
 * profile-rules.ts joined with its name, description, sources and the guidance on what to record
 * for an override (`override.rule`). Reports, the options page and
 * tenants deriving their own profile read these; the engine reads only the rules, so this
 * documentation stays out of the page bundle (decision 0008).
 */
import type { PolicyDocumentation, PolicyProfile, PolicyRules } from './profile';
import { SHIPPED_RULES, shippedRules } from './profile-rules';

const DOCUMENTATION: Readonly<Record<string, PolicyDocumentation>> = {
  'us-fdcpa': {
    name: 'US federal (FDCPA / Reg F)',
    description:
      'Consumer debt collected by third parties. 08:00-21:00 debtor-local in every candidate zone; at most 7 placed calls per ' +
      'person and debt in 7 consecutive days; no call in the 7 days after a telephone conversation (its date is day 1).',
    overrideRule: 'Consumer consent given directly to the collector (§1692c(a); US-6d Reg F 1006.14(b)(3)): record it',
    sources: ['domain-rules.md f.2, f.3, f.4, f.11'],
  },
  'us-ma': {
    name: 'US Massachusetts (FDCPA / Reg F + 940 CMR 7.00)',
    description:
      'Federal rules plus MA-1: at most 2 telephone communications (calls, texts, recorded messages) per debt in 7 days. ' +
      'The 2-per-30-days limit for non-personal numbers needs the dialled number type and is not modelled.',
    overrideRule: 'Consumer consent given directly to the collector (§1692c(a); US-6d): record it',
    sources: ['domain-rules.md f.4, f.5 (MA-1, MA-2)'],
  },
  'in-rbi': {
    name: 'India (RBI recovery conduct)',
    description:
      '08:00-19:00 IST for calls, texts and visits (IN-1, IN-3 draft); no persistent calling: policy cap of 3 calls a day and ' +
      '10 a week per contact. E-mail is not time-gated.',
    overrideRule: 'Documented reason (e.g. borrower asked for a call back today)',
    sources: ['domain-rules.md f.6 (IN-1, IN-2, IN-3)'],
  },
  'uk-fca': {
    name: 'UK consumer credit (FCA CONC 7)',
    description:
      'Policy window Mon-Fri 08:00-21:00, Sat 09:00-17:00, never Sundays or bank holidays (CONC 7.9 has no clock); policy cap ' +
      '3 calls per contact in 7 days; vulnerable customers go to a specialist (UK-7); breathing space blocks payment requests (UK-8).',
    overrideRule: "Customer's reasonable request about when to be contacted (UK-3 CONC 7.9): record it",
    sources: ['domain-rules.md f.7 (UK-3, UK-4, UK-6, UK-7, UK-8)'],
  },
  'ie-cca': {
    name: 'Ireland (Consumer Credit Act 1995 s.46)',
    description:
      'Calls and visits Mon-Sat 09:00-21:00 only, never on a Sunday or a public holiday (from the supplied calendar, key "IE"); ' +
      'texts follow the same window by policy; e-mail is not time-gated.',
    overrideRule: "Consumer's consent to the call or visit (IE-1 s.46): record it",
    sources: ['domain-rules.md f.8 (IE-1)'],
  },
  'b2b-default': {
    name: 'B2B default policy',
    description:
      "Mon-Fri 09:00-18:00 in the debtor's zone (the contact's own zone first), no public holidays; at most 3 calls per contact " +
      'a week; disputes restrict only the disputed amount.',
    overrideRule: 'Documented business reason (e.g. the customer asked for a call at this time)',
    sources: ['domain-rules.md f.10, f.11; US-18 binds all creditors; UK-8 covers sole traders'],
  },
};

/** Shared data must not be edited by one caller under another's feet: freeze the whole tree. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) {
      deepFreeze(child);
    }
  }
  return value;
}

function documented(id: string): PolicyProfile {
  const rules = shippedRules(id);
  const documentation = DOCUMENTATION[id];
  if (!documentation) {
    throw new Error(`shipped compliance profile ${id} has no documentation`);
  }
  const { name, description, overrideRule, sources } = documentation;
  return { name, description, ...rules, override: { ...rules.override, rule: overrideRule }, sources };
}

// The rules objects themselves are handed out too (getProfileRules, snapshots): frozen with everything they share.
deepFreeze(SHIPPED_RULES);

/** Every shipped profile, by id (deeply frozen; spread and replace fields to derive a custom profile). */
export const PROFILES: Readonly<Record<string, PolicyProfile>> = deepFreeze(
  Object.fromEntries(Object.keys(SHIPPED_RULES).map((id) => [id, documented(id)])),
);

/** Ids of the shipped profiles. */
export const PROFILE_IDS = Object.freeze(Object.keys(PROFILES));

/**
 * A shipped profile by id (e.g. `account.complianceProfile`).
 * @throws DomainValidationError `invalid_input` naming `field` when the id is unknown.
 */
export function getProfile(id: string, field = 'profile'): PolicyProfile {
  return PROFILES[shippedRules(id, field).id] as PolicyProfile;
}

/**
 * A shipped profile's rules without its documentation, deeply frozen: what the connector delivers
 * as `AccountSnapshot.complianceRules` for the panel's engine (decision 0009).
 * @throws DomainValidationError `invalid_input` naming `field` when the id is unknown.
 */
export function getProfileRules(id: string, field = 'profile'): PolicyRules {
  return shippedRules(id, field);
}
