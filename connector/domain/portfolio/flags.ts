/**
 * Account flags in the portfolio (domain-rules.md f.11, (g) 1 eligibility gate).
 *
 * The portfolio has no live compliance answer (no contact, channel or clock per account): the panel
 * gates each account with the compliance engine when it opens. What the portfolio can decide
 * alone is the part of the gate that holds whatever the profile, channel or contact: the flags
 * that every shipped profile treats as a HARD block on every channel, with no contact role exempt.
 * flags.test.ts derives that set from the profiles (compliance/profile-rules.ts) and pins it here,
 * so a profile change that softens one of them fails the test instead of silently diverging.
 * Other flags (attorney, deceased: contact the representative; disputes pending verification: hard
 * for consumers, advisory for B2B; vulnerable, time-barred, grievance) are reported in the facts
 * for the caller's strategy, not gated here.
 */
import type { ComplianceReason } from '../compliance/engine';
import type { AccountFlag } from '../model';
import { ACCOUNT_FLAGS } from '../vocabulary';

/** Flags that make an account ineligible for the worklist in every profile (f.11). */
export const HARD_BLOCK_FLAGS = ['cease_communication', 'bankruptcy', 'breathing_space'] as const satisfies readonly AccountFlag[];
/** One of {@link HARD_BLOCK_FLAGS}. */
export type HardBlockFlag = (typeof HARD_BLOCK_FLAGS)[number];

/** Rule and wording of each hard block, as the compliance profiles state them (f.11). */
const HARD_BLOCK_REASONS: Readonly<Record<HardBlockFlag, { rule: string; message: string }>> = {
  cease_communication: { rule: 'f.11 US-11 FDCPA §1692c(c)', message: 'The customer asked us to cease communication.' },
  bankruptcy: { rule: 'f.11 US-18 11 U.S.C. §362 automatic stay', message: 'Bankruptcy stay: no collection contact.' },
  breathing_space: { rule: 'f.11 UK-8 Breathing Space SI 2020/1311', message: 'Breathing space: no payment requests while the moratorium lasts.' },
};

/** Bit of `flag` in a flags mask (bit i = ACCOUNT_FLAGS[i]). */
export function flagBit(flag: AccountFlag): number {
  return 1 << ACCOUNT_FLAGS.indexOf(flag);
}

/** Mask of the hard-block flags. */
export const HARD_BLOCK_MASK = HARD_BLOCK_FLAGS.reduce((mask, flag) => mask | flagBit(flag), 0);

/** The flags set in `mask`, in vocabulary order. */
export function flagsOf(mask: number): AccountFlag[] {
  return ACCOUNT_FLAGS.filter((flag) => (mask & flagBit(flag)) !== 0);
}

/** The compliance reasons (hard, `account_flag`) of the hard-block flags set in `mask`. */
export function hardBlockReasons(mask: number): ComplianceReason[] {
  return HARD_BLOCK_FLAGS.filter((flag) => (mask & flagBit(flag)) !== 0).map((flag) => ({
    code: 'account_flag',
    severity: 'hard',
    flag,
    ...HARD_BLOCK_REASONS[flag],
  }));
}
