/// <reference types="vite/client" />
/** Stamped by widget/vite.config.ts (package version, git short hash); absent under vitest. */
declare const __PANEL_VERSION__: string;
declare const __PANEL_FINGERPRINT__: string;
