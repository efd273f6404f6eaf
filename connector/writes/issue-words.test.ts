import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { schemaIssueInWords } from './issue-words';

const schema = z.object({ notes: z.string().check(z.maxLength(32_000)), subject: z.string().check(z.minLength(1)), downPayment: z.object({ amountMinor: z.number().check(z.minimum(0)) }), followUpDate: z.string() });

function words(input: unknown): string[] {
  const result = z.safeParse(schema, input);
  return result.success ? [] : result.error.issues.map((issue) => schemaIssueInWords(issue, input));
}

describe('schemaIssueInWords', () => {
  it('says what is wrong, the limit and what to do, without field paths', () => {
    expect(words({ notes: 'x'.repeat(40_000), subject: '', downPayment: { amountMinor: -1 } })).toEqual([
      'The note is too long: 40,000 characters, at most 32,000. Shorten it, or keep the rest in an attached file.',
      'The subject is empty: fill it in.',
      'The down payment is below zero: enter zero or more.',
      'The follow-up date is missing: fill it in.',
    ]);
  });
});
