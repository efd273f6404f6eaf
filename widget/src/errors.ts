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

/** Reduce anything thrown by the port or the domain to the one error view model. */
export function reduceError(error: unknown): ErrorViewModel {
  if (isConnectorError(error)) {
    return {
      kind: error.kind,
      title: TITLES[error.kind],
      message: error.userMessage,
      steps: STEPS[error.kind] ?? [],
      retryable: error.retryable || error.kind === 'session_expired' || error.kind === 'limit_exceeded' || error.kind === 'unknown',
      fields: error.fields,
    };
  }
  if (error instanceof DomainValidationError) {
    return { kind: 'invalid_input', title: TITLES.invalid_input, message: error.message, steps: [], retryable: false, fields: [error.field] };
  }
  // Extension messaging may hand us a serialized error (plain object with a kind).
  if (typeof error === 'object' && error !== null && typeof (error as { kind?: unknown }).kind === 'string' && (error as { kind: string }).kind in TITLES) {
    const kind = (error as { kind: ConnectorErrorKind }).kind;
    const userMessage = (error as { userMessage?: unknown }).userMessage;
    return {
      kind,
      title: TITLES[kind],
      message: typeof userMessage === 'string' ? userMessage : DEFAULT_USER_MESSAGES[kind],
      steps: STEPS[kind] ?? [],
      retryable: true,
      fields: [],
    };
  }
  return { kind: 'unknown', title: TITLES.unknown, message: DEFAULT_USER_MESSAGES.unknown, steps: [], retryable: true, fields: [] };
}
