/**
 * The `collectionsWorklist` static resource: an IIFE for the Collections_Worklist Lightning tab.
 * Sets `window.CollectionsWorklist.mount(el, { call, collectorId, onOpen, locale, userTimeZone })`:
 * the widget's worklist over the connector's portfolio source, whose queries go through Apex
 * (`call` invokes CollectionsPortfolioController; portfolio-apex.ts). Assigned on `window`
 * explicitly for Lightning Web Security, as the panel's entry does.
 */
import { mount as mountWorklist } from '../../widget/src/worklist/index';
import type { WorklistHandle } from '../../widget/src/worklist/index';
import { createApexPortfolioReader } from './portfolio-apex';
import type { ApexCall } from './portfolio-apex';

export interface LightningWorklistOptions {
  call: ApexCall;
  collectorId: string;
  onOpen: (accountId: string) => void;
  locale?: string;
  userTimeZone?: string;
}

function mount(element: Element, options: LightningWorklistOptions): WorklistHandle {
  const reader = createApexPortfolioReader(options.call);
  return mountWorklist(element, {
    source: reader.source,
    currencies: (signal) => reader.readCurrencies(signal),
    collectorId: options.collectorId,
    onOpen: options.onOpen,
    locale: options.locale,
    userTimeZone: options.userTimeZone,
  });
}

(window as unknown as Record<string, unknown>).CollectionsWorklist = { mount };
