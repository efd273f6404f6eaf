import { describe, expect, it } from 'vitest';
import { PROFILES } from '../compliance/profiles';
import { CHANNELS } from '../vocabulary';
import { flagsOf, HARD_BLOCK_FLAGS, HARD_BLOCK_MASK, hardBlockReasons } from './flags';

describe('hard-block flags', () => {
  it('are exactly the flags every shipped profile blocks hard on every channel for every contact role', () => {
    const profiles = Object.values(PROFILES);
    const hardEverywhere = profiles[0]?.flagRules
      .map((rule) => rule.flag)
      .filter((flag) =>
        profiles.every((profile) => {
          const rule = profile.flagRules.find((r) => r.flag === flag);
          return rule?.effect === 'hard' && CHANNELS.every((channel) => rule.channels.includes(channel)) && (rule.exemptRoles ?? []).length === 0;
        }),
      );
    expect(profiles.length).toBeGreaterThan(3);
    expect([...(hardEverywhere ?? [])].sort()).toEqual([...HARD_BLOCK_FLAGS].sort());
  });

  it('turn a flags mask into the reasons the compliance engine would give', () => {
    expect(flagsOf(HARD_BLOCK_MASK)).toEqual(['cease_communication', 'bankruptcy', 'breathing_space']);
    expect(hardBlockReasons(HARD_BLOCK_MASK).map((r) => [r.code, r.severity, r.flag])).toEqual([
      ['account_flag', 'hard', 'cease_communication'],
      ['account_flag', 'hard', 'bankruptcy'],
      ['account_flag', 'hard', 'breathing_space'],
    ]);
  });
});
