/**
 * Server-side rendering of the Lightning-like demo pages. All CRM text goes through escapeHtml:
 * the seed deliberately contains markup (`<img src=x onerror=alert(1)>`).
 */
import type { Store, StoredRecord } from '../store';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON safe to embed in `<script type="application/json">` (no `</script>` breakout). */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export interface AccountListItem {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  currency: string | null;
}

const LIST_LIMIT = 200;

/** Accounts for the left list, sorted by name; filtered by a case-insensitive substring. */
export function listAccounts(store: Store, query = '', limit = LIST_LIMIT): AccountListItem[] {
  const needle = query.trim().toLowerCase();
  const out: AccountListItem[] = [];
  for (const record of store.all('Account')) {
    const name = String(record.Name ?? '');
    if (needle && !name.toLowerCase().includes(needle)) {
      continue;
    }
    out.push({
      id: record.Id as string,
      name,
      city: (record.BillingCity as string | null) ?? null,
      country: (record.BillingCountry as string | null) ?? null,
      currency: (record.CurrencyIsoCode as string | null) ?? null,
    });
  }
  // The demo account (the first seeded) stays on top; the rest alphabetical.
  const first = out[0]?.id;
  out.sort((a, b) => (a.id === first ? -1 : b.id === first ? 1 : a.name.localeCompare(b.name)));
  return out.slice(0, limit);
}

/** Header + details of a record for the page (and the `/__demo/record/:id` JSON). */
export interface RecordView {
  id: string;
  objectType: 'Account' | 'Contact' | 'Opportunity';
  title: string;
  subtitle: string;
  /** Id of the account the page belongs to (the contact's account for contacts). */
  accountId: string | null;
  highlights: Array<{ label: string; value: string }>;
  details: Array<{ label: string; value: string }>;
  related: Array<{ label: string; items: Array<{ id: string; objectType: string; text: string }> }>;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function userName(store: Store, id: unknown): string {
  return typeof id === 'string' ? text(store.get(id)?.record.Name) : '';
}

function childrenOf(store: Store, objectName: string, field: string, parentId: string): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const id of store.childIds(objectName, field, parentId)) {
    const found = store.get(id);
    if (found) {
      out.push(found.record);
    }
  }
  return out;
}

