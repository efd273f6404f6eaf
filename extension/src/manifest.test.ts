import { describe, expect, it } from 'vitest';
import { buildManifest, devMatchPattern, ENTRIES } from './manifest';

describe('buildManifest', () => {
  const chrome = buildManifest({ target: 'chrome', version: '1.2.3', devOrigins: [] });
  const firefox = buildManifest({ target: 'firefox', version: '1.2.3', devOrigins: [] });

  it('asks for exactly storage + cookies, identity only as optional', () => {
    for (const manifest of [chrome, firefox]) {
      expect(manifest.permissions).toEqual(['storage', 'cookies']);
      expect(manifest.optional_permissions).toEqual(['identity']);
      expect(manifest.manifest_version).toBe(3);
    }
  });

  it('limits host permissions to Salesforce hosts', () => {
    expect(chrome.host_permissions).toEqual([
      'https://*.my.salesforce.com/*',
      'https://*.lightning.force.com/*',
      'https://*.salesforce.com/*',
      'https://*.force.com/*',
    ]);
  });

  it('declares one top-frame content script on Lightning at document_idle', () => {
    expect(chrome.content_scripts).toEqual([
      { matches: ['https://*.lightning.force.com/*'], js: ['content.js'], run_at: 'document_idle', all_frames: false },
    ]);
  });

  it('exposes only the lazily loaded panel modules, only to Lightning pages', () => {
    expect(chrome.web_accessible_resources).toEqual([{ resources: ['panel.js', 'panel-forms.js'], matches: ['https://*.lightning.force.com/*'] }]);
  });

  it('uses a service worker for Chrome and background scripts + gecko id for Firefox', () => {
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: expect.any(String) } });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('adds dev origins only when asked, to matches and host permissions', () => {
    const dev = buildManifest({ target: 'chrome', version: '1.2.3', devOrigins: ['http://127.0.0.1:*'] });
    expect(dev.host_permissions).toContain('http://127.0.0.1:*/*');
    expect((dev.content_scripts as { matches: string[] }[])[0]?.matches).toContain('http://127.0.0.1:*/*');
    expect(JSON.stringify(chrome)).not.toContain('127.0.0.1');
    expect(dev.name).toMatch(/\(dev\)/);
  });

  it('rejects dev origins that are not origins', () => {
    expect(devMatchPattern('http://127.0.0.1:*')).toBe('http://127.0.0.1:*/*');
    expect(() => devMatchPattern('<all_urls>')).toThrow(/not an origin/);
    expect(() => devMatchPattern('http://*/*')).toThrow(/not an origin/);
  });

  it('the toolbar button and the worklist and reports pages need no extra permission', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = buildManifest({ target, version: '1.0.0', devOrigins: [] });
      expect(manifest.action).toEqual({ default_title: 'Collections worklist' });
      expect(manifest.permissions).toEqual(['storage', 'cookies']);
    }
    expect(ENTRIES.map((e) => e.file)).toEqual(expect.arrayContaining(['worklist-page.js', 'reports-page.js']));
  });
});
