/**
 * The tab shown on first paint. The action forms, the timeline and the plan/dispute lists load lazily
 * from forms/index.ts through forms/lazy.ts (issue 18, decision 0018; decision 0009 had them here).
 */
export { InvoiceTable } from './InvoiceTable';
export { FollowUpList } from './Lifecycle';
