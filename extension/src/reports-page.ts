/**
 * The extension's reports page (reports.html?org=…&lightning=…): the report pass runs in the service
 * worker ('report-read', connector/report-pass.ts); the page mounts the widget's reports view with
 * the figures it answers.
 */
import { CollectionsReports } from '../../widget/src/reports/index';
import type { ReportsViewProps } from '../../widget/src/reports/index';
import { askWorker, pageParams, showStatus } from './page-ask';

async function main(): Promise<void> {
  const params = pageParams();
  if (!params) {
    showStatus('Open the reports from a Salesforce page (the Collections dock).', true);
    return;
  }
  showStatus('Reading the book for the reports…');
  try {
    const data = (await askWorker({ kind: 'report-read', orgKey: params.orgKey })) as Omit<ReportsViewProps, 'locale'>;
    showStatus('');
    CollectionsReports.mount(document.getElementById('reports')!, { ...data, locale: navigator.language || 'en-US' });
  } catch (error) {
    showStatus(error instanceof Error ? error.message : 'The reports could not be read.', true);
  }
}

void main();
