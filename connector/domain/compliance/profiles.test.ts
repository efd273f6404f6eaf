import { describe, expect, it } from 'vitest';
import { PolicyProfileSchema } from './profile';
import { SHIPPED_RULES, shippedRules } from './profile-rules';
import { getProfile, PROFILE_IDS, PROFILES } from './profiles';

describe('shipped profiles', () => {
  it('ships the six documented profiles', () => {
    expect([...PROFILE_IDS].sort()).toEqual(['b2b-default', 'ie-cca', 'in-rbi', 'uk-fca', 'us-fdcpa', 'us-ma']);
  });

  it('are valid data under PolicyProfileSchema', () => {
    for (const profile of Object.values(PROFILES)) {
      expect(PolicyProfileSchema.safeParse(profile).success).toBe(true);
    }
  });

  it('cite their rules', () => {
    expect(getProfile('us-fdcpa').caps[0]?.rule).toContain('1006.14(b)(2)');
    expect(getProfile('us-ma').caps.map((cap) => cap.rule).join(' ')).toContain('940 CMR 7.04(1)(f)');
    expect(getProfile('in-rbi').windows.call?.rule).toContain('RBI/2022-23/108');
    expect(getProfile('ie-cca').windows.call?.rule).toContain('s.46');
    expect(getProfile('uk-fca').windows.call?.rule).toContain('CONC 7.9');
    expect(getProfile('uk-fca').flagRules.find((rule) => rule.flag === 'vulnerable')).toMatchObject({ effect: 'soft', rule: expect.stringContaining('UK-7') });
    expect(getProfile('uk-fca').flagRules.find((rule) => rule.flag === 'breathing_space')).toMatchObject({ effect: 'hard', rule: expect.stringContaining('UK-8') });
  });

  it('encode the documented windows', () => {
    expect(getProfile('us-fdcpa').windows.call?.days.sun).toEqual({ start: '08:00', end: '21:00' });
    expect(getProfile('us-fdcpa').requireAllCandidateZones).toBe(true);
    expect(getProfile('in-rbi').windows.call?.days.mon).toEqual({ start: '08:00', end: '19:00' });
    expect(getProfile('ie-cca').windows.call?.days.sun).toBeUndefined();
    expect(getProfile('ie-cca').windows.call?.excludeHolidays).toBe(true);
    expect(getProfile('b2b-default').windows.call?.days.sat).toBeUndefined();
    expect(getProfile('b2b-default').requireAllCandidateZones).toBe(false);
  });

  it('are frozen so one caller cannot change another caller’s rules', () => {
    const profile = getProfile('us-fdcpa');
    expect(Object.isFrozen(profile)).toBe(true);
    expect(Object.isFrozen(profile.caps[0])).toBe(true);
    expect(() => {
      (profile.caps as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('are documented: every shipped rule set has a name, description, sources and override guidance', () => {
    expect(PROFILE_IDS).toEqual(Object.keys(SHIPPED_RULES));
    for (const id of PROFILE_IDS) {
      const profile = getProfile(id);
      expect(profile.name.length, id).toBeGreaterThan(0);
      expect(profile.description.length, id).toBeGreaterThan(0);
      expect(profile.sources.length, id).toBeGreaterThan(0);
    }
  });

  it('carry exactly the rules the engine reads (documentation added, nothing else changed)', () => {
    for (const id of PROFILE_IDS) {
      const { name: _name, description: _description, sources: _sources, override, ...rules } = getProfile(id);
      const { rule: overrideRule, ...overridePolicy } = override;
      expect(overrideRule.length, id).toBeGreaterThan(0);
      expect({ ...rules, override: overridePolicy }).toEqual(shippedRules(id));
    }
  });

  it('rejects unknown ids', () => {
    expect(() => getProfile('us-tx')).toThrow(/unknown compliance profile/);
    expect(() => getProfile('toString')).toThrow(/unknown compliance profile/);
    expect(() => shippedRules('toString', 'account.complianceProfile')).toThrow(/unknown compliance profile "toString" \(known: us-fdcpa, /);
  });
});
