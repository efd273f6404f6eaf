/**
 * "My day": the collector's accounts in the domain's priority order, short by default (top 30,
 * "Show 30 more" on demand: SAP FSCM shows the first 30 and "Get Further Items", portfolio-and-data
 * §1.1), keyboard-first (↑/↓ or j/k move, Enter or o opens the account, r refreshes). All CRM text is
 * rendered as text; amounts through the domain's formatMoney; no formulas on screen.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { daysBetween } from '../../../connector/domain/dates';
import { formatLocalTimeWithZone, zonedParts } from '../../../connector/domain/time';
import { date, money } from '../format';
import type { Worklist as WorklistData, WorklistRow } from './load';
import type { NextAction } from '../../../connector/domain/strategy/next-action';
import { ACTION_FILTERS, DOMAIN_ORDER, NO_FILTER, choicesOf, filterRows, firstDirection, nextAccountAfter, sortRows } from './arrange';
import type { ActionFilter, SortKey, WorklistFilter, WorklistSort } from './arrange';

export const PAGE_SIZE = 30;

export { ACTION_FILTERS, filterRows } from './arrange';

export interface WorklistViewProps {
  data: WorklistData | null;
  /** Loading the first list, or refreshing one shown. */
  loading: boolean;
  error: string | null;
  locale: string;
  /** The collector's own zone (relative dates such as "3 days ago"). */
  userTimeZone: string;
  /** Now, for local clocks. */
  now: string;
  /** Opens an account (the host navigates to its record page); `order` is the list as shown, for "next account". */
  onOpen: (accountId: string, order?: readonly string[]) => void;
  /** The account last opened from this list (n opens the one after it; the list comes back on the one after it). */
  lastOpened?: string | null;
  /** The account's record page link (a modified click opens it in a new tab); default: the Lightning path on this origin. */
  hrefFor?: (accountId: string) => string;
  onRefresh: () => void;
  /** When the list shown was computed (a cached list shows its age while it refreshes). */
  computedAt: string | null;
  /** Accounts re-scored from the panel since the list was read (marked "updated"). */
  rescored?: ReadonlySet<string>;
  /** The manager view (decision 0024): whose list is shown, and reassigning a row's account. */
  manager?: ManagerView;
}

export interface ManagerView {
  /** The manager ("Me") first, then the team. */
  people: ReadonlyArray<{ id: string; name: string }>;
  /** A person's id, or EVERYONE ('*'). */
  viewing: string;
  onView: (choice: string) => void;
  onReassign: ((row: WorklistRow, collectorId: string) => void) | null;
  /** The outcome of the last reassignment, in words. */
  notice: string | null;
}

