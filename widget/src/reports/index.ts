/**
 * The reports view as its own widget entry (dist/widget/reports/reports.js, ESM), apart from the
 * panel so the panel's budget is untouched and the view has its own size ceiling
 * (widget/reports-size.test.ts). The xlsx writer is a lazy chunk loaded on Export.
 *
 *   const handle = CollectionsReports.mount(element, { ...readerAnswer, locale }); handle.unmount();
 *
 * Hosts pass the report reader's answer as it is (connector/salesforce/portfolio/report-page.ts
 * PageReportData; the view ignores its notes and request count) and the view owns what to show,
 * including when no currency can add the book up.
 */
import { h, render } from 'preact';
import css from './reports.css?inline';
import { ReportsView, type ReportsViewProps } from './ReportsView';

export interface ReportsHandle {
  update(props: ReportsViewProps): void;
  unmount(): void;
}

function mount(element: HTMLElement, props: ReportsViewProps): ReportsHandle {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.replaceChildren(style, container);
  render(h(ReportsView, props), container);
  return {
    update: (next) => render(h(ReportsView, next), container),
    unmount: () => {
      render(null, container);
      root.replaceChildren();
    },
  };
}

export const CollectionsReports = { mount };
export { ReportsView };
export type { ReportsViewProps };
