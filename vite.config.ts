// Test runner configuration. Each bundle has its own build (connector/vite.config.ts, widget/vite.config.ts,
// extension/build.mjs, salesforce/scripts/build-static-resource.mjs); scripts/build.mjs runs them all.
import { defineConfig } from 'vitest/config';
import { PREACT_JSX, preactJsxImport } from './scripts/preact-jsx.mjs';

export default defineConfig({
  // Same JSX as every shipped bundle (Preact's classic `h`), so the tests exercise the compiled form that pages run.
  oxc: { jsx: PREACT_JSX },
  plugins: [preactJsxImport()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'connector/**/*.test.ts',
            'sandbox/**/*.test.ts',
            'extension/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/contract/**/*.test.ts',
            'test/meta/**/*.test.ts',
            // The static resource's adapter; sfdx-lwc-jest only looks under salesforce/force-app.
            'salesforce/lwc-bundle/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'widget',
          environment: 'jsdom',
          include: ['widget/**/*.test.{ts,tsx}'],
          // The lazily loaded action forms (issue 18) are in place before each file's first click.
          setupFiles: ['widget/test/preload-forms.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // The widget and connector bundles are built once per run and shared by every e2e file.
          globalSetup: ['test/e2e/support/fresh-bundles.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
