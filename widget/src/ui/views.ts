/**
 * Tabs and action forms by name: the panel shell opens the form an action names
 * (`ACTIONS[].form`). One bundle, no lazy chunk (decision 0009: the views were prefetched on every
 * open anyway, and splitting them cost ~1.4 KB gzip in total).
 */
export { InvoiceTable } from './InvoiceTable';
export { Timeline } from './Timeline';
export { DisputeForm, DisputeList } from '../forms/DisputeForm';
export { LogCallForm } from '../forms/LogCallForm';
export { PlanForm, PlanList } from '../forms/PlanForm';
export { PromiseForm } from '../forms/PromiseForm';
export { ReminderForm } from '../forms/ReminderForm';
export { SettlementForm } from '../forms/SettlementForm';
export { VisitForm } from '../forms/VisitForm';
export { FollowUpList, SettlementList } from './Lifecycle';
