/**
 * The `collectionsDisputes` static resource: an IIFE for the Collections_Disputes Lightning tab
 * ("Disputes waiting for me", issue 19). Sets `window.CollectionsDisputes.mount(el, { call, userId,
 * locale, userTimeZone })`: the widget's disputes view over the owner's side of disputes through
 * Apex (`call` invokes CollectionsDisputesController; disputes-apex.ts). Assigned on `window`
 * explicitly for Lightning Web Security, as the other entries do.
 */
import { mount as mountDisputes } from '../../widget/src/disputes/index';
import { createApexDisputesPort } from './disputes-apex';
import type { DisputesApexCall } from './disputes-apex';

export interface LightningDisputesOptions {
  call: DisputesApexCall;
  userId: string;
  locale?: string;
  userTimeZone?: string;
}

function mount(element: Element, options: LightningDisputesOptions): { unmount(): void } {
  return mountDisputes(element, {
    port: createApexDisputesPort(options.call),
    userId: options.userId,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.userTimeZone ? { userTimeZone: options.userTimeZone } : {}),
  });
}

(window as unknown as Record<string, unknown>).CollectionsDisputes = { mount };
