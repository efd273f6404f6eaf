import { describe, expect, it } from 'vitest';
import { ConnectorError, DEFAULT_USER_MESSAGES } from '../errors';
import { errorItems, malformed, mapSalesforceError, mapTransportError } from './errors';

describe('Salesforce error mapping', () => {
  const cases: [number, string, ConnectorError['kind']][] = [
    [401, 'INVALID_SESSION_ID', 'session_expired'],
    [403, 'API_DISABLED_FOR_ORG', 'api_disabled'],
    [403, 'API_CURRENTLY_DISABLED', 'api_disabled'],
    [403, 'REQUEST_LIMIT_EXCEEDED', 'limit_exceeded'],
    [400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'validation'],
    [400, 'REQUIRED_FIELD_MISSING', 'validation'],
    [400, 'INVALID_FIELD', 'validation'],
    [400, 'STRING_TOO_LONG', 'validation'],
    [400, 'UNABLE_TO_LOCK_ROW', 'row_lock'],
    [403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient_access'],
    [400, 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'insufficient_access'],
    [404, 'NOT_FOUND', 'not_found'],
    [400, 'ENTITY_IS_DELETED', 'not_found'],
  ];
  it.each(cases)('HTTP %i %s → %s', (status, errorCode, kind) => {
    const error = mapSalesforceError(status, [{ errorCode, message: `${errorCode} happened`, fields: [] }]);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.kind).toBe(kind);
    expect(error.crmCode).toBe(errorCode);
    expect(error.status).toBe(status);
    expect(error.userMessage.length).toBeGreaterThan(10);
  });

  it('treats "session is not valid for use with the REST API" as api_disabled, not an expired session', () => {
    const error = mapSalesforceError(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' }]);
    expect(error.kind).toBe('api_disabled');
    expect(error.userMessage).toBe(DEFAULT_USER_MESSAGES.api_disabled);
  });

  it('names the fields of validation errors and quotes validation-rule messages', () => {
    const error = mapSalesforceError(400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Promised date must be within 30 days', fields: ['Due_Date__c'] }]);
    expect(error.fields).toEqual(['Due_Date__c']);
    expect(error.userMessage).toContain('Promised date must be within 30 days');
    expect(error.userMessage).toContain('Due_Date__c');
    const missing = mapSalesforceError(400, [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Status__c]', fields: ['Status__c'] }]);
    expect(missing.fields).toEqual(['Status__c']);
  });

  it('skips composite "processing halted" errors to find the root cause', () => {
    const error = mapSalesforceError(400, [
      { errorCode: 'PROCESSING_HALTED', message: 'rolled back' },
      { errorCode: 'STRING_TOO_LONG', message: 'too long', fields: ['Subject'] },
    ]);
    expect(error.kind).toBe('validation');
    expect(error.fields).toEqual(['Subject']);
  });

  it('falls back on the status when the body is not an error array', () => {
    expect(mapSalesforceError(401, 'x').kind).toBe('session_expired');
    expect(mapSalesforceError(403, null).kind).toBe('insufficient_access');
    expect(mapSalesforceError(404, {}).kind).toBe('not_found');
    expect(mapSalesforceError(503, undefined).kind).toBe('unknown');
    expect(errorItems({ errorCode: 'X', message: 'y' })).toEqual([{ errorCode: 'X', message: 'y', fields: [] }]);
  });

  it('maps transport failures', () => {
    expect(mapTransportError(new TypeError('fetch failed'), 'query').kind).toBe('network');
    expect(mapTransportError(Object.assign(new Error('t'), { name: 'TimeoutError' }), 'query').kind).toBe('timeout');
    const aborted = mapTransportError(Object.assign(new Error('a'), { name: 'AbortError' }), 'query');
    expect(aborted.kind).toBe('network');
    expect(aborted.retryable).toBe(false);
    expect(malformed('query', 'bad').kind).toBe('malformed_response');
  });
});
