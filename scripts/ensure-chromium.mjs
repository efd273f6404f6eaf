// Browser tests need Debian's Chromium (playwright's own browser download does not work here).
// Find it; on a root Debian machine without it, install it with apt-get; otherwise fail clearly.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('[ensure-chromium] installing Debian chromium for the browser tests…');
  execSync('apt-get update && apt-get install -y --no-install-recommends chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  process.exit(0);
}
console.error('[ensure-chromium] Chromium not found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
process.exit(1);
