/**
 * Zoned wall-clock arithmetic for contact windows (domain-rules.md f.2: windows use the debtor's
 * local time, US-1).
 *
 * Every conversion goes through `Intl.DateTimeFormat` with an explicit `timeZone`, so results never
 * depend on the host's zone (`process.env.TZ`, the browser's settings). `Date` is used only as an
 * epoch-millisecond carrier and for UTC calendar arithmetic (`Date.UTC`, `getUTC*`), both of which
 * are zone-independent.
 */
import { DomainValidationError } from './errors';

/** Day of the week, lower-case three letters (stable keys for policy data). */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Weekdays indexed like `Date#getUTCDay()` (0 = Sunday). */
const WEEKDAYS_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Wall-clock reading of an instant in one zone. */
export interface ZonedParts {
  /** Local calendar date `YYYY-MM-DD`. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
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
    throw new DomainValidationError('invalid_time_zone', field, `unknown IANA time zone ${JSON.stringify(zone)}`);
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
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && isoDateOk(value.slice(0, 10))) {
      return ms;
    }
  }
  throw new DomainValidationError('invalid_date', field, `expected an ISO 8601 instant with Z or an offset, got ${JSON.stringify(value)}`);
}

/** Format epoch milliseconds as a UTC instant string (`...Z`). */
export function toInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function isoDateOk(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) {
    return false;
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * Validate a calendar date `YYYY-MM-DD` (a real day, not 2026-02-30).
 * @throws DomainValidationError `invalid_date` naming `field`.
 */
export function requireIsoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isoDateOk(value)) {
    throw new DomainValidationError('invalid_date', field, `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Calendar arithmetic on `YYYY-MM-DD` (zone-free): `addDaysToIsoDate('2026-03-07', 2)` → '2026-03-09'. */
export function addDaysToIsoDate(date: string, days: number): string {
  const ms = isoDateToUtcMs(requireIsoDate(date, 'date')) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetweenIsoDates(from: string, to: string): number {
  return Math.round((isoDateToUtcMs(requireIsoDate(to, 'to')) - isoDateToUtcMs(requireIsoDate(from, 'from'))) / DAY_MS);
}

function isoDateToUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Weekday of a calendar date (zone-free). */
export function weekdayOfIsoDate(date: string): Weekday {
  return WEEKDAYS_BY_UTC_DAY[new Date(isoDateToUtcMs(requireIsoDate(date, 'date'))).getUTCDay()] as Weekday;
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

/** Wall clock of `epochMs` in an already-validated zone, as UTC-epoch-of-the-wall-clock plus fields. */
function wallClock(epochMs: number, zone: string): { wallMs: number; y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') {
      fields[part.type] = Number(part.value);
    }
  }
  const y = fields['year'] ?? NaN;
  const mo = fields['month'] ?? NaN;
  const d = fields['day'] ?? NaN;
  // Some ICU versions print midnight as 24 even with h23; normalise.
  const h = (fields['hour'] ?? NaN) % 24;
  const mi = fields['minute'] ?? NaN;
  const s = fields['second'] ?? NaN;
  const wallMs = Date.UTC(y, mo - 1, d, h, mi, s) + (((epochMs % 1000) + 1000) % 1000);
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
  const epochMs = typeof instant === 'number' ? requireFiniteMs(instant) : parseInstant(instant, 'instant');
  const canonical = requireTimeZone(zone, 'zone');
  const { wallMs, y, mo, d, h, mi, s } = wallClock(epochMs, canonical);
  return {
    date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`,
    hour: h,
    minute: mi,
    second: s,
    weekday: WEEKDAYS_BY_UTC_DAY[new Date(wallMs).getUTCDay()] as Weekday,
  };
}

function requireFiniteMs(epochMs: number): number {
  if (!Number.isFinite(epochMs)) {
    throw new DomainValidationError('invalid_date', 'instant', 'epoch milliseconds must be finite');
  }
  return epochMs;
}

/**
 * The instant when the wall clock in `zone` reads `date` `time`, as epoch milliseconds.
 * - Fall-back overlap (01:30 happens twice): the earliest instant.
 * - Spring-forward gap (02:30 never happens): the first valid instant after the gap, i.e. the
 *   transition instant itself (03:00 EDT in New York).
 */
export function epochFromZoned(date: string, time: string, zone: string): number {
  requireIsoDate(date, 'date');
  const match = HH_MM.exec(time);
  if (!match) {
    throw new DomainValidationError('invalid_date', 'time', `expected HH:MM (00:00-23:59), got ${JSON.stringify(time)}`);
  }
  const canonical = requireTimeZone(zone, 'zone');
  const targetWall = isoDateToUtcMs(date) + Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;

  // Offsets a day either side bracket any single transition near the target.
  const offsets = new Set<number>([offsetMs(targetWall - DAY_MS, canonical), offsetMs(targetWall + DAY_MS, canonical)]);
  for (const offset of [...offsets]) {
    offsets.add(offsetMs(targetWall - offset, canonical));
  }
  const exact = [...offsets]
    .map((offset) => targetWall - offset)
    .filter((candidate) => wallClock(candidate, canonical).wallMs === targetWall)
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
  const epochMs = typeof instant === 'number' ? requireFiniteMs(instant) : parseInstant(instant, 'instant');
  const canonical = requireTimeZone(zone, 'zone');
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: canonical, hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
  } catch (_error) {
    throw new DomainValidationError('invalid_input', 'locale', `unsupported locale ${JSON.stringify(locale)}`);
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
  const epochMs = typeof instant === 'number' ? requireFiniteMs(instant) : parseInstant(instant, 'instant');
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
