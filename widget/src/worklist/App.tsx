/**
 * The worklist's state: opening computes from fresh CRM data; the last list computed in this page
 * shows at once with its age while the new one loads (stale-while-revalidate). Unmount aborts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadWorklist } from './load';
import type { LoadWorklistOptions, Worklist, WorklistCurrencies } from './load';
import { WorklistView } from './Worklist';

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

/** Last list per collector, for an instant paint when the worklist is opened again in this page. */
const lastLists = new Map<string, { list: Worklist; computedAt: string }>();

export function WorklistApp({ env, signal }: { env: WorklistEnv; signal: AbortSignal }) {
  const cached = lastLists.get(env.collectorId) ?? null;
  const [data, setData] = useState<Worklist | null>(cached?.list ?? null);
  const [computedAt, setComputedAt] = useState<string | null>(cached?.computedAt ?? null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [ticket, setTicket] = useState(0);
  const current = useRef<AbortController | null>(null);

  useEffect(() => {
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
          lastLists.set(env.collectorId, { list, computedAt: at });
          setData(list);
          setComputedAt(at);
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
      onOpen={env.onOpen}
      onRefresh={() => setTicket(ticket + 1)}
    />
  );
}
