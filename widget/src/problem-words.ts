/**
 * The forms' words for the domain's validation errors: their labels for the domain's field paths and
 * the terse rules rephrased as what is wrong, the limit and what to do. Only the forms show these, so
 * this file loads with the forms chunk, not on the panel's first paint (issue 18, decision 0018).
 */
import type { DomainValidationError } from '../../connector/domain/errors';

/** A domain field path's head in words: `firstDueDate[2]` → "First Due Date". */
function fieldInWords(field: string): string {
  const head = field.split(/[.[]/)[0] ?? field;
  return head.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** The domain's rule without the field path it may start with. */
function ruleOf(error: DomainValidationError): string {
  return error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
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
  const label = FIELD_WORDS[error.field.split(/[.[]/)[0] ?? error.field] ?? fieldInWords(error.field);
  const rule = ruleOf(error);
  for (const [pattern, sentence] of SENTENCES) {
    const match = rule.match(pattern);
    if (match) {
      return `${label}: ${sentence(match)}`;
    }
  }
  return `${label}: ${rule}.`;
}
