/**
 * The holiday source a connector uses when its host injects none: the generated table (a few KB), so
 * page-run connectors (demo/embed IIFE, the LWC static resource) check holidays for the countries the
 * table covers and say "not checked" for the rest (decision 0021). Node callers may inject
 * `createDateHolidaysSource()` for every country date-holidays knows.
 */
import type { HolidaySource } from '../snapshot-derived';
import { HOLIDAY_TABLE } from './holiday-table.generated';
import { createTableHolidaySource } from './table-source';

export const defaultHolidaySource: HolidaySource = createTableHolidaySource(HOLIDAY_TABLE);
