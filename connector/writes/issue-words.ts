/**
 * A port schema's refusal in words for the collector (issue 17: a 40,000-character note was
 * answered "Please check: notes"): what is wrong, the limit, and what to do. CRM-neutral; the
 * field path stays in the error's `fields` and `detail` for developers.
 */

/** The parts of a zod/mini issue this needs (kept structural: no zod import here). */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
}

const LABELS: Record<string, string> = {
  notes: 'The note',
  note: 'The note',
  body: 'The message',
  subject: 'The subject',
  evidence: 'The evidence',
  resolution: 'The resolution',
  outcome: 'The outcome',
  complianceOverride: 'The override reason',
  title: 'The title',
  followUpDate: 'The follow-up date',
  dueDate: 'The date',
  expiresOn: 'The expiry date',
  durationSeconds: 'The call duration',
  downPayment: 'The down payment',
  total: 'The plan total',
  offerAmount: 'The settlement amount',
  amount: 'The amount',
  instalments: 'The schedule',
  invoiceIds: 'The invoice list',
  lines: 'The disputed invoices',
};

/** "The note", from a path like ['notes'] or ['downPayment', 'amountMinor'] (last named field that means something). */
function labelOf(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === 'string' && p !== 'amountMinor' && p !== 'currency');
  const key = named.find((p) => LABELS[p]) ?? named[named.length - 1];
  if (!key) {
    return 'The input';
  }
  return LABELS[key] ?? `The ${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

const count = (n: number | bigint): string => Number(n).toLocaleString('en-US');

/** One sentence per issue; `input` lets a length say how long the text is. */
export function schemaIssueInWords(issue: SchemaIssue, input: unknown): string {
  const label = labelOf(issue.path);
  const value = valueAt(input, issue.path);
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    if (typeof value === 'string') {
      return `${label} is too long: ${count(value.length)} characters, at most ${count(issue.maximum)}. Shorten it, or keep the rest in an attached file.`;
    }
    if (Array.isArray(value)) {
      return `${label} has too many entries: ${count(value.length)}, at most ${count(issue.maximum)}. Remove some.`;
    }
    return `${label} is too large: at most ${count(issue.maximum)}. Enter a smaller value.`;
  }
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    if (typeof value === 'string' || Array.isArray(value)) {
      return `${label} is empty: fill it in.`;
    }
    return Number(issue.minimum) === 0 ? `${label} is below zero: enter zero or more.` : `${label} is too small: at least ${count(issue.minimum)}. Enter a larger value.`;
  }
  return value === undefined || value === null ? `${label} is missing: fill it in.` : `${label} is not in a form we can save: check it and try again.`;
}
