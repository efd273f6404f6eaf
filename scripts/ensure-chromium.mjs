// Browser tests need Debian's Chromium (playwright's own browser download does not work here).
// Find it; on a root Debian machine without it, install it with apt-get; otherwise fail clearly.
// The e2e tests themselves fail (never skip) without it: test/e2e/support/chromium.ts requireChromium().
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const fail = (message) => {
  console.error(`[ensure-chromium] ${message}`);
  process.exit(1);
};

// An explicit CHROMIUM_PATH is what the tests will launch: it must exist, no fallback.
if (process.env.CHROMIUM_PATH) {
  if (existsSync(process.env.CHROMIUM_PATH)) {
    process.exit(0);
  }
  fail(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist. Fix it, or unset it to use Debian chromium (apt-get install chromium).`);
}
const candidates = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];
if (candidates.some((p) => existsSync(p))) {
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('[ensure-chromium] installing Debian chromium for the browser tests…');
  execSync('apt-get update && apt-get install -y --no-install-recommends chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (candidates.some((p) => existsSync(p))) {
    process.exit(0);
  }
  fail('apt-get finished but no chromium binary appeared at /usr/bin/chromium.');
}
fail('Chromium not found. Install Debian chromium (apt-get install chromium) or set CHROMIUM_PATH.');
