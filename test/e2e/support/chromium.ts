/**
 * Debian Chromium through playwright-core (no browser downloads; salesforce-and-browser.md §13).
 * `launchChromium()` for plain pages; `launchChromiumWithExtension()` for an unpacked MV3
 * extension (extensions need a persistent context).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions, Worker } from 'playwright-core';

/** Flags that keep headless Chromium quiet and offline (no background connections, no updates). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where Debian puts Chromium (the wrapper first); the same list as scripts/ensure-chromium.mjs. */
const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

/** The Chromium binary: `CHROMIUM_PATH` when set (never second-guessed), else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM.find((path) => existsSync(path)) ?? '/usr/bin/chromium';
}

/**
 * The Chromium binary, or a clear error: browser tests fail (never skip) without it, so `npm test`
 * cannot pass without running them (`npm run test:e2e` runs scripts/ensure-chromium.mjs first).
 */
export function requireChromium(): string {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install Debian chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return path;
}

/** A headless browser for plain pages. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's MV3 service worker. */
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** A persistent context with an unpacked extension loaded; the profile lives in a temp dir. */
export async function launchChromiumWithExtension(extensionDir: string, options: { headless?: boolean; args?: string[] } = {}): Promise<ExtensionBrowser> {
  const executablePath = requireChromium();
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no extension build at ${extensionDir} (manifest.json missing): run npm run build`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'collections-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  let [serviceWorker] = context.serviceWorkers();
  if (!serviceWorker) {
    serviceWorker = await context.waitForEvent('serviceworker');
  }
  const extensionId = serviceWorker.url().split('/')[2] ?? '';
  return {
    context,
    serviceWorker,
    extensionId,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
