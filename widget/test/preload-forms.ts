/**
 * Widget tests open forms right after a click, as a collector would after the panel has been idle a
 * moment: the forms chunk (forms/lazy.ts, issue 18) is loaded before each test file's tests, so a click
 * finds it there. forms/lazy.test.tsx covers the click that comes before the chunk.
 * Loaded in a hook, not at import: a test file's `vi.mock` of a module the forms import (e.g. the
 * domain barrel) must be in place before that module is first evaluated.
 */
import { beforeAll } from 'vitest';

beforeAll(async () => {
  const { loadForms } = await import('../src/forms/lazy');
  await loadForms();
});
