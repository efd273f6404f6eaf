/**
 * Input validation shared by every write: the port's zod/mini schema, then Salesforce id checksums
 * for every id the input carries. Bad input → ConnectorError 'invalid_input' naming the fields.
 */
import * as z from 'zod/mini';
import { ConnectorError } from '../../errors';
import { schemaIssueInWords } from '../../writes/issue-words';
import { isSalesforceId } from '../ids';

/** Parse `input` with `schema`, or throw invalid_input naming every bad field. */
export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const result = z.safeParse(schema, input);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.map(String).join('.') || '(input)');
    throw new ConnectorError({
      kind: 'invalid_input',
      fields,
      // Words for the collector (what is wrong, the limit, what to do); paths stay in fields/detail.
      userMessage: [...new Set(result.error.issues.map((issue) => schemaIssueInWords(issue, input)))].join(' '),
      detail: `${what}: ${result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`,
    });
  }
  return result.data;
}

/** Throw invalid_input unless every named value is a valid Salesforce id (null allowed where noted). */
export function assertIds(values: Record<string, string | null | readonly string[]>): void {
  const bad: string[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value === null) {
      continue;
    }
    if (typeof value === 'string') {
      if (!isSalesforceId(value)) {
        bad.push(field);
      }
    } else {
      value.forEach((v, i) => {
        if (!isSalesforceId(v)) {
          bad.push(`${field}[${i}]`);
        }
      });
    }
  }
  if (bad.length > 0) {
    throw new ConnectorError({ kind: 'invalid_input', fields: bad, userMessage: `Not a valid Salesforce record id: ${bad.join(', ')}.`, detail: `invalid ids: ${bad.join(', ')}` });
  }
}
