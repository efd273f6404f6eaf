// @vitest-environment node
/** CRM text is untrusted: the panel source never writes HTML strings into the DOM. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sources(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('panel source', () => {
  it.each(sources('widget/src'))('%s renders CRM text as text only', (file) => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write\(|new Function\(|\beval\(/);
  });
});
