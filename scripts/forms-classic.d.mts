import type { Plugin } from 'vite';
export function formsFromSecondScript(): Plugin;
export function sharedFromPanel(): Plugin;
export const SHARED_GLOBALS: Record<string, string>;
