/**
 * CRM-neutral connector errors. Every adapter (Salesforce now; Dynamics, HubSpot later) maps its
 * transport and API failures onto these kinds, so the panel has ONE error view keyed by `kind`.
 *
 * Errors cross process boundaries (extension service worker → content script), so they must
 * round-trip through `toSerializedError` / `fromSerializedError` without losing their kind.
 */

export type ConnectorErrorKind =
  /** The CRM session expired or is not valid for the API (Salesforce INVALID_SESSION_ID). */
  | 'session_expired'
  /** The org or user may not use the API (API disabled, API access control / connected-app policy). */
  | 'api_disabled'
  /** The org's daily API allowance is used up (REQUEST_LIMIT_EXCEEDED). */
  | 'limit_exceeded'
  /** The CRM rejected the data (validation rule, required field); `fields` names them. */
  | 'validation'
  /** Record locked by another process (UNABLE_TO_LOCK_ROW) even after retries. */
  | 'row_lock'
  /** The user's permissions or sharing rules do not allow this. */
  | 'insufficient_access'
  /** The record does not exist or is not visible to the user. */
  | 'not_found'
  /** The request did not complete (offline, DNS, connection reset). Safe to retry writes: they are idempotent. */
  | 'network'
  /** The request took too long; the outcome of a write is unknown until retried (idempotently). */
  | 'timeout'
  /** The CRM's configuration does not match the mapping (missing object/field). */
  | 'configuration'
  /** The CRM answered with something we could not understand. */
  | 'malformed_response'
  /** The caller gave invalid input (e.g. a malformed record id). */
  | 'invalid_input'
  | 'unknown';

/** What the collector reads for one kind of error: the view's title, the message and concrete next steps. */
export interface ErrorText {
  title: string;
  /** Plain-language default message; adapters may give more specific ones (ConnectorErrorInit.userMessage). */
  message: string;
  /** Next steps, only where they add to the message (the error view always offers Try again when retrying can help). */
  steps?: readonly string[];
}

/** One table per kind, so the panel's title, message and steps for an error never drift apart. */
export const ERROR_TEXTS: Record<ConnectorErrorKind, ErrorText> = {
  session_expired: {
    title: 'Session expired',
    message: 'Your CRM session has expired. Sign in to Salesforce again, then reopen the panel.',
    steps: ['Open Salesforce in this browser and sign in again.', 'Come back to this tab and choose Try again.'],
  },
  api_disabled: {
    title: 'API access not allowed',
    message: 'Your organisation does not allow this app to use the Salesforce API with your login. Ask your admin, or sign in with OAuth.',
    steps: ['Ask your Salesforce admin to allow API access for your profile or this app.'],
  },
  limit_exceeded: {
    title: 'Daily API limit reached',
    message: "Your organisation has used today's Salesforce API allowance. The panel will work again when the allowance resets.",
    steps: ['Your work is kept here; try again after the allowance resets (rolling 24 hours).'],
  },
  validation: { title: 'Salesforce rejected the record', message: 'Salesforce rejected the record. Check the highlighted fields and try again.' },
  row_lock: {
    title: 'Record busy',
    message: 'Someone else is updating this record right now. Try again in a moment; nothing you typed was lost.',
  },
  insufficient_access: {
    title: 'No access',
    message: "You don't have access to do this in Salesforce. Ask your admin for the Collections permission set.",
  },
  not_found: { title: 'Record not found', message: "This record doesn't exist or you can't see it." },
  network: {
    title: 'Offline or unreachable',
    message: "Can't reach Salesforce. Check your connection, then try again; nothing you typed was lost.",
  },
  timeout: {
    title: 'Request timed out',
    message: 'Salesforce took too long to answer. Try again; a retry never creates a duplicate.',
  },
  configuration: {
    title: 'Org setup incomplete',
    message: 'The collections objects or fields are missing in this org. Run "Check my org" in the options.',
    steps: ['Ask your admin to run "Check my org" in the panel options.'],
  },
  malformed_response: { title: 'Unreadable answer', message: 'Salesforce sent an answer the panel could not read.' },
  invalid_input: { title: 'Check your input', message: 'The request was not valid.' },
  unknown: { title: 'Something went wrong', message: 'Something went wrong talking to Salesforce.' },
};

/** The default messages alone (ERROR_TEXTS[kind].message), for adapters and tests. */
export const DEFAULT_USER_MESSAGES = /* @__PURE__ */ Object.fromEntries(
  Object.entries(ERROR_TEXTS).map(([kind, text]) => [kind, text.message]),
) as Record<ConnectorErrorKind, string>;

export interface ConnectorErrorInit {
  kind: ConnectorErrorKind;
  /** Message for the collector; defaults to ERROR_TEXTS[kind].message. */
  userMessage?: string;
  /** Technical detail for logs. */
  detail?: string;
  /** Fields the CRM named (validation errors). */
  fields?: string[];
  /** CRM error code, e.g. 'FIELD_CUSTOM_VALIDATION_EXCEPTION'. */
  crmCode?: string;
  status?: number;
  /** Whether retrying the same call may succeed. */
  retryable?: boolean;
  cause?: unknown;
}

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly kind: ConnectorErrorKind;
  readonly userMessage: string;
  readonly fields: string[];
  readonly crmCode: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(init: ConnectorErrorInit) {
    const userMessage = init.userMessage ?? ERROR_TEXTS[init.kind].message;
    super(init.detail ?? userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.userMessage = userMessage;
    this.fields = init.fields ?? [];
    this.crmCode = init.crmCode;
    this.status = init.status;
    this.retryable = init.retryable ?? (init.kind === 'network' || init.kind === 'timeout' || init.kind === 'row_lock');
  }
}

export function isConnectorError(value: unknown): value is ConnectorError {
  return value instanceof ConnectorError;
}

/** Wire form of a ConnectorError (structured-clone and JSON safe). */
export interface SerializedConnectorError {
  kind: ConnectorErrorKind;
  userMessage: string;
  detail: string;
  fields: string[];
  crmCode?: string;
  status?: number;
  retryable: boolean;
}

export function toSerializedError(error: unknown): SerializedConnectorError {
  const e = error instanceof ConnectorError ? error : new ConnectorError({ kind: 'unknown', detail: error instanceof Error ? error.message : String(error) });
  return {
    kind: e.kind,
    userMessage: e.userMessage,
    detail: e.message,
    fields: e.fields,
    ...(e.crmCode === undefined ? {} : { crmCode: e.crmCode }),
    ...(e.status === undefined ? {} : { status: e.status }),
    retryable: e.retryable,
  };
}

export function fromSerializedError(wire: SerializedConnectorError): ConnectorError {
  return new ConnectorError({
    kind: wire.kind,
    userMessage: wire.userMessage,
    detail: wire.detail,
    fields: wire.fields,
    ...(wire.crmCode === undefined ? {} : { crmCode: wire.crmCode }),
    ...(wire.status === undefined ? {} : { status: wire.status }),
    retryable: wire.retryable,
  });
}
