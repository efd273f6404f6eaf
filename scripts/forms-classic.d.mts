import type { Plugin } from 'vite';
export function formsFromSecondScript(loader?: string): Plugin;
export function sharedFromPanel(): Plugin;
export const SHARED_GLOBALS: Record<string, string>;
