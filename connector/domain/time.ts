/**
 * Zoned wall-clock arithmetic for contact windows (domain-rules.md f.2: windows use the debtor's
 * local time, US-1).
 *
 * Every conversion goes through `Intl.DateTimeFormat` with an explicit `timeZone`, so results never
 * depend on the host's zone (`process.env.TZ`, the browser's settings). `Date` is used only as an
 * epoch-millisecond carrier and for UTC calendar arithmetic (`Date.UTC`, `getUTC*`), both of which
 * are zone-independent.
 */
import { dayOfWeek, parseIsoDate, toEpochDay } from './dates';
import type { IsoWeekday } from './dates';
import { invalid } from './errors';
import { WEEKDAYS } from './vocabulary';

/** Day of the week, lower-case three letters (stable keys for policy data). */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * Policy-data key for an ISO weekday (1 = Monday → 'mon'); pair with `dayOfWeek` from dates.ts:
 * `weekdayKey(dayOfWeek('2026-11-22'))` → 'sun'.
 * @throws DomainValidationError `invalid_input` when `weekday` is not 1-7.
 */
export function weekdayKey(weekday: IsoWeekday): Weekday {
  // WEEKDAYS is Monday first, so ISO weekday − 1 indexes it (matching `dayOfWeek` in dates.ts).
  const key = WEEKDAYS[weekday - 1];
  if (key === undefined) {
    invalid('weekday', `must be an ISO weekday 1-7, got ${String(weekday)}`);
  }
  return key;
}

