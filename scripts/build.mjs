// Builds every shipped artifact, in dependency order:
//   dist/connector/  page-safe Salesforce connector (fetch client; no jsforce)
//   dist/widget/     loader + panel (ESM and IIFE)
//   dist/extension/  unpacked MV3 extension (+ Firefox variant, zip)
//   salesforce/force-app/main/default/staticresources/  the panel bundle for the LWC host
// then prints the size table of all of them (scripts/size-budgets.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['vite', ['build', '--config', 'connector/vite.config.ts']],
  ['vite', ['build', '--config', 'widget/vite.config.ts']],
  ['node', ['extension/build.mjs']],
  ['node', ['salesforce/scripts/build-static-resource.mjs']],
  // One table of every shipped file's gzip size against its ceiling (issue 18; the tests enforce them).
  ['node', ['scripts/size-budgets.mjs']],
];

for (const [cmd, args] of steps) {
  const target = args.find((a) => a.endsWith('.ts') || a.endsWith('.mjs'));
  if (target && !existsSync(target)) {
    console.error(`[build] missing ${target}`);
    process.exit(1);
  }
  const bin = cmd === 'vite' ? 'node_modules/.bin/vite' : process.execPath;
  console.log(`[build] ${cmd} ${args.join(' ')}`);
  execFileSync(bin, args, { stdio: 'inherit' });
}
