/**
 * The ONE error reducer (lwc-recipes `reduceErrors` pattern): any thrown value → one view model the
 * single ErrorView renders. ConnectorError kinds map to titles and next steps; domain validation
 * errors name the field; aborts are not errors.
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
export function reduceError(error: unknown): ErrorViewModel {
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
    return { ...view('invalid_input', domainProblemInWords(error), false, [error.field]), steps: [] };
  }
  return view('unknown', ERROR_TEXTS.unknown.message, true);
}

/** Form words for the domain's field paths (the labels the forms show). */
const FIELD_WORDS: Record<string, string> = {
  count: 'Instalments',
  firstDueDate: 'First instalment',
  downPayment: 'Down payment',
  downPaymentDate: 'Down payment date',
  total: 'Plan total',
  offerAmount: 'Offer',
  dueDate: 'Date',
  amount: 'Amount',
};

/** The domain's terse rules ("must be an integer from 1 to 120, got 0") as what is wrong, the limit and what to do. */
const SENTENCES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be an integer from (\S+) to (\S+), got (.*)$/, (m) => `${m[3]} is not possible; enter a whole number from ${m[1]} to ${m[2]}.`],
  [/^must be an integer ≥ (\S+), got (.*)$/, (m) => `${m[2]} is not possible; enter a whole number of at least ${m[1]}.`],
  [/^must not be negative$/, () => 'it is below zero; enter zero or more.'],
  [/^must be less than the plan total$/, () => 'it is as large as the plan total; make it smaller than the total, or leave it empty.'],
  [/^is required with a down payment$/, () => 'missing; choose when the down payment is made.'],
  [/^must be on or before the first instalment$/, () => 'it is after the first instalment; choose a date on or before it.'],
  [/^(\d+) instalments would leave some at zero/, (m) => `${m[1]} payments would leave some at zero; use fewer instalments.`],
  [/^a plan total must be positive$/, () => 'it is zero; enter an amount above zero.'],
];

/** "Instalments: 0 is not possible; enter a whole number from 1 to 120." for a domain validation error. */
export function domainProblemInWords(error: DomainValidationError): string {
  const head = error.field.split(/[.[]/)[0] ?? error.field;
  const label = FIELD_WORDS[head] ?? head.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  const rule = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  for (const [pattern, sentence] of SENTENCES) {
    const match = rule.match(pattern);
    if (match) {
      return `${label}: ${sentence(match)}`;
    }
  }
  return `${label}: ${rule}.`;
}
