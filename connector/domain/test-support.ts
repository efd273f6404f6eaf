/**
 * Shared helpers for the domain's own tests (not part of the public API, not in the barrel).
 */
import { expect } from 'vitest';
import { DomainValidationError } from './errors';
import type { DomainErrorCode } from './errors';

/** Run `fn`, assert it throws a DomainValidationError, and return that error for further checks. */
export function errorOf(fn: () => unknown): DomainValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return error as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

/** Assert `fn` throws a DomainValidationError with `code` (and, when given, naming `field`). */
export function expectDomainError(fn: () => unknown, code: DomainErrorCode, field?: string): void {
  const error = errorOf(fn);
  expect(error.code).toBe(code);
  if (field !== undefined) {
    expect(error.field).toBe(field);
  }
}

/** Host zones that stress zone handling: west/east of UTC, +14 h, half-hour offset with DST, DST in both hemispheres. */
export const STRESS_HOST_ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Europe/London', 'Australia/Lord_Howe'] as const;

/**
 * Run `fn` once with `process.env.TZ` set to each zone (Node re-reads TZ on assignment) and return
 * the answers in order; the original TZ is restored even when `fn` throws.
 */
export function underHostTimeZones<T>(zones: readonly string[], fn: () => T): T[] {
  const original = process.env.TZ;
  try {
    return zones.map((zone) => {
      process.env.TZ = zone;
      return fn();
    });
  } finally {
    if (original === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = original;
    }
  }
}
