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
  // connector/domain is pure: it may import only itself and zod/mini (docs/ARCHITECTURE.md).
  ...[
    { files: ['connector/domain/*.ts'], outside: '../*' },
    { files: ['connector/domain/*/**/*.ts'], outside: '../../*' },
  ].map(({ files, outside }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'zod', message: 'connector/domain uses zod/mini (docs/decisions/0003).' },
          { name: 'zod/v4', message: 'connector/domain uses zod/mini (docs/decisions/0003).' },
          { name: 'jsforce', message: 'connector/domain is pure: no CRM code.' },
          { name: 'preact', message: 'connector/domain is pure: no DOM code.' },
          { name: 'msw', message: 'connector/domain is pure: no network code.' },
        ],
        patterns: [
          { group: [outside], message: 'connector/domain may import only itself and zod/mini.' },
          { group: ['node:*', 'jsforce/*', 'preact/*', 'msw/*'], message: 'connector/domain is pure: no CRM, DOM, network or Node code.' },
        ],
      }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'localStorage', 'XMLHttpRequest', 'chrome'],
    },
  })),
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
        patterns: [{ group: ['jsforce/*', '**/salesforce/jsforce*', 'node:*'], message: 'No jsforce or Node modules in page bundles.' }],
      }],
    },
  },
);
