import type { Plugin } from 'vite';
export function formsEager(): Plugin;
