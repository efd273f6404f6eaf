import { describe, expect, it } from 'vitest';
import { getProfileRules } from './profiles';
import { hardStops } from './hard-stops';

describe('hardStops', () => {
  it('lists the contact-stopping flags in force, most final first, in the rules’ words', () => {
    const account = { flags: [{ flag: 'breathing_space' as const, until: '2026-12-31' }, { flag: 'vulnerable' as const }, { flag: 'bankruptcy' as const, since: '2026-11-01' }] };
    const stops = hardStops(account, getProfileRules('us-fdcpa'), '2026-11-20');
    expect(stops.map((s) => s.flag)).toEqual(['bankruptcy', 'breathing_space']);
    expect(stops[0]).toMatchObject({ title: 'Bankruptcy stay', rule: 'US-18 11 U.S.C. §362 automatic stay', until: null });
    expect(stops[1]?.until).toBe('2026-12-31');
  });

  it('ignores flags outside their dates and works without rules', () => {
    expect(hardStops({ flags: [{ flag: 'cease_communication', since: '2026-12-01' }] }, null, '2026-11-20')).toEqual([]);
    expect(hardStops({ flags: [{ flag: 'cease_communication', until: '2026-11-19' }] }, null, '2026-11-20')).toEqual([]);
    expect(hardStops({ flags: [{ flag: 'cease_communication' }] }, null, '2026-11-20')[0]?.message).toMatch(/cease communication/);
  });
});
