import { to18 } from '../../connector/salesforce/ids';
import { describe, expect, it } from 'vitest';
import {
  apiHostForLightningHost,
  apiOriginForPage,
  isApiSessionHost,
  isLightningHost,
  isPanelPageUrl,
  matchesDevOrigin,
  parseRecordPage,
} from './salesforce-urls';

const ACCOUNT_15 = '0015g00000XyZ12';
const ACCOUNT_18 = '0015g00000XyZ12AAF';
const CONTACT_18 = '0035g00000AbCdEAAV';
const OPPORTUNITY_18 = '0065g00000QrStUAAV';
const CASE_18 = '5005g00000MnOpQAAV';

describe('parseRecordPage', () => {
  it.each([
    ['https://acme.lightning.force.com', 'production'],
    ['https://acme--uat.sandbox.lightning.force.com', 'sandbox'],
    ['https://acme-dev-ed.develop.lightning.force.com', 'developer edition'],
    ['https://acme.scratch.lightning.force.com', 'scratch org'],
    ['https://acme.lightning.force.com.mcas.ms', 'Defender for Cloud Apps proxy'],
  ])('reads an Account record page on %s (%s)', (origin) => {
    expect(parseRecordPage(`${origin}/lightning/r/Account/${ACCOUNT_18}/view`)).toEqual({
      objectType: 'account',
      recordId: ACCOUNT_18,
      view: 'view',
      relatedList: null,
    });
  });

  it('normalises a 15-char id to 18 chars', () => {
    expect(parseRecordPage(`https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT_15}/view`)?.recordId).toBe(ACCOUNT_18);
  });

  it('accepts the edit view, related-list sub-paths, a trailing slash and console query strings', () => {
    const base = `https://acme.lightning.force.com/lightning/r/Account/${ACCOUNT_18}`;
    expect(parseRecordPage(`${base}/edit`)?.view).toBe('edit');
    expect(parseRecordPage(`${base}/related/Contacts/view`)).toMatchObject({ view: 'related', relatedList: 'Contacts' });
    expect(parseRecordPage(`${base}/related/Invoices__r/view?ws=%2Flightning%2Fr`)).toMatchObject({ relatedList: 'Invoices__r' });
    expect(parseRecordPage(`${base}/view/`)?.recordId).toBe(ACCOUNT_18);
    expect(parseRecordPage(`${base}/view?0.source=alohaHeader#x`)?.recordId).toBe(ACCOUNT_18);
  });

  it('maps Contact, Opportunity and Case pages to their object type (the connector resolves the account)', () => {
    const page = (object: string, id: string) => parseRecordPage(`https://acme.lightning.force.com/lightning/r/${object}/${id}/view`);
    expect(page('Contact', CONTACT_18)?.objectType).toBe('contact');
    expect(page('Opportunity', OPPORTUNITY_18)?.objectType).toBe('opportunity');
    expect(page('Case', CASE_18)?.objectType).toBe('case');
    // Quote pages carry the rep's banner (issue 19); the connector resolves Quote.AccountId.
    expect(page('Quote', to18('0Q05g000000AbCd'))?.objectType).toBe('quote');
    expect(page('Quote', OPPORTUNITY_18)).toBeNull();
  });

  it.each([
    ['bad checksum', `/lightning/r/Account/0015g00000XyZ12AAA/view`],
    ['wrong length', `/lightning/r/Account/0015g00000XyZ1/view`],
    ['non-alphanumeric id', `/lightning/r/Account/0015g00000XyZ1%27/view`],
    ['prefix of another object', `/lightning/r/Account/${CONTACT_18}/view`],
    ['unsupported object', `/lightning/r/Lead/00Q5g00000AbCdEAAV/view`],
    ['long object name containing Account', `/lightning/r/AccountContactRelation/${ACCOUNT_18}/view`],
    ['list view', `/lightning/o/Account/list?filterName=Recent`],
    ['home', `/lightning/page/home`],
    ['unknown sub-path', `/lightning/r/Account/${ACCOUNT_18}/history`],
    ['id-less route', `/lightning/r/${ACCOUNT_18}/view`],
  ])('rejects %s', (_label, path) => {
    expect(parseRecordPage(`https://acme.lightning.force.com${path}`)).toBeNull();
  });

  it('rejects non-Salesforce hosts, plain http and look-alike hosts', () => {
    const path = `/lightning/r/Account/${ACCOUNT_18}/view`;
    expect(parseRecordPage(`https://example.com${path}`)).toBeNull();
    expect(parseRecordPage(`http://acme.lightning.force.com${path}`)).toBeNull();
    expect(parseRecordPage(`https://acme.lightning.force.com.evil.example${path}`)).toBeNull();
    expect(parseRecordPage(`https://lightning.force.com${path}`)).toBeNull();
    expect(parseRecordPage('not a url')).toBeNull();
  });

  it('accepts dev origins only when the build enabled them', () => {
    const url = `http://127.0.0.1:5173/lightning/r/Account/${ACCOUNT_18}/view`;
    expect(parseRecordPage(url)).toBeNull();
    expect(parseRecordPage(url, ['http://127.0.0.1:*'])?.recordId).toBe(ACCOUNT_18);
    expect(parseRecordPage(url, ['http://127.0.0.1:4000'])).toBeNull();
  });
});

