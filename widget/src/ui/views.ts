/**
 * Everything below the summary: tabs and action forms. Loaded as a separate chunk so opening the
 * panel ships only the shell, figures and compliance badge; it is prefetched right after the
 * first render (preact-iso `lazy().preload()` pattern), so actions open without a visible wait.
 */
export { ComplianceBadge } from './ComplianceBadge';
export { InvoiceTable } from './InvoiceTable';
export { PriorityFigure } from './PriorityFigure';
export { Timeline } from './Timeline';
export { DisputeForm, DisputeList } from '../forms/DisputeForm';
export { LogCallForm } from '../forms/LogCallForm';
export { PlanForm, PlanList } from '../forms/PlanForm';
export { PromiseForm } from '../forms/PromiseForm';
export { ReminderForm } from '../forms/ReminderForm';
export { SettlementForm } from '../forms/SettlementForm';
export { VisitForm } from '../forms/VisitForm';
