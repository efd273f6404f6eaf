/**
 * Lightning navigates without reloading. Detect URL changes with the Navigation API (`navigatesuccess`, present in
 * the content script's isolated world in Chromium) plus a 1 s polling fallback for browsers without it (Firefox)
 * and for routers that bypass it (wxt `location-watcher.ts`; Jetstream polls at 500 ms). §5.
 */
import type { ContentScriptContext } from './content-context';

export const POLL_INTERVAL_MS = 1000;

interface NavigationLike extends EventTarget {
  currentEntry?: unknown;
}

/** Calls `onChange(newHref, oldHref)` whenever `location.href` changes, until `ctx` is invalidated. */
export function watchLocation(
  ctx: ContentScriptContext,
  onChange: (newHref: string, oldHref: string) => void,
  env: { location: Pick<Location, 'href'>; navigation?: NavigationLike | undefined } = {
    location: globalThis.location,
    navigation: (globalThis as { navigation?: NavigationLike }).navigation,
  },
): void {
  let last = env.location.href;
  const check = (): void => {
    const current = env.location.href;
    if (current !== last) {
      const previous = last;
      last = current;
      onChange(current, previous);
    }
  };
  if (env.navigation) {
    ctx.addEventListener(env.navigation, 'navigatesuccess', check);
  }
  ctx.setInterval(check, POLL_INTERVAL_MS);
}
