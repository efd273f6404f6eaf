/**
 * What the page gets of an account's activities (issue 18, decision 0019): the newest
 * {@link TIMELINE_ACTIVITIES} for the timeline, plus EVERY activity the compliance engine can still
 * count (inside the longest frequency-cap window or conversation pause of the rules in force), so
 * a cap such as Reg F 7-in-7 (domain-rules.md US-6) blocks exactly as it would with the full
 * history. Older activities are counted (`olderActivities`) and left out: a big account sends
 * about a hundred activities instead of up to ~10,000 (200 contacts × 50 per contact).
 */
import type { Activity } from './domain/model';
import type { PolicyRules } from './domain/compliance/profile';
import { getProfileRules, PROFILE_IDS } from './domain/compliance/profiles';

/** Activities the timeline shows (newest first); the page says how many older ones were left out. */
export const TIMELINE_ACTIVITIES = 100;

/**
 * Days the engine looks back from the check's instant: windows are counted in LOCAL calendar days
 * (engine.ts checkCap), so one day of zone slack either side, plus one for a panel left open
 * over midnight (the page re-checks every minute with the same history).
 */
const LOOKBACK_SLACK_DAYS = 3;
const DAY_MS = 86_400_000;

/** The longest window (days) any history-based rule of `rules` can look back; 0 when none. */
export function complianceLookbackDays(rules: PolicyRules | null): number {
  if (!rules) {
    return 0;
  }
  const windows = [...rules.caps.map((cap) => cap.windowDays), rules.conversationPause?.days ?? 0];
  return Math.max(0, ...windows);
}

/**
 * The first instant the compliance engine can still count under `rules` at `now` (ms since the
 * epoch); +Infinity when no rule looks back. One definition for the trim below and the queries.
 */
export function complianceHistorySince(rules: PolicyRules | null, now: Date): number {
  const lookback = complianceLookbackDays(rules);
  return lookback > 0 ? now.getTime() - (lookback + LOOKBACK_SLACK_DAYS) * DAY_MS : Number.POSITIVE_INFINITY;
}

/**
 * What a CRM query must read so that {@link trimActivities} gives the same answer for ANY shipped
 * profile: the query is built before the account (and so its profile) is known, so it covers the
 * longest window of them all (issue 18: 1,000 Tasks never reach the page). The account's own list
 * is read newest first with an overall LIMIT; lists that hold activities the account list can miss
 * (a contact's own Tasks: dialers set no WhatId) are read only from `since` on.
 */
export function activitySourceWindow(now: Date): { since: Date; newest: number } {
  const since = Math.min(...PROFILE_IDS.map((id) => complianceHistorySince(getProfileRules(id), now)));
  return { since: new Date(Number.isFinite(since) ? since : now.getTime()), newest: TIMELINE_ACTIVITIES };
}

export interface TrimmedActivities {
  /** Newest first: the timeline's newest N plus everything inside the compliance lookback. */
  activities: Activity[];
  /** Activities read but not sent (older than both). */
  olderActivities: number;
}

/**
 * `activities` newest first (as the adapters map them). Without known rules (unknown profile) the
 * panel refuses to check anyway, so only the timeline's share is kept.
 */
export function trimActivities(activities: readonly Activity[], rules: PolicyRules | null, now: Date, limit = TIMELINE_ACTIVITIES): TrimmedActivities {
  const sinceMs = complianceHistorySince(rules, now);
  // Sorted here, not trusted: an adapter that lists them otherwise must not lose the newest.
  const newestFirst = [...activities].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  // Terms sales agreed stay whatever their age: the collector must not chase what was deferred (issue 19).
  const kept = newestFirst.filter((activity, index) => index < limit || Date.parse(activity.occurredAt) >= sinceMs || activity.agreedBySales === true);
  return { activities: kept, olderActivities: activities.length - kept.length };
}
