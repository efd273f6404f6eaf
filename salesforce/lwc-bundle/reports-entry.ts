/**
 * The `collectionsReports` static resource: an IIFE for the Collections_Reports Lightning tab.
 * Sets `window.CollectionsReports.mount(el, { call, locale })`: runs the report pass (the
 * connector's, connector/report-pass.ts) over the Apex client (portfolio-apex.ts), then mounts the
 * widget's reports view with its figures. Returns a promise of the view's handle.
 */
import { CollectionsReports as ReportsWidget } from '../../widget/src/reports/index';
import type { ReportsHandle } from '../../widget/src/reports/index';
import { reportReaderOver } from '../../connector/salesforce/portfolio/report-page';
import { createApexPortfolioReader } from './portfolio-apex';
import type { ApexCall } from './portfolio-apex';

export interface LightningReportsOptions {
  call: ApexCall;
  locale?: string;
}

async function mount(element: HTMLElement, options: LightningReportsOptions): Promise<ReportsHandle> {
  const { client, source } = createApexPortfolioReader(options.call);
  const data = await reportReaderOver(client, source).readReport();
  return ReportsWidget.mount(element, { ...data, locale: options.locale ?? 'en-US' });
}

(window as unknown as Record<string, unknown>).CollectionsReports = { mount };
