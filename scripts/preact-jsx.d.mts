import type { Plugin } from 'vite';

export declare const PREACT_JSX: Readonly<{ runtime: 'classic'; pragma: 'h'; pragmaFrag: 'Fragment'; development: false }>;
export declare function preactJsxImport(): Plugin;
