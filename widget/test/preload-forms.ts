/**
 * Widget tests open forms right after a click, as a collector would after the panel has been idle a
 * moment: the forms chunk (forms/lazy.ts, issue 18) is loaded before each test file, so a click finds
 * it there. forms/lazy.test.tsx covers the click that comes before the chunk.
 */
import { loadForms } from '../src/forms/lazy';

await loadForms();
