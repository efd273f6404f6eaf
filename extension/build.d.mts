/** Types for build.mjs (the root build runs it with plain node, so it stays JavaScript). */
export interface BuildExtensionOptions {
  /** Output directory (default dist/extension, or dist/extension-dev with dev origins). */
  outDir?: string;
  /** Dev/test origins such as `http://127.0.0.1:*`; never set for production. */
  devOrigins?: string[];
  minify?: boolean;
  zip?: boolean;
  quiet?: boolean;
  /** Shadow roots of the dock and the panel: 'closed' (default, shipped); 'open' only for end-to-end locators. */
  shadowMode?: 'open' | 'closed';
}

export interface BuildExtensionResult {
  chromeDir: string;
  firefoxDir: string;
  zips: string[];
  sizes: Record<string, { raw: number; gzip: number }>;
}

export function buildExtension(options?: BuildExtensionOptions): Promise<BuildExtensionResult>;
export function devOriginsFromEnv(value?: string): string[];
