/**
 * The tab shown on first paint. The action forms, the timeline, the plan/dispute lists and the open
 * follow-ups load lazily from forms/index.ts through forms/lazy.ts (issue 18, decision 0018; decision
 * 0009 had them here).
 */
export { InvoiceTable } from './InvoiceTable';
