/**
 * Which compliance rules apply to an account, resolved where the data is assembled (every adapter,
 * CRM-neutral): the host's override (`loadSnapshot(ref, { complianceProfile })`, e.g. the extension's
 * options page), else the account's own profile, else the B2B default policy. The panel applies the
 * rules it is given (`AccountSnapshot.complianceRules`) and ships no profile table (decision 0009).
 *
 * An id nobody knows never falls back to a laxer policy: the snapshot carries no rules and a
 * data-quality note, and the panel says contact cannot be checked.
 */
import { getProfileRules, PROFILE_IDS } from './domain/compliance/profiles';
import type { PolicyRules } from './domain/compliance/profile';
import type { Account } from './domain/model';
import type { DataQualityNote } from './port';
import { DEFAULT_COMPLIANCE_PROFILE } from './domain/vocabulary';

export interface ResolvedComplianceRules {
  rules: PolicyRules | null;
  /** Why `rules` is null, as a data-quality note for the snapshot. */
  note: DataQualityNote | null;
}

export function resolveComplianceRules(account: Pick<Account, 'id' | 'complianceProfile'>, override?: string | null): ResolvedComplianceRules {
  const fromHost = override != null && override !== '';
  const id = fromHost ? override : account.complianceProfile || DEFAULT_COMPLIANCE_PROFILE;
  if (PROFILE_IDS.includes(id)) {
    return { rules: getProfileRules(id), note: null };
  }
  const where = fromHost ? 'The compliance profile chosen in the panel settings' : "The account's compliance profile";
  return {
    rules: null,
    note: {
      recordKind: 'account',
      recordId: account.id,
      field: 'complianceProfile',
      message: `${where} ${JSON.stringify(id)} is not one the panel knows (${PROFILE_IDS.join(', ')}): calls, e-mails and visits cannot be checked against contact rules.`,
    },
  };
}
