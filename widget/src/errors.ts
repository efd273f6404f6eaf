/**
 * The ONE error reducer (lwc-recipes `reduceErrors` pattern): any thrown value → one view model the
 * single ErrorView renders. ConnectorError kinds map to titles and next steps; domain validation
 * errors name the field; aborts are not errors.
 */
import { ERROR_TEXTS, isConnectorError, type ConnectorErrorKind } from '../../connector/errors';
import { DomainValidationError } from '../../connector/domain/errors';

export interface ErrorViewModel {
  kind: ConnectorErrorKind;
  title: string;
  message: string;
  /** Concrete next steps for the collector. */
  steps: readonly string[];
  retryable: boolean;
  /** Fields the CRM or domain named. */
  fields: string[];
}

/** True when the value is an abort (unmount, record change): never shown to the user. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function view(kind: ConnectorErrorKind, message: string, retryable: boolean, fields: string[] = []): ErrorViewModel {
  const { title, steps = [] } = ERROR_TEXTS[kind];
  return { kind, title, message, steps, retryable, fields };
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
  if (typeof kind === 'string' && Object.hasOwn(ERROR_TEXTS, kind)) {
    const userMessage = (error as { userMessage?: unknown }).userMessage;
    return view(kind as ConnectorErrorKind, typeof userMessage === 'string' ? userMessage : ERROR_TEXTS[kind as ConnectorErrorKind].message, true);
  }
  return view('unknown', ERROR_TEXTS.unknown.message, true);
}
