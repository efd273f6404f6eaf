/**
 * `collections escalate`: the dispute SLA sweep (decision 0022). Reminds sales owners before the
 * SLA date and escalates to their manager once it has passed, per the strategy's dispute SLA steps
 * on the debtor's business days; every step is written to the CRM once (connector/salesforce/disputes/sweep.ts).
 * Meant to run on a schedule (cron, CI) under an integration user, so nothing depends on someone
 * opening a list.
 */
import type { CompanyCalendar } from '../connector/domain/disputes-sla/calendar';
import { DEFAULT_STRATEGY } from '../connector/domain/strategy/defaults';
import { disputeSlaPolicyOf } from '../connector/domain/strategy/dispute-sla';
import { parseStrategy } from '../connector/domain/strategy/parse';
import type { Strategy } from '../connector/domain/strategy/schema';
import { DomainValidationError } from '../connector/domain/errors';
import { createFetchClient } from '../connector/salesforce';
import { presetMapping } from '../connector/salesforce/mapping/presets';
import { sweepDisputeSla } from '../connector/salesforce/disputes/sweep';
import { isValidTimeZone } from '../connector/domain/time';
import { CliError, resolveConnection } from './connection';
import type { ConnectionOptions } from './connection';
import { readJsonOption } from './json-file';

export interface EscalateCliOptions {
  apiVersion: string;
  strategy?: string;
  calendar?: string;
  timeZone: string;
  dryRun?: boolean;
  json?: boolean;
}

export interface EscalateContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  onConnected(instanceUrl: string): void;
  now?: () => Date;
}

/** The strategy in the file; a usage error naming the file and the field when it is not a valid strategy. */
async function readStrategy(path: string): Promise<Strategy> {
  const json = await readJsonOption('--strategy', path);
  try {
    return parseStrategy(json);
  } catch (error) {
    if (error instanceof DomainValidationError) {
      throw new CliError(`--strategy ${path}: ${error.message}.`, 2);
    }
    throw error;
  }
}

export async function runEscalate(options: ConnectionOptions & EscalateCliOptions, ctx: EscalateContext): Promise<number> {
  if (!isValidTimeZone(options.timeZone)) {
    throw new CliError(`--time-zone must be an IANA zone such as Europe/London (got ${JSON.stringify(options.timeZone)}).`, 2);
  }
  const strategy = options.strategy ? await readStrategy(options.strategy) : DEFAULT_STRATEGY;
  const calendar = options.calendar ? ((await readJsonOption('--calendar', options.calendar)) as CompanyCalendar) : undefined;
  const connection = await resolveConnection(options, ctx.env);
  ctx.onConnected(connection.instanceUrl);
  const client = createFetchClient({ instanceUrl: connection.instanceUrl, getAccessToken: () => connection.accessToken, apiVersion: options.apiVersion });
  const result = await sweepDisputeSla({
    client, mapping: presetMapping('product'), policy: disputeSlaPolicyOf(strategy), now: (ctx.now ?? (() => new Date()))(), timeZone: options.timeZone,
    ...(calendar ? { calendar } : {}), ...(options.dryRun ? { dryRun: true } : {}),
  });
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const verb = (s: (typeof result.steps)[number]): string => (s.action === 'escalate_owner_manager' ? "escalated to the owner's manager" : 'owner reminded');
    for (const step of result.steps) {
      const how = step.outcome === 'dry_run' ? ' (dry run: not written)' : step.outcome === 'already_written' ? ' (already done)' : '';
      ctx.stdout.write(`Dispute ${step.caseNumber ?? step.caseId} · ${step.accountName} · SLA ${step.slaDueDate}: ${verb(step)}${how}\n`);
    }
    ctx.stdout.write(`${result.checked} open unanswered dispute${result.checked === 1 ? '' : 's'} checked; ${result.steps.filter((s) => s.outcome === 'written').length} step(s) written.\n`);
  }
  for (const problem of result.problems) {
    ctx.stderr.write(`${problem}\n`);
  }
  return 0;
}
