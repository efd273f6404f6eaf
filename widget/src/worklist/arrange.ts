/**
 * What the collector narrows and orders the list by: filters (collector, strategy segment, country,
 * compliance profile, next action, due today) and one sortable column. The default order is the
 * domain's ranking (rank ascending); any other order is a view of the same rows, never a re-score.
 * Ties keep the domain's order (a stable sort over the ranked rows).
 */
import type { WorklistRow } from './load';

/** Action filter: which next actions the collector wants to work now. */
export const ACTION_FILTERS = [
  ['all', 'All actions'],
  ['call', 'Calls'],
  ['email', 'E-mails'],
  ['letter', 'Letters'],
  ['internal', 'Escalations and hand-offs'],
] as const;
export type ActionFilter = (typeof ACTION_FILTERS)[number][0];

export interface WorklistFilter {
  action: ActionFilter;
  dueOnly: boolean;
  /** '' = any. */
  collectorId: string;
  segment: string;
  country: string;
  profile: string;
}

export const NO_FILTER: WorklistFilter = { action: 'all', dueOnly: false, collectorId: '', segment: '', country: '', profile: '' };

/** The rows a filter keeps, in the list's (domain) order. */
export function filterRows(rows: readonly WorklistRow[], filter: WorklistFilter): WorklistRow[] {
  return rows.filter((row) => {
    const kind = row.next.action;
    const actionOk = filter.action === 'all' || (filter.action === 'internal' ? kind !== null && kind !== 'call' && kind !== 'email' && kind !== 'letter' : kind === filter.action);
    return (
      actionOk &&
      (!filter.dueOnly || row.next.status === 'due') &&
      (filter.collectorId === '' || row.collector?.id === filter.collectorId) &&
      (filter.segment === '' || (row.next.segmentName ?? '') === filter.segment) &&
      (filter.country === '' || (row.country ?? '') === filter.country) &&
      (filter.profile === '' || (row.profile ?? '') === filter.profile)
    );
  });
}

/** The distinct values a filter can take in these rows, sorted for the select ('' = not set on the account). */
export function choicesOf(rows: readonly WorklistRow[], pick: (row: WorklistRow) => string | null | undefined): string[] {
  const values = new Set<string>();
  rows.forEach((row) => values.add(pick(row) ?? ''));
  return [...values].sort((a, b) => a.localeCompare(b));
}

/** Columns the collector can sort by. */
export type SortKey = 'rank' | 'name' | 'collectable' | 'overdue' | 'oldest' | 'lastContact' | 'next';
export interface WorklistSort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}
export const DOMAIN_ORDER: WorklistSort = { key: 'rank', direction: 'ascending' };

/** The direction a column starts in when first clicked: amounts and lateness biggest first. */
export function firstDirection(key: SortKey): WorklistSort['direction'] {
  return key === 'collectable' || key === 'overdue' || key === 'oldest' ? 'descending' : 'ascending';
}

/**
 * The rows in the chosen order; equal values keep the domain's order. Amounts are compared in the
 * list's one reporting currency (every row's amounts are in it). "Next action" orders by due day,
 * rows with no dated action last; "last contact" puts never-contacted accounts first.
 */
export function sortRows(rows: readonly WorklistRow[], sort: WorklistSort, locale: string): WorklistRow[] {
  if (sort.key === 'rank') {
    return sort.direction === 'ascending' ? [...rows] : [...rows].reverse();
  }
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const compare = (a: WorklistRow, b: WorklistRow): number => {
    switch (sort.key) {
      case 'name':
        return collator.compare(a.name, b.name);
      case 'collectable':
        return a.collectable.amountMinor - b.collectable.amountMinor;
      case 'overdue':
        return a.overdue.amountMinor - b.overdue.amountMinor;
      case 'oldest':
        return a.oldestDaysPastDue - b.oldestDaysPastDue;
      case 'lastContact':
        return (a.lastContactAt ?? '') < (b.lastContactAt ?? '') ? -1 : (a.lastContactAt ?? '') > (b.lastContactAt ?? '') ? 1 : 0;
      case 'next': {
        const dayA = a.next.dueOn ?? '9999-12-31';
        const dayB = b.next.dueOn ?? '9999-12-31';
        return dayA < dayB ? -1 : dayA > dayB ? 1 : 0;
      }
      default:
        return 0;
    }
  };
  // Array.prototype.sort is stable (ES2019): ties stay in the domain's order.
  return [...rows].sort((a, b) => sign * compare(a, b) || a.rank - b.rank);
}

/**
 * The account after `lastOpened` in the order the collector was working (`order`: the rows' ids as
 * shown when it was opened), skipping accounts no longer listed; the first listed one when nothing
 * was opened yet or the last one has gone. Null at the end of the list.
 */
export function nextAccountAfter(order: readonly string[], lastOpened: string | null, listed: ReadonlySet<string>): string | null {
  const from = lastOpened === null ? -1 : order.indexOf(lastOpened);
  for (let index = from + 1; index < order.length; index++) {
    const id = order[index]!;
    if (listed.has(id)) {
      return id;
    }
  }
  return null;
}
