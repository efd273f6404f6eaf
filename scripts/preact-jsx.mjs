// One JSX setup for every bundle that compiles the panel (widget, extension, LWC static resource) and for the
// tests, so what the tests exercise is what pages run.
//
// Preact's classic runtime (`h(type, props, ...children)`): ~0.35 KB gzip less in the panel than the automatic
// runtime's `jsx(type, { ...props, children: [...] })` calls plus the preact/jsx-runtime module. The sources stay
// runtime-agnostic (tsconfig type-checks them with `react-jsx`): `preactJsxImport()` adds the import to `.tsx`
// modules only. Vite's `jsxInject` would add it to every `.ts` module too, and Preact's module side effects would
// then pull all of Preact into JSX-free bundles (the loader, the extension's worker and content script).
// `development: false` pins production JSX: Vite otherwise follows NODE_ENV, and a build started under vitest
// (NODE_ENV=test, widget/size.test.ts) emitted jsxDEV calls carrying absolute file paths and line numbers.

/** The `oxc.jsx` options. */
export const PREACT_JSX = Object.freeze({ runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false });

/** Vite plugin: `import { h, Fragment } from 'preact'` at the top of every `.tsx` module (same line: no map shift below it). */
export function preactJsxImport() {
  return {
    name: 'collections-preact-jsx-import',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx(?:\?|$)/.test(id) || id.includes('/node_modules/')) {
        return null;
      }
      return { code: `import { h, Fragment } from 'preact';${code}`, map: null };
    },
  };
}
