import { describe, expect, it } from 'vitest';
import { ConnectorError, ERROR_TEXTS, toSerializedError } from '../../connector/errors';
import { DomainValidationError } from '../../connector/domain/errors';
import { reduceError } from './errors';

describe('reduceError', () => {
  it('maps a thrown ConnectorError to its kind, message, steps, fields and retryability', () => {
    const view = reduceError(new ConnectorError({ kind: 'validation', userMessage: 'Please check: Amount.', fields: ['Amount'] }));
    expect(view).toEqual({
      kind: 'validation',
      title: ERROR_TEXTS.validation.title,
      message: 'Please check: Amount.',
      steps: [],
      retryable: false,
      fields: ['Amount'],
    });
    expect(reduceError(new ConnectorError({ kind: 'session_expired' })).steps).toEqual(ERROR_TEXTS.session_expired.steps);
    expect(reduceError(new ConnectorError({ kind: 'network' })).steps).toEqual([]);
    expect(reduceError(new ConnectorError({ kind: 'session_expired', retryable: false })).retryable).toBe(true);
  });

  it('maps the serialized form (extension messaging) like the error, always offering a retry', () => {
    const wire = toSerializedError(new ConnectorError({ kind: 'validation', fields: ['Amount'] }));
    expect(reduceError(wire)).toMatchObject({ kind: 'validation', message: ERROR_TEXTS.validation.message, retryable: true, fields: ['Amount'] });
    expect(reduceError({ kind: 'timeout' })).toMatchObject({ kind: 'timeout', message: ERROR_TEXTS.timeout.message, fields: [] });
  });

  it('names the field of a domain validation error, and treats anything else as unknown', () => {
    expect(reduceError(new DomainValidationError('invalid_input', 'amount', 'must be positive'))).toMatchObject({
      kind: 'invalid_input',
      fields: ['amount'],
      steps: [],
      retryable: false,
    });
    expect(reduceError(new Error('boom'))).toMatchObject({ kind: 'unknown', message: ERROR_TEXTS.unknown.message, retryable: true });
    expect(reduceError({ kind: 'toString' }).kind).toBe('unknown');
  });
});
