/**
 * A few-hundred-byte validator kit for the domain's public boundaries. It mirrors the subset of
 * zod/mini that model.ts uses (string, int, boolean, enum, regex, optional, nullable, array,
 * object, partialRecord, refine) with the same acceptance and output rules: objects are rebuilt
 * with only the declared keys (zod strips unknown keys), an absent optional key stays absent, and
 * the first failure names its dotted path. zod/mini costs ~8 KB gzip in the page bundle even for
 * this subset (its object JIT, issue machinery and error maps); these guards keep the domain's
 * "validate at every boundary" rule without it. guards.test.ts checks them against model.ts.
 */
import { type DomainErrorCode, invalid as fail } from './errors';

/** Validates `value` found at `path`; returns the parsed value or throws a DomainValidationError naming `path`. */
export type Guard<T> = (value: unknown, path: string) => T;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any string. */
export const str: Guard<string> = (value, path) => (typeof value === 'string' ? value : fail(path, 'expected a string'));

/** A string matching `pattern`; a mismatch is `code`. */
export function matching<T extends string = string>(pattern: RegExp, message: string, code?: DomainErrorCode): Guard<T> {
  // Not written as satisfying(…): the bundler drops an unused guard only when its factory visibly just returns a closure.
  return (value, path) => (pattern.test(str(value, path)) ? (value as T) : fail(path, message, code));
}

/** A string that `accepts`; otherwise `code` (date and instant formats use `invalid_date`). */
export function satisfying<T extends string = string>(accepts: (text: string) => boolean, message: string, code?: DomainErrorCode): Guard<T> {
  return (value, path) => (accepts(str(value, path)) ? (value as T) : fail(path, message, code));
}

/** A non-empty string (ids). */
export const nonEmpty: Guard<string> = (value, path) => (str(value, path) ? (value as string) : fail(path, 'must not be empty'));

/** A safe integer ≥ `min` (zod's `z.int()` rejects unsafe integers too). */
export function int(min = Number.MIN_SAFE_INTEGER): Guard<number> {
  return (value, path) =>
    !Number.isSafeInteger(value) ? fail(path, 'expected an integer') : (value as number) < min ? fail(path, `must be ≥ ${min}`) : (value as number);
}

/** true or false. */
/** A finite number ≥ `min` (scores and factors; counts use {@link int}). */
export function finite(min = -Infinity): Guard<number> {
  return (value, path) =>
    typeof value !== 'number' || !Number.isFinite(value) ? fail(path, 'expected a finite number') : value < min ? fail(path, `must be ≥ ${min}`) : value;
}

export const bool: Guard<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'expected a boolean'));

/** One of `values`. */
export function oneOf<T extends string>(values: readonly T[]): Guard<T> {
  return (value, path) => (values.includes(value as T) ? (value as T) : fail(path, `expected one of ${values.join(', ')}`));
}

/** `undefined`, or what `guard` accepts. */
export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value, path) => (value === undefined ? undefined : guard(value, path));
}

/** `null`, or what `guard` accepts. */
export function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (value, path) => (value === null ? null : guard(value, path));
}

/** `undefined`, `null`, or what `guard` accepts (`z.optional(z.nullable(…))`). */
export function nullish<T>(guard: Guard<T>): Guard<T | null | undefined> {
  return optional(nullable(guard));
}

/** An array of what `item` accepts, with at least `min` entries. */
export function array<T>(item: Guard<T>, min = 0): Guard<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) {
      return fail(path, 'expected an array');
    }
    if (value.length < min) {
      return fail(path, `needs at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    }
    return value.map((entry, index) => item(entry, `${path}.${index}`));
  };
}

/** Guards for each key of `T`: optional keys get a guard that accepts `undefined`. */
export type Shape<T> = { [K in keyof T]-?: Guard<T[K]> };

/**
 * A plain object with the keys of `shape` (checked in declaration order, so the first failing key is
 * the one reported); unknown keys are dropped and absent keys that accept `undefined` stay absent.
 */
export function object<T>(shape: Shape<T>, refine?: (parsed: T, path: string) => void): Guard<T> {
  return (value, path) => {
    if (!isRecord(value)) {
      return fail(path, 'expected an object');
    }
    const parsed: Record<string, unknown> = {};
    for (const key in shape) {
      const field = shape[key] as Guard<unknown>;
      const result = field(value[key], `${path}.${key}`);
      if (key in value || result !== undefined) {
        parsed[key] = result;
      }
    }
    refine?.(parsed as T, path);
    return parsed as T;
  };
}

/** An object whose keys are some of `keys`, each value accepted by `item` (`z.partialRecord`). */
export function partialRecord<K extends string, T>(keys: readonly K[], item: Guard<T>): Guard<Partial<Record<K, T>>> {
  return (value, path) => {
    if (!isRecord(value)) {
      return fail(path, 'expected an object');
    }
    const parsed: Partial<Record<K, T>> = {};
    for (const key of Object.keys(value)) {
      // An unknown key names the record itself, as zod's invalid_key issue does.
      parsed[oneOf(keys)(key, path)] = item(value[key], `${path}.${key}`);
    }
    return parsed;
  };
}
