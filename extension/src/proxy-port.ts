/**
 * The content script's `CollectionsPort`: every method becomes one `port-call` message to the service worker,
 * one per name in PROXY_METHODS (proxy-port.test.ts checks it against the port's PORT_METHODS, so the proxy cannot
 * fall behind the port). The page never sees a token; it only sees the domain data the worker returns. No zod here:
 * the worker validates every request with the protocol's schemas; the page checks the answer with a zod-free guard
 * (decision 0007, issue 18).
 */
import { ConnectorError, fromSerializedError } from '../../connector/errors';
import type { CallOptions, CollectionsPort, DisputeOwnerPort, LoadSnapshotOptions, PortMethod } from '../../connector/port';
import type { PagePortMethod, PortCallRequest } from './protocol';
import { PROTOCOL_VERSION } from './protocol-version';
import { isContextInvalidatedError } from './content-context';
import { readPortAnswer } from './response-guard';

/** The port's methods (connector/port.ts PORT_METHODS), listed here so the page does not load the port's schemas. */
export const PROXY_METHODS = [
  'loadSnapshot', 'listContacts', 'logCall', 'logActivity', 'addNote', 'recordPromise', 'savePaymentPlan', 'raiseDispute',
  'updateDispute', 'recordSettlementOffer', 'completeFollowUp', 'decideSettlement',
] as const satisfies readonly PortMethod[];

/**
 * The owner's side the panel offers on a dispute row (DisputeOwnerPort, decision 0022): the worker answers through
 * its REST port. Listing disputes stays on the extension's disputes page (the worker reads them as the signed-in user).
 */
export const PROXY_OWNER_METHODS = ['answerDispute'] as const satisfies readonly (keyof DisputeOwnerPort)[];

/** Sends one message to the worker and resolves with its raw answer (`chrome.runtime.sendMessage`). */
export type SendMessage = (message: PortCallRequest) => Promise<unknown>;

export interface ProxyPortOptions {
  /** Every failure, before it is thrown to the panel (the host shows the OAuth offer on `api_disabled`). */
  onError?: (error: ConnectorError) => void;
  /** The extension went away (updated/disabled): stop all work. */
  onInvalidated?: () => void;
  /** Request ids; random by default. */
  newId?: () => string;
}

export function createProxyPort(send: SendMessage, options: ProxyPortOptions = {}): CollectionsPort & Pick<DisputeOwnerPort, 'answerDispute'> {
  const newId = options.newId ?? (() => crypto.randomUUID());

  async function call(method: PagePortMethod, args: unknown[], callOptions: CallOptions | undefined): Promise<unknown> {
    const signal = callOptions?.signal;
    signal?.throwIfAborted();
    const request: PortCallRequest = { v: PROTOCOL_VERSION, kind: 'port-call', id: newId(), method, args };
    try {
      const answer = await raceAbort(send(request), signal);
      const parsed = readPortAnswer(answer);
      if (!parsed || parsed.id !== request.id) {
        throw new ConnectorError({ kind: 'malformed_response', userMessage: 'The extension sent an answer the panel could not read. Reload the page.', detail: `bad ${method} response` });
      }
      if (!parsed.ok) {
        throw fromSerializedError(parsed.error);
      }
      return parsed.result;
    } catch (error) {
      if (signal?.aborted && error === signal.reason) {
        throw error;
      }
      const connectorError = toConnectorError(error, options);
      options.onError?.(connectorError);
      throw connectorError;
    }
  }

  const port = Object.fromEntries(
    [...PROXY_METHODS, ...PROXY_OWNER_METHODS].map((method) => [method, (arg: unknown, callOptions?: CallOptions & LoadSnapshotOptions) => call(method, argsFor(method, arg, callOptions), callOptions)]),
  );
  return port as unknown as CollectionsPort & Pick<DisputeOwnerPort, 'answerDispute'>;
}

/** The message arguments: the input, plus loadSnapshot's transferable options (never the AbortSignal). */
function argsFor(method: PagePortMethod, arg: unknown, callOptions: (CallOptions & LoadSnapshotOptions) | undefined): unknown[] {
  const complianceProfile = callOptions?.complianceProfile;
  return method === 'loadSnapshot' && complianceProfile ? [arg, { complianceProfile }] : [arg];
}

function toConnectorError(error: unknown, options: ProxyPortOptions): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  if (isContextInvalidatedError(error)) {
    options.onInvalidated?.();
    return new ConnectorError({ kind: 'unknown', userMessage: 'The collections extension was updated. Reload the page to keep using the panel.', detail: String(error), retryable: false });
  }
  // sendMessage rejects when the worker could not answer (crashed, no listener).
  return new ConnectorError({ kind: 'network', userMessage: 'The collections extension did not answer. Try again.', detail: error instanceof Error ? error.message : String(error) });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
