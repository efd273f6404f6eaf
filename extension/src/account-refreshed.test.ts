import { describe, expect, it, vi } from 'vitest';
import { inrSnapshot } from '../../widget/test/fixtures';
import type { AccountRecordsSnapshot } from '../../widget/src/worklist/load';
import type { RefreshApi } from './account-refreshed';
import { accountRefreshedMessage, listenForRefreshedAccounts } from './account-refreshed';

const EXT = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT}/`;
const ORG = '00D5g000004AbcdEAC';
const worker = { id: EXT, url: `${ORIGIN}background.js` };

/** A fake `chrome.runtime` with the page's onMessage listeners, and a way to deliver a message to them. */
function fakeApi() {
  const listeners: Parameters<RefreshApi['runtime']['onMessage']['addListener']>[0][] = [];
  const api: RefreshApi = { runtime: { id: EXT, getURL: (path) => `${ORIGIN}${path}`, onMessage: { addListener: (listener) => listeners.push(listener) } } };
  return { api, deliver: (message: unknown, sender: { id?: string; url?: string; tab?: unknown }) => listeners.map((listener) => listener(message, sender)) };
}

describe('account-refreshed (worker → worklist page)', () => {
  it("the worker's message carries the snapshot's row inputs only, for the org it was read from", () => {
    const snapshot = inrSnapshot();
    const message = accountRefreshedMessage(ORG, snapshot);
    expect(message).toMatchObject({ v: 1, kind: 'account-refreshed', orgKey: ORG, accountId: snapshot.account.id });
    expect(Object.keys(message.snapshot).sort()).toEqual(['account', 'activities', 'contacts', 'credits', 'disputes', 'invoices', 'payments', 'plans', 'promises']);
    expect(message.snapshot.invoices).toEqual(snapshot.invoices);
    // What crosses the message boundary survives it unchanged (runtime messaging serialises as JSON).
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
  });

  it("applies a refreshed account of the page's org from the worker, once, and answers nothing", () => {
    const { api, deliver } = fakeApi();
    const applied: AccountRecordsSnapshot[] = [];
    listenForRefreshedAccounts(api, ORG, (snapshot) => applied.push(snapshot));
    const message = accountRefreshedMessage(ORG, inrSnapshot());
    expect(deliver(message, worker)).toEqual([undefined]);
    expect(applied).toEqual([message.snapshot]);
  });

  it('ignores other orgs, content scripts, other extensions, other kinds and malformed snapshots', () => {
    const { api, deliver } = fakeApi();
    const apply = vi.fn();
    listenForRefreshedAccounts(api, ORG, apply);
    const message = accountRefreshedMessage(ORG, inrSnapshot());
    deliver(accountRefreshedMessage('00D5g000004OtherEAC', inrSnapshot()), worker);
    // A content script's messages reach extension pages too, always from a tab.
    deliver(message, { id: EXT, url: 'https://acme.lightning.force.com/lightning/r/Account/x/view', tab: { id: 3 } });
    deliver(message, { ...worker, tab: { id: 3 } });
    deliver(message, { id: 'other-extension', url: 'chrome-extension://other-extension/background.js' });
    deliver({ ...message, kind: 'worklist-read' }, worker);
    deliver({ ...message, v: 0 }, worker);
    deliver({ ...message, accountId: '001000000000000AAA' }, worker);
    deliver({ ...message, snapshot: { ...message.snapshot, invoices: null } }, worker);
    deliver(null, worker);
    deliver('account-refreshed', worker);
    expect(apply).not.toHaveBeenCalled();
  });

  it('keeps listening when one re-score fails', () => {
    const { api, deliver } = fakeApi();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const apply = vi.fn().mockImplementationOnce(() => {
      throw new Error('bad rates');
    });
    listenForRefreshedAccounts(api, ORG, apply);
    const message = accountRefreshedMessage(ORG, inrSnapshot());
    expect(() => deliver(message, worker)).not.toThrow();
    deliver(message, worker);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
