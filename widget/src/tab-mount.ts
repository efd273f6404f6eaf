/**
 * What the tab entries (worklist, disputes, reports: each its own bundle) do on mount: a shadow root
 * on the host's element with the entry's CSS inside (no style leaks either way) and an empty
 * container for the view. The panel's mount (mount.tsx) has its own: closed roots and its first-load budget.
 */
export function viewContainer(element: Element, css: string): { root: ShadowRoot; container: HTMLDivElement } {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.replaceChildren(style, container);
  return { root, container };
}

/** The user's locale and time zone when the host names none: the browser's. */
export function userLocale(locale: string | undefined): string {
  return locale ?? navigator.language ?? 'en-US';
}

export function userTimeZone(zone: string | undefined): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
