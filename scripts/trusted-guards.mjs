// Vite plugin for the panel's page builds (widget panel.js / panel.iife.js, the LWC static resource): the
// domain's boundary guards (connector/domain/guards.ts) become pass-throughs, so the page does not check
// again what the connector already validated (issue 18, decision 0018; decision 0007 for the guards).
// Every snapshot the panel renders came through the connector's validation (AccountSnapshotSchema, zod/mini,
// in the adapter, the extension's worker or the LWC's in-page mapping); the forms hand the domain typed
// values built from that snapshot and from inputs they parse themselves (amounts through format.ts, dates
// through the domain's parseIsoDate, money through assertMoney, which stay checked). Node, the CLI, the
// connector bundles and the tests keep the real guards.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GUARDS = fileURLToPath(new URL('../connector/domain/guards.ts', import.meta.url));
const VIRTUAL = '\0collections-trusted-guards';

/** The export names of guards.ts: every one is a `Guard<T>` (`(value, path) => T`). */
export function guardNames(source = readFileSync(GUARDS, 'utf8')) {
  return [...source.matchAll(/^export const (\w+)/gm)].map((match) => match[1]);
}

/** The module that replaces guards.ts: one identity function under every guard's name. */
export function trustedGuardsModule(names = guardNames()) {
  return ['const trusted = (value) => value;', ...names.map((name) => `export const ${name} = trusted;`)].join('\n');
}

export function trustedGuards() {
  return {
    name: 'collections-trusted-guards',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]connector[\\/]domain[\\/]/.test(importer) && /^\.\.?\/(\.\.\/)?guards(\.ts)?$/.test(source)) {
        return VIRTUAL;
      }
      return null;
    },
    load(id) {
      if (id === VIRTUAL) {
        const source = readFileSync(GUARDS, 'utf8');
        if (/^export (?!const |type |interface )/m.test(source)) {
          // A function, class or re-export would not be a plain guard: refuse rather than ship a wrong stub.
          throw new Error('[trusted-guards] connector/domain/guards.ts exports something other than `export const` guards; update scripts/trusted-guards.mjs');
        }
        return trustedGuardsModule(guardNames(source));
      }
      return null;
    },
  };
}
