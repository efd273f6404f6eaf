/** Lazy loader for the views chunk with a synchronous cache (no flash once loaded) and retry. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type * as ViewsModule from './views';

export type Views = typeof ViewsModule;

let cached: Views | null = null;
let pending: Promise<Views> | null = null;

/** Start (or join) loading the views chunk. A failure is forgotten so the next call retries. */
export function loadViews(): Promise<Views> {
  pending ??= import('./views').then(
    (module) => {
      cached = module;
      return module;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

export interface ViewsState {
  views: Views | null;
  /** The chunk could not be fetched (offline, or a redeploy removed the old hashed file). */
  failed: boolean;
  retry(): void;
}

/** The views module and its load state; triggers loading on first use. */
export function useViewsState(): ViewsState {
  const [views, setViews] = useState<Views | null>(cached);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (views) {
      return undefined;
    }
    let live = true;
    loadViews()
      .then((module) => live && setViews(module))
      .catch((error: unknown) => {
        console.error('[collections-panel] could not load panel views', error);
        if (live) {
          setFailed(true);
        }
      });
    return () => {
      live = false;
    };
  }, [views, attempt]);
  const retry = useCallback(() => {
    setFailed(false);
    setAttempt((a) => a + 1);
  }, []);
  return { views, failed, retry };
}

/** The views module once loaded, else null. */
export function useViews(): Views | null {
  return useViewsState().views;
}
