// Vite plugin for single-file classic-script builds of the panel (widget panel.iife.js, the LWC static resource):
// resolves the panel's `../forms/lazy` to `widget/src/forms/eager.ts`, which imports the forms statically
// (decision 0018). ES-module builds (widget panel.js, extension panel.js) keep lazy.ts and a forms chunk.
import { fileURLToPath } from 'node:url';

const EAGER = fileURLToPath(new URL('../widget/src/forms/eager.ts', import.meta.url));

export function formsEager() {
  return {
    name: 'collections-forms-eager',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]widget[\\/]src[\\/]ui[\\/]/.test(importer) && /(^|\/)forms\/lazy(\.ts)?$/.test(source)) {
        return EAGER;
      }
      return null;
    },
  };
}
