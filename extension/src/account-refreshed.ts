/**
 * "That account's row is re-scored from the panel's fresh snapshot without reloading the list" (issue 13), across
 * the extension's contexts: the panel lives on a Lightning tab and reads its snapshots through the service worker;
 * the worklist is an extension page. After each snapshot the worker serves (on open and again after every write),
 * it broadcasts `account-refreshed` with the row inputs of that snapshot to the extension's own pages
 * (`runtime.sendMessage` from the worker reaches extension pages, never content scripts: no new permission), and the
 * worklist page re-scores the row with the widget's `rescore`, the function the demo page uses.
 *
 *   { v: 1, kind: 'account-refreshed', orgKey, accountId, snapshot }   worker → extension pages (no answer)
 */
import type { AccountSnapshot } from '../../connector/port';
import type { AccountRecordsSnapshot } from '../../widget/src/worklist/load';
import { PROTOCOL_VERSION } from './protocol-version';

export interface AccountRefreshedMessage {
  v: typeof PROTOCOL_VERSION;
  kind: 'account-refreshed';
  orgKey: string;
  accountId: string;
  snapshot: AccountRecordsSnapshot;
}

/** The snapshot's records a worklist row is computed from (rescoreAccount): not the panel's derived extras. */
const ROW_INPUTS = ['contacts', 'invoices', 'payments', 'credits', 'promises', 'plans', 'disputes', 'activities'] as const;

/** The broadcast for one snapshot the worker served to a panel of org `orgKey`. */
export function accountRefreshedMessage(orgKey: string, snapshot: AccountSnapshot): AccountRefreshedMessage {
  const { account, contacts, invoices, payments, credits, promises, plans, disputes, activities } = snapshot;
  const records: AccountRecordsSnapshot = { account, contacts, invoices, payments, credits, promises, plans, disputes, activities };
  return { v: PROTOCOL_VERSION, kind: 'account-refreshed', orgKey, accountId: account.id, snapshot: records };
}

/** The parts of `runtime.MessageSender` the page checks. */
interface RefreshSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * The row inputs of a well-formed `account-refreshed` for this page's org sent by this extension's worker, else
 * null. Content scripts can message extension pages too, but always from a tab: only a sender without a tab on the
 * extension's own origin (the worker) is believed. The records themselves were checked by the connector's schemas
 * in the worker; here only their shape is checked, so a stray message cannot break the page.
 */
export function refreshedSnapshot(message: unknown, sender: RefreshSender, self: { extensionId: string; extensionOrigin: string; orgKey: string }): AccountRecordsSnapshot | null {
  if (sender.id !== self.extensionId || sender.tab !== undefined || !sender.url?.startsWith(self.extensionOrigin)) {
    return null;
  }
  const candidate = message as Partial<AccountRefreshedMessage> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.v !== PROTOCOL_VERSION || candidate.kind !== 'account-refreshed' || candidate.orgKey !== self.orgKey) {
    return null;
  }
  const snapshot = candidate.snapshot as unknown as Record<string, unknown> | undefined;
  const account = snapshot?.account as { id?: unknown } | undefined;
  if (typeof account?.id !== 'string' || account.id !== candidate.accountId || !ROW_INPUTS.every((key) => Array.isArray(snapshot![key]))) {
    return null;
  }
  return candidate.snapshot!;
}

/** The WebExtension API parts the page listens with (faked in tests). */
export interface RefreshApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: { addListener(listener: (message: unknown, sender: RefreshSender) => void): void };
  };
}

/**
 * The worklist page's side: every refreshed account of the page's org goes to `apply` (the widget's `rescore`).
 * The listener never answers (returns nothing), so the worker's broadcast is not kept waiting.
 */
export function listenForRefreshedAccounts(api: RefreshApi, orgKey: string, apply: (snapshot: AccountRecordsSnapshot) => void): void {
  const self = { extensionId: api.runtime.id, extensionOrigin: api.runtime.getURL(''), orgKey };
  api.runtime.onMessage.addListener((message, sender) => {
    const snapshot = refreshedSnapshot(message, sender, self);
    if (snapshot) {
      try {
        apply(snapshot);
      } catch (error) {
        console.warn('[collections-worklist] re-score from the panel failed', error);
      }
    }
  });
}
