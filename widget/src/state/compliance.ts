/**
 * Runs the domain compliance engine for the panel (before a call, e-mail or visit) and words its
 * answer for the badge. No rule lives here: windows, caps and blocks come from the engine.
 */
import type { Channel, Contact } from '../../../connector/domain/model';
import type { AccountSnapshot } from '../../../connector/port';
import { checkContactWithRules, formatLocalTimeWithZone, type ComplianceResult } from '../domain';
import { isAbortError } from '../errors';
import { words } from '../format';
import type { PanelEnv } from './context';

/** `pending`: the rules are worked out after paint (the LWC, decision 0026) and not known yet: no verdict either way. */
export type ComplianceCheck = { ok: true; result: ComplianceResult } | { ok: false; message: string; pending?: true };

export const CHECKING_RULES = 'Checking contact rules…';

/**
 * Snapshots whose rules could not be worked out after paint, with what the collector is told (the pending state must
 * not stay on screen for ever). The host's step knows why, so it words each case once
 * (salesforce/lwc-bundle/derived-after-paint.ts; decision 0026); no other host gets here.
 */
const notChecked = new WeakMap<AccountSnapshot, string>();

/** A copy of a snapshot whose rules are not known that says they could not be worked out, and why, in `words`. */
export function rulesNotChecked(snapshot: AccountSnapshot, words: string): AccountSnapshot {
  const copy = { ...snapshot };
  notChecked.set(copy, words);
  return copy;
}

/** Why this snapshot's rules could not be worked out, in the collector's words; undefined otherwise. */
export function rulesNotCheckedWords(snapshot: AccountSnapshot): string | undefined {
  return notChecked.get(snapshot);
}

/** The rules are being worked out (not known yet, and their step has not failed). */
export function rulesPending(snapshot: AccountSnapshot): boolean {
  return snapshot.complianceRules === undefined && !notChecked.has(snapshot);
}

/**
 * The engine applied to the rules that came with the snapshot: the connector resolved the host's
 * override (`policy.complianceProfile`, sent with loadSnapshot), else the account's profile, else
 * the B2B default; the page ships no profile table (decision 0009).
 */
export function runCompliance(env: PanelEnv, snapshot: AccountSnapshot, channel: Channel, contact: Contact, atMs?: number): ComplianceCheck {
  if (atMs !== undefined) {
    return checkAt(env, snapshot, channel, contact, atMs);
  }
  // "Now" is shared: the badge, the priority and an open form ask the same question within a
  // minute (the panel re-renders once a minute, useMinuteTick), so the engine runs once per
  // snapshot, contact, channel and minute (issue 18: it ran at least twice per open).
  const now = env.now();
  const minute = Math.floor(now / 60_000);
  let memo = shared.get(snapshot);
  if (!memo || memo.env !== env || memo.minute !== minute) {
    memo = { env, minute, checks: new Map() };
    shared.set(snapshot, memo);
  }
  const key = `${channel}\u0000${contact.id}`;
  let check = memo.checks.get(key);
  if (!check) {
    check = checkAt(env, snapshot, channel, contact, now);
    memo.checks.set(key, check);
  }
  return check;
}

/** One minute's checks per snapshot; a new snapshot (reload, write) or minute starts afresh. */
const shared = new WeakMap<AccountSnapshot, { env: PanelEnv; minute: number; checks: Map<string, ComplianceCheck> }>();

