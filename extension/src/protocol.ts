/**
 * The versioned message protocol between the content script (and the options page) and the service worker.
 *
 *   request:  { v: 1, kind: 'port-call', id, method, args }        content script → worker (a CollectionsPort call)
 *             { v: 1, kind: 'oauth-offer', id }                     content script → worker (open the sign-in page)
 *             { v: 1, kind: 'setup-check', id, orgKey }             options page → worker ("Check my org")
 *             { v: 1, kind: 'oauth-sign-in', id, orgKey }           options page → worker (OAuth 2.0 + PKCE)
 *             { v: 1, kind: 'list-orgs', id }                       options page → worker
 *             { v: 1, kind: 'open-page', id, page }                 content script → worker (worklist / reports page for this org)
 *             { v: 1, kind: 'worklist-read', id, orgKey }           worklist page → worker (the collector's book, read by the worker)
 *             { v: 1, kind: 'report-read', id, orgKey, from? }      reports page → worker (the report pass runs in the worker)
 *             { v: 1, kind: 'disputes-read', id, orgKey }          disputes page → worker (disputes waiting for the signed-in user)
 *             { v: 1, kind: 'dispute-answer', id, orgKey, input }  disputes page → worker (the owner's answer, write-once by key)
 *             { v: 1, kind: 'whoami', id }                          content script → worker (the signed-in user's name and id: signs reminders, owner's answers)
 *   response: { v: 1, id, ok: true, result } | { v: 1, id, ok: false, error: SerializedConnectorError }
 *   broadcast: { v: 1, kind: 'account-refreshed', orgKey, accountId, snapshot }   worker → extension pages (account-refreshed.ts)
 *
 * Every message is validated on receipt with zod/mini; port write inputs with PORT_INPUT_SCHEMAS. Bump
 * PROTOCOL_VERSION on any incompatible change: a content script left over from an older extension version
 * then gets a clear `invalid_input` answer instead of a misread.
 */
import * as z from 'zod/mini';
import { AnswerDisputeInputSchema, LoadSnapshotOptionsSchema, PORT_INPUT_SCHEMAS, PORT_METHODS, RecordRefSchema } from '../../connector/port';
import type { ConnectorErrorKind, SerializedConnectorError } from '../../connector/errors';

import { PROTOCOL_VERSION } from './protocol-version';

export { PROTOCOL_VERSION };

/** Request ids are random tokens chosen by the caller; bounded so a hostile page cannot bloat worker logs. */
const RequestIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'));

/**
 * What the panel may call through the worker: the port's methods, and the owner's answer to a dispute (issue 19,
 * decision 0022: shown on a dispute row when the signed-in user owns it; the worker answers through its REST port).
 */
export const PAGE_PORT_METHODS = [...PORT_METHODS, 'answerDispute'] as const;
export type PagePortMethod = (typeof PAGE_PORT_METHODS)[number];

/** Per-method argument tuples, generated from PORT_METHODS so a new port method cannot be forgotten here. */
export const PORT_ARGS_SCHEMAS: Record<PagePortMethod, z.ZodMiniType> = Object.fromEntries(
  PAGE_PORT_METHODS.map((method) => {
    if (method === 'answerDispute') {
      return [method, z.tuple([AnswerDisputeInputSchema])];
    }
    if (method === 'loadSnapshot') {
      // The host's compliance profile override travels with the request (decision 0009); the signal stays in the page.
      return [method, z.tuple([RecordRefSchema, z.optional(z.strictObject(LoadSnapshotOptionsSchema.shape))])];
    }
    if (method === 'listContacts') {
      return [method, z.tuple([z.string().check(z.minLength(1))])];
    }
    return [method, z.tuple([PORT_INPUT_SCHEMAS[method]])];
  }),
) as Record<PagePortMethod, z.ZodMiniType>;

const EnvelopeSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: RequestIdSchema,
});

export const PortCallRequestSchema = z.object({
  ...EnvelopeSchema.shape,
  kind: z.literal('port-call'),
  method: z.enum(PAGE_PORT_METHODS),
  args: z.array(z.unknown()),
});
export type PortCallRequest = z.infer<typeof PortCallRequestSchema>;

/** The extension's own pages a Salesforce page may ask the worker to open (decision 0023). */
export const EXTENSION_PAGES = ['worklist', 'reports', 'disputes'] as const;
export type ExtensionPage = (typeof EXTENSION_PAGES)[number];