export function WorklistView(props: WorklistViewProps) {
  const { data } = props;
  const [shown, setShown] = useState(PAGE_SIZE);
  const [active, setActive] = useState(0);
  const [filter, setFilter] = useState<WorklistFilter>(NO_FILTER);
  const [sort, setSort] = useState<WorklistSort>(DOMAIN_ORDER);
  const table = useRef<HTMLTableSectionElement>(null);
  const filtered = useMemo(() => (data ? sortRows(filterRows(data.rows, filter), sort, props.locale) : []), [data, filter, sort, props.locale]);
  const rows = filtered.slice(0, shown);
  const choices = useMemo(
    () => ({
      collector: data ? [...new Map(data.rows.filter((row) => row.collector).map((row) => [row.collector!.id, row.collector!.name])).entries()].sort((a, b) => a[1].localeCompare(b[1])) : [],
      segment: data ? choicesOf(data.rows, (row) => row.next.segmentName) : [],
      country: data ? choicesOf(data.rows, (row) => row.country) : [],
      profile: data ? choicesOf(data.rows, (row) => row.profile) : [],
    }),
    [data],
  );
  const refine = (change: Partial<WorklistFilter>) => setFilter({ ...filter, ...change });

  function open(accountId: string): void {
    props.onOpen(accountId, filtered.map((row) => row.accountId));
  }

  /** The account after the one last opened, in the order shown (the first row when none was opened). */
  function nextAccount(): string | null {
    return nextAccountAfter(
      filtered.map((row) => row.accountId),
      props.lastOpened ?? null,
      new Set(filtered.map((row) => row.accountId)),
    );
  }

  // Rows open through `open`, so the order shown travels with the account (next account).
  const rowProps: WorklistViewProps = { ...props, onOpen: open };

  function sortBy(key: SortKey): void {
    setSort(sort.key === key ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: firstDirection(key) });
  }

  function focusRow(index: number): void {
    const bounded = Math.max(0, Math.min(rows.length - 1, index));
    setActive(bounded);
    table.current?.querySelectorAll<HTMLAnchorElement>('a[data-account-id]')[bounded]?.focus();
  }

  useEffect(() => {
    if (active >= rows.length && rows.length > 0) {
      setActive(rows.length - 1);
    }
  }, [rows.length]);

  // Keyboard-first: when the list first appears and nothing else has focus, the top row takes it,
  // so j/k and Enter work at once (never stealing focus from something the user is on).
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || rows.length === 0) {
      return;
    }
    focusedOnce.current = true;
    const owner = table.current?.ownerDocument;
    if (owner && (owner.activeElement === null || owner.activeElement === owner.body)) {
      // Back from an account: carry on with the one after it.
      const next = props.lastOpened ? nextAccount() : null;
      const start = next === null ? 0 : filtered.findIndex((row) => row.accountId === next);
      if (start >= shown) {
        setShown(Math.ceil((start + 1) / PAGE_SIZE) * PAGE_SIZE);
        setActive(start);
        focusedOnce.current = false; // focus once the row is rendered
        return;
      }
      focusRow(start);
    }
  }, [rows.length]);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.target as Element | null)?.closest?.('select, input, textarea')) {
      return; // modifier shortcuts and form fields (type-ahead in the filter) keep their own keys
    }
    const key = event.key;
    if (key === 'ArrowDown' || key === 'j') {
      event.preventDefault();
      focusRow(active + 1);
    } else if (key === 'ArrowUp' || key === 'k') {
      event.preventDefault();
      focusRow(active - 1);
    } else if (key === 'Home') {
      event.preventDefault();
      focusRow(0);
    } else if (key === 'End') {
      event.preventDefault();
      focusRow(rows.length - 1);
    } else if (key === 'o') {
      const row = rows[active];
      if (row) {
        event.preventDefault();
        open(row.accountId);
      }
    } else if (key === 'n') {
      const next = nextAccount();
      if (next !== null) {
        event.preventDefault();
        open(next);
      }
    } else if (key === 'r') {
      event.preventDefault();
      props.onRefresh();
    }
  }

  const total = filtered.length;
  return (
    <section class="worklist" aria-labelledby="worklist-title" onKeyDown={onKeyDown}>
      <header class="worklist-head">
        <h2 id="worklist-title">My day</h2>
        <p class="worklist-meta" aria-live="polite" data-testid="worklist-status">
          {props.error
            ? null
            : data === null
              ? 'Loading your accounts…'
              : `${total} ${total === 1 ? 'account' : 'accounts'} to work, highest priority first · ${props.loading ? 'refreshing…' : `as of ${ageWords(props.computedAt ?? data.asOf, props.now)}`}${props.rescored?.size ? ` · ${props.rescored.size} updated from the panel since` : ''}`}
        </p>
        <button type="button" class="worklist-refresh" onClick={props.onRefresh} disabled={props.loading} aria-keyshortcuts="r">
          Refresh
        </button>
      </header>
      {props.error ? (
        <p class="worklist-error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.manager ? (
        <div class="worklist-manager">
          <label for="worklist-whose">
            Whose list{' '}
            <select id="worklist-whose" value={props.manager.viewing} onChange={(event) => props.manager!.onView((event.currentTarget as HTMLSelectElement).value)}>
              {props.manager.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
              <option value="*">Every collector</option>
            </select>
          </label>
          <span class="worklist-notice" role="status">
            {props.manager.notice}
          </span>
        </div>
      ) : null}
      <div class="worklist-filters">
        {choices.collector.length > 1 ? (
          <label for="worklist-collector">
            Collector{' '}
            <select id="worklist-collector" value={filter.collectorId} onChange={(event) => refine({ collectorId: (event.currentTarget as HTMLSelectElement).value })}>
              <option value="">All collectors</option>
              {choices.collector.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <ChoiceFilter id="worklist-segment" label="Segment" all="All segments" value={filter.segment} values={choices.segment} onChange={(segment) => refine({ segment })} />
        <ChoiceFilter id="worklist-country" label="Country" all="All countries" value={filter.country} values={choices.country} onChange={(country) => refine({ country })} />
        <ChoiceFilter id="worklist-profile" label="Rules" all="All rule sets" value={filter.profile} values={choices.profile} onChange={(profile) => refine({ profile })} />
        <label for="worklist-action">
          Next action{' '}
          <select id="worklist-action" value={filter.action} onChange={(event) => refine({ action: (event.currentTarget as HTMLSelectElement).value as ActionFilter })}>
            {ACTION_FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label for="worklist-due">
          <input id="worklist-due" type="checkbox" checked={filter.dueOnly} onChange={(event) => refine({ dueOnly: (event.currentTarget as HTMLInputElement).checked })} /> Due today or late only
        </label>
      </div>
      <p class="worklist-keys">Keys: ↑ ↓ or j k to move, Enter to open the account, n to open the next account, r to refresh.</p>
      {data && data.rows.length === 0 ? <p class="worklist-empty">Nothing to collect on your accounts today.</p> : null}
      {data && data.rows.length > 0 && filtered.length === 0 ? <p class="worklist-empty">No account matches these filters.</p> : null}
      {rows.length > 0 ? (
        <table class="worklist-table" aria-describedby="worklist-title">
          <thead>
            <tr>
              <SortHeader sort={sort} onSort={sortBy} column="rank" label="#" title="Priority" />
              <SortHeader sort={sort} onSort={sortBy} column="name" label="Customer" />
              <SortHeader sort={sort} onSort={sortBy} column="collectable" label="Collectable" numeric />
              <SortHeader sort={sort} onSort={sortBy} column="overdue" label="Overdue" numeric />
              <SortHeader sort={sort} onSort={sortBy} column="oldest" label="Oldest, days late" numeric />
              <th scope="col">Promised / disputed</th>
              <SortHeader sort={sort} onSort={sortBy} column="lastContact" label="Last contact" />
              <SortHeader sort={sort} onSort={sortBy} column="next" label="Next action" />
              <th scope="col">Their time</th>
              <th scope="col">Why here</th>
              {props.manager?.onReassign ? <th scope="col">Collector</th> : null}
            </tr>
          </thead>
          <tbody ref={table}>
            {rows.map((row, index) => (
              <Row key={row.accountId} row={row} active={index === active} props={rowProps} onFocus={() => setActive(index)} />
            ))}
          </tbody>
        </table>
      ) : null}
      {data && shown < total ? (
        <button type="button" class="worklist-more" onClick={() => setShown(shown + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, total - shown)} more ({total - shown} left)
        </button>
      ) : null}
      {data && (data.notRanked.hardBlocked > 0 || data.notRanked.nothingCollectable > 0) ? (
        <p class="worklist-foot">
          Not listed: {data.notRanked.nothingCollectable} with nothing to collect, {data.notRanked.hardBlocked} under a bankruptcy, cease-communication or breathing-space hold.
        </p>
      ) : null}
    </section>
  );
}

function Row({ row, active, props, onFocus }: { row: WorklistRow; active: boolean; props: WorklistViewProps; onFocus: () => void }) {
  const { locale } = props;
  const href = props.hrefFor ? props.hrefFor(row.accountId) : `/lightning/r/Account/${encodeURIComponent(row.accountId)}/view`;
  return (
    <tr class={active ? 'active' : undefined} data-testid="worklist-row" data-account-id={row.accountId} data-rescored={props.rescored?.has(row.accountId) ? 'true' : undefined}>
      <td class="num">{row.rank}</td>
      <th scope="row">
        <a
          href={href}
          data-account-id={row.accountId}
          tabIndex={active ? 0 : -1}
          onFocus={onFocus}
          onClick={(event) => {
            if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
              event.preventDefault();
              props.onOpen(row.accountId);
            }
          }}
        >
          {row.name}
        </a>
        {props.rescored?.has(row.accountId) ? <span class="updated"> updated</span> : null}
      </th>
      <td class="num">{money(row.collectable, locale)}</td>
      <td class="num">{money(row.overdue, locale)}</td>
      <td class="num">{row.oldestDaysPastDue}</td>
      <td>{promisedDisputed(row, locale)}</td>
      <td>{row.lastContactAt ? relativeDay(row.lastContactAt, props.now, props.userTimeZone) : 'never'}</td>
      <td>
        <NextCell next={row.next} now={props.now} locale={locale} zone={row.zone} />
      </td>
      <td>
        <span class="clock">{formatLocalTimeWithZone(props.now, row.zone, 'en-GB')}</span>
        <span class={row.callNow.allowed ? 'call ok' : 'call no'} title={row.callNow.detail ?? undefined}>{row.callNow.words}</span>
      </td>
      <td class="why">{row.why}</td>
      {props.manager?.onReassign ? <ReassignCell row={row} manager={props.manager} /> : null}
    </tr>
  );
}

/** The manager's reassign control: the row's collector as a select; choosing another reassigns the account. */
function ReassignCell({ row, manager }: { row: WorklistRow; manager: ManagerView }) {
  const current = row.collector?.id ?? '';
  const known = manager.people.some((person) => person.id === current);
  return (
    <td>
      <select
        aria-label={`Collector of ${row.name}`}
        value={current}
        onChange={(event) => {
          const chosen = (event.currentTarget as HTMLSelectElement).value;
          if (chosen !== current && chosen !== '') {
            manager.onReassign!(row, chosen);
          }
        }}
      >
        {known ? null : <option value={current}>{row.collector?.name || 'Nobody'}</option>}
        {manager.people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
    </td>
  );
}

/** A column header the collector can sort by: a button in the header cell, the cell's aria-sort saying the order. */
function SortHeader({ sort, onSort, column, label, title, numeric }: { sort: WorklistSort; onSort: (key: SortKey) => void; column: SortKey; label: string; title?: string; numeric?: boolean }) {
  const sorted = sort.key === column;
  return (
    <th scope="col" class={numeric ? 'num' : undefined} aria-sort={sorted ? sort.direction : undefined}>
      <button type="button" class="sort" title={title} aria-label={title ? `${title} (${label})` : undefined} onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

/** A select over the values the list holds. Hidden when there is nothing to choose. */
function ChoiceFilter({ id, label, all, value, values, onChange }: { id: string; label: string; all: string; value: string; values: readonly string[]; onChange: (value: string) => void }) {
  const named = values.filter((choice) => choice !== '');
  if (values.length < 2 || named.length === 0) {
    return null;
  }
  return (
    <label for={id}>
      {label}{' '}
      <select id={id} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">{all}</option>
        {named.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

function NextCell({ next, now, locale, zone }: { next: NextAction; now: string; locale: string; zone: string }) {
  const label = next.step?.label ?? 'No action';
  return (
    <span class="next" title={next.reason}>
      <span class="next-what">{label}</span>
      <span class={`next-when ${next.status}`}>{whenWords(next, now, locale, zone)}</span>
    </span>
  );
}

/** "due today", "3 days overdue", "in 4 days (12 Mar 2026)", "paused until …", "blocked". */
export function whenWords(next: NextAction, now: string, locale: string, zone: string): string {
  if (next.status === 'none') {
    return next.reason;
  }
  if (next.status === 'blocked') {
    return 'blocked: see the account';
  }
  if (next.dueOn === null) {
    return next.status === 'paused' ? 'paused' : '';
  }
  const today = zonedParts(now, zone).date;
  const days = daysBetween(today, next.dueOn);
  const prefix = next.status === 'paused' ? 'paused until ' : '';
  if (days < 0) {
    return `${prefix}${-days} ${-days === 1 ? 'day' : 'days'} overdue`;
  }
  if (days === 0) {
    return next.status === 'paused' ? 'paused until today' : 'due today';
  }
  if (days === 1) {
    return `${prefix}${next.status === 'paused' ? '' : 'due '}tomorrow`;
  }
  return next.status === 'paused' ? `paused until ${date(next.dueOn, locale)}` : `in ${days} days (${date(next.dueOn, locale)})`;
}

function promisedDisputed(row: WorklistRow, locale: string): string {
  const parts: string[] = [];
  if (row.promised.amountMinor > 0) {
    parts.push(`${money(row.promised, locale)} promised`);
  }
  if (row.disputed.amountMinor > 0) {
    parts.push(`${money(row.disputed, locale)} disputed`);
  }
  if (row.salesAnswer) {
    parts.push(row.salesAnswer);
  }
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** "today", "yesterday", "5 days ago" on the collector's calendar. */
export function relativeDay(instant: string, now: string, zone: string): string {
  const days = daysBetween(zonedParts(instant, zone).date, zonedParts(now, zone).date);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** "just now", "4 minutes ago", "2 hours ago". */
export function ageWords(computedAt: string, now: string): string {
  const minutes = Math.floor((Date.parse(now) - Date.parse(computedAt)) / 60_000);
  if (!(minutes >= 1)) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  }
  const hours = Math.floor(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
}
