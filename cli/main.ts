/**
 * `collections`: the portfolio from a terminal. Subcommands share the connection options
 * (connection.ts): `rank` ranks the book (rank.ts), `report` writes the management report
 * (report.ts), `import` brings ERP exports in (import.ts).
 * Results go to stdout (a table, or `--json`), progress and the one failure line to stderr.
 * Exit codes: 0 done, 1 failed, 2 usage, 130 cancelled (Ctrl+C).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError } from './connection';
import type { ConnectionOptions } from './connection';
import { failureLine } from './failure';
import { runEscalate } from './escalate';
import type { EscalateCliOptions } from './escalate';
import { runImport } from './import';
import type { ImportCliOptions } from './import';
import { runRank } from './rank';
import { runReport } from './report';
import type { ReportCliOptions } from './report';

function positiveInteger(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}.`);
    }
    return n;
  };
}

function withConnectionOptions(command: Command): Command {
  return command
    .option('--instance-url <url>', 'org URL, e.g. https://acme.my.salesforce.com (with --token)')
    .option('--token <token>', 'access token (session id) for --instance-url')
    .option('--target-org <alias>', 'an org the Salesforce CLI (sf) is signed in to')
    .option('--api-version <version>', 'Salesforce API version', '66.0');
}

/** The options of commands that read the book (rank, report): whose accounts, how to compare currencies, how to read. */
function withBookOptions(command: Command, currencyHelp: string): Command {
  return command
    .option('--collector <userId...>', 'only accounts of these collectors (user ids); default: the whole org')
    .option('--currency <code>', currencyHelp)
    .option('--rates <file>', 'dated exchange rates (JSON: [{"from","to","rate","asOf"}]) when the org has none')
    .addOption(new Option('--via <mode>', 'how to read the org').choices(['auto', 'rest', 'bulk']).default('auto'));
}

export interface MainIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** Runs the CLI; resolves to the exit code (never calls process.exit, so tests can run it). */
export async function main(argv: readonly string[], io: MainIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const abort = new AbortController();
  const onSigint = (): void => abort.abort(new Error('interrupted (Ctrl+C)'));
  process.once('SIGINT', onSigint);
  let exitCode = 0;
  let instanceUrl: string | null = null;
  const program = new Command('collections')
    .description('Collections portfolio tools for Salesforce: rank the book, report to management, import ERP exports.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  withBookOptions(withConnectionOptions(program.command('rank')), "reporting currency for comparing accounts (default: the org's corporate currency)")
    .description('Rank every account of the book (or of some collectors) by who to call first, with the reasons.')
    .addOption(new Option('--top <n>', 'how many accounts to print').default(30).argParser(positiveInteger('--top', 100_000)))
    .addOption(new Option('--job-timeout <seconds>', 'how long to wait for Salesforce query jobs').default(600).argParser(positiveInteger('--job-timeout', 86_400)))
    .option('--resume <jobs>', 'pick up query jobs a timed-out run left running (kind=jobId,… as printed by that run)')
    .option('--json', 'print JSON for machines instead of a table')
    .option('--write-back', 'store each account’s score and the time on the account (Bulk API 2.0), so list views and reports can sort by it')
    .option('--quiet', 'no progress on stderr')
    .action(async (options: ConnectionOptions & RankCliOptions) => {
      exitCode = await runRank(options, { ...io, signal: abort.signal, onConnected: (url) => { instanceUrl = url; } });
    });

  withConnectionOptions(program.command('import'))
    .description('Bring open items and payments from an ERP export (SAP FBL5N, Oracle AR aging, or a mapped CSV/xlsx) into the CRM, reconciled.')
    .requiredOption('--file <path>', 'the export: .csv, .txt or .xlsx')
    .addOption(new Option('--format <format>', 'what wrote it').choices(['sap-fbl5n', 'oracle-ar-aging', 'csv']).makeOptionMandatory())
    .option('--mapping <file>', 'JSON file naming the columns of a generic CSV (required with --format csv)')
    .option('--dry-run', 'print what would change (new, changed, unchanged, to close, rejected) without writing')
    .option('--close-missing', 'close open invoices of the imported accounts that this full export no longer lists')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress on stderr')
    .addOption(new Option('--batch-size <n>', 'items per Bulk API 2.0 job').default(10_000).argParser(positiveInteger('--batch-size', 1_000_000)).hideHelp())
    .action(async (options: ConnectionOptions & ImportCliOptions) => {
      exitCode = await runImport(options, { ...io, signal: abort.signal, onConnected: (url) => { instanceUrl = url; } });
    });

  withBookOptions(withConnectionOptions(program.command('report')), "reporting currency (default: the org's corporate currency)")
    .description('Management report for a window of months: aging, cash collected, promises, DSO and CEI, collectors, disputes; as Excel, CSV or JSON.')
    .requiredOption('--from <YYYY-MM>', 'first month of the report')
    .requiredOption('--to <YYYY-MM>', 'last month of the report (inclusive)')
    .option('--out <file.xlsx>', 'write the workbook here (one sheet per report)')
    .option('--csv <dir>', 'write one CSV file per sheet into this folder')
    .option('--json', 'print the report as JSON on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(async (options: ConnectionOptions & ReportCliOptions) => {
      exitCode = await runReport(options, { ...io, signal: abort.signal, onConnected: (url) => { instanceUrl = url; } });
    });

  withConnectionOptions(program.command('escalate'))
    .description("Dispute SLA sweep: remind sales owners before the SLA date and escalate to their manager once it has passed (a task each, the dispute marked escalated).")
    .option('--strategy <file>', 'strategy JSON whose disputeSla steps to use (default: the shipped strategy)')
    .option('--calendar <file>', 'company calendar JSON: {"companyHolidays": [...], "publicHolidays": {"IN": [...]}, "weekends": {...}}')
    .option('--time-zone <zone>', "the company's zone for today's date", 'UTC')
    .option('--dry-run', 'print the steps due without writing them')
    .option('--json', 'print JSON for machines')
    .action(async (options: ConnectionOptions & EscalateCliOptions) => {
      exitCode = await runEscalate(options, { ...io, onConnected: (url) => { instanceUrl = url; } });
    });

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (help, version, usage error).
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (abort.signal.aborted) {
      io.stderr.write('Cancelled: nothing was written; query jobs still running in Salesforce were aborted.\n');
      exitCode = 130;
    } else {
      const { line, exitCode: code } = failureLine(error, instanceUrl);
      io.stderr.write(`collections: ${line}\n`);
      exitCode = code;
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return exitCode;
}

export interface RankCliOptions {
  apiVersion: string;
  collector?: string[];
  top: number;
  currency?: string;
  rates?: string;
  via: 'auto' | 'rest' | 'bulk';
  jobTimeout: number;
  resume?: string;
  json?: boolean;
  writeBack?: boolean;
  quiet?: boolean;
}

export { CliError };
