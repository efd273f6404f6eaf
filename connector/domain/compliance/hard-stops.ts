/**
 * The account flags that stop every contact with the debtor about the debt, whatever the channel,
 * contact or hour: a bankruptcy stay (US-18, 11 U.S.C. §362), a request to cease communication
 * (US-11, FDCPA §1692c(c)) and a breathing-space moratorium (UK-8, SI 2020/1311). They lead the
 * panel's badge and switch off the actions that imply contacting the debtor (issue 17: a bankrupt
 * account's badge read "contact opted out of this channel" and promise and settlement stayed open).
 * The engine (engine.ts) still decides each contact; this only says which stops are in force.
 */
import type { Account, AccountFlag, IsoDate } from '../model';
import type { PolicyRules } from './profile';

/** In the order the badge headlines them: the most final stop first. */
export const CONTACT_STOPPING_FLAGS: readonly AccountFlag[] = ['bankruptcy', 'cease_communication', 'breathing_space'];

const TITLES: Partial<Record<AccountFlag, string>> = {
  bankruptcy: 'Bankruptcy stay',
  cease_communication: 'Cease communication',
  breathing_space: 'Breathing space',
};

/** Words used when the account's rules do not describe the flag themselves. */
const FALLBACK_MESSAGES: Partial<Record<AccountFlag, string>> = {
  bankruptcy: 'Bankruptcy stay: no calls, letters or e-mails about pre-petition debts.',
  cease_communication: 'The debtor asked us to cease communication; only the permitted notices may be sent by letter.',
  breathing_space: 'Breathing space: no payment requests or enforcement while the moratorium lasts.',
};

export interface HardStop {
  flag: AccountFlag;
  /** "Bankruptcy stay". */
  title: string;
  /** The rule's own words, e.g. "Bankruptcy stay: no calls, letters or e-mails about pre-petition debts." */
  message: string;
  /** The citation, when the rules give one. */
  rule: string | null;
  /** Last day of the stop, when it has one. */
  until: IsoDate | null;
}

/** The contact-stopping flags in force on `today` (since ≤ today ≤ until), most final first. */
export function hardStops(account: Pick<Account, 'flags'>, rules: Pick<PolicyRules, 'flagRules'> | null | undefined, today: IsoDate): HardStop[] {
  const stops: HardStop[] = [];
  for (const flag of CONTACT_STOPPING_FLAGS) {
    const entry = account.flags.find((f) => f.flag === flag && !(f.since && f.since > today) && !(f.until && f.until < today));
    if (!entry) {
      continue;
    }
    const rule = rules?.flagRules.find((r) => r.flag === flag);
    stops.push({ flag, title: TITLES[flag] ?? flag, message: rule?.message ?? FALLBACK_MESSAGES[flag] ?? '', rule: rule?.rule ?? null, until: entry.until ?? null });
  }
  return stops;
}
