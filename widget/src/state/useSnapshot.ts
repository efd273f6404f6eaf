/**
 * Load the account snapshot: one port request per open (B6), stale-while-revalidate from the
 * last saved snapshot, aborted on record change and unmount (AbortSignal per mount, A7.3).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AccountSnapshot, CollectionsPort } from '../../../connector/port';
import { isAbortError, reduceError, type ErrorViewModel } from '../errors';
import type { StorageAdapter } from '../storage';
import { yieldToMain } from './yieldToMain';

export type SnapshotState =
  | { phase: 'loading' }
  | { phase: 'error'; error: ErrorViewModel }
  | {
      phase: 'ready';
      snapshot: AccountSnapshot;
      /** True while showing the saved copy and the fresh one has not arrived. */
      stale: boolean;
      /** A refresh failed while showing a snapshot: shown as a banner, data stays. */
      refreshError: ErrorViewModel | null;
    };

// 2: snapshots carry their compliance rules (decision 0009); a version-1 copy has none and is ignored.
const SNAPSHOT_VERSION = 2;

/** Storage key of the last snapshot for a record. */
export function snapshotKey(recordId: string): string {
  return `snapshot:${recordId}`;
}

/** Hand-written shape check (no schema library on the page path, A7.8): a bad saved copy is ignored, never rendered. */
function readSaved(value: unknown, recordId: string, complianceProfile: string | null): AccountSnapshot | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const saved = value as { v?: unknown; recordId?: unknown; complianceProfile?: unknown; snapshot?: unknown };
  const s = saved.snapshot as Partial<AccountSnapshot> | undefined;
  // A copy saved under another compliance profile setting carries that profile's rules: not shown.
  if (saved.v !== SNAPSHOT_VERSION || saved.recordId !== recordId || (saved.complianceProfile ?? null) !== complianceProfile || !s || typeof s.account?.id !== 'string') {
    return null;
  }
  const lists: (keyof AccountSnapshot)[] = ['contacts', 'invoices', 'payments', 'credits', 'promises', 'plans', 'settlements', 'disputes', 'activities', 'dataQuality'];
  return lists.every((k) => Array.isArray(s[k])) ? (s as AccountSnapshot) : null;
}

/** `complianceProfile`: the host's override, resolved to rules by the port (decision 0009). */
export function useSnapshot(
  port: CollectionsPort,
  storage: StorageAdapter,
  recordId: string,
  complianceProfile: string | undefined,
  mountSignal: AbortSignal,
): [SnapshotState, () => void] {
  const [state, setState] = useState<SnapshotState>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const abort = () => controller.abort();
    mountSignal.addEventListener('abort', abort);
    const signal = controller.signal;
    let fresh = false;
    if (generation === 0) {
      setState({ phase: 'loading' });
      storage
        .get(snapshotKey(recordId))
        .then(async (saved) => {
          // Rendering a big saved copy is a task of its own, not part of the mount's.
          await yieldToMain();
          const snapshot = readSaved(saved, recordId, complianceProfile || null);
          if (snapshot && !fresh && !signal.aborted) {
            setState({ phase: 'ready', snapshot, stale: true, refreshError: null });
          }
        })
        .catch(() => undefined);
    }
    port
      .loadSnapshot({ id: recordId }, complianceProfile ? { signal, complianceProfile } : { signal })
      .then(async (snapshot) => {
        // The port mapped the records in this task; the panel renders in the next one.
        await yieldToMain();
        if (signal.aborted) {
          return;
        }
        fresh = true;
        setState({ phase: 'ready', snapshot, stale: false, refreshError: null });
        // Serialising the copy is work of its own: after the render, in a later task.
        await yieldToMain();
        void storage.set(snapshotKey(recordId), { v: SNAPSHOT_VERSION, recordId, complianceProfile: complianceProfile || null, snapshot }).catch(() => undefined);
      })
      .catch(async (error: unknown) => {
        // Same pace as the paths above, so a saved copy read first is shown first.
        await yieldToMain();
        if (signal.aborted || isAbortError(error)) {
          return;
        }
        fresh = true;
        const view = reduceError(error);
        setState((previous) => (previous.phase === 'ready' ? { ...previous, refreshError: view } : { phase: 'error', error: view }));
      });
    return () => {
      mountSignal.removeEventListener('abort', abort);
      controller.abort();
    };
  }, [port, storage, recordId, complianceProfile, mountSignal, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}
