import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLike } from './like';
import type { LikeStats } from './like';

const like = (pattern: string, text: string): boolean => compileLike(`'${pattern}'`).matches(text);

/**
 * Reference: the textbook dynamic programme over (pattern position, text position), obviously
 * right and O(n·m), for short strings only. Tokens: '%', '_', or a literal character.
 */
function referenceLike(tokens: readonly string[], text: string): boolean {
  const characters = Array.from(text.toLowerCase());
  let row = new Array<boolean>(characters.length + 1).fill(false);
  row[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(characters.length + 1).fill(false);
    if (token === '%') {
      next[0] = row[0] === true;
      for (let i = 1; i <= characters.length; i++) {
        next[i] = row[i] === true || next[i - 1] === true;
      }
    } else {
      for (let i = 1; i <= characters.length; i++) {
        next[i] = row[i - 1] === true && (token === '_' || token.toLowerCase() === characters[i - 1]);
      }
    }
    row = next;
  }
  return row[characters.length] === true;
}

/** Writes tokens as a SOQL LIKE pattern: literal `%`, `_`, `\` and `'` escaped. */
const patternOf = (tokens: readonly string[]): string =>
  tokens.map((token) => (token === '%' || token === '_' ? token : token.replace(/[%_\\']/g, (ch) => `\\${ch}`))).join('');

describe('SOQL LIKE', () => {
  it('matches % (zero or more) and _ (exactly one) over the whole value', () => {
    expect(like('acme%', 'Acme Textiles')).toBe(true);
    expect(like('acme%', 'The Acme')).toBe(false);
    expect(like('%acme', 'The Acme')).toBe(true);
    expect(like('%me%', 'Acme Textiles')).toBe(true);
    expect(like('INV-_', 'INV-7')).toBe(true);
    expect(like('INV-_', 'INV-')).toBe(false);
    expect(like('INV-_', 'INV-12')).toBe(false);
    expect(like('a%b%c', 'abc')).toBe(true);
    expect(like('a%b%c', 'axxbyyc')).toBe(true);
    expect(like('a%b%c', 'axxcyyb')).toBe(false);
    expect(like('%a%b%', 'ab')).toBe(true);
    expect(like('%ab%ba%', 'aba')).toBe(false);
    expect(like('%ab%ba%', 'abba')).toBe(true);
    expect(like('%%a%%', 'a')).toBe(true);
    expect(like('_%_', 'a')).toBe(false);
    expect(like('_%_', 'ab')).toBe(true);
  });

  it('finds parts longer than 32 characters (several state words) between wildcards', () => {
    const long = 'abcdefghij'.repeat(7);
    expect(like(`%${long}%`, `zz${long.toUpperCase()}zz`)).toBe(true);
    expect(like(`%${long}%`, `zz${long.slice(0, 40)}Q${long.slice(41)}zz`)).toBe(false);
    expect(like(`%${long.slice(0, 33)}_${long.slice(34)}%`, `zz${long.slice(0, 33)}Q${long.slice(34)}zz`)).toBe(true);
    expect(like(`%${long}%${long}%`, `${long}${long}`)).toBe(true);
    expect(like(`%${long}%${long}%`, `${long}${long.slice(1)}`)).toBe(false);
  });

  it('is case-insensitive, like Salesforce', () => {
    expect(like('JAIPUR%', 'jaipur Textiles')).toBe(true);
    expect(like('%ÜBER%', 'Das Überbrücken')).toBe(true);
    expect(like('%textiles', 'Jaipur TEXTILES')).toBe(true);
  });

  it('treats \\% and \\_ as literal characters, and decodes the other string escapes', () => {
    expect(like('Ter\\%', 'Ter%')).toBe(true);
    expect(like('Ter\\%', 'Terra')).toBe(false);
    expect(like('Ter\\%%', 'Ter% and more')).toBe(true);
    expect(like('Ter\\%%', 'Terra')).toBe(false);
    expect(like('a\\_b', 'a_b')).toBe(true);
    expect(like('a\\_b', 'axb')).toBe(false);
    expect(like('%\\\\%', 'back\\slash')).toBe(true);
    expect(like('%\\\\%', 'no slash')).toBe(false);
    expect(like("O\\'Brien%", "O'Brien Ltd")).toBe(true);
    expect(like('line\\nbreak', 'line\nbreak')).toBe(true);
    expect(like('caf\\u00e9', 'Café')).toBe(true);
    // An escaped backslash does not escape the wildcard after it.
    expect(like('a\\\\%', 'a\\anything')).toBe(true);
  });

  it('handles the empty pattern and the empty value', () => {
    expect(like('', '')).toBe(true);
    expect(like('', 'x')).toBe(false);
    expect(like('%', '')).toBe(true);
    expect(like('_', '')).toBe(false);
    expect(like('%a%', '')).toBe(false);
  });

  it('counts _ per character (code point), not per UTF-16 unit', () => {
    expect(like('_', '😀')).toBe(true);
    expect(like('a_c', 'a😀c')).toBe(true);
  });

  it('agrees with a reference matcher on random short patterns and values', () => {
    const patternToken = fc.constantFrom('a', 'b', 'A', '%', '%', '_', '\\', "'", 'é');
    const textCharacter = fc.constantFrom('a', 'b', 'B', '_', '%', '\\', "'", 'É');
    fc.assert(
      fc.property(fc.array(patternToken, { maxLength: 8 }), fc.array(textCharacter, { maxLength: 10 }), (tokens, characters) => {
        const text = characters.join('');
        expect(like(patternOf(tokens), text)).toBe(referenceLike(tokens, text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('matches every value built from the pattern, and agrees with the reference on one-character edits of it', () => {
    // Values drawn from the pattern itself (each % filled with 0-3 characters, each _ with one,
    // letters in either case) hit the matching cases that random values rarely reach.
    const token = fc.constantFrom('a', 'b', '%', '_', '\\');
    const filler = fc.array(fc.constantFrom('a', 'b', 'A', 'B'), { maxLength: 3 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), fc.array(filler, { minLength: 8, maxLength: 8 }), fc.boolean(), fc.nat(), (tokens, fillers, upper, cut) => {
        const text = tokens.map((t, i) => (t === '%' ? fillers[i] ?? '' : t === '_' ? (fillers[i] ?? '').slice(0, 1) || 'x' : upper ? t.toUpperCase() : t)).join('');
        expect(like(patternOf(tokens), text)).toBe(true);
        const edited = text.slice(0, cut % (text.length + 1)) + text.slice((cut % (text.length + 1)) + 1);
        expect(like(patternOf(tokens), edited)).toBe(referenceLike(tokens, edited));
      }),
      { numRuns: 3_000 },
    );
  });

  it('stays linear on patterns that make a backtracking regex explode', () => {
    // '%a%a%b' style patterns over a long value were O(n^k) with the regex (18 s at 3,000 chars).
    const text = 'a'.repeat(100_000);
    for (const pattern of ['%a%a%b', '%a%a%a%a%b%', '%a_a%a%a_a%b%', `%${'a'.repeat(40)}b%`]) {
      const stats: LikeStats = { steps: 0 };
      expect(compileLike(`'${pattern}'`).matches(text, stats), pattern).toBe(false);
      // One folding pass plus one scan in all (two state words for the 41-character part),
      // whatever the number of wildcards; a backtracking matcher needs billions of steps here.
      expect(stats.steps, pattern).toBeLessThan(4 * text.length);
    }
    const found: LikeStats = { steps: 0 };
    expect(compileLike("'%a%a%b%'").matches(`${text}b`, found)).toBe(true);
    expect(found.steps).toBeLessThan(4 * text.length);
  });
});
