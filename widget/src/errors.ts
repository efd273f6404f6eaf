/**
 * The ONE error reducer (lwc-recipes `reduceErrors` pattern): any thrown value → one view model the
 * single ErrorView renders. ConnectorError kinds map to titles and next steps; domain validation
 * errors name the field (and the problem in the forms' words when the caller passes them: problem-words.ts,
 * which loads with the forms; issue 18); aborts are not errors.
 */
import { ERROR_TEXTS, type ConnectorErrorKind } from '../../connector/errors';
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

/** Kinds whose view always offers a retry: after signing in again, after the allowance resets, or just in case. */
const ALWAYS_RETRYABLE: readonly ConnectorErrorKind[] = ['session_expired', 'limit_exceeded', 'unknown'];

/**
 * Reduce anything thrown by the port or the domain to the one error view model. A ConnectorError is
 * recognised by its kind, not by `instanceof`: its serialized form from extension messaging is a plain
 * object with the same fields, and the panel's page bundle then needs no ConnectorError class.
 */
export function reduceError(error: unknown, problemInWords?: (error: DomainValidationError) => string): ErrorViewModel {
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string' && Object.hasOwn(ERROR_TEXTS, kind)) {
    const known = kind as ConnectorErrorKind;
    const { userMessage, retryable, fields } = error as { userMessage?: unknown; retryable?: unknown; fields?: unknown };
    return view(
      known,
      typeof userMessage === 'string' ? userMessage : ERROR_TEXTS[known].message,
      // A serialized error (not an Error instance) always offers a retry, as before it crossed the boundary.
      !(error instanceof Error) || retryable === true || ALWAYS_RETRYABLE.includes(known),
      Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [],
    );
  }
  if (error instanceof DomainValidationError) {
    // Domain validation names the field; no generic steps apply.
    return { ...view('invalid_input', problemInWords?.(error) ?? ERROR_TEXTS.invalid_input.message, false, [error.field]), steps: [] };
  }
  return view('unknown', ERROR_TEXTS.unknown.message, true);
}
