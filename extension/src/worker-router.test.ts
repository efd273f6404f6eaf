import { describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import type { CollectionsPort } from '../../connector/port';
import { PORT_METHODS } from '../../connector/port';
import { fakeCookies } from './fake-cookies';
import type { OAuthTokens } from './oauth';
import { ACCOUNT, EXT, ORG, PAGE, pageSender, TOKEN, validLogCall } from './test-fixtures';
import { inrSnapshot } from '../../widget/test/fixtures';
import { accountRefreshedMessage } from './account-refreshed';
import { DEFAULT_SETTINGS } from './settings';
import type { PortConfig, WorkerDeps } from './worker-router';
import { createWorkerRouter } from './worker-router';

const optionsSender = { id: EXT, url: `chrome-extension://${EXT}/options.html` };

function setup(overrides: Partial<WorkerDeps> = {}) {
  const configs: PortConfig[] = [];
  const port = Object.fromEntries(PORT_METHODS.map((m) => [m, vi.fn(async (arg: unknown) => ({ method: m, arg }))])) as unknown as CollectionsPort & Record<string, ReturnType<typeof vi.fn>>;
  const oauth = new Map<string, OAuthTokens>();
  const deps: WorkerDeps = {
    senderPolicy: { extensionId: EXT, extensionOrigin: `chrome-extension://${EXT}/`, devOrigins: [] },
    cookies: fakeCookies([{ name: 'sid', value: TOKEN, domain: 'acme.my.salesforce.com' }]),
    createPort: (config) => {
      configs.push(config);
      return port;
    },
    runSetupCheck: async (config) => ({ ok: true, instanceUrl: config.instanceUrl, problems: [] }),
    getSettings: async () => DEFAULT_SETTINGS,
    oauthTokens: {
      get: async (origin) => oauth.get(origin) ?? null,
      signIn: async (origin) => {
        const tokens = { accessToken: 'oauth-token', refreshToken: 'r', apiOrigin: origin, orgId: ORG, issuedAt: 0 };
        oauth.set(origin, tokens);
        return tokens;
      },
      refresh: async (tokens) => tokens,
    },
    openSignInPage: vi.fn(async () => undefined),
    now: () => 1_700_000_000_000,
    ...overrides,
  };
  return { router: createWorkerRouter(deps), port, configs, deps };
}

const call = (method: string, args: unknown[], id = 'req-1') => ({ v: 1, kind: 'port-call', id, method, args });

describe('worker router', () => {
  it('runs a port call against the org of the sending tab and never returns the token', async () => {
    const { router, port, configs } = setup();
    const response = await router.handle(call('loadSnapshot', [{ id: ACCOUNT, objectType: 'account' }]), pageSender);
    expect(response).toEqual({ v: 1, id: 'req-1', ok: true, result: { method: 'loadSnapshot', arg: { id: ACCOUNT, objectType: 'account' } } });
    expect(port.loadSnapshot).toHaveBeenCalledTimes(1);
    expect(configs[0]?.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(await configs[0]?.getAccessToken()).toBe(TOKEN);
    expect(JSON.stringify(response)).not.toContain('secret-session-value');
  });

  it("passes loadSnapshot's compliance profile override to the connector", async () => {
    const { router, port } = setup();
    const response = await router.handle(call('loadSnapshot', [{ id: ACCOUNT }, { complianceProfile: 'uk-fca' }]), pageSender);
    expect(response).toMatchObject({ ok: true });
    expect(port.loadSnapshot).toHaveBeenCalledWith({ id: ACCOUNT }, { complianceProfile: 'uk-fca' });
  });

  it("tells the extension's pages about each snapshot a panel read (the worklist page re-scores that row), nothing else", async () => {
    const broadcast = vi.fn();
    const { router, port } = setup({ broadcast });
    const snapshot = inrSnapshot();
    vi.mocked(port.loadSnapshot).mockResolvedValue(snapshot);
    const response = await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender);
    expect(response).toEqual({ v: 1, id: 'req-1', ok: true, result: snapshot });
    expect(broadcast).toHaveBeenCalledTimes(1);
    expect(broadcast).toHaveBeenCalledWith(accountRefreshedMessage(ORG, snapshot));
    // A write is not a snapshot: the panel re-reads after it, and that read is what gets broadcast.
    expect(await router.handle(call('logCall', [validLogCall], 'req-2'), pageSender)).toMatchObject({ ok: true });
    // A failed read tells nobody.
    vi.mocked(port.loadSnapshot).mockRejectedValueOnce(new ConnectorError({ kind: 'network', detail: 'offline' }));
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }], 'req-3'), pageSender)).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(broadcast).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(broadcast.mock.calls)).not.toContain('secret-session-value');
  });

  it('still answers the snapshot when telling the pages about it throws (the panel read succeeded)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const broadcast = vi.fn(() => {
        throw new Error('no receiving end');
      });
      const { router, port } = setup({ broadcast });
      const snapshot = inrSnapshot();
      vi.mocked(port.loadSnapshot).mockResolvedValue(snapshot);
      expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender)).toEqual({ v: 1, id: 'req-1', ok: true, result: snapshot });
      expect(broadcast).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('worklist'), expect.any(Error));
    } finally {
      warn.mockRestore();
    }
  });

  it('validates write inputs before anything reaches the connector', async () => {
    const { router, port } = setup();
    const bad = await router.handle(call('logCall', [{ ...validLogCall, disposition: 'shouted' }]), pageSender);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_input', fields: ['disposition'] } });
    expect(port.logCall).not.toHaveBeenCalled();
    const good = await router.handle(call('logCall', [validLogCall], 'req-2'), pageSender);
    expect(good).toMatchObject({ ok: true, id: 'req-2' });
  });

  it('rejects a record id with a bad checksum', async () => {
    const { router, port } = setup();
    const response = await router.handle(call('loadSnapshot', [{ id: '0015g00000XyZ12AAA' }]), pageSender);
    expect(response).toMatchObject({ ok: false, error: { kind: 'invalid_input', fields: ['id'] } });
    expect(port.loadSnapshot).not.toHaveBeenCalled();
  });

  it('answers a bad version or unknown method with invalid_input', async () => {
    const { router } = setup();
    expect(await router.handle({ ...call('loadSnapshot', [{ id: ACCOUNT }]), v: 0 }, pageSender)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await router.handle(call('dropTable', [{}]), pageSender)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('ignores foreign senders and page requests for options-only kinds', async () => {
    const { router, port } = setup();
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), { ...pageSender, id: 'other-extension' })).toBeNull();
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), { ...pageSender, url: 'https://evil.example/', tab: { id: 1 } })).toBeNull();
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), { id: EXT, url: PAGE })).toBeNull();
    expect(await router.handle({ v: 1, kind: 'list-orgs', id: 'x1' }, pageSender)).toBeNull();
    expect(port.loadSnapshot).not.toHaveBeenCalled();
  });

  it('reports session_expired when the collector is not signed in', async () => {
    const { router } = setup({ cookies: fakeCookies([]) });
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender)).toMatchObject({ ok: false, error: { kind: 'session_expired' } });
  });

  it('passes api_disabled through so the panel can offer OAuth, then uses the OAuth token after sign-in', async () => {
    const { router, port, configs } = setup();
    vi.mocked(port.loadSnapshot).mockRejectedValueOnce(new ConnectorError({ kind: 'api_disabled', status: 401, detail: 'INVALID_SESSION_ID: This session is not valid for use with the REST API' }));
    expect(await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender)).toMatchObject({ ok: false, error: { kind: 'api_disabled', status: 401 } });

    expect(await router.handle({ v: 1, kind: 'oauth-offer', id: 'o1' }, pageSender)).toMatchObject({ ok: true });
    const orgs = router.knownOrgs();
    expect(orgs).toEqual([expect.objectContaining({ orgKey: ORG, apiOrigin: 'https://acme.my.salesforce.com' })]);
    expect(await router.handle({ v: 1, kind: 'oauth-sign-in', id: 'o2', orgKey: ORG }, optionsSender)).toMatchObject({ ok: true });

    await router.handle(call('loadSnapshot', [{ id: ACCOUNT }], 'req-3'), pageSender);
    expect(await configs.at(-1)?.getAccessToken()).toBe('oauth-token');
    expect(router.knownOrgs()[0]?.auth).toBe('oauth');
  });

  it('keeps one port per org and runs the setup check for a known org', async () => {
    const { router, configs } = setup();
    await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender);
    await router.handle(call('listContacts', [ACCOUNT], 'req-2'), pageSender);
    expect(configs).toHaveLength(1);
    expect(await router.handle({ v: 1, kind: 'setup-check', id: 's1', orgKey: ORG }, optionsSender)).toMatchObject({ ok: true, result: { ok: true, instanceUrl: 'https://acme.my.salesforce.com' } });
    expect(await router.handle({ v: 1, kind: 'setup-check', id: 's2', orgKey: '00Dunknown' }, optionsSender)).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('does not retry with a cookie session that was rejected and has not changed, but picks up a renewed one', async () => {
    const cookies = fakeCookies([{ name: 'sid', value: TOKEN, domain: 'acme.my.salesforce.com' }]);
    const { router, configs } = setup({ cookies });
    await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender);
    const config = configs[0]!;
    expect(await config.getAccessToken()).toBe(TOKEN);
    await expect(config.refreshAccessToken()).rejects.toMatchObject({ kind: 'session_expired' });
    const renewed = `${ORG}!AQ8renewed`;
    const cookie = (await cookies.get({ url: 'https://acme.my.salesforce.com/', name: 'sid' }))!;
    cookie.value = renewed;
    expect(await config.refreshAccessToken()).toBe(renewed);
  });

  it('remembers seen orgs across worker restarts (never their tokens)', async () => {
    let saved: unknown = undefined;
    const orgMemory = { load: async () => saved, save: async (orgs: unknown) => { saved = structuredClone(orgs); } };
    const first = setup({ orgMemory });
    await first.router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), pageSender);
    expect(JSON.stringify(saved)).not.toContain('secret-session-value');
    const restarted = setup({ orgMemory });
    const response = await restarted.router.handle({ v: 1, kind: 'list-orgs', id: 'l1' }, optionsSender);
    expect(response).toMatchObject({ ok: true, result: [{ orgKey: ORG, apiOrigin: 'https://acme.my.salesforce.com' }] });
    saved = { bogus: { session: { orgKey: 1 } }, [ORG]: 'garbage' };
    const corrupted = setup({ orgMemory });
    expect(await corrupted.router.handle({ v: 1, kind: 'list-orgs', id: 'l2' }, optionsSender)).toMatchObject({ ok: true, result: [] });
  });

  it('keeps the same org in two Firefox containers apart', async () => {
    const cookies = fakeCookies([
      { name: 'sid', value: `${ORG}!work`, domain: 'acme.my.salesforce.com', storeId: 'firefox-container-1' },
      { name: 'sid', value: `${ORG}!personal`, domain: 'acme.my.salesforce.com', storeId: 'firefox-container-2' },
    ]);
    const { router, configs } = setup({ cookies });
    await router.handle(call('loadSnapshot', [{ id: ACCOUNT }]), { ...pageSender, tab: { id: 1, url: PAGE, cookieStoreId: 'firefox-container-1' } });
    await router.handle(call('loadSnapshot', [{ id: ACCOUNT }], 'req-2'), { ...pageSender, tab: { id: 2, url: PAGE, cookieStoreId: 'firefox-container-2' } });
    expect(configs).toHaveLength(2);
    expect(await configs[0]!.getAccessToken()).toBe(`${ORG}!work`);
    expect(await configs[1]!.getAccessToken()).toBe(`${ORG}!personal`);
  });

  it('opens the sign-in page for the org of the page', async () => {
    const { router, deps } = setup();
    await router.handle({ v: 1, kind: 'oauth-offer', id: 'o1' }, pageSender);
    expect(deps.openSignInPage).toHaveBeenCalledWith(ORG);
  });
});
