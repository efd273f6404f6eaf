/**
 * The bounded guards a strategy's parts share: its ladders (parse.ts) and its dispute SLA
 * (dispute-sla.ts) check ranges and list lengths with the same rules and the same words, as
 * schema.ts's zod/mini checks do (gte, lte; minLength, maxLength).
 */
import type { Guard } from '../guard';
import { array, int } from '../guard';
import { DomainValidationError } from '../errors';

/** A safe integer from `min` to `max`. */
export function intIn(min: number, max: number): Guard<number> {
  return (value, path) => {
    const n = int(min)(value, path);
    if (n > max) {
      throw new DomainValidationError('invalid_input', path, `must be ≤ ${max}`);
    }
    return n;
  };
}

/** An array of `min` to `max` entries that `item` accepts. */
export function list<T>(item: Guard<T>, min: number, max = Infinity): Guard<T[]> {
  return (value, path) => {
    const items = array(item, min)(value, path);
    if (items.length > max) {
      throw new DomainValidationError('invalid_input', path, `takes at most ${max} entries`);
    }
    return items;
  };
}
