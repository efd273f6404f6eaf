/** The shared e2e helpers themselves: sandbox on a random port with a temp file, Chromium, extension context. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from '../../../sandbox/seed/index';
import { launchChromium, launchChromiumWithExtension, requireBuilt, requireChromium, settleCount, startSandbox } from './index';

const EXTENSION = resolve('dist/extension/chrome');

describe('e2e support', () => {
  it('starts a seeded sandbox on a random port with a temp data file and removes it on stop', async () => {
    const sb = await startSandbox({ accounts: 3 });
    try {
      expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.demoAccountId).toBe(DEMO_ACCOUNT_ID);
      const response = await fetch(`${sb.url}/services/data/v66.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`, { headers: { Authorization: `Bearer ${sb.token}` } });
      expect(await response.json()).toMatchObject({ totalSize: 3 });
      expect(sb.apiRequests()).toHaveLength(1);
      await sb.sandbox.flush();
      expect(sb.dataFile && existsSync(sb.dataFile)).toBe(true);
    } finally {
      await sb.stop();
    }
    expect(sb.dataFile && existsSync(sb.dataFile)).toBe(false);
  });

  it('launches headless Debian Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="x">ok</p>');
      expect(await page.textContent('#x')).toBe('ok');
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await browser.close();
    }
  });

  it('loads an unpacked MV3 extension in a persistent context', async () => {
    // Fails (never skips) without the build: `npm test` builds before the e2e tests.
    requireBuilt(`${EXTENSION}/manifest.json`);
    const ext = await launchChromiumWithExtension(EXTENSION);
    try {
      expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
      expect(ext.serviceWorker.url()).toContain(`chrome-extension://${ext.extensionId}/`);
    } finally {
      await ext.close();
    }
  });
});

describe('e2e prerequisites fail instead of skipping', () => {
  it('requireChromium names the fix when the binary is missing', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      expect(() => requireChromium()).toThrow(/install Debian chromium .*or set CHROMIUM_PATH/);
    } finally {
      if (saved === undefined) {
        delete process.env.CHROMIUM_PATH;
      } else {
        process.env.CHROMIUM_PATH = saved;
      }
    }
    expect(requireChromium()).toBe(saved ?? '/usr/bin/chromium');
  });

  it('requireBuilt names the missing files and says to run the build', () => {
    expect(() => requireBuilt('package.json', 'dist/no-such-bundle.js')).toThrow('build output missing (dist/no-such-bundle.js): run npm run build');
    expect(() => requireBuilt('package.json')).not.toThrow();
  });

  it('settleCount waits out a late change and fails when the count never settles', async () => {
    let count = 1;
    setTimeout(() => {
      count = 2;
    }, 300);
    expect(await settleCount(() => count, { quietMs: 500 })).toBe(2);
    let ticking = 0;
    const timer = setInterval(() => {
      ticking += 1;
    }, 20);
    try {
      await expect(settleCount(() => ticking, { quietMs: 200, timeoutMs: 600, what: 'ticks' })).rejects.toThrow(/ticks never settled/);
    } finally {
      clearInterval(timer);
    }
  });
});
