/**
 * `collections import --file PATH --format sap-fbl5n|oracle-ar-aging|csv [--mapping FILE]
 * [--dry-run] [--close-missing]`: open items and payments from an ERP export into the CRM.
 *
 * One pass over the file (streamed; cli/import/read-file.ts). Before it, one Bulk API 2.0 query each
 * for the accounts with an ERP customer number and this source's invoices and payments; each row is
 * then parsed (connector/domain/erp), matched to its account, and classified against what the CRM
 * holds: new and changed items are upserted on External_Id__c in batches, unchanged ones are not
 * sent. Upserts on the ERP key make every rerun safe: after an interrupted run (Ctrl+C, network
 * loss) the same command writes what is missing and nothing twice. Rejected rows go to
 * PATH.rejected.csv with their line and reason. The last stdout line is the summary.
 */
import { readJsonOption } from './json-file';
import type { ErpCell, ErpField, ErpFormat, ErpItem, ErpLayout, ErpMapping, ErpRow, ItemResult } from '../connector/domain/erp';
import {
  FIELD_LABELS, MappingError, ORACLE_AR_AGING, Reconciliation, isHeaderRow, itemFingerprint, locateColumns, mappedItem, mappingLayout, oracleItem,
  parseMapping, sapItem, sapLayout,
} from '../connector/domain/erp';
import { createFetchClient } from '../connector/salesforce';
import { CliError, resolveConnection } from './connection';
import type { ConnectionOptions } from './connection';
import { countingClient } from '../connector/salesforce/portfolio/bulk';
import { INVOICE_COLUMNS, INVOICE_OBJECT, PAYMENT_COLUMNS, PAYMENT_OBJECT, itemRow, readCrmState, upsertRows } from './import/crm';
import type { CrmState, UpsertResult } from './import/crm';
import { createFileProgress } from './import/file-progress';
import { FileFormatError, readRows } from './import/read-file';
import { RejectedFile, cellText } from './import/rejected';

export interface ImportCliOptions {
  apiVersion: string;
  file: string;
  format: ErpFormat;
  mapping?: string;
  dryRun?: boolean;
  closeMissing?: boolean;
  json?: boolean;
  quiet?: boolean;
  /** Items per Bulk API 2.0 job (tests make it small to interrupt between jobs). */
  batchSize?: number;
}

export interface ImportContext {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onConnected: (instanceUrl: string) => void;
}

/** What the run did; `--json` prints it, the summary line says it in words. */
export interface ImportSummary {
  file: string;
  format: ErpFormat;
  dryRun: boolean;
  rowsRead: number;
  new: number;
  changed: number;
  unchanged: number;
  toClose: number;
  created: number;
  updated: number;
  closed: number;
  rejected: number;
  rejectedFile: string | null;
  unmatchedCustomers: string[];
  apiRequests: number;
}

export const DEFAULT_BATCH_SIZE = 10_000;

interface Pending {
  item: ErpItem;
  line: number;
  cells: ErpCell[];
}

async function loadMapping(path: string): Promise<ErpMapping> {
  const json = await readJsonOption('--mapping', path);
  try {
    return parseMapping(json);
  } catch (error) {
    if (error instanceof MappingError) {
      throw new CliError(`--mapping ${path}: ${error.problems.join('; ')}.`, 2);
    }
    throw error;
  }
}

function rowOf(cells: readonly ErpCell[], index: Partial<Record<ErpField, number>>): ErpRow {
  const row: ErpRow = {};
  for (const [field, at] of Object.entries(index) as [ErpField, number][]) {
    const cell = cells[at];
    if (cell !== undefined) {
      row[field] = cell;
    }
  }
  return row;
}

function isBlank(cells: readonly ErpCell[]): boolean {
  return cells.every((cell) => cellText(cell).trim() === '');
}

