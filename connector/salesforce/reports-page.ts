/**
 * Page entry of the reports tab's reader (dist/connector/collections-reports.iife.js, global
 * `CollectionsReportsReader`): the report pass and today's aggregates, apart from the worklist's reader
 * so the worklist page does not carry them (~11 KB gzip).
 */
export { createReportReader } from './portfolio/report-page';
export type { PageReportData, PageReportReader } from './portfolio/report-page';
