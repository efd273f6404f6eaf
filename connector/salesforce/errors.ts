/**
 * Salesforce failures → CRM-neutral `ConnectorError` kinds (connector/errors.ts).
 *
 * Salesforce answers errors as `[{errorCode, message, fields}]` with an HTTP status; composite
 * subrequests carry the same arrays in their `body`. Messages shown to collectors come from
 * DEFAULT_USER_MESSAGES unless we can say something more specific (the fields named).
 */
import { ConnectorError } from '../errors';
import type { ConnectorErrorKind } from '../errors';
import type { SalesforceErrorItem } from './client';

const CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  INVALID_SESSION_ID: 'session_expired',
  API_DISABLED_FOR_ORG: 'api_disabled',
  API_CURRENTLY_DISABLED: 'api_disabled',
  REQUEST_LIMIT_EXCEEDED: 'limit_exceeded',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'validation',
  REQUIRED_FIELD_MISSING: 'validation',
  INVALID_FIELD: 'validation',
  STRING_TOO_LONG: 'validation',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'validation',
  FIELD_INTEGRITY_EXCEPTION: 'validation',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'validation',
  DUPLICATE_VALUE: 'validation',
  MALFORMED_ID: 'invalid_input',
  INVALID_ID_FIELD: 'invalid_input',
  INVALID_CROSS_REFERENCE_KEY: 'invalid_input',
  UNABLE_TO_LOCK_ROW: 'row_lock',
  INSUFFICIENT_ACCESS_OR_READONLY: 'insufficient_access',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'insufficient_access',
  INSUFFICIENT_ACCESS: 'insufficient_access',
  INSUFFICIENT_PRIVILEGES: 'insufficient_access',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'not_found',
  INVALID_TYPE: 'configuration',
  NO_SUCH_COLUMN: 'configuration',
};

/** Codes Salesforce uses when one subrequest fails and halts/rolls back the others: never the root cause. */
const SECONDARY_CODES = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);

/** The message Salesforce gives when the session exists but may not use REST (API access control, connected-app policy). */
const NOT_VALID_FOR_REST = /session is not valid for use with the REST API/i;

/** Normalise anything Salesforce sent as an error body into a list of error items. */
export function errorItems(body: unknown): SalesforceErrorItem[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  const items: SalesforceErrorItem[] = [];
  for (const entry of list) {
    if (entry && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      const code = typeof e.errorCode === 'string' ? e.errorCode : typeof e.statusCode === 'string' ? e.statusCode : undefined;
      const message = typeof e.message === 'string' ? e.message : '';
      const fields = Array.isArray(e.fields) ? e.fields.filter((f): f is string => typeof f === 'string') : [];
      if (code !== undefined || message) {
        items.push({ ...(code === undefined ? {} : { errorCode: code }), message, fields });
      }
    }
  }
  return items;
}

function kindForStatus(status: number): ConnectorErrorKind {
  if (status === 401) {
    return 'session_expired';
  }
  if (status === 403) {
    return 'insufficient_access';
  }
  if (status === 404) {
    return 'not_found';
  }
  if (status === 400) {
    return 'validation';
  }
  return 'unknown';
}

/**
 * Map a Salesforce error response (status + parsed body) to a ConnectorError.
 * The first non-secondary error item decides the kind; validation errors name their fields.
 */
export function mapSalesforceError(status: number, body: unknown, context?: string): ConnectorError {
  const items = errorItems(body);
  const primary = items.find((i) => !SECONDARY_CODES.has(i.errorCode ?? '')) ?? items[0];
  const code = primary?.errorCode;
  const message = primary?.message ?? '';
  let kind: ConnectorErrorKind = (code !== undefined ? CODE_KINDS[code] : undefined) ?? kindForStatus(status);
  if (NOT_VALID_FOR_REST.test(message)) {
    kind = 'api_disabled';
  } else if (code === 'FORBIDDEN' || (status === 403 && code === undefined)) {
    kind = 'insufficient_access';
  }
  const fields = [...new Set(items.flatMap((i) => i.fields ?? []))];
  const detail = `${context ? `${context}: ` : ''}HTTP ${status} ${items.map((i) => `${i.errorCode ?? 'ERROR'}: ${i.message}`).join('; ') || 'no error body'}`;
  let userMessage: string | undefined;
  if (kind === 'validation') {
    const rule = items.find((i) => i.errorCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    const base = rule ? `Salesforce rejected the record: ${rule.message}` : 'Salesforce rejected the record.';
    userMessage = fields.length > 0 ? `${base} Check: ${fields.join(', ')}.` : rule ? base : undefined;
  }
  return new ConnectorError({
    kind,
    detail,
    fields,
    status,
    ...(code === undefined ? {} : { crmCode: code }),
    ...(userMessage === undefined ? {} : { userMessage }),
  });
}

/** True when an error is a fetch-level failure (offline, DNS, reset, CORS): `fetch` rejects with a TypeError. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

/** Map a thrown transport error (not an HTTP answer) to a ConnectorError. */
export function mapTransportError(error: unknown, context: string): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new ConnectorError({ kind: 'timeout', detail: `${context}: timed out`, cause: error });
  }
  if (name === 'AbortError') {
    return new ConnectorError({ kind: 'network', detail: `${context}: aborted`, retryable: false, cause: error });
  }
  if (isNetworkFailure(error) || name === 'FetchError') {
    return new ConnectorError({ kind: 'network', detail: `${context}: ${error instanceof Error ? error.message : String(error)}`, cause: error });
  }
  return new ConnectorError({ kind: 'unknown', detail: `${context}: ${error instanceof Error ? error.message : String(error)}`, cause: error });
}

/** Thrown when a 2xx body is not the JSON we expected. */
export function malformed(context: string, detail: string): ConnectorError {
  return new ConnectorError({ kind: 'malformed_response', detail: `${context}: ${detail}` });
}
