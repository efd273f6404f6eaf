/**
 * `collections report`: one portfolio pass over a history window (PortfolioSource `history`), the
 * domain's management report (connector/domain/reports: aging, cash collected, promises, month-end
 * DSO/CEI, collectors, disputes) written as an .xlsx (--out), one CSV per sheet (--csv DIR) and/or
 * JSON (--json). Made to run unattended (cron, CI schedulers): progress goes to stderr only, the
 * exit code says whether files were written, and each failure is one line (failure.ts).
 */
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { aggregatePortfolio, buildManagementReport, computeFacts, DomainValidationError, reportMonths, reportSheets } from '../connector/domain';
import type { ManagementReport, ReportSheet } from '../connector/domain';
import { readReportPass } from '../connector/report-pass';
import { createFetchClient, productPreset } from '../connector/salesforce';
import { createBulkQueryApi } from '../connector/salesforce/portfolio/bulk';
import { readOrgCurrencies } from '../connector/salesforce/portfolio/rates';
import { createSalesforcePortfolioSource } from '../connector/salesforce/portfolio/source';
import { CliError, resolveConnection, scopeOf } from './connection';
import type { ConnectionOptions } from './connection';
import { createProgressReporter } from './progress';
import { readRatesFile, singleCurrency } from './rank';
import { writeCsvFiles, xlsxBytes } from './report-files';

export interface ReportCliOptions {
  apiVersion: string;
  from: string;
  to: string;
  out?: string;
  csv?: string;
  json?: boolean;
  collector?: string[];
  currency?: string;
  rates?: string;
  via: 'auto' | 'rest' | 'bulk';
  quiet?: boolean;
}

export interface ReportContext {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onConnected: (instanceUrl: string) => void;
  now?: () => Date;
}

/** What `--json` prints: the report, the sheets exactly as the workbook holds them, and what the pass cost. */
export interface ReportJson {
  report: ManagementReport;
  sheets: ReportSheet[];
  files: string[];
  dataQuality: { count: number; examples: string[] };
  apiRequests: number;
  via: string;
}

function checkWindow(from: string, to: string): void {
  try {
    reportMonths(from, to);
  } catch (error) {
    if (error instanceof DomainValidationError) {
      throw new CliError(`--from ${from} --to ${to}: ${error.message} (months are YYYY-MM, --from not after --to, at most 120 months).`, 2);
    }
    throw error;
  }
}

/** Writes to a temporary name first, then renames: a scheduler never picks up half a workbook. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

export async function runReport(options: ConnectionOptions & ReportCliOptions, ctx: ReportContext): Promise<number> {
  checkWindow(options.from, options.to);
  if (!options.out && !options.csv && !options.json) {
    throw new CliError('Say where the report goes: --out report.xlsx, --csv DIR and/or --json.', 2);
  }
  if (options.out && !options.out.toLowerCase().endsWith('.xlsx')) {
    throw new CliError(`--out ${options.out}: the workbook name must end in .xlsx.`, 2);
  }
  const now = ctx.now ?? ((): Date => new Date());
  // Options first: a mistyped one is its usage line before any connection or API request.
  const scope = scopeOf(options.collector);
  const fileRates = options.rates ? await readRatesFile(options.rates) : null;
  const connection = await resolveConnection(options, ctx.env);
  ctx.onConnected(connection.instanceUrl);
  const client = createFetchClient({ instanceUrl: connection.instanceUrl, getAccessToken: () => connection.accessToken, apiVersion: options.apiVersion });
  const progress = createProgressReporter(ctx.stderr, options.quiet === true);
  progress.note(`Reading ${connection.instanceUrl} (${connection.via}) for ${options.from} to ${options.to}…`);

  const org = fileRates ? null : await readOrgCurrencies(client, ctx.signal);
  const source = createSalesforcePortfolioSource({ client, mapping: productPreset(org?.corporateCurrency ?? options.currency ?? 'USD'), bulk: createBulkQueryApi(client), now });
  const { book, history: collector, notes } = await readReportPass(source, { scope, from: options.from, mode: options.via, signal: ctx.signal, onProgress: (p) => progress.update(p) });
  progress.stop();
  const pass = source.lastPass();

  const reportingCurrency = options.currency ?? org?.corporateCurrency ?? singleCurrency(book);
  const rates = fileRates ?? org?.rates ?? [];
  const instant = now();
  const aggregates = aggregatePortfolio(computeFacts(book, { asOf: instant.toISOString(), reportingCurrency, rates }));
  const report = buildManagementReport(collector.history(options.collector), { from: options.from, to: options.to, asOf: instant.toISOString().slice(0, 10), reportingCurrency, rates }, aggregates);
  const sheets = reportSheets(report);

  const files: string[] = [];
  if (options.out) {
    progress.note(`Writing ${options.out}…`);
    await writeAtomically(options.out, await xlsxBytes(sheets));
    files.push(options.out);
  }
  if (options.csv) {
    files.push(...(await writeCsvFiles(sheets, options.csv)));
  }
  const json: ReportJson = {
    report,
    sheets,
    files,
    dataQuality: { count: notes.length, examples: notes.slice(0, 3).map((n) => n.message) },
    apiRequests: (pass?.apiRequests ?? 0) + (org ? 1 : 0),
    via: pass?.via ?? 'rest',
  };
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    ctx.stdout.write(`Report ${options.from} to ${options.to} for ${report.accounts} accounts, amounts in ${report.currency}: ${files.join(', ')}\n`);
    if (notes.length > 0) {
      ctx.stdout.write(`${notes.length} CRM records could not be read and are left out, e.g. ${notes[0]?.message ?? ''}\n`);
    }
    ctx.stdout.write(`Read with ${json.apiRequests} API requests (${json.via === 'bulk' ? 'Bulk API 2.0' : 'REST'}).\n`);
  }
  return 0;
}