function checkAt(env: PanelEnv, snapshot: AccountSnapshot, channel: Channel, contact: Contact, atMs: number): ComplianceCheck {
  const rules = snapshot.complianceRules;
  if (rules === undefined) {
    // Failed: the "cannot be checked" state every part of the panel already treats as no verdict (fail closed).
    const why = notChecked.get(snapshot);
    return why ? { ok: false, message: why } : { ok: false, pending: true, message: CHECKING_RULES };
  }
  if (!rules) {
    // An unknown profile never falls back to a laxer policy; the data-quality notes say which id.
    return { ok: false, message: 'No contact rules are known for this account (see the data notes), so this contact cannot be checked.' };
  }
  // An override must have been honoured: a port that ignored it would apply another jurisdiction's
  // rules. (Without one the connector's resolution stands; saved copies are keyed by the setting.)
  const requested = env.policy.complianceProfile;
  if (requested && rules.id !== requested) {
    // Words for the collector; which profile came instead is the host's bug, for its own logs.
    return { ok: false, message: "These contact rules are not your organization's, so this contact cannot be checked." };
  }
  try {
    const result = checkContactWithRules({
      profile: rules,
      channel,
      at: new Date(atMs).toISOString(),
      contact,
      account: snapshot.account,
      history: snapshot.activities,
      ...holidaysOf(snapshot),
    });
    return { ok: true, result };
  } catch (error) {
    if (isAbortError(error)) {
      throw error;
    }
    // A malformed zone, holiday or rule must not blank the panel. The engine's message names fields and profile ids
    // (not words for a collector): it goes to the console; the panel says the contact cannot be checked.
    console.warn('[collections-panel] the contact rules could not be applied', error);
    return { ok: false, message: 'The contact rules could not be applied, so this contact cannot be checked.' };
  }
}

/**
 * The public holidays that came with the snapshot (the connector's calendar for the coming weeks,
 * decision 0021), keyed by the debtor's country as the engine looks them up; nothing when the
 * connector had no holiday data (the engine then says holidays were not checked).
 */
function holidaysOf(snapshot: AccountSnapshot): { holidays?: Record<string, string[]> } {
  const calendar = snapshot.calendar;
  if (!calendar?.holidays) {
    return {};
  }
  return { holidays: { [calendar.country]: calendar.holidays.map((holiday) => holiday.date) } };
}

const VERB: Record<Channel, string> = { call: 'call', email: 'e-mail', sms: 'text', visit: 'visit' };

const SHORT_REASON: Record<string, string> = {
  channel_opt_out: 'contact opted out of this channel',
  outside_window: 'outside permitted hours',
  excluded_day: 'not on this day',
  public_holiday: 'public holiday',
  channel_not_permitted: 'channel not permitted',
  frequency_cap: 'contact limit reached',
  conversation_pause: 'pause after a recent conversation',
};

/** Short blocking reason for a badge: flags by name ("cease communication"), others by code. */
export function shortReason(result: ComplianceResult): string {
  // An account flag (bankruptcy, cease communication …) says more than a channel opt-out or the hour.
  const blocking = result.reasons.find((r) => r.severity !== 'info' && r.flag) ?? result.reasons.find((r) => r.severity !== 'info');
  if (!blocking) {
    return 'blocked';
  }
  if (blocking.flag) {
    return words(blocking.flag);
  }
  return SHORT_REASON[blocking.code] ?? words(blocking.code);
}

/** Badge text: "OK to call until 19:00 IST" / "Blocked: cease communication". */
export function badgeText(check: ComplianceCheck, channel: Channel, locale: string): { tone: 'ok' | 'blocked' | 'warn' | 'pending'; text: string } {
  if (!check.ok) {
    return check.pending ? { tone: 'pending', text: check.message } : { tone: 'warn', text: 'Compliance check unavailable' };
  }
  const { result } = check;
  if (result.allowed) {
    return {
      tone: 'ok',
      text: result.window ? `OK to ${VERB[channel]} until ${formatLocalTimeWithZone(result.window.until, result.window.zone, locale)}` : `OK to ${VERB[channel]}`,
    };
  }
  return { tone: 'blocked', text: `Blocked: ${shortReason(result)}` };
}

/** "Allowed again Tue 08:00 IST" or an open-ended statement. */
export function nextAllowedText(result: ComplianceResult, locale: string): string {
  if (result.allowed) {
    return '';
  }
  if (!result.nextAllowedAt) {
    return 'No end date: this block stays until the account status changes.';
  }
  const zone = result.zones[0] ?? 'UTC';
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(new Date(result.nextAllowedAt));
  return `Allowed from ${day}, ${formatLocalTimeWithZone(result.nextAllowedAt, zone, locale)}`;
}