/** Identifies one org seen by the worker: its org id when known, else its API origin. */
const OrgKeySchema = z.string().check(z.minLength(1), z.maxLength(200));

export const RequestSchema = z.discriminatedUnion('kind', [
  PortCallRequestSchema,
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('oauth-offer') }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('setup-check'), orgKey: OrgKeySchema }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('oauth-sign-in'), orgKey: OrgKeySchema }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('list-orgs') }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('open-page'), page: z.enum(EXTENSION_PAGES) }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('whoami') }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('worklist-read'), orgKey: OrgKeySchema }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('report-read'), orgKey: OrgKeySchema, from: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'))) }),
  // The sales owner's side of disputes (issue 19): read as the signed-in user, answered through the REST port.
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('disputes-read'), orgKey: OrgKeySchema }),
  z.object({ ...EnvelopeSchema.shape, kind: z.literal('dispute-answer'), orgKey: OrgKeySchema, input: AnswerDisputeInputSchema }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestKind = Request['kind'];

/** Kinds a content script on a Salesforce page may send; the rest only from the extension's own pages. */
export const PAGE_KINDS: ReadonlySet<RequestKind> = new Set(['port-call', 'oauth-offer', 'open-page', 'whoami']);

const ERROR_KINDS = [
  'session_expired', 'api_disabled', 'limit_exceeded', 'validation', 'row_lock', 'insufficient_access', 'not_found',
  'network', 'timeout', 'configuration', 'malformed_response', 'invalid_input', 'unknown',
] as const satisfies readonly ConnectorErrorKind[];

export const SerializedErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  userMessage: z.string(),
  detail: z.string(),
  fields: z.array(z.string()),
  crmCode: z.optional(z.string()),
  status: z.optional(z.number()),
  retryable: z.boolean(),
});

export const ResponseSchema = z.union([
  z.object({ ...EnvelopeSchema.shape, ok: z.literal(true), result: z.unknown() }),
  z.object({ ...EnvelopeSchema.shape, ok: z.literal(false), error: SerializedErrorSchema }),
]);
export type Response = { v: 1; id: string; ok: true; result: unknown } | { v: 1; id: string; ok: false; error: SerializedConnectorError };

/** Result of validating an incoming request. `replyId` is set when the sender can be told what was wrong. */
export type ParsedRequest =
  | { ok: true; request: Request; args: unknown[] }
  | { ok: false; replyId: string | null; error: SerializedConnectorError };

/**
 * Validates a raw message: envelope, version, kind, method, and for port calls the argument tuple (write inputs via
 * PORT_INPUT_SCHEMAS). Returns the parsed args (schema output, so unknown keys are stripped).
 */
export function parseRequest(raw: unknown): ParsedRequest {
  const replyId = replyIdOf(raw);
  const envelope = RequestSchema.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, replyId, error: invalidInput(describeIssues(envelope.error.issues)) };
  }
  const request = envelope.data;
  if (request.kind !== 'port-call') {
    return { ok: true, request, args: [] };
  }
  const args = PORT_ARGS_SCHEMAS[request.method].safeParse(request.args);
  if (!args.success) {
    return { ok: false, replyId, error: invalidInput(`${request.method}: ${describeIssues(args.error.issues, 'args')}`, fieldsOf(args.error.issues)) };
  }
  return { ok: true, request, args: args.data as unknown[] };
}

/** Builds the response envelope for a result or an error. */
export function okResponse(id: string, result: unknown): Response {
  return { v: PROTOCOL_VERSION, id, ok: true, result };
}
export function errorResponse(id: string, error: SerializedConnectorError): Response {
  return { v: PROTOCOL_VERSION, id, ok: false, error };
}

export function invalidInput(detail: string, fields: string[] = []): SerializedConnectorError {
  return { kind: 'invalid_input', userMessage: 'The request was not valid.', detail, fields, retryable: false };
}

function replyIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) {
    return null;
  }
  const id = (raw as { id?: unknown }).id;
  return RequestIdSchema.safeParse(id).success ? (id as string) : null;
}

interface Issue { path: readonly PropertyKey[]; message: string }

function fieldsOf(issues: readonly Issue[]): string[] {
  // args[0].amount.currency → amount.currency: the field as the caller named it.
  return issues.map((issue) => issue.path.slice(1).map(String).join('.')).filter((f) => f.length > 0);
}

function describeIssues(issues: readonly Issue[], root = ''): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter((p) => p.length > 0).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
