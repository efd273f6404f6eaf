import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../testing';
import type { TestSandbox } from '../testing';
import { DEMO_ACCOUNT_ID } from '../seed/index';
import { embedJson, escapeHtml } from './page';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ accounts: 4, widgetDir: 'sandbox/demo/assets', connectorDir: '/nonexistent-dir' });
});
afterAll(async () => {
  await t.sb.close();
});

describe('demo page', () => {
  it('escapes text and JSON for HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
    expect(embedJson({ a: '</script><script>alert(1)</script>' })).not.toContain('</script>');
    expect(JSON.parse(embedJson({ a: '</script>&' }))).toEqual({ a: '</script>&' });
  });

  it('renders the account page server-side, with CRM markup escaped and a strict CSP', async () => {
    const accounts = (await t.call<Array<{ id: string; name: string }>>('GET', '/__demo/accounts')).body;
    const markup = accounts.find((a) => a.name.includes('<img'));
    expect(markup).toBeDefined();
    const response = await fetch(`${t.sb.url}/lightning/r/Account/${markup?.id}/view`);
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('Acme &#60;img src=x onerror=alert(1)&#62; Supplies');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script>(?!)/);
  });

  it('redirects / to the home page, 404s unknown records, and never serves files outside the bundle dirs', async () => {
    const home = await fetch(`${t.sb.url}/`, { redirect: 'manual' });
    expect(home.headers.get('location')).toBe('/lightning/page/home');
    expect((await fetch(`${t.sb.url}/lightning/r/Account/001Hs0000000999IAA/view`)).status).toBe(404);
    expect((await fetch(`${t.sb.url}/widget/demo.css`)).status).toBe(200);
    expect((await fetch(`${t.sb.url}/widget/%2e%2e/%2e%2e/package.json`)).status).not.toBe(200);
    expect((await fetch(`${t.sb.url}/widget/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  it('sets the sid session cookie like a Lightning page (HttpOnly, SameSite=Lax), with the dev token', async () => {
    for (const path of ['/lightning/page/home', `/lightning/r/Account/${DEMO_ACCOUNT_ID}/view`]) {
      const response = await fetch(`${t.sb.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('set-cookie'), path).toBe(`sid=${t.sb.token}; Path=/; HttpOnly; SameSite=Lax`);
    }
    // Only the Lightning pages: JSON fragments, assets and the REST API set no cookie.
    expect((await fetch(`${t.sb.url}/__demo/record/${DEMO_ACCOUNT_ID}`)).headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${t.sb.url}/__demo/assets/demo.js`)).headers.get('set-cookie')).toBeNull();
    expect(t.sb.apiUsage().used).toBe(0);
  });

  it("the page's own scripts never call the REST API", () => {
    for (const file of ['demo.js', 'oauth-callback.js']) {
      // Code only: the header comment explains the rule and names the path.
      const source = readFileSync(`sandbox/demo/assets/${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(source, file).not.toContain('/services/data');
    }
  });

  it('serves record fragments for in-app navigation as JSON (not under /services, not counted)', async () => {
    const accounts = (await t.call<Array<{ id: string; name: string }>>('GET', '/__demo/accounts?q=jaipur')).body;
    expect(accounts.map((a) => a.name)).toEqual(['Jaipur Textiles Pvt Ltd']);
    const fragment = await t.call<{ recordId: string; html: string; title: string }>('GET', `/__demo/record/${accounts[0]?.id}`);
    expect(fragment.body.recordId).toBe(accounts[0]?.id);
    expect(fragment.body.html).toContain('Jaipur Textiles Pvt Ltd');
    expect(t.sb.apiUsage().used).toBe(0);
  });

  it('serves the worklist tab (/lightning/n/Collections_Worklist) linked from the navigation, with the signed-in collector for the worklist', async () => {
    const response = await fetch(`${t.sb.url}/lightning/n/Collections_Worklist`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<a data-nav href="/lightning/n/Collections_Worklist" aria-current="page">Worklist</a>');
    expect(html).toContain('data-testid="worklist-slot"');
    const config = JSON.parse(/<script type="application\/json" id="demo-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as Record<string, unknown>;
    expect(config).toMatchObject({ worklist: true, worklistAvailable: false, recordId: null });
    const users = (await t.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'collector@sandbox.example'")).body.records;
    expect(config.userId).toBe(users[0]?.Id);
    // Every page links it; the home page sends the collector there first.
    const home = await (await fetch(`${t.sb.url}/lightning/page/home`)).text();
    expect(home).toContain('<a data-nav href="/lightning/n/Collections_Worklist">Worklist</a>');
    expect(home).toContain('Start with <a data-nav href="/lightning/n/Collections_Worklist">your worklist</a>');
    const fragment = await t.call<{ worklist: boolean; html: string }>('GET', '/__demo/worklist');
    expect(fragment.body.worklist).toBe(true);
    expect(fragment.body.html).toContain('id="worklist-slot"');
  });

  it('serves the reports tab (/lightning/n/Collections_Reports) linked from the navigation, and its fragment', async () => {
    const response = await fetch(`${t.sb.url}/lightning/n/Collections_Reports`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<a data-nav href="/lightning/n/Collections_Reports" aria-current="page">Reports</a>');
    expect(html).toContain('<a data-nav href="/lightning/n/Collections_Worklist">Worklist</a>');
    expect(html).toContain('data-testid="reports-slot"');
    expect(html).toContain('<title>Collections Reports | Collections Sandbox</title>');
    const config = JSON.parse(/<script type="application\/json" id="demo-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as Record<string, unknown>;
    expect(config).toMatchObject({ reports: true, worklist: false, reportsAvailable: false, recordId: null });
    const home = await (await fetch(`${t.sb.url}/lightning/page/home`)).text();
    expect(home).toContain('<a data-nav href="/lightning/n/Collections_Reports">Reports</a>');
    const fragment = await t.call<{ reports: boolean; html: string; title: string }>('GET', '/__demo/reports');
    expect(fragment.body.reports).toBe(true);
    expect(fragment.body.title).toBe('Collections Reports | Collections Sandbox');
    expect(fragment.body.html).toContain('id="reports-slot"');
  });
});

describe('opportunity page (issue 19)', () => {
  it('renders the demo account\'s open opportunity with the collapsed collections banner for its account', async () => {
    const account = await fetch(`${t.sb.url}/lightning/r/Account/${DEMO_ACCOUNT_ID}/view`);
    const link = /href="\/lightning\/r\/Opportunity\/([A-Za-z0-9]{18})\/view">([^<]*)</.exec(await account.text());
    expect(link?.[2]).toContain('Jaipur Textiles FY27 renewal');
    const response = await fetch(`${t.sb.url}/lightning/r/Opportunity/${link?.[1]}/view`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`data-account-id="${DEMO_ACCOUNT_ID}"`);
    expect(html).toMatch(/<button type="button" id="sales-banner-toggle" aria-expanded="false"[^>]*>Collections: check Jaipur Textiles/);
    const fragment = await t.call<{ objectType: string; accountId: string }>('GET', `/__demo/record/${link?.[1]}`);
    expect(fragment.body).toMatchObject({ objectType: 'Opportunity', accountId: DEMO_ACCOUNT_ID });
  });
});