/** Wall-clock reading of an instant in one zone. */
export interface ZonedParts {
  /** Local calendar date `YYYY-MM-DD`. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Instants must carry `Z` or an explicit offset: a bare local date-time would be read in the host zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Formatter construction is the expensive part of Intl; the engine converts thousands of instants per check.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const canonicalZones = new Map<string, string | null>();

/** True when `zone` is an IANA zone name this runtime's Intl knows (e.g. 'Asia/Kolkata', 'UTC'). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') {
    return false;
  }
  return canonicalTimeZoneOrNull(zone.trim()) !== null;
}

function canonicalTimeZoneOrNull(zone: string): string | null {
  const cached = canonicalZones.get(zone);
  if (cached !== undefined) {
    return cached;
  }
  let canonical: string | null;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch (_error) {
    canonical = null;
  }
  canonicalZones.set(zone, canonical);
  return canonical;
}

/**
 * Validate a zone at a boundary; returns it as given (trimmed) so output keeps the caller's spelling
 * ('Asia/Kolkata' stays 'Asia/Kolkata' even where ICU canonicalises to 'Asia/Calcutta').
 * @throws DomainValidationError `invalid_time_zone` naming `field`.
 */
export function requireTimeZone(zone: unknown, field: string): string {
  if (!isValidTimeZone(zone)) {
    invalid(field, `unknown IANA time zone ${JSON.stringify(zone)}`, 'invalid_time_zone');
  }
  return zone.trim();
}

/**
 * Intl's canonical id for a valid zone, for equality only ('US/Eastern' ≡ 'America/New_York',
 * 'Asia/Kolkata' ≡ 'Asia/Calcutta').
 * @throws DomainValidationError `invalid_time_zone` naming `field`.
 */
export function canonicalTimeZone(zone: unknown, field = 'zone'): string {
  const valid = requireTimeZone(zone, field);
  return canonicalTimeZoneOrNull(valid) as string;
}

/**
 * Parse an ISO 8601 instant with `Z` or an explicit offset into epoch milliseconds.
 * @throws DomainValidationError `invalid_date` naming `field`.
 */
export function parseInstant(value: unknown, field: string): number {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    // Date.parse rolls 2026-02-30 over to March; the calendar check rejects it (naming `field`).
    parseIsoDate(value.slice(0, 10), field);
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  invalid(field, `expected an ISO 8601 instant with Z or an offset, got ${JSON.stringify(value)}`, 'invalid_date');
}

/**
 * Format epoch milliseconds as a UTC instant string (`...Z`).
 * @throws DomainValidationError `invalid_date` naming `epochMs` when it is not a finite, representable instant.
 */
export function toInstant(epochMs: number): string {
  const date = new Date(typeof epochMs === 'number' ? epochMs : NaN);
  if (Number.isNaN(date.getTime())) {
    invalid('epochMs', `must be finite epoch milliseconds, got ${String(epochMs)}`, 'invalid_date');
  }
  return date.toISOString();
}

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** `MM/DD/YYYY, HH:MM:SS` as en-US prints with the options above (h23, 2-digit fields). */
const EN_US_WALL_CLOCK = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

interface WallClock {
  /** The wall-clock reading as if it were UTC, in epoch milliseconds (local = UTC + offset). */
  wallMs: number;
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/**
 * Recent readings: a worklist pass asks for the same instant ("now") in a few dozen zones for each of
 * 2,000 accounts (scores, ladders, next actions), and each ICU format costs microseconds. Bounded;
 * a reading depends only on the instant and the zone, so a cached one is the same answer.
 */
const recentWallClocks = new Map<string, Readonly<WallClock>>();
const RECENT_WALL_CLOCKS = 256;

/** Wall clock of `epochMs` in an already-validated zone, as UTC-epoch-of-the-wall-clock plus fields. */
function wallClock(epochMs: number, zone: string): Readonly<WallClock> {
  const key = `${epochMs} ${zone}`;
  const known = recentWallClocks.get(key);
  if (known) {
    return known;
  }
  if (recentWallClocks.size >= RECENT_WALL_CLOCKS) {
    recentWallClocks.clear();
  }
  const reading = Object.freeze(readWallClock(epochMs, zone));
  recentWallClocks.set(key, reading);
  return reading;
}

function readWallClock(epochMs: number, zone: string): WallClock {
  const formatter = partsFormatter(zone);
  const date = new Date(epochMs);
  // format() + one regex is ~3x faster than formatToParts(), and the compliance engine reads
  // thousands of wall clocks per check; formatToParts() stays as the fallback for any ICU whose
  // en-US layout differs (e.g. years before 1000 or after 9999).
  const match = EN_US_WALL_CLOCK.exec(formatter.format(date));
  let fields: [number, number, number, number, number, number];
  if (match) {
    fields = [Number(match[3]), Number(match[1]), Number(match[2]), Number(match[4]), Number(match[5]), Number(match[6])];
  } else {
    const byType: Record<string, number> = {};
    for (const part of formatter.formatToParts(date)) {
      if (part.type !== 'literal') {
        byType[part.type] = Number(part.value);
      }
    }
    fields = [byType['year'] ?? NaN, byType['month'] ?? NaN, byType['day'] ?? NaN, byType['hour'] ?? NaN, byType['minute'] ?? NaN, byType['second'] ?? NaN];
  }
  const [y, mo, d, hour, mi, s] = fields;
  // Some ICU versions print midnight as 24 even with h23; normalise.
  const h = hour % 24;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const wallMs = new Date(0).setUTCFullYear(y, mo - 1, d) + h * HOUR_MS + mi * MINUTE_MS + s * 1000 + (((epochMs % 1000) + 1000) % 1000);
  return { wallMs, y, mo, d, h, mi, s };
}

/** UTC offset of `zone` at `epochMs`, in milliseconds (local = UTC + offset). */
function offsetMs(epochMs: number, zone: string): number {
  return wallClock(epochMs, zone).wallMs - epochMs;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Wall-clock reading of `instant` in `zone`.
 * @param instant ISO 8601 instant (with Z or offset) or epoch milliseconds.
 * @throws DomainValidationError `invalid_date` / `invalid_time_zone`.
 */
export function zonedParts(instant: string | number, zone: string): ZonedParts {
  const epochMs = instantMs(instant);
  const canonical = requireTimeZone(zone, 'zone');
  const { y, mo, d, h, mi, s } = wallClock(epochMs, canonical);
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  return { date, hour: h, minute: mi, second: s, weekday: weekdayKey(dayOfWeek(date)) };
}

/** An `instant` argument (ISO string with Z/offset, or epoch milliseconds) as checked epoch milliseconds. */
function instantMs(instant: string | number): number {
  if (typeof instant !== 'number') {
    return parseInstant(instant, 'instant');
  }
  if (!Number.isFinite(instant)) {
    invalid('instant', 'epoch milliseconds must be finite', 'invalid_date');
  }
  return instant;
}

/**
 * The instant when the wall clock in `zone` reads `date` `time`, as epoch milliseconds.
 * - Fall-back overlap (01:30 happens twice): the earliest instant.
 * - Spring-forward gap (02:30 never happens): the first valid instant after the gap, i.e. the
 *   transition instant itself (03:00 EDT in New York).
 */
export function epochFromZoned(date: string, time: string, zone: string): number {
  const epochDay = toEpochDay(parseIsoDate(date, 'date'), 'date');
  const match = HH_MM.exec(time);
  if (!match) {
    invalid('time', `expected HH:MM (00:00-23:59), got ${JSON.stringify(time)}`, 'invalid_date');
  }
  const canonical = requireTimeZone(zone, 'zone');
  const targetWall = epochDay * DAY_MS + Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;

  // Each wall-clock read is an Intl call; the candidates below often probe the same instant twice.
  const offsetsAt = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    let offset = offsetsAt.get(instant);
    if (offset === undefined) {
      offset = offsetMs(instant, canonical);
      offsetsAt.set(instant, offset);
    }
    return offset;
  };
  // Offsets a day either side bracket any single transition near the target.
  const offsets = new Set<number>([offsetAt(targetWall - DAY_MS), offsetAt(targetWall + DAY_MS)]);
  for (const offset of [...offsets]) {
    offsets.add(offsetAt(targetWall - offset));
  }
  // A candidate is exact when its own offset maps it back onto the target wall clock.
  const exact = [...offsets]
    .map((offset) => targetWall - offset)
    .filter((candidate) => candidate + offsetAt(candidate) === targetWall)
    .sort((a, b) => a - b);
  if (exact.length > 0) {
    return exact[0] as number;
  }

  // Gap: find the smallest instant whose wall clock is at or after the target. Wall time is
  // monotonic across a forward jump, so bisect (second resolution; transitions are on whole seconds).
  const candidates = [...offsets].map((offset) => targetWall - offset);
  let low = Math.min(...candidates) - HOUR_MS;
  let high = Math.max(...candidates) + HOUR_MS;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (wallClock(mid, canonical).wallMs >= targetWall) {
      high = mid;
    } else {
      low = mid;
    }
  }
  return high;
}

/**
 * The instant (UTC ISO string) when the wall clock in `zone` reads `date` `time` ('HH:MM').
 * DST: a time inside the spring-forward gap gives the first valid instant after the gap; a time in
 * the fall-back overlap gives the earlier of the two instants.
 * @throws DomainValidationError `invalid_date` / `invalid_time_zone`.
 */
export function instantFromZoned(date: string, time: string, zone: string): string {
  return toInstant(epochFromZoned(date, time, zone));
}

/**
 * Local time of day for display, e.g. '19:00' (en-GB) or '7:00 PM' (en-US).
 * @throws DomainValidationError `invalid_date` / `invalid_time_zone` / `invalid_input` (bad locale).
 */
export function formatLocalTime(instant: string | number, zone: string, locale = 'en-GB'): string {
  const epochMs = instantMs(instant);
  const canonical = requireTimeZone(zone, 'zone');
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: canonical, hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
  } catch (_error) {
    invalid('locale', `unsupported locale ${JSON.stringify(locale)}`);
  }
}

