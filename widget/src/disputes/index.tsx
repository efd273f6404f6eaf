/**
 * The "Disputes waiting for me" entry (issue 19): `CollectionsDisputes.mount(el, options)` renders the
 * signed-in user's disputes into a shadow root on `el` and returns `{ unmount }`. Its own IIFE
 * (dist/widget/disputes.js) with its own size ceiling (widget/size.test.ts). The host passes a port
 * with the owner's side (the connector's Salesforce port: listDisputesForOwner, answerDispute).
 */
import { render } from 'preact';
import { DEFAULT_DISPUTE_SLA_POLICY, parseDisputeSlaPolicy } from '../../../connector/domain/strategy/dispute-sla';
import css from './disputes.css?inline';
import { DisputesView } from './DisputesView';
import type { DisputesEnv } from './DisputesView';

export interface DisputesMountOptions {
  port: DisputesEnv['port'];
  userId: string;
  locale?: string;
  userTimeZone?: string;
  now?: () => Date;
  /** The strategy's dispute SLA (data); default the shipped one. */
  policy?: unknown;
  calendar?: DisputesEnv['calendar'];
}

const mounted = new WeakMap<Element, { unmount(): void }>();

export function mount(element: Element, options: DisputesMountOptions): { unmount(): void } {
  if (!(element instanceof Element)) {
    throw new TypeError('[collections-disputes] mount() needs a DOM element');
  }
  if (typeof options?.port?.listDisputesForOwner !== 'function' || typeof options.port.answerDispute !== 'function') {
    throw new TypeError('[collections-disputes] options.port needs listDisputesForOwner and answerDispute');
  }
  if (typeof options.userId !== 'string' || options.userId === '') {
    throw new TypeError('[collections-disputes] options.userId must be a CRM user id');
  }
  mounted.get(element)?.unmount();
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.replaceChildren(style, container);
  const env: DisputesEnv = {
    port: options.port,
    userId: options.userId,
    locale: options.locale ?? navigator.language ?? 'en-US',
    userTimeZone: options.userTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    now: options.now ?? (() => new Date()),
    policy: options.policy === undefined ? DEFAULT_DISPUTE_SLA_POLICY : parseDisputeSlaPolicy(options.policy, 'policy'),
    ...(options.calendar ? { calendar: options.calendar } : {}),
  };
  render(<DisputesView env={env} />, container);
  const handle = {
    unmount() {
      render(null, container);
      mounted.delete(element);
    },
  };
  mounted.set(element, handle);
  return handle;
}