/** The view of an Account, Opportunity or Contact, or null if the id is not one. */
export function recordView(store: Store, id: string): RecordView | null {
  const found = store.get(id);
  if (!found) {
    return null;
  }
  const r = found.record;
  if (found.object === 'Account') {
    const contacts = childrenOf(store, 'Contact', 'AccountId', id);
    const cases = childrenOf(store, 'Case', 'AccountId', id);
    const opportunities = childrenOf(store, 'Opportunity', 'AccountId', id);
    return {
      id,
      objectType: 'Account',
      title: text(r.Name),
      subtitle: 'Account',
      accountId: id,
      highlights: [
        { label: 'Type', value: text(r.Type) },
        { label: 'Phone', value: text(r.Phone) },
        { label: 'Account Owner', value: userName(store, r.OwnerId) },
        { label: 'Billing City', value: [r.BillingCity, r.BillingCountry].filter(Boolean).join(', ') },
      ],
      details: [
        { label: 'Account Number', value: text(r.AccountNumber) },
        { label: 'Industry', value: text(r.Industry) },
        { label: 'Account Currency', value: text(r.CurrencyIsoCode) },
        { label: 'Collector', value: userName(store, r.Collector__c) },
        { label: 'Compliance Profile', value: text(r.Compliance_Profile__c) },
        { label: 'Time Zone', value: text(r.Collections_Time_Zone__c) },
        { label: 'Customer Segment', value: text(r.Customer_Segment__c) },
        { label: 'Collections Flags', value: text(r.Collections_Flags__c).split(';').join(', ') },
        { label: 'Credit Limit', value: text(r.Credit_Limit__c) },
        { label: 'Description', value: text(r.Description) },
      ],
      related: [
        { label: `Contacts (${contacts.length})`, items: contacts.map((c) => ({ id: c.Id as string, objectType: 'Contact', text: [c.Name, c.Title].filter(Boolean).join(' · ') })) },
        { label: `Cases (${cases.length})`, items: cases.map((c) => ({ id: c.Id as string, objectType: 'Case', text: `${text(c.CaseNumber)} ${text(c.Subject)}` })) },
        { label: `Opportunities (${opportunities.length})`, items: opportunities.map((o) => ({ id: o.Id as string, objectType: 'Opportunity', text: `${text(o.Name)} · ${text(o.StageName)}` })) },
      ],
    };
  }
  // An opportunity's or a contact's account: its name, its link, and (issue 19) on the rep's opportunity page the
  // collections banner's account.
  const accountId = typeof r.AccountId === 'string' ? r.AccountId : null;
  const account = accountId ? store.get(accountId)?.record : undefined;
  const accountLink = account ? [{ label: 'Account', items: [{ id: accountId as string, objectType: 'Account', text: text(account.Name) }] }] : [];
  if (found.object === 'Opportunity') {
    return {
      id,
      objectType: 'Opportunity',
      title: text(r.Name),
      subtitle: 'Opportunity',
      accountId,
      highlights: [
        { label: 'Account Name', value: text(account?.Name) },
        { label: 'Close Date', value: text(r.CloseDate) },
        { label: 'Amount', value: [text(r.CurrencyIsoCode), text(r.Amount)].filter(Boolean).join(' ') },
        { label: 'Opportunity Owner', value: userName(store, r.OwnerId) },
      ],
      details: [
        { label: 'Stage', value: text(r.StageName) },
        { label: 'Probability (%)', value: text(r.Probability) },
      ],
      related: accountLink,
    };
  }
  if (found.object === 'Contact') {
    return {
      id,
      objectType: 'Contact',
      title: text(r.Name),
      subtitle: 'Contact',
      accountId,
      highlights: [
        { label: 'Title', value: text(r.Title) },
        { label: 'Account Name', value: text(account?.Name) },
        { label: 'Phone', value: text(r.Phone) },
        { label: 'Email', value: text(r.Email) },
      ],
      details: [
        { label: 'Mobile', value: text(r.MobilePhone) },
        { label: 'Role', value: text(r.Collections_Role__c) },
        { label: 'Time Zone', value: text(r.Collections_Time_Zone__c) },
        { label: 'Mobile Time Zone', value: text(r.Mobile_Time_Zone__c) },
        { label: 'Email Opt Out', value: r.HasOptedOutOfEmail ? 'Yes' : 'No' },
        { label: 'Do Not Call', value: r.DoNotCall ? 'Yes' : 'No' },
        { label: 'SMS Opt Out', value: r.SMS_Opt_Out__c ? 'Yes' : 'No' },
      ],
      related: accountLink,
    };
  }
  return null;
}

export interface PageOptions {
  view: RecordView | null;
  accounts: AccountListItem[];
  panelEnabled: boolean;
  widgetAvailable: boolean;
  connectorAvailable: boolean;
  apiVersion: string;
  locale: string;
  demoAccountId: string | null;
  /** The worklist page (`/lightning/n/Collections_Worklist`) instead of a record or home. */
  worklist?: boolean;
  /** Both worklist bundles are built (dist/widget/worklist.js, dist/connector/collections-portfolio.iife.js). */
  worklistAvailable?: boolean;
  /** The reports page (`/lightning/n/Collections_Reports`). */
  reports?: boolean;
  /** The reports bundles are built (dist/widget/reports/reports.js, dist/connector/collections-reports.iife.js). */
  reportsAvailable?: boolean;
  /** The signed-in user's id: the collector whose worklist opens. */
  userId?: string | null;
  /** The default signed-in user's name: signs reminders until the page knows who signed in (userinfo). */
  userName?: string | null;
  /** The "Disputes waiting for me" page (`/lightning/n/Collections_Disputes`, issue 19). */
  disputes?: boolean;
  /** Users the demo can sign in as (collectors, sales owners, their manager). */
  signInAs?: { username: string; label: string }[];
}

/** Path of the sales owner's disputes tab (issue 19). */
export const DISPUTES_PATH = '/lightning/n/Collections_Disputes';

/** The `<main>` content of the disputes page: a header and the slot the view mounts into. */
export function renderDisputes(): string {
  return `
      <section class="record-header" data-testid="record-header">
        <div class="record-icon worklist" aria-hidden="true">⚑</div>
        <div><p class="record-type" id="record-type">Collections</p><h1 id="record-name" data-testid="record-name">Disputes waiting for me</h1></div>
      </section>
      <div class="record-body"><div id="disputes-slot" data-testid="disputes-slot"></div></div>`;
}

