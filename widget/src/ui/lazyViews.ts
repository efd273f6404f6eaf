/** Lazy loader for the views chunk with a synchronous cache (no flash once loaded). */
import { useEffect, useState } from 'preact/hooks';

import type * as ViewsModule from './views';

export type Views = typeof ViewsModule;

let cached: Views | null = null;
let pending: Promise<Views> | null = null;

/** Start (or join) loading the views chunk. */
export function loadViews(): Promise<Views> {
  pending ??= import('./views').then((module) => {
    cached = module;
    return module;
  });
  return pending;
}

/** The views module once loaded; triggers loading on first use. */
export function useViews(): Views | null {
  const [views, setViews] = useState<Views | null>(cached);
  useEffect(() => {
    if (!views) {
      let live = true;
      loadViews()
        .then((module) => live && setViews(module))
        .catch((error: unknown) => console.error('[collections-panel] could not load panel views', error));
      return () => {
        live = false;
      };
    }
    return undefined;
  }, [views]);
  return views;
}
