/**
 * Which days are the weekend in a country: not everywhere Saturday–Sunday (most of the Gulf rests
 * Friday–Saturday, Iran Friday, India Sunday). A B2B window written "Mon–Fri" means "the debtor's
 * working days": a Kuwaiti customer works on Sunday and rests on Friday (issue 17).
 *
 * Source: Unicode CLDR 48 supplemental weekData (`weekendStart` / `weekendEnd` per territory;
 * https://github.com/unicode-org/cldr/blob/main/common/supplemental/supplementalData.xml), the same
 * table behind `Intl.Locale.prototype.getWeekInfo()`. Kept here as data because that Intl method is
 * missing in some browsers and its answer moves with the runtime's ICU; `working-week.test.ts`
 * compares the table with the runtime's CLDR where it has one. The United Arab Emirates moved to
 * Saturday–Sunday in 2022 (CLDR 42+), as listed.
 */
import type { Weekday } from './profile';

const FRIDAY_SATURDAY = ['fri', 'sat'] as const satisfies readonly Weekday[];

/** Territories whose weekend is not Saturday–Sunday (CLDR 48). */
const WEEKENDS: Readonly<Record<string, readonly Weekday[]>> = {
  AF: ['thu', 'fri'],
  IR: ['fri'],
  IN: ['sun'],
  UG: ['sun'],
  BH: FRIDAY_SATURDAY,
  DZ: FRIDAY_SATURDAY,
  EG: FRIDAY_SATURDAY,
  IL: FRIDAY_SATURDAY,
  IQ: FRIDAY_SATURDAY,
  JO: FRIDAY_SATURDAY,
  KW: FRIDAY_SATURDAY,
  LY: FRIDAY_SATURDAY,
  OM: FRIDAY_SATURDAY,
  QA: FRIDAY_SATURDAY,
  SA: FRIDAY_SATURDAY,
  SD: FRIDAY_SATURDAY,
  SY: FRIDAY_SATURDAY,
  YE: FRIDAY_SATURDAY,
};

const SATURDAY_SUNDAY: readonly Weekday[] = ['sat', 'sun'];

/** The weekend days of an ISO 3166-1 alpha-2 country ('KW' → fri, sat); CLDR's world default (sat, sun) otherwise. */
export function weekendOf(country: string): readonly Weekday[] {
  return WEEKENDS[country.toUpperCase()] ?? SATURDAY_SUNDAY;
}

/** The countries {@link weekendOf} lists explicitly (for the comparison with the runtime's CLDR). */
export const NON_DEFAULT_WEEKEND_COUNTRIES: readonly string[] = Object.keys(WEEKENDS);