// Locales whose CLDR data carries a letter abbreviation for a region's zones (en-US: EST/PST,
// en-GB: BST, en-IN: IST, en-IE: Irish IST, en-AU: AEST). First alphabetic answer wins.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-IE', 'en-AU', 'en-CA', 'en-NZ', 'en-ZA', 'en-SG'];
const LETTER_ABBREVIATION = /^[A-Z]{2,5}$/;

/**
 * Short zone label for badges ("19:00 IST"): a letter abbreviation when CLDR has one for the zone
 * at that instant (EST/EDT, GMT/BST, IST, AEST), otherwise the offset form ('GMT+4').
 */
export function zoneAbbreviation(instant: string | number, zone: string): string {
  const epochMs = instantMs(instant);
  const canonical = requireTimeZone(zone, 'zone');
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: canonical, timeZoneName: 'short' })
      .formatToParts(new Date(epochMs))
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name && LETTER_ABBREVIATION.test(name)) {
      return name;
    }
    if (!fallback && name) {
      fallback = name;
    }
  }
  return fallback || canonical;
}

/** Badge text: local time plus zone label, e.g. '19:00 IST'. */
export function formatLocalTimeWithZone(instant: string | number, zone: string, locale = 'en-GB'): string {
  return `${formatLocalTime(instant, zone, locale)} ${zoneAbbreviation(instant, zone)}`;
}

/**
 * The customer's zone for "their local time": the account's address zone, else the first contact
 * zone on record; null when none is known (callers choose their fallback).
 */
export function customerZone(account: { timeZone?: string | null | undefined }, contacts: readonly { timeZone?: string | null | undefined }[]): string | null {
  return account.timeZone ?? contacts.find((c) => c.timeZone)?.timeZone ?? null;
}
