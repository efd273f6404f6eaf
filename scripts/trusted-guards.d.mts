import type { Plugin } from 'vite';
export function guardNames(source?: string): string[];
export function trustedGuardsModule(names?: string[]): string;
export function trustedGuards(): Plugin;
