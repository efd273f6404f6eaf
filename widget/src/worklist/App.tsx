/**
 * The worklist's state. Opening computes from fresh CRM data; the last list computed in this page
 * shows at once with its age while the new one loads (stale-while-revalidate). Coming back within
 * five minutes (in-app navigation) keeps the list without another read: the accounts the collector
 * worked in the panel meanwhile were re-scored from the panel's fresh snapshots (`rescore`).
 * Unmount aborts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadWorklist, rescoreAccount } from './load';
import type { AccountRecordsSnapshot, LoadWorklistOptions, Worklist, WorklistCurrencies } from './load';
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
  strategy?: unknown;
}

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
/** The last mounted worklist's collector and opener (the account page has no worklist mounted). */
let lastOpener: { collectorId: string; onOpen: (accountId: string) => void } | null = null;

/** Forget the kept lists (tests; a host signing a user out). */
export function forgetLists(): void {
  lastLists.clear();
  progress.clear();
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
  const cached = lastLists.get(env.collectorId) ?? null;
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

  useEffect(() => {
    const listener = () => {
      const entry = lastLists.get(env.collectorId);
      if (entry) {
        setData(entry.list);
        setRescored(new Set(entry.rescored));
      }
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);

  useEffect(() => {
    if (ticket === 0 && reuse) {
      return; // kept list (re-scored rows included); r or Refresh reads it again
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
        const list = await loadWorklist({ source: env.source, currencies, collectorId: env.collectorId, at, locale: env.locale, strategy: env.strategy, signal: controller.signal });
        if (!controller.signal.aborted) {
          lastLists.set(env.collectorId, { list, computedAt: at, locale: env.locale, strategy: env.strategy, rescored: new Set() });
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
  }, [ticket]);

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
      onRefresh={() => setTicket(ticket + 1)}
    />
  );
}
