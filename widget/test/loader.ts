/**
 * The real loader module, loaded afresh as a host page's <script src> would run it (loader.test.ts,
 * loader.prefetch.test.ts). The loader resolves panel.iife.js next to its own <script src>.
 */
import { vi } from 'vitest';

/** The loader's global (`window.CollectionsPanel`) as a host page sees it. */
export interface LoaderApi {
  q: unknown[];
  version: string;
  fingerprint: string;
  loaded: boolean;
  base: string;
  mount(el: Element, o: unknown): { update(n: unknown): void; unmount(): void };
  configure(o: unknown): void;
}

export type LoaderWindow = { CollectionsPanel?: LoaderApi; CollectionsPanelCore?: unknown };

export async function loadLoader(): Promise<LoaderApi> {
  vi.resetModules();
  const script = document.createElement('script');
  script.src = 'https://cdn.example.com/widget/v1/loader.js';
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  await import('../src/loader');
  return (window as unknown as LoaderWindow).CollectionsPanel as LoaderApi;
}

/** No loader, no core and no scripts left from the test before. */
export function forgetLoader(): void {
  delete (window as unknown as LoaderWindow).CollectionsPanel;
  delete (window as unknown as LoaderWindow).CollectionsPanelCore;
  document.head.innerHTML = '';
}
