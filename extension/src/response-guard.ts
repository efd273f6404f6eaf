/**
 * The worker's answer to a port call, checked in the page without zod (decision 0007: the page uses zod-free
 * guards; issue 18: zod/mini and the port schemas cost panel.js ~8.5 KB gzip). Accepts exactly what
 * protocol.ts `ResponseSchema` accepts (response-guard.test.ts checks both on the same inputs); the worker, which
 * builds these answers, keeps the schema.
 */
import type { ConnectorErrorKind, SerializedConnectorError } from '../../connector/errors';
import { PROTOCOL_VERSION } from './protocol-version';

export type PortAnswer = { v: 1; id: string; ok: true; result: unknown } | { v: 1; id: string; ok: false; error: SerializedConnectorError };

const ERROR_KINDS: ReadonlySet<string> = new Set([
  'session_expired', 'api_disabled', 'limit_exceeded', 'validation', 'row_lock', 'insufficient_access', 'not_found',
  'network', 'timeout', 'configuration', 'malformed_response', 'invalid_input', 'unknown',
] satisfies ConnectorErrorKind[]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isSerializedError(value: unknown): value is SerializedConnectorError {
  return (
    isObject(value) &&
    typeof value.kind === 'string' && ERROR_KINDS.has(value.kind) &&
    typeof value.userMessage === 'string' &&
    typeof value.detail === 'string' &&
    Array.isArray(value.fields) && value.fields.every((field) => typeof field === 'string') &&
    optionalString(value.crmCode) &&
    (value.status === undefined || Number.isFinite(value.status)) &&
    typeof value.retryable === 'boolean'
  );
}

/** The answer if it is a well-formed response envelope, else null. */
export function readPortAnswer(raw: unknown): PortAnswer | null {
  if (!isObject(raw) || raw.v !== PROTOCOL_VERSION || typeof raw.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(raw.id)) {
    return null;
  }
  if (raw.ok === true && 'result' in raw) {
    return raw as PortAnswer;
  }
  return raw.ok === false && isSerializedError(raw.error) ? (raw as PortAnswer) : null;
}
