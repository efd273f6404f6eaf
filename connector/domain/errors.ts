/**
 * Typed validation errors for the domain's public functions: bad input names the field and never
 * becomes NaN or a silently wrong number.
 */
import type { Guard } from './guard';

/** Machine-readable category of a {@link DomainValidationError}. */
export type DomainErrorCode =
  | 'invalid_input'
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'invalid_date'
  | 'invalid_time_zone'
  | 'out_of_range'
  | 'missing_rate';

/** Thrown by every public domain function on bad input; `field` names the offending input path. */
export class DomainValidationError extends Error {
  override readonly name = 'DomainValidationError';
  constructor(
    readonly code: DomainErrorCode,
    /** Dotted path of the offending field, e.g. `downPayment.amountMinor`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * Parse `value` with `guard` (guards.ts, the zod-free mirror of model.ts) at a public boundary; on
 * failure throw a DomainValidationError naming the first offending field (prefixed by `root`).
 */
export function parseInput<T>(guard: Guard<T>, value: unknown, root: string): T {
  return guard(value, root);
}

/**
 * Reject `null`, `undefined` and primitives where an input object is expected, naming `field`, so a
 * missing argument is a DomainValidationError rather than a TypeError deep inside. @internal
 */
export function requireObject<T>(value: T, field = 'input'): NonNullable<T> {
  if (value === null || value === undefined || typeof value !== 'object') {
    throw new DomainValidationError('invalid_input', field, 'must be an object');
  }
  return value as NonNullable<T>;
}

/** Throw a {@link DomainValidationError} naming `field` (`invalid_input` unless `code` says otherwise). @internal */
export function invalid(field: string, message: string, code: DomainErrorCode = 'invalid_input'): never {
  throw new DomainValidationError(code, field, message);
}

/**
 * A safe integer from `min` to `max`, else a {@link DomainValidationError} (`code`, default
 * `out_of_range`) naming `field` and stating the accepted range. One checker for every count, day
 * number and limit, so they all reject non-integers and phrase the range the same way. @internal
 */
export function integerIn(value: unknown, field: string, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, code: DomainErrorCode = 'out_of_range'): number {
  if (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max) {
    return value as number;
  }
  const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > -Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : '';
  return invalid(field, `must be an integer${range}, got ${String(value)}`, code);
}
