/**
 * `checkContact`: the compliance engine's entry for callers that name a shipped profile by id or
 * pass a tenant's complete profile (the connector, reports, tests). It imports the shipped profile
 * table, which engine.ts deliberately does not: the panel applies the rules that come with the
 * snapshot through `checkContactWithRules` and never ships the table (decision 0009).
 */
import * as guards from '../guards';
import { checkResolved, type CheckContactInput, type ComplianceResult } from './engine';
import { shippedRules } from './profile-rules';

/**
 * Check one prospective contact against a policy profile: a shipped profile id, or a complete
 * profile object (validated).
 * @throws DomainValidationError for malformed input (`invalid_time_zone`, `invalid_date`, `invalid_input`), naming the field; an unknown id names `profile`.
 */
export function checkContact(input: CheckContactInput): ComplianceResult {
  return checkResolved(input, (profile) => (typeof profile === 'string' ? shippedRules(profile, 'profile') : guards.policyProfile(profile, 'profile')));
}
