/**
 * Global setup of the e2e project: the widget and connector bundles built ONCE per run into temp
 * folders (fresh builds, never whatever is lying in dist/), shared by every e2e file through
 * `freshBundles()`; removed when the run ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    freshWidgetDir: string;
    freshConnectorDir: string;
  }
}

export default async function buildFreshBundles(project: TestProject): Promise<() => Promise<void>> {
  const widgetDir = await mkdtemp(join(tmpdir(), 'e2e-widget-'));
  const connectorDir = await mkdtemp(join(tmpdir(), 'e2e-connector-'));
  await build({ configFile: 'widget/vite.config.ts', logLevel: 'error', build: { outDir: widgetDir, emptyOutDir: true } });
  await build({ configFile: 'connector/vite.config.ts', logLevel: 'error', build: { outDir: connectorDir, emptyOutDir: true, sourcemap: false } });
  project.provide('freshWidgetDir', widgetDir);
  project.provide('freshConnectorDir', connectorDir);
  return async () => {
    await Promise.all([widgetDir, connectorDir].map((dir) => rm(dir, { recursive: true, force: true })));
  };
}
