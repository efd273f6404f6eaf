/**
 * The worklist's state. Opening computes from fresh CRM data; the last list computed in this page
 * shows at once with its age while the new one loads (stale-while-revalidate). Coming back within
 * five minutes (in-app navigation) keeps the list without another read: the accounts the collector
 * worked in the panel meanwhile were re-scored from the panel's fresh snapshots (`rescore`).
 * Unmount aborts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadWorklist, rescoreAccount } from './load';
import type { AccountRecordsSnapshot, LoadWorklistOptions, Worklist, WorklistCurrencies, WorklistRow } from './load';
import { WorklistView } from './Worklist';
import { nextAccountAfter } from './arrange';

export interface WorklistEnv {
  source: LoadWorklistOptions['source'];
  /** The org's reporting currency and rates (one request), read once per load. */
  currencies: (signal: AbortSignal) => Promise<WorklistCurrencies>;
  collectorId: string;
  locale: string;
  userTimeZone: string;
  now: () => Date;
  onOpen: (accountId: string) => void;
  /** The host's link to an account's record page (the extension's page is not on the org's origin). */
  hrefFor?: (accountId: string) => string;
  strategy?: unknown;
  /** The users who report to this one (manager view, decision 0024); empty or absent: a collector's own list. */
  team?: (signal: AbortSignal) => Promise<TeamMember[]>;
  /** Reassign an account's collector, once per key (connector/writes/reassign.ts). */
  reassign?: (input: ReassignRequest) => Promise<{ changed: boolean }>;
}

export interface TeamMember {
  id: string;
  name: string;
}

export interface ReassignRequest {
  accountId: string;
  collectorId: string;
  fromCollectorId: string | null;
  idempotencyKey: string;
}

/** The manager's "every collector" choice. */
export const EVERYONE = '*';

/** A list younger than this is kept when the worklist is opened again in the page (no list read). */
export const REUSE_FOR_MS = 5 * 60_000;

interface CachedList {
  list: Worklist;
  computedAt: string;
  locale: string;
  strategy: unknown;
  /** Accounts re-scored from a panel snapshot since the list was read. */
  rescored: Set<string>;
}

/** Last list per collector, for an instant paint when the worklist is opened again in this page. */
const lastLists = new Map<string, CachedList>();
const listeners = new Set<() => void>();

/**
 * Where the collector is in the list, per collector: the order shown when an account was last opened
 * and that account. "Next account" (n in the list, `openNext()` from the account page) goes on from
 * it, so after logging something in the panel the collector carries on down the same list even though
 * the worked account was re-scored and moved.
 */
interface Progress {
  order: readonly string[];
  lastOpened: string;
}
const progress = new Map<string, Progress>();
/** The manager's team per user, read once per page. */
const teams = new Map<string, TeamMember[]>();
/** The last mounted worklist's collector and opener (the account page has no worklist mounted). */
let lastOpener: { collectorId: string; onOpen: (accountId: string) => void } | null = null;

/** Forget the kept lists (tests; a host signing a user out). */
export function forgetLists(): void {
  lastLists.clear();
  progress.clear();
  teams.clear();
  lastOpener = null;
}

/** The account after the one last opened from the worklist, among those still listed; null at the end or before any. */
export function nextAccount(collectorId: string | undefined = lastOpener?.collectorId): string | null {
  const worked = collectorId === undefined ? undefined : progress.get(collectorId);
  const entry = collectorId === undefined ? undefined : lastLists.get(collectorId);
  if (!worked || !entry) {
    return null;
  }
  return nextAccountAfter(worked.order, worked.lastOpened, new Set(entry.list.rows.map((row) => row.accountId)));
}

/**
 * Open the next account (the host's key or button on the account page, after an action): the
 * worklist's opener is called with it and it becomes the last opened. Returns its id, or null.
 */
