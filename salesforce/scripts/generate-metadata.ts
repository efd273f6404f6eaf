/**
 * Writes the SFDX metadata generated from `connector/salesforce/product-schema.ts` into
 * `salesforce/force-app/main/default/` and removes files in the generated folders that the schema
 * no longer produces. Run: `npx tsx salesforce/scripts/generate-metadata.ts` (output is committed).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_ROOTS, renderMetadata } from './metadata';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'force-app', 'main', 'default');

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Writes every generated file under `outDir`; returns counts for the log line. */
export function generateMetadata(outDir: string = DEFAULT_DIR): { written: number; removed: number } {
  const files = renderMetadata();
  let removed = 0;
  for (const root of GENERATED_ROOTS) {
    for (const existing of listFiles(join(outDir, root))) {
      const rel = relative(outDir, existing).split(sep).join('/');
      if (!files.has(rel)) {
        rmSync(existing);
        removed += 1;
      }
    }
  }
  for (const [rel, content] of files) {
    const target = join(outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { written: files.size, removed };
}

const { written, removed } = generateMetadata();
console.log(`[generate-metadata] wrote ${written} files, removed ${removed} stale files`);
