/** Real-shaped fixtures shared by the extension's unit tests. */
import { vi } from 'vitest';
import type { LogCallInput } from '../../connector/port';
import { fakeCookies } from './fake-cookies';
import { DEFAULT_SETTINGS } from './settings';
import type { WorkerDeps } from './worker-router';

export const ACCOUNT = '0015g00000XyZ12AAF';

export const validLogCall: LogCallInput = {
  idempotencyKey: 'call-2026-11-22-0001',
  accountId: ACCOUNT,
  contactId: '0035g00000AbCdEAAV',
  direction: 'outbound',
  disposition: 'reached',
  conversation: true,
  durationSeconds: 240,
  occurredAt: '2026-11-22T10:15:00+01:00',
  notes: 'Promised to pay INV-1042 on Friday.',
  followUpDate: '2026-11-27',
  invoiceIds: ['a0B5g00000Inv01AAA'],
  complianceOverride: null,
};

/** One org signed in by cookie on acme, and a panel's message from its Lightning record page. */
export const EXT = 'abcdefghijklmnop';
export const ORG = '00D5g000004AbcdEAC';
export const TOKEN = `${ORG}!AQ8AQPsecret-session-value`;
export const PAGE = `https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT}/view`;
export const pageSender = { id: EXT, url: PAGE, frameId: 0, tab: { id: 1, url: PAGE } };

/** The worker's deps for the extension pages' tests: that cookie session, no port, no OAuth sign-in. */
export function pageWorkerDeps(overrides: Partial<WorkerDeps> = {}): WorkerDeps {
  return {
    senderPolicy: { extensionId: EXT, extensionOrigin: `chrome-extension://${EXT}/`, devOrigins: [] },
    cookies: fakeCookies([{ name: 'sid', value: TOKEN, domain: 'acme.my.salesforce.com' }]),
    createPort: () => { throw new Error('no port needed'); },
    runSetupCheck: async () => ({}),
    getSettings: async () => DEFAULT_SETTINGS,
    oauthTokens: { get: async () => null, signIn: async () => { throw new Error('no'); }, refresh: async (t) => t },
    openSignInPage: vi.fn(async () => undefined),
    openExtensionPage: vi.fn(async () => undefined),
    now: () => 1_700_000_000_000,
    ...overrides,
  };
}
