/**
 * One line for any failure of a CLI run: what went wrong, and what to do. The panel's wording is
 * for a browser; a terminal user needs the org and the command to run instead.
 */
import { isConnectorError } from '../connector/errors';
import { CliError } from './connection';

export function failureLine(error: unknown, instanceUrl: string | null): { line: string; exitCode: number } {
  if (error instanceof CliError) {
    return { line: error.message, exitCode: error.exitCode };
  }
  const org = instanceUrl ?? 'the org';
  if (isConnectorError(error)) {
    const detail = error.message && error.message !== error.userMessage ? ` (${error.message.replace(/\s+/g, ' ').slice(0, 300)})` : '';
    switch (error.kind) {
      case 'session_expired':
        return { line: `${org} refused the access token: it is wrong or has expired. Get a fresh one (sf org display --target-org ALIAS) or sign in again.`, exitCode: 1 };
      case 'network':
        return { line: `Cannot reach ${org}: check the URL and your network${detail}.`, exitCode: 1 };
      case 'timeout': {
        const jobs = (error as { jobs?: Record<string, string> }).jobs;
        if (jobs && Object.keys(jobs).length > 0) {
          const resume = Object.entries(jobs).map(([kind, id]) => `${kind}=${id}`).join(',');
          return { line: `${error.userMessage} Run the same command again with --resume ${resume} to read the jobs when they are done.`, exitCode: 1 };
        }
        return { line: `${error.userMessage}${detail}`, exitCode: 1 };
      }
      case 'limit_exceeded':
        return { line: `${org} has used its daily API allowance; nothing was changed. Try again when it resets (rolling 24 hours).`, exitCode: 1 };
      case 'api_disabled':
      case 'insufficient_access':
        return { line: `Your user may not do this in ${org}: ask your admin for API access and the Collections permission set${detail}.`, exitCode: 1 };
      case 'configuration':
        return { line: `${org} lacks the collections objects or fields this command reads: deploy the package (salesforce/)${detail}.`, exitCode: 1 };
      default:
        return { line: `${error.userMessage}${detail}`, exitCode: 1 };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `Unexpected failure: ${message}`, exitCode: 1 };
}
