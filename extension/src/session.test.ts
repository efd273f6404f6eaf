import { describe, expect, it } from 'vitest';
import { fakeCookies } from './fake-cookies';
import { findOrgSession, orgIdFromSessionId, readSessionToken } from './session';

const ORG_A = '00D5g000004AbcdEAC';
const ORG_B = '00D000000000001EAA';
const PAGE = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZ12AAF/view';

describe('orgIdFromSessionId', () => {
  it('reads the org id prefix of a session id', () => {
    expect(orgIdFromSessionId(`${ORG_A}!AQ8AQPvj.abc`)).toBe(ORG_A);
    expect(orgIdFromSessionId('not-a-session')).toBeNull();
    expect(orgIdFromSessionId('00Dbadbadbad!AQ')).toBeNull();
  });
});

describe('findOrgSession', () => {
  it('finds the API host cookie of the same org via the Lightning page sid (SIR approach)', async () => {
    const cookies = fakeCookies([
      { name: 'sid', value: `${ORG_A}!lightning`, domain: 'acme.lightning.force.com' },
      { name: 'sid', value: `${ORG_B}!other-org`, domain: 'globex.my.salesforce.com' },
      { name: 'sid', value: `${ORG_A}!help`, domain: 'help.salesforce.com' },
      { name: 'sid', value: `${ORG_A}!api`, domain: 'acme.my.salesforce.com' },
    ]);
    const session = await findOrgSession(cookies, PAGE);
    expect(session).toEqual({ orgKey: ORG_A, orgId: ORG_A, apiOrigin: 'https://acme.my.salesforce.com', storeId: undefined });
    expect(JSON.stringify(session)).not.toContain('!api');
    expect(await readSessionToken(cookies, session!)).toBe(`${ORG_A}!api`);
  });

  it('falls back to the mapped My Domain host when the page sid is not readable (httpOnly-only on API host, .mcas.ms)', async () => {
    const cookies = fakeCookies([{ name: 'sid', value: `${ORG_A}!api`, domain: 'acme--uat.sandbox.my.salesforce.com' }]);
    const session = await findOrgSession(cookies, 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/0015g00000XyZ12AAF/view');
    expect(session?.apiOrigin).toBe('https://acme--uat.sandbox.my.salesforce.com');
    const viaProxy = await findOrgSession(fakeCookies([{ name: 'sid', value: `${ORG_A}!api`, domain: 'acme.my.salesforce.com' }]), 'https://acme.lightning.force.com.mcas.ms/lightning/page/home');
    expect(viaProxy?.apiOrigin).toBe('https://acme.my.salesforce.com');
  });

  it('keeps two orgs apart (multi-org)', async () => {
    const cookies = fakeCookies([
      { name: 'sid', value: `${ORG_A}!lightning`, domain: 'acme.lightning.force.com' },
      { name: 'sid', value: `${ORG_A}!api`, domain: 'acme.my.salesforce.com' },
      { name: 'sid', value: `${ORG_B}!lightning`, domain: 'globex.lightning.force.com' },
      { name: 'sid', value: `${ORG_B}!api`, domain: 'globex.my.salesforce.com' },
    ]);
    const a = await findOrgSession(cookies, PAGE);
    const b = await findOrgSession(cookies, 'https://globex.lightning.force.com/lightning/r/Account/0015g00000XyZ12AAF/view');
    expect(a?.orgKey).toBe(ORG_A);
    expect(b?.orgKey).toBe(ORG_B);
    expect(await readSessionToken(cookies, b!)).toBe(`${ORG_B}!api`);
  });

  it('refuses a session of another org on the mapped host (stale sid after a My Domain change)', async () => {
    const cookies = fakeCookies([
      { name: 'sid', value: `${ORG_A}!lightning`, domain: 'acme.lightning.force.com' },
      { name: 'sid', value: `${ORG_B}!stale`, domain: 'acme.my.salesforce.com' },
    ]);
    expect(await findOrgSession(cookies, PAGE)).toBeNull();
  });

  it('returns null when not signed in, and for non-Salesforce pages', async () => {
    expect(await findOrgSession(fakeCookies([]), PAGE)).toBeNull();
    expect(await findOrgSession(fakeCookies([{ name: 'sid', value: `${ORG_A}!x`, domain: 'example.com' }]), 'https://example.com/')).toBeNull();
  });

  it('uses the page origin itself on dev origins (local sandbox)', async () => {
    const cookies = fakeCookies([{ name: 'sid', value: 'sandbox-token', domain: '127.0.0.1' }]);
    const session = await findOrgSession(cookies, 'http://127.0.0.1:4000/lightning/r/Account/0015g00000XyZ12AAF/view', { devOrigins: ['http://127.0.0.1:*'] });
    expect(session).toMatchObject({ apiOrigin: 'http://127.0.0.1:4000', orgId: null, orgKey: 'http://127.0.0.1:4000' });
    expect(await findOrgSession(cookies, 'http://127.0.0.1:4000/lightning/r/Account/0015g00000XyZ12AAF/view')).toBeNull();
  });

  it('stops using a session once the host holds another org’s sid', async () => {
    const cookies = fakeCookies([{ name: 'sid', value: `${ORG_A}!api`, domain: 'acme.my.salesforce.com' }]);
    const session = (await findOrgSession(cookies, PAGE))!;
    const switched = fakeCookies([{ name: 'sid', value: `${ORG_B}!api`, domain: 'acme.my.salesforce.com' }]);
    expect(await readSessionToken(switched, session)).toBeNull();
  });

  it('passes the tab cookie store (Firefox containers)', async () => {
    const cookies = fakeCookies([
      { name: 'sid', value: `${ORG_A}!work`, domain: 'acme.my.salesforce.com', storeId: 'firefox-container-1' },
      { name: 'sid', value: `${ORG_B}!default`, domain: 'acme.my.salesforce.com', storeId: 'firefox-default' },
    ]);
    const session = await findOrgSession(cookies, PAGE, { storeId: 'firefox-container-1' });
    expect(session?.orgId).toBe(ORG_A);
    expect(await readSessionToken(cookies, session!)).toBe(`${ORG_A}!work`);
  });
});
