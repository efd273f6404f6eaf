/**
 * Dates in the strategy's sentences: "3 March 2026", the same on every host (no locale, no zone:
 * a calendar date has none).
 */
import type { IsoDate } from '../model';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-03` → `3 March 2026`. */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}
