import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { resolveActiveRecord } from './lightning-dom';

const ACCOUNT_A = '0015g00000XyZ12AAF';
const CONTACT = '0035g00000AbCdEAAV';

// Trimmed from the console tab bar markup (workspace tabs are <li class="oneConsoleTabItem">).
const consoleHtml = (activeHref: string) => `
  <div class="tabBarItems">
    <ul>
      <li class="oneConsoleTabItem"><a role="tab" aria-selected="false" href="/lightning/r/Account/${ACCOUNT_A}/view">Acme</a></li>
      <li class="oneConsoleTabItem slds-is-active"><a role="tab" aria-selected="true" href="${activeHref}">Active</a></li>
    </ul>
  </div>`;

describe('resolveActiveRecord', () => {
  it('prefers the URL when it is a record page', () => {
    const doc = new JSDOM(consoleHtml(`/lightning/r/Contact/${CONTACT}/view`)).window.document;
    expect(resolveActiveRecord(`https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT_A}/view`, doc)?.recordId).toBe(ACCOUNT_A);
  });

  it('picks the active console tab when the URL is not a record page', () => {
    const doc = new JSDOM(consoleHtml(`/lightning/r/Contact/${CONTACT}/view`)).window.document;
    expect(resolveActiveRecord('https://acme.lightning.force.com/lightning/page/home', doc)).toMatchObject({ objectType: 'contact', recordId: CONTACT });
  });

  it('ignores active tabs that link off-origin or to unsupported pages, and non-Salesforce pages', () => {
    const offOrigin = new JSDOM(consoleHtml(`https://evil.example/lightning/r/Contact/${CONTACT}/view`)).window.document;
    expect(resolveActiveRecord('https://acme.lightning.force.com/lightning/page/home', offOrigin)).toBeNull();
    const listView = new JSDOM(consoleHtml('/lightning/o/Account/list')).window.document;
    expect(resolveActiveRecord('https://acme.lightning.force.com/lightning/page/home', listView)).toBeNull();
    const good = new JSDOM(consoleHtml(`/lightning/r/Contact/${CONTACT}/view`)).window.document;
    expect(resolveActiveRecord('https://example.com/lightning/page/home', good)).toBeNull();
  });
});
