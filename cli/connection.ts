/**
 * Where the CLI connects: `--instance-url` + `--token`, else `--target-org ALIAS` through the
 * Salesforce CLI (`sf org display --json`, "sf org display" in the Salesforce CLI Command
 * Reference), else the environment (`SF_INSTANCE_URL` + `SF_ACCESS_TOKEN`, or `SF_TARGET_ORG`).
 * Every failure is a `CliError`: one line that says what is wrong and what to do.
 */
import { execFile } from 'node:child_process';
import type { PortfolioScope } from '../connector/portfolio-source';
import { isSalesforceId } from '../connector/salesforce/ids';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ConnectionOptions {
  instanceUrl?: string | undefined;
  token?: string | undefined;
  targetOrg?: string | undefined;
}

export interface Connection {
  instanceUrl: string;
  accessToken: string;
  /** How it was found, for the progress header ("--target-org uat", "environment"). */
  via: string;
}

/** Runs `sf` with arguments; resolves with stdout, rejects with { code, stdout, stderr }. */
export type RunCommand = (file: string, args: readonly string[]) => Promise<{ stdout: string }>;

const runWithExecFile: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(Object.assign(error, { stdout, stderr }));
      } else {
        resolve({ stdout });
      }
    });
  });

export async function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env, run: RunCommand = runWithExecFile): Promise<Connection> {
  if (options.instanceUrl || options.token) {
    if (!options.instanceUrl || !options.token) {
      throw new CliError('--instance-url and --token go together: pass both, or use --target-org ALIAS.', 2);
    }
    return { instanceUrl: checkUrl(options.instanceUrl, '--instance-url'), accessToken: options.token, via: '--instance-url' };
  }
  const alias = options.targetOrg ?? env.SF_TARGET_ORG;
  if (alias) {
    return orgFromSalesforceCli(alias, run);
  }
  if (env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
    return { instanceUrl: checkUrl(env.SF_INSTANCE_URL, 'SF_INSTANCE_URL'), accessToken: env.SF_ACCESS_TOKEN, via: 'environment' };
  }
  throw new CliError('No org to connect to: pass --instance-url URL --token TOKEN, or --target-org ALIAS (Salesforce CLI), or set SF_INSTANCE_URL and SF_ACCESS_TOKEN.', 2);
}

function checkUrl(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error('not http');
    }
    return url.origin;
  } catch {
    throw new CliError(`${name} must be the org's URL, like https://acme.my.salesforce.com (got ${JSON.stringify(value)}).`, 2);
  }
}

async function orgFromSalesforceCli(alias: string, run: RunCommand): Promise<Connection> {
  let stdout: string;
  try {
    ({ stdout } = await run('sf', ['org', 'display', '--json', '--target-org', alias]));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string };
    if (failure.code === 'ENOENT') {
      throw new CliError('The Salesforce CLI (sf) is not installed here: install it, or pass --instance-url and --token instead of --target-org.');
    }
    // sf answers failures as JSON on stdout with a non-zero exit ({ status, name, message }).
    const message = parseSfMessage(failure.stdout) ?? failure.message;
    throw new CliError(`Unknown org alias "${alias}": ${message.replace(/\s+/g, ' ').trim()} Run sf org login web --alias ${alias}, or pass --instance-url and --token.`);
  }
  let result: { accessToken?: unknown; instanceUrl?: unknown } | undefined;
  try {
    result = (JSON.parse(stdout) as { result?: { accessToken?: unknown; instanceUrl?: unknown } }).result;
  } catch {
    throw new CliError(`sf org display --target-org ${alias} did not answer JSON; update the Salesforce CLI.`);
  }
  if (typeof result?.accessToken !== 'string' || typeof result.instanceUrl !== 'string') {
    throw new CliError(`sf org display --target-org ${alias} gave no access token: sign in again with sf org login web --alias ${alias}.`);
  }
  return { instanceUrl: checkUrl(result.instanceUrl, 'the org URL from sf'), accessToken: result.accessToken, via: `--target-org ${alias}` };
}

function parseSfMessage(stdout: string | undefined): string | null {
  if (!stdout) {
    return null;
  }
  try {
    const parsed = JSON.parse(stdout) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : null;
  } catch {
    return null;
  }
}

/**
 * The accounts a run reads: the whole org, or those of the collectors named by user id. Ids are
 * checked here so a typo is a usage error in words, not a query failure.
 */
export function scopeOf(collectorIds: readonly string[] | undefined): PortfolioScope {
  if (!collectorIds?.length) {
    return { kind: 'org' };
  }
  const bad = collectorIds.filter((id) => !isSalesforceId(id) || !id.startsWith('005'));
  if (bad.length > 0) {
    throw new CliError(`--collector takes Salesforce user ids (18 characters starting 005, as in the user's URL), not ${bad.map((id) => JSON.stringify(id)).join(', ')}.`, 2);
  }
  return { kind: 'collectors', collectorIds };
}