describe('host mapping', () => {
  it.each([
    ['acme.lightning.force.com', 'acme.my.salesforce.com'],
    ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox.my.salesforce.com'],
    ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed.develop.my.salesforce.com'],
    ['acme.scratch.lightning.force.com', 'acme.scratch.my.salesforce.com'],
    ['ACME.Lightning.Force.com', 'acme.my.salesforce.com'],
    ['acme.lightning.force.com.mcas.ms', 'acme.my.salesforce.com'],
  ])('%s → %s', (lightning, api) => {
    expect(isLightningHost(lightning)).toBe(true);
    expect(apiHostForLightningHost(lightning)).toBe(api);
  });

  it('returns null for hosts that are not Lightning hosts', () => {
    for (const host of ['acme.my.salesforce.com', 'example.com', 'lightning.force.com', 'acme.lightning.force.com.evil.io', '-x.lightning.force.com']) {
      expect(apiHostForLightningHost(host)).toBeNull();
    }
  });

  it('gives the API origin of a page (dev origins serve the API themselves)', () => {
    expect(apiOriginForPage('https://acme--uat.sandbox.lightning.force.com/lightning/page/home')).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(apiOriginForPage('http://127.0.0.1:4000/lightning/page/home', ['http://127.0.0.1:*'])).toBe('http://127.0.0.1:4000');
    expect(apiOriginForPage('http://127.0.0.1:4000/', [])).toBeNull();
    expect(isPanelPageUrl('https://acme.my.salesforce.com/')).toBe(false);
  });

  it('knows which cookie hosts carry API-capable sessions', () => {
    expect(isApiSessionHost('acme.my.salesforce.com')).toBe(true);
    expect(isApiSessionHost('.acme.my.salesforce.com')).toBe(true);
    expect(isApiSessionHost('na1.salesforce.com')).toBe(true);
    expect(isApiSessionHost('acme.my.force.com')).toBe(true);
    expect(isApiSessionHost('help.salesforce.com')).toBe(false);
    expect(isApiSessionHost('acme.lightning.force.com')).toBe(false);
    expect(isApiSessionHost('acme--c.visual.force.com')).toBe(false);
    expect(isApiSessionHost('salesforce.com.evil.io')).toBe(false);
  });

  it('matches dev origins by scheme, host and port', () => {
    expect(matchesDevOrigin(new URL('http://127.0.0.1:9/'), ['http://127.0.0.1:*'])).toBe(true);
    expect(matchesDevOrigin(new URL('https://127.0.0.1:9/'), ['http://127.0.0.1:*'])).toBe(false);
    expect(matchesDevOrigin(new URL('http://localhost:9/'), ['http://127.0.0.1:*'])).toBe(false);
    expect(matchesDevOrigin(new URL('http://127.0.0.1:9/'), ['garbage'])).toBe(false);
  });
});