/** Path of the worklist tab, as a Lightning custom tab is addressed (`/lightning/n/<TabApiName>`). */
export const WORKLIST_PATH = '/lightning/n/Collections_Worklist';

/** The `<main>` content of the worklist page: a header and the slot the worklist mounts into. */
export function renderWorklist(): string {
  return `
      <section class="record-header" data-testid="record-header">
        <div class="record-icon worklist" aria-hidden="true">☰</div>
        <div><p class="record-type" id="record-type">Collections</p><h1 id="record-name" data-testid="record-name">Collections Worklist</h1></div>
      </section>
      <div class="record-body"><div id="worklist-slot" data-testid="worklist-slot"></div></div>`;
}

/** Path of the reports tab (management reports for the whole org). */
export const REPORTS_PATH = '/lightning/n/Collections_Reports';

/** The `<main>` content of the reports page: a header and the slot the reports view mounts into. */
export function renderReports(): string {
  return `
      <section class="record-header" data-testid="record-header">
        <div class="record-icon worklist" aria-hidden="true">▤</div>
        <div><p class="record-type" id="record-type">Collections</p><h1 id="record-name" data-testid="record-name">Collections Reports</h1></div>
      </section>
      <div class="record-body"><div id="reports-slot" data-testid="reports-slot"></div></div>`;
}

/** The `<main>` content for a record (or the home page when `view` is null); all text escaped. */
export function renderRecord(view: RecordView | null, demoAccountId: string | null): string {
  if (!view) {
    return `
      <section class="record-header" data-testid="record-header">
        <div class="record-icon home" aria-hidden="true">⌂</div>
        <div><p class="record-type" id="record-type">Home</p><h1 id="record-name" data-testid="record-name">Collections Sandbox</h1></div>
      </section>
      <div class="record-body"><div class="card"><p>Start with <a data-nav href="${WORKLIST_PATH}">your worklist</a> (your accounts, highest priority first), pick an account on the left${demoAccountId ? `, or open the <a data-nav href="/lightning/r/Account/${escapeHtml(demoAccountId)}/view">demo account</a>` : ''}.</p></div></div>`;
  }
  const highlights = view.highlights.map((h) => `<div class="highlight"><span class="label">${escapeHtml(h.label)}</span><span class="value">${escapeHtml(h.value)}</span></div>`).join('');
  const details = view.details.map((d) => `<div class="field"><dt>${escapeHtml(d.label)}</dt><dd>${escapeHtml(d.value)}</dd></div>`).join('');
  const related = view.related.map((group) => `<div class="related-group"><h3>${escapeHtml(group.label)}</h3><ul>${group.items.map((item) =>
    item.objectType === 'Account' || item.objectType === 'Contact' || item.objectType === 'Opportunity'
      ? `<li><a data-nav href="/lightning/r/${item.objectType}/${escapeHtml(item.id)}/view">${escapeHtml(item.text)}</a></li>`
      : `<li>${escapeHtml(item.text)}</li>`).join('')}</ul></div>`).join('');
  return `
      <section class="record-header" data-testid="record-header">
        <div class="record-icon ${view.objectType === 'Account' ? 'account' : 'contact'}" aria-hidden="true">${view.objectType === 'Account' ? '▦' : view.objectType === 'Opportunity' ? '♛' : '☺'}</div>
        <div><p class="record-type" id="record-type">${escapeHtml(view.subtitle)}</p><h1 id="record-name" data-testid="record-name">${escapeHtml(view.title)}</h1></div>
        <div class="record-actions"><button type="button" disabled>Follow</button><button type="button" disabled>Edit</button></div>
      </section>
      <div class="highlights" id="record-highlights">${highlights}</div>${view.objectType === 'Opportunity' && view.accountId ? renderSalesBanner(view) : ''}
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected="true" data-tab="related" id="tab-related">Related</button>
        <button role="tab" aria-selected="false" data-tab="details" id="tab-details">Details</button>
      </div>
      <div class="record-body">
        <div class="card tab-panel" data-panel="related" id="record-related">${related}</div>
        <div class="card tab-panel" data-panel="details" id="record-details" hidden><dl>${details}</dl></div>
      </div>`;
}

/**
 * The rep's collapsed collections banner on an opportunity (issue 19, decision 0025). Collapsed it
 * says only what the page already knows (the account's name): no figures, so no API request; the
 * button opens the account's panel in its "Before you sell" view (demo.js).
 */
