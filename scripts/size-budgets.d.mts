export interface SizeBudget {
  id: string;
  label: string;
  /** `dist:` or `sr:` + a path; `*` matches a content hash. */
  files: string[];
  /** gzip -9 bytes; only goes down. */
  ceiling: number;
  /** The product goal, where the issue sets one. */
  target?: number;
}
export interface SizeLayout {
  /** Directory holding connector/, widget/, extension/chrome/. */
  dist: string;
  /** Directory holding the LWC static resource collectionsPanel.js. */
  sr: string;
}
export interface MeasuredBudget extends SizeBudget {
  paths: string[];
  raw: number;
  gzip: number;
  over: boolean;
}
export const BUDGETS: SizeBudget[];
export const DEFAULT_LAYOUT: SizeLayout;
export function ceilingOf(id: string): number;
export function measure(layout?: SizeLayout): MeasuredBudget[];
export function formatTable(rows: MeasuredBudget[]): string;
