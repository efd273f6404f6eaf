import { describe, expect, it } from 'vitest';
import { checkContactWithRules } from './domain/compliance/engine';
import { call, debtorAccount, debtorContact } from './domain/compliance/fixtures';
import { getProfileRules } from './domain/compliance/profiles';
import type { Activity } from './domain/model';
import { complianceLookbackDays, trimActivities, TIMELINE_ACTIVITIES } from './snapshot-activities';

const AT = '2026-06-07T19:00:00Z';
const NOW = new Date(AT);
const rules = getProfileRules('us-fdcpa');
const OTHER = '003R000000Zz99AIAB';

function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

/** A big account: 7 calls to the debtor on 1-7 June (Reg F 7-in-7), 150 newer e-mails to another contact, 1,000 old calls. */
function bigHistory(): Activity[] {
  const sevenCalls = ['01', '02', '03', '04', '05', '06', '07'].map((day) => call(`2026-06-${day}T14:00:00Z`));
  const emails = Array.from({ length: 150 }, (_, i) => call(minutesBefore(AT, 10 + i), { kind: 'email', contactId: OTHER, disposition: undefined }));
  const old = Array.from({ length: 1000 }, (_, i) => call(minutesBefore('2026-05-01T12:00:00Z', i * 60), { contactId: i % 2 ? OTHER : debtorContact().id }));
  return [...emails, ...sevenCalls, ...old].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}

function check(history: readonly Activity[]) {
  return checkContactWithRules({ profile: rules, channel: 'call', at: AT, contact: debtorContact(), account: debtorAccount(), history });
}

describe('trimActivities', () => {
  it('keeps every activity the frequency caps count: Reg F 7-in-7 still blocks with only the newest N + the cap window', () => {
    const full = bigHistory();
    const trimmed = trimActivities(full, rules, NOW);
    expect(trimmed.activities.length).toBeLessThan(200);
    expect(trimmed.olderActivities).toBe(full.length - trimmed.activities.length);
    expect(trimmed.olderActivities).toBeGreaterThan(900);
    const before = check(full);
    expect(before.allowed).toBe(false);
    expect(before.reasons.map((r) => r.code)).toContain('frequency_cap');
    // The same answer, reopening time included.
    expect(check(trimmed.activities)).toEqual(before);
  });

  it('would lose the block if it kept only the newest N (the window is what makes it safe)', () => {
    const newestOnly = bigHistory().slice(0, TIMELINE_ACTIVITIES);
    expect(check(newestOnly).allowed).toBe(true);
  });

  it('keeps the newest N for the timeline, sorted newest first whatever order the adapter used', () => {
    const full = bigHistory();
    const trimmed = trimActivities([...full].reverse(), rules, NOW, 10);
    expect(trimmed.activities.slice(0, 10)).toEqual(full.slice(0, 10));
    // Without rules (unknown profile: the page refuses to check) only the timeline's share is sent.
    expect(trimActivities(full, null, NOW, 10)).toEqual({ activities: full.slice(0, 10), olderActivities: full.length - 10 });
  });

  it('looks back as far as the longest cap window or conversation pause', () => {
    expect(complianceLookbackDays(rules)).toBe(7);
    expect(complianceLookbackDays({ ...rules, caps: [{ ...rules.caps[0]!, windowDays: 30 }] })).toBe(30);
    expect(complianceLookbackDays(null)).toBe(0);
  });
});

describe('trimActivities keeps what sales agreed (issue 19)', () => {
  it('sends payment terms agreed by sales however old, so reminders show them', () => {
    const old = { ...call('2025-01-10T10:00:00Z'), id: 'terms-1', kind: 'note' as const, agreedBySales: true, subject: 'net 90 on INV-1' };
    const trimmed = trimActivities([...bigHistory(), old], rules, NOW);
    expect(trimmed.activities.map((a) => a.id)).toContain('terms-1');
    expect(trimActivities([...bigHistory(), { ...old, agreedBySales: false }], rules, NOW).activities.map((a) => a.id)).not.toContain('terms-1');
  });
});