export function openNext(): string | null {
  const opener = lastOpener;
  const next = opener ? nextAccount(opener.collectorId) : null;
  if (opener && next !== null) {
    const worked = progress.get(opener.collectorId)!;
    progress.set(opener.collectorId, { order: worked.order, lastOpened: next });
    opener.onOpen(next);
  }
  return next;
}

/**
 * Re-score one account in every list kept in this page from a fresh snapshot of its records (the
 * panel's, after a write): no list read. Returns true when a list changed.
 */
export function rescore(snapshot: AccountRecordsSnapshot, now: Date = new Date()): boolean {
  let changed = false;
  for (const [collectorId, entry] of lastLists) {
    const listed = entry.list.rows.some((row) => row.accountId === snapshot.account.id);
    if (listed || snapshot.account.collector?.id === collectorId) {
      entry.list = rescoreAccount(entry.list, snapshot, { at: now.toISOString(), locale: entry.locale, strategy: entry.strategy });
      entry.rescored.add(snapshot.account.id);
      changed = true;
    }
  }
  if (changed) {
    listeners.forEach((listener) => listener());
  }
  return changed;
}

export function WorklistApp({ env, signal }: { env: WorklistEnv; signal: AbortSignal }) {
  // Whose list: the user's own, or (a manager) one member's or everyone's; lists are kept per choice.
  const [viewing, setViewing] = useState(env.collectorId);
  const [team, setTeam] = useState<TeamMember[]>(teams.get(env.collectorId) ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const cached = lastLists.get(viewing) ?? null;
  const reuse = cached !== null && env.now().getTime() - Date.parse(cached.computedAt) < REUSE_FOR_MS;
  const [data, setData] = useState<Worklist | null>(cached?.list ?? null);
  const [computedAt, setComputedAt] = useState<string | null>(cached?.computedAt ?? null);
  const [rescored, setRescored] = useState<ReadonlySet<string>>(new Set(cached?.rescored ?? []));
  const [loading, setLoading] = useState(!reuse);
  const [error, setError] = useState<string | null>(null);
  const [ticket, setTicket] = useState(0);
  const current = useRef<AbortController | null>(null);
  const [lastOpened, setLastOpened] = useState<string | null>(progress.get(env.collectorId)?.lastOpened ?? null);
  lastOpener = { collectorId: env.collectorId, onOpen: env.onOpen };
  const onOpen = (accountId: string, order?: readonly string[]) => {
    progress.set(env.collectorId, { order: order ?? progress.get(env.collectorId)?.order ?? [], lastOpened: accountId });
    setLastOpened(accountId);
    env.onOpen(accountId);
  };

  // A re-score shows in the list on screen (a manager may be viewing a member's or everyone's).
  useEffect(() => {
    const listener = () => {
      const entry = lastLists.get(viewing);
      if (entry) {
        setData(entry.list);
        setRescored(new Set(entry.rescored));
      }
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [viewing]);

  useEffect(() => {
    if (!env.team || teams.has(env.collectorId)) {
      return; // read once per page: coming back to the worklist costs no request
    }
    env.team(signal).then(
      (members) => {
        const others = members.filter((member) => member.id !== env.collectorId);
        teams.set(env.collectorId, others);
        setTeam(others);
      },
      () => setTeam([]), // not a manager as far as the page can tell: the user's own list
    );
  }, []);

  const firstLoad = useRef(true);
  useEffect(() => {
    const first = firstLoad.current;
    firstLoad.current = false;
    if (first && ticket === 0 && reuse) {
      return; // kept list (re-scored rows included); r or Refresh reads it again
    }
    if (!first && ticket === 0 && reuse && cached) {
      setData(cached.list);
      setComputedAt(cached.computedAt);
      setRescored(new Set(cached.rescored));
      setLoading(false);
      return; // switched back to a list read less than five minutes ago
    }
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    const onOuterAbort = () => controller.abort();
    signal.addEventListener('abort', onOuterAbort);
    setLoading(true);
    setError(null);
    (async () => {
      try {
        const at = env.now().toISOString();
        const currencies = await env.currencies(controller.signal);
        const collectorIds = viewing === EVERYONE ? [env.collectorId, ...team.map((member) => member.id)] : [viewing];
        const list = await loadWorklist({ source: env.source, currencies, collectorId: env.collectorId, collectorIds, at, locale: env.locale, strategy: env.strategy, signal: controller.signal });
        if (!controller.signal.aborted) {
          lastLists.set(viewing, { list, computedAt: at, locale: env.locale, strategy: env.strategy, rescored: new Set() });
          setData(list);
          setComputedAt(at);
          setRescored(new Set());
        }
      } catch (failure) {
        if (!controller.signal.aborted) {
          setError(`Could not load your accounts: ${failure instanceof Error ? failure.message : String(failure)}`);
        }
      } finally {
        if (!controller.signal.aborted) {
          setLoading(false);
        }
      }
    })();
    return () => {
      signal.removeEventListener('abort', onOuterAbort);
      controller.abort();
    };
  }, [ticket, viewing]);

  const people = team.length > 0 ? [{ id: env.collectorId, name: 'Me' }, ...team] : [];

  /** Reassign a row's account (manager view): the row shows its new collector or leaves a one-collector list. */
  async function reassignRow(row: WorklistRow, collectorId: string): Promise<void> {
    if (!env.reassign || row.collector?.id === collectorId) {
      return;
    }
    const from = row.collector?.id ?? null;
    const to = people.find((person) => person.id === collectorId);
    setNotice(null);
    try {
      // One key per logical reassignment (account, from, to): a retry or a second click is the same write.
      await env.reassign({ accountId: row.accountId, collectorId, fromCollectorId: from, idempotencyKey: `reassign:${row.accountId}:${from ?? 'none'}:${collectorId}` });
    } catch (failure) {
      setNotice(`Could not reassign ${row.name}: ${failure instanceof Error && 'userMessage' in failure ? String((failure as { userMessage: unknown }).userMessage) : failure instanceof Error ? failure.message : String(failure)}`);
      return;
    }
    const entry = lastLists.get(viewing);
    const list = entry?.list ?? data;
    if (list) {
      const moved = { id: collectorId, name: to?.name ?? '' };
      const stays = viewing === EVERYONE || viewing === collectorId;
      const rows = list.rows.flatMap((candidate) => (candidate.accountId !== row.accountId ? [candidate] : stays ? [{ ...candidate, collector: moved }] : []));
      const next = { ...list, rows: rows.map((candidate, index) => (candidate.rank === index + 1 ? candidate : { ...candidate, rank: index + 1 })) };
      if (entry) {
        entry.list = next;
      }
      // The lists of the other choices are read again when opened.
      for (const key of [...lastLists.keys()]) {
        if (key !== viewing) {
          lastLists.delete(key);
        }
      }
      setData(next);
    }
    setNotice(`${row.name} now belongs to ${to?.name === 'Me' ? 'you' : (to?.name ?? 'the new collector')}.`);
  }

  return (
    <WorklistView
      data={data}
      loading={loading}
      error={error}
      locale={env.locale}
      userTimeZone={env.userTimeZone}
      now={env.now().toISOString()}
      computedAt={computedAt}
      rescored={rescored}
      onOpen={onOpen}
      lastOpened={lastOpened}
      hrefFor={env.hrefFor}
      onRefresh={() => setTicket(ticket + 1)}
      {...(people.length > 0
        ? {
            manager: {
              people,
              viewing,
              onView: (choice: string) => {
                setNotice(null);
                setViewing(choice);
                setTicket(0);
              },
              onReassign: env.reassign ? (row: WorklistRow, collectorId: string) => void reassignRow(row, collectorId) : null,
              notice,
            },
          }
        : {})}
    />
  );
}
