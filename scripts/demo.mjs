// `npm run demo`: build the bundles, start the sandbox CRM and print the demo account page.
//
//   node scripts/demo.mjs [--no-build] [--reset] [--seed N] [--accounts N] [--data FILE]
//
// - Builds widget/connector/extension with `npm run build` unless --no-build (a failed build is
//   reported and the demo still starts: the page then shows "panel bundle not built").
// - Seeds on first run (data file absent) or with --reset; a second run keeps the data written
//   by the first (.sandbox-data/sandbox.json by default).
// - Listens on http://127.0.0.1:5173 (env PORT overrides).
// - Opens a browser with xdg-open unless BROWSER=none or CI is set; failures are ignored.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    seed: { type: 'string' },
    accounts: { type: 'string' },
    data: { type: 'string', default: '.sandbox-data/sandbox.json' },
  },
  strict: true,
});

const port = process.env.PORT ?? '5173';

if (!values['no-build']) {
  console.log('[demo] npm run build');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.warn('[demo] build failed; starting anyway (the page shows a placeholder where the panel goes).');
  }
}

const args = ['--import', 'tsx', 'sandbox/cli.ts', '--port', port, '--data', values.data];
if (values.reset) {
  args.push('--reset');
}
if (values.seed !== undefined) {
  args.push('--seed', values.seed);
}
if (values.accounts !== undefined) {
  args.push('--accounts', values.accounts);
}

const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let ready = false;

createInterface({ input: child.stdout }).on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    console.log(line);
    return;
  }
  if (message?.ready && !ready) {
    ready = true;
    console.log('');
    console.log(`[demo] Sandbox CRM:   ${message.url}`);
    console.log(`[demo] Demo account:  ${message.demoAccountUrl}`);
    console.log(`[demo] REST token:    ${message.token}`);
    console.log(`[demo] Users:         ${message.user} / ${message.password} (see sandbox/README.md)`);
    console.log('[demo] Ctrl+C stops the sandbox (data is kept).');
    openBrowser(message.demoAccountUrl);
  }
});

function openBrowser(url) {
  if (!url || process.env.CI || (process.env.BROWSER ?? '').toLowerCase() === 'none') {
    return;
  }
  try {
    const opener = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
    opener.on('error', () => {});
    opener.unref();
  } catch {
    // No desktop: the URL is printed above.
  }
}

const stop = (signal) => {
  if (child.exitCode === null) {
    child.kill(signal);
  }
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('exit', (code, signal) => {
  if (!ready) {
    console.error(`[demo] sandbox exited before it was ready (${signal ?? code})`);
  }
  process.exit(code ?? (signal ? 0 : 1));
});
