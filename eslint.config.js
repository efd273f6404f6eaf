// Flat config: typescript-eslint recommended everywhere, plus the layer rule that
// domain code never imports CRM, DOM or network code (docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.sandbox-data/**',
      // LWC sources use decorators that need the LWC Babel toolchain; sfdx-lwc-jest compiles and tests them.
      'salesforce/force-app/**',
      'salesforce/.sfdx/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly',
        AbortSignal: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', crypto: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly',
        window: 'readonly', document: 'readonly', self: 'readonly', globalThis: 'readonly', chrome: 'readonly',
        navigator: 'readonly', location: 'readonly', history: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly',
        Buffer: 'readonly', Intl: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // connector/domain is pure: it may import only itself and zod/mini (docs/ARCHITECTURE.md). The package rule lists
  // what it may import, not what it may not, so a bare 'fs', 'date-holidays' or 'csv-parse' is refused as surely as
  // 'node:fs'; its tests and test support may also import vitest and fast-check. 'zod' itself has its own message.
  ...[
    { dir: 'connector/domain/', outside: '../*' },
    { dir: 'connector/domain/*/**/', outside: '../../*' },
  ].flatMap(({ dir, outside }) => [
    { files: [`${dir}*.ts`], ignores: ['**/*.test.ts', '**/test-support.ts'], packages: '^(?!\\.\\.?/|zod/mini$|zod(/v4)?$)' },
    { files: [`${dir}*.test.ts`, `${dir}test-support.ts`], packages: '^(?!\\.\\.?/|zod/mini$|zod(/v4)?$|vitest$|fast-check$)' },
  ].map(({ packages, ...config }) => ({
    ...config,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'zod', message: 'connector/domain uses zod/mini (docs/decisions/0003).' },
          { name: 'zod/v4', message: 'connector/domain uses zod/mini (docs/decisions/0003).' },
        ],
        patterns: [
          { group: [outside], message: 'connector/domain may import only itself and zod/mini.' },
          { regex: packages, message: 'connector/domain is pure: it imports only itself and zod/mini (no CRM, DOM, network, Node or other packages).' },
        ],
      }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'localStorage', 'XMLHttpRequest', 'chrome'],
    },
  }))),
  {
    // The connector runs in pages and workers: no Node modules outside the Node entry, no upward imports (docs/ARCHITECTURE.md).
    files: ['connector/**/*.ts'],
    ignores: ['connector/domain/**', '**/*.test.ts', 'connector/salesforce/node.ts', 'connector/salesforce/jsforce-client.ts', 'connector/vite.config.ts', 'connector/salesforce/bulk2/fake-bulk-org.ts', 'connector/salesforce/bulk2/sandbox-smoke.ts', 'connector/holidays/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'connector code runs in pages and workers: Node modules only in connector/salesforce/node.ts.' },
          { group: ['date-holidays', 'date-holidays/*', '**/holidays/date-holidays*'], message: 'Holiday data (~800 KB) stays out of page bundles: inject createDateHolidaysSource() from Node; pages use the generated table (decision 0021).' },
          { group: ['**/cli/*', '**/sandbox/*', '**/widget/*', '**/extension/*'], message: 'connector may not import its hosts (docs/ARCHITECTURE.md).' },
        ],
      }],
    },
  },
  {
    // The holiday source runs in Node and the extension's service worker (decision 0021): web APIs only.
    files: ['connector/holidays/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '**/salesforce/*'], message: 'The holiday source is CRM-neutral and runs in service workers too.' }] }],
    },
  },
  {
    // The CRM-neutral ports know no CRM.
    files: ['connector/port.ts', 'connector/portfolio-source.ts', 'connector/errors.ts', 'connector/compliance-rules.ts', 'connector/snapshot-derived.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['./salesforce/*', 'jsforce'], message: 'CRM-neutral ports import no adapter (docs/ARCHITECTURE.md).' },
          { group: ['node:*', '**/cli/*', '**/sandbox/*', '**/widget/*', '**/extension/*'], message: 'connector code runs in pages and workers and imports no host (docs/ARCHITECTURE.md).' },
        ],
      }],
    },
  },
  {
    // The CLI: connector and Node, never a host's UI or the sandbox.
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'jsforce', message: 'The CLI uses the fetch transport (jsforce stays in connector/salesforce/node.ts).' }],
        patterns: [{ group: ['**/widget/*', '**/extension/*', '**/sandbox/*'], message: 'cli/ imports the connector only (docs/ARCHITECTURE.md).' }],
      }],
    },
  },
  {
    // Page bundles: the widget, the extension, and the Lightning static resource (salesforce/lwc-bundle).
    files: ['widget/**/*.{ts,tsx}', 'extension/**/*.ts', 'salesforce/lwc-bundle/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'zod', message: 'Page bundles use zod/mini (classic zod is ~24 KB gzip).' },
          { name: 'jsforce', message: 'jsforce is Node-side only.' },
        ],
        patterns: [
          { group: ['jsforce/*', '**/salesforce/jsforce*', 'node:*'], message: 'No jsforce or Node modules in page bundles.' },
          { group: ['date-holidays', 'date-holidays/*', '**/connector/holidays/date-holidays*'], message: 'Holiday data (~800 KB) stays out of page bundles: pages use the generated table (connector/holidays/default-source.ts, decision 0021).' },
        ],
      }],
    },
  },
);