function renderSalesBanner(view: RecordView): string {
  const account = view.highlights.find((h) => h.label === 'Account Name')?.value ?? '';
  return `
      <section class="sales-banner" id="sales-banner" data-testid="sales-banner" data-account-id="${escapeHtml(view.accountId)}" aria-label="Collections check for this customer">
        <button type="button" id="sales-banner-toggle" aria-expanded="false" aria-controls="sales-banner-body">Collections: check ${escapeHtml(account)} before selling more</button>
        <span class="sales-banner-note">Overdue amounts, disputes, credit use and the credit-hold suggestion load when you open this.</span>
        <div id="sales-banner-body" data-testid="sales-banner-body" hidden></div>
      </section>`;
}

/** The full HTML document of a demo page. */
export function renderPage(options: PageOptions): string {
  const { view, accounts } = options;
  const config = {
    recordId: view?.id ?? null,
    objectType: view?.objectType ?? null,
    panelEnabled: options.panelEnabled,
    widgetAvailable: options.widgetAvailable,
    connectorAvailable: options.connectorAvailable,
    apiVersion: options.apiVersion,
    locale: options.locale,
    worklist: options.worklist === true,
    worklistAvailable: options.worklistAvailable === true,
    reports: options.reports === true,
    reportsAvailable: options.reportsAvailable === true,
    userId: options.userId ?? null,
    userName: options.userName ?? null,
  };
  const list = accounts.map((a) => `<li><a data-nav data-record-id="${escapeHtml(a.id)}" href="/lightning/r/Account/${escapeHtml(a.id)}/view"${view?.accountId === a.id ? ' aria-current="page"' : ''}>
        <span class="account-name">${escapeHtml(a.name)}</span><span class="account-meta">${escapeHtml([a.city, a.country].filter(Boolean).join(', '))} · ${escapeHtml(a.currency ?? '')}</span></a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view ? `${view.title} | ${view.subtitle}` : options.disputes ? 'Disputes waiting for me' : options.worklist ? 'Collections Worklist' : options.reports ? 'Collections Reports' : 'Home')} | Collections Sandbox</title>
<link rel="stylesheet" href="/__demo/assets/demo.css">
<script type="application/json" id="demo-config">${embedJson(config)}</script>
<script src="/__demo/assets/demo.js" defer></script>
<script src="/__demo/assets/sign-in-as.js" defer></script>
</head>
<body>
<header class="global-header">
  <span class="app-launcher" aria-hidden="true">⋮⋮⋮</span>
  <span class="app-name">Collections Sandbox</span>
  <input class="global-search" type="search" placeholder="Search accounts..." id="account-filter" aria-label="Filter accounts">
  <span class="user-badge" title="Signed-in user">PS</span>
</header>
<nav class="context-bar" aria-label="App navigation">
  <a data-nav href="/lightning/page/home">Home</a>
  <a data-nav href="${WORKLIST_PATH}"${options.worklist ? ' aria-current="page"' : ''}>Worklist</a>
  <a data-nav href="${REPORTS_PATH}"${options.reports ? ' aria-current="page"' : ''}>Reports</a>
  <a data-nav href="${DISPUTES_PATH}"${options.disputes ? ' aria-current="page"' : ''}>Disputes</a>
  <label class="sign-in-as">Signed in as <select id="sign-in-as" data-testid="sign-in-as">${(options.signInAs ?? []).map((u) => `<option value="${escapeHtml(u.username)}">${escapeHtml(u.label)}</option>`).join('')}</select></label>
  <a data-nav href="/lightning/r/Account/${escapeHtml(accounts[0]?.id ?? '')}/view">Accounts</a>
  <span class="sandbox-note">Local sandbox org · not Salesforce</span>
</nav>
<div class="layout">
  <aside class="account-list" aria-label="Accounts">
    <h2>Accounts</h2>
    <ul id="account-list" data-testid="account-list">${list}</ul>
  </aside>
  <main id="record-main">${options.disputes ? renderDisputes() : options.worklist ? renderWorklist() : options.reports ? renderReports() : renderRecord(view, options.demoAccountId)}
  </main>
  <aside class="panel-column" aria-label="Collections">
    <div id="collections-panel-slot" data-testid="collections-panel-slot"></div>
  </aside>
</div>
</body>
</html>`;
}
