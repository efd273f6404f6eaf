import { describe, expect, it } from 'vitest';
import { classifySender, isKindAllowed } from './sender-check';

const policy = { extensionId: 'abcdefghijklmnop', extensionOrigin: 'chrome-extension://abcdefghijklmnop/', devOrigins: [] };
const pageUrl = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000XyZ12AAF/view';

describe('classifySender', () => {
  it('accepts our content script in the top frame of a Salesforce tab', () => {
    expect(classifySender({ id: policy.extensionId, url: pageUrl, frameId: 0, tab: { id: 3, url: pageUrl } }, policy)).toBe('page');
  });

  it('accepts our own extension pages (options)', () => {
    expect(classifySender({ id: policy.extensionId, url: 'chrome-extension://abcdefghijklmnop/options.html' }, policy)).toBe('extension-page');
  });

  it('ignores foreign senders', () => {
    expect(classifySender({ id: 'another-extension', url: pageUrl, frameId: 0, tab: { id: 3 } }, policy)).toBeNull();
    expect(classifySender({ url: pageUrl, frameId: 0, tab: { id: 3 } }, policy)).toBeNull();
    expect(classifySender({ id: policy.extensionId, url: 'https://evil.example/', frameId: 0, tab: { id: 3 } }, policy)).toBeNull();
    expect(classifySender({ id: policy.extensionId, url: pageUrl, frameId: 7, tab: { id: 3 } }, policy)).toBeNull();
    expect(classifySender({ id: policy.extensionId, url: pageUrl }, policy)).toBeNull();
    expect(classifySender({ id: policy.extensionId, url: 'chrome-extension://someoneelse/options.html', tab: { id: 1 } }, policy)).toBeNull();
  });

  it('lets pages only call the port and ask for sign-in', () => {
    expect(isKindAllowed('page', 'port-call')).toBe(true);
    expect(isKindAllowed('page', 'oauth-offer')).toBe(true);
    expect(isKindAllowed('page', 'setup-check')).toBe(false);
    expect(isKindAllowed('page', 'oauth-sign-in')).toBe(false);
    expect(isKindAllowed('extension-page', 'setup-check')).toBe(true);
  });
});