export async function runImport(options: ConnectionOptions & ImportCliOptions, ctx: ImportContext): Promise<number> {
  if (options.format === 'csv' && !options.mapping) {
    throw new CliError('--format csv needs --mapping FILE: a JSON file naming the columns (see "Importing from SAP, Oracle or a spreadsheet" in the README).', 2);
  }
  const mapping = options.mapping ? await loadMapping(options.mapping) : null;
  const progress = createFileProgress(ctx.stderr, options.quiet === true);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const rows = readRows(options.file, { delimiter: mapping?.delimiter, encoding: mapping?.encoding, signal: ctx.signal, onBytes: (read, total) => progress.bytes(read, total, rowsRead) });

  // The header: the first non-blank row (line 1 in an export as SAP and Oracle write them).
  let rowsRead = 0;
  let first: IteratorResult<Awaited<ReturnType<typeof rows.next>>['value']>;
  try {
    do {
      first = await rows.next();
    } while (!first.done && isBlank(first.value.cells));
  } catch (error) {
    throw asFileError(error, options.file);
  }
  if (first.done) {
    throw new CliError(`${options.file} is empty: no header row.`, 2);
  }
  const header: string[] = first.value.cells.map(cellText);
  const layout: ErpLayout = options.format === 'sap-fbl5n' ? sapLayout(header, mapping?.decimalSeparator)
    : options.format === 'oracle-ar-aging' ? ORACLE_AR_AGING : mappingLayout(mapping as ErpMapping);
  const located = locateColumns(header, layout);
  if (located.missing.length > 0) {
    const wanted = [...new Set(located.missing)].map((field) => `${FIELD_LABELS[field]} (${(layout.headers[field] ?? []).join(' / ')})`);
    throw new CliError(`${options.file} (line ${first.value.line}) lacks columns for ${wanted.join(', ')}; its header has ${header.filter((h) => h.trim() !== '').join(', ')}.`, 2);
  }
  const toItem = (row: ErpRow): ItemResult => (layout.format === 'sap-fbl5n' ? sapItem(row, layout) : layout.format === 'oracle-ar-aging' ? oracleItem(row, layout) : mappedItem(row, layout, mapping as ErpMapping));

  const connection = await resolveConnection(options, ctx.env);
  ctx.onConnected(connection.instanceUrl);
  const counted = countingClient(createFetchClient({ instanceUrl: connection.instanceUrl, getAccessToken: () => connection.accessToken, apiVersion: options.apiVersion }));
  const { client } = counted;
  progress.note(`Reading what ${connection.instanceUrl} holds (accounts with an ERP customer number, ${layout.source} invoices and payments)…`);
  const crm: CrmState = await readCrmState(client, layout.source, ctx.signal);

  const rejectedPath = `${options.file}.rejected.csv`;
  const rejected = new RejectedFile(rejectedPath, header);
  const reconciliation = new Reconciliation(crm.existing);
  const unmatched = new Set<string>();
  const summary: ImportSummary = {
    file: options.file, format: options.format, dryRun: options.dryRun === true, rowsRead: 0, new: 0, changed: 0, unchanged: 0, toClose: 0,
    created: 0, updated: 0, closed: 0, rejected: 0, rejectedFile: null, unmatchedCustomers: [], apiRequests: 0,
  };
  let pending: Pending[] = [];

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    if (options.dryRun || batch.length === 0) {
      return;
    }
    for (const [object, columns, kind] of [[INVOICE_OBJECT, INVOICE_COLUMNS, 'invoice'], [PAYMENT_OBJECT, PAYMENT_COLUMNS, 'money']] as const) {
      const part = batch.filter((p) => p.item.kind === kind);
      if (part.length === 0) {
        continue;
      }
      const written: UpsertResult = await upsertRows(client, object, columns, part.map((p) => itemRow(p.item, crm.accounts.get(p.item.customerNumber) as string)), ctx.signal);
      summary.created += written.created;
      summary.updated += written.updated;
      for (const p of part) {
        const error = written.failures.get(p.item.externalId);
        if (error !== undefined) {
          rejected.add(p.line, `the CRM refused it: ${error}`, p.cells);
        }
      }
    }
  };

  try {
    try {
      for await (const { line, cells } of rows) {
        if (isBlank(cells) || isHeaderRow(cells.map(cellText), header)) {
          continue;
        }
        rowsRead += 1;
        const result = toItem(rowOf(cells, located.index));
        if (!result.ok) {
          rejected.add(line, result.reason, cells);
          continue;
        }
        const item = result.item;
        const accountId = crm.accounts.get(item.customerNumber);
        if (accountId === undefined) {
          unmatched.add(item.customerNumber);
          rejected.add(line, `customer ${item.customerNumber} has no account in the CRM (no account has this ERP Customer Number)`, cells);
          continue;
        }
        const classified = reconciliation.classify(item.externalId, itemFingerprint(item, accountId), accountId, line);
        if ('duplicateOfLine' in classified) {
          rejected.add(line, `the same ERP item (${item.externalId}) is already on line ${classified.duplicateOfLine}`, cells);
          continue;
        }
        if (classified.outcome !== 'unchanged') {
          pending.push({ item, line, cells });
          if (pending.length >= batchSize) {
            if (!options.dryRun) {
              progress.note(`Writing ${pending.length} items (Bulk API 2.0)…`);
            }
            await flush();
          }
        }
      }
    } catch (error) {
      throw asFileError(error, options.file);
    }
    if (pending.length > 0 && !options.dryRun) {
      progress.note(`Writing ${pending.length} items (Bulk API 2.0)…`);
    }
    await flush();
    summary.rowsRead = rowsRead;
    Object.assign(summary, reconciliation.counts);
    if (options.closeMissing) {
      const toClose = reconciliation.toClose(crm.openInvoices, layout.source);
      summary.toClose = toClose.length;
      if (!options.dryRun && toClose.length > 0) {
        progress.note(`Closing ${toClose.length} open invoices the export no longer lists…`);
        const closed = await upsertRows(client, INVOICE_OBJECT, ['External_Id__c', 'Balance__c', 'Status__c'], toClose.map((id) => ({ External_Id__c: id, Balance__c: '0', Status__c: 'Paid' })), ctx.signal);
        summary.closed = closed.updated;
        for (const [id, error] of closed.failures) {
          progress.note(`Could not close ${id}: ${error}`);
        }
      }
    }
  } catch (error) {
    progress.stop();
    await rejected.close();
    if (ctx.signal.aborted) {
      ctx.stderr.write(`Cancelled after ${rowsRead} rows: what was written stays (each item once, by its ERP key); run the same command again to finish.\n`);
      return 130;
    }
    throw error;
  }
  progress.stop();
  await rejected.close();
  summary.rejected = rejected.count;
  summary.rejectedFile = rejected.count > 0 ? rejectedPath : null;
  summary.unmatchedCustomers = [...unmatched].sort();
  summary.apiRequests = counted.requests();
  ctx.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
  // A scheduler's mail or alert should notice rows left out: exit 1, though everything else was written.
  return summary.rejected > 0 ? 1 : 0;
}

