/**
 * Browser tests must FAIL, never skip, when what they need is missing: a skipped suite lets
 * `npm test` pass without ever running the browser. (Chromium: `requireChromium()` in chromium.ts.)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Throws unless every build output exists (`npm test` runs the build before the e2e tests). */
export function requireBuilt(...files: string[]): void {
  const missing = files.filter((file) => !existsSync(resolve(file)));
  if (missing.length > 0) {
    throw new Error(`build output missing (${missing.join(', ')}): run npm run build`);
  }
}
