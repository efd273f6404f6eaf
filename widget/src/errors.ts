/**
 * The ONE error reducer (lwc-recipes `reduceErrors` pattern): any thrown value → one view model the
 * single ErrorView renders. ConnectorError kinds map to titles and next steps; domain validation
 * errors name the field; aborts are not errors.
 */
import { DEFAULT_USER_MESSAGES, isConnectorError, type ConnectorErrorKind } from '../../connector/errors';
import { DomainValidationError } from '../../connector/domain/errors';

export interface ErrorViewModel {
  kind: ConnectorErrorKind;
  title: string;
  message: string;
  /** Concrete next steps for the collector. */
  steps: string[];
  retryable: boolean;
  /** Fields the CRM or domain named. */
  fields: string[];
}

const TITLES: Record<ConnectorErrorKind, string> = {
  session_expired: 'Session expired',
  api_disabled: 'API access not allowed',
  limit_exceeded: 'Daily API limit reached',
  validation: 'Salesforce rejected the record',
  row_lock: 'Record busy',
  insufficient_access: 'No access',
  not_found: 'Record not found',
  network: 'Offline or unreachable',
  timeout: 'Request timed out',
  configuration: 'Org setup incomplete',
  malformed_response: 'Unreadable answer',
  invalid_input: 'Check your input',
  unknown: 'Something went wrong',
};

const STEPS: Partial<Record<ConnectorErrorKind, string[]>> = {
  session_expired: ['Open Salesforce in this browser and sign in again.', 'Come back to this tab and choose Try again.'],
  api_disabled: ['Ask your Salesforce admin to allow API access for your profile or this app.'],
  limit_exceeded: ['Your work is kept here; try again after the allowance resets (rolling 24 hours).'],
  insufficient_access: ['Ask your admin for the Collections permission set.'],
  configuration: ['Ask your admin to run "Check my org" in the panel options.'],
  network: ['Check your connection, then choose Try again.'],
  timeout: ['Choose Try again; a retry never creates a duplicate.'],
  row_lock: ['Wait a moment, then choose Try again.'],
};

/** True when the value is an abort (unmount, record change): never shown to the user. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function view(kind: ConnectorErrorKind, message: string, retryable: boolean, fields: string[] = []): ErrorViewModel {
  return { kind, title: TITLES[kind], message, steps: STEPS[kind] ?? [], retryable, fields };
}

/** Reduce anything thrown by the port or the domain to the one error view model. */
export function reduceError(error: unknown): ErrorViewModel {
  if (isConnectorError(error)) {
    const { kind } = error;
    return view(kind, error.userMessage, error.retryable || kind === 'session_expired' || kind === 'limit_exceeded' || kind === 'unknown', error.fields);
  }
  if (error instanceof DomainValidationError) {
    // Domain validation names the field; no generic steps apply.
    return { ...view('invalid_input', error.message, false, [error.field]), steps: [] };
  }
  // Extension messaging may hand us a serialized error (plain object with a kind).
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && kind in TITLES) {
    const userMessage = (error as { userMessage?: unknown }).userMessage;
    return view(kind as ConnectorErrorKind, typeof userMessage === 'string' ? userMessage : DEFAULT_USER_MESSAGES[kind as ConnectorErrorKind], true);
  }
  return view('unknown', DEFAULT_USER_MESSAGES.unknown, true);
}
