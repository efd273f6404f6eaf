/**
 * The worklist entry ("My day"): `CollectionsWorklist.mount(el, options)` renders the collector's
 * ranked accounts into a shadow root on `el` (CSS inside) and returns `{ unmount }`. A second entry
 * of the widget build (dist/widget/worklist.js, global `CollectionsWorklist`) with its own size
 * ceiling (widget/size.test.ts). The host gives it a PortfolioSource (the connector's page bundle
 * builds one over the fetch client) and decides what opening an account means.
 */
import { render } from 'preact';
import type { PortfolioSource } from '../../../connector/portfolio-source';
import css from './worklist.css?inline';
import { WorklistApp } from './App';
import type { WorklistEnv } from './App';
import type { WorklistCurrencies } from './load';

export interface WorklistMountOptions {
  source: PortfolioSource;
  /** Reads the org's reporting currency and rates (the connector's `readCurrencies`). */
  currencies: (signal: AbortSignal) => Promise<WorklistCurrencies>;
  collectorId: string;
  onOpen: (accountId: string) => void;
  /** The account's record page link; default the Lightning path on the page's own origin. */
  hrefFor?: (accountId: string) => string;
  locale?: string;
  userTimeZone?: string;
  now?: () => Date;
  strategy?: unknown;
  /** The users who report to this one (the connector's `readTeam(collectorId)`): a manager gets the manager view. */
  team?: WorklistEnv['team'];
  /** Reassign an account's collector (the connector's `reassign`). */
  reassign?: WorklistEnv['reassign'];
}

export interface WorklistHandle {
  unmount(): void;
}

const mounted = new WeakMap<Element, WorklistHandle>();

export function mount(element: Element, options: WorklistMountOptions): WorklistHandle {
  if (!(element instanceof Element)) {
    throw new TypeError('[collections-worklist] mount() needs a DOM element');
  }
  if (typeof options?.source?.read !== 'function' || typeof options.currencies !== 'function') {
    throw new TypeError('[collections-worklist] options.source (a PortfolioSource) and options.currencies are required');
  }
  if (typeof options.collectorId !== 'string' || options.collectorId === '') {
    throw new TypeError('[collections-worklist] options.collectorId must be a CRM user id');
  }
  if (typeof options.onOpen !== 'function') {
    throw new TypeError('[collections-worklist] options.onOpen(accountId) is required');
  }
  mounted.get(element)?.unmount();
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.replaceChildren(style, container);
  const controller = new AbortController();
  const env: WorklistEnv = {
    source: options.source,
    currencies: options.currencies,
    collectorId: options.collectorId,
    onOpen: options.onOpen,
    hrefFor: options.hrefFor,
    locale: options.locale ?? navigator.language ?? 'en-US',
    userTimeZone: options.userTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    now: options.now ?? (() => new Date()),
    strategy: options.strategy,
    ...(typeof options.team === 'function' ? { team: options.team } : {}),
    ...(typeof options.reassign === 'function' ? { reassign: options.reassign } : {}),
  };
  render(<WorklistApp env={env} signal={controller.signal} />, container);
  const handle: WorklistHandle = {
    unmount() {
      controller.abort();
      render(null, container);
      root.replaceChildren();
      mounted.delete(element);
    },
  };
  mounted.set(element, handle);
  return handle;
}

export { rescore, nextAccount, openNext } from './App';
export { loadWorklist } from './load';
export type { AccountRecordsSnapshot, Worklist, WorklistRow, WorklistCurrencies } from './load';