function asFileError(error: unknown, file: string): unknown {
  if (error instanceof FileFormatError) {
    return new CliError(`${file}${error.line ? ` line ${error.line}` : ''}: ${error.message}`, 2);
  }
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new CliError(`${file} does not exist.`, 2);
  }
  return error;
}

/** Lines for people; the last one is the summary a cron mail or a script reads. */
export function renderSummary(s: ImportSummary): string {
  const out: string[] = [];
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  if (s.unmatchedCustomers.length > 0) {
    const shown = s.unmatchedCustomers.slice(0, 10).join(', ');
    out.push(`${plural(s.unmatchedCustomers.length, 'customer has', 'customers have')} no CRM account with that ERP Customer Number: ${shown}${s.unmatchedCustomers.length > 10 ? ', …' : ''}`);
  }
  if (s.rejectedFile) {
    out.push(`${plural(s.rejected, 'row was', 'rows were')} not imported; each is in ${s.rejectedFile} with its line and the reason.`);
  }
  if (s.dryRun) {
    out.push(`Dry run, nothing written: rows read ${s.rowsRead}, new ${s.new}, changed ${s.changed}, unchanged ${s.unchanged}, to close ${s.toClose}, rejected ${s.rejected}`);
  } else {
    out.push(`Rows read ${s.rowsRead}, created ${s.created}, updated ${s.updated}, closed ${s.closed}, rejected ${s.rejected} (unchanged ${s.unchanged})`);
  }
  return `${out.join('\n')}\n`;
}
