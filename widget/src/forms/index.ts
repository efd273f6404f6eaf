/**
 * The action forms, the plan/dispute lists, the open follow-ups and the timeline tab, as ONE lazily loaded module (issue 18):
 * the panel's first paint needs none of them (it opens on the invoices tab). `lazy.ts` imports this file dynamically; nothing else may import
 * it statically, or the forms fall back into the panel's initial chunk (widget/size.test.ts checks).
 */
export { DisputeForm, DisputeList } from './DisputeForm';
export { LogCallForm } from './LogCallForm';
export { PlanForm, PlanList } from './PlanForm';
export { PromiseForm } from './PromiseForm';
export { ReminderForm } from './ReminderForm';
export { SettlementForm } from './SettlementForm';
export { VisitForm } from './VisitForm';
export { FollowUpList, SettlementList } from '../ui/Lifecycle';
export { Timeline } from '../ui/Timeline';
export { SalesSummary } from '../ui/SalesSummary';
export { BestContact } from '../ui/BestContact';
export { whyInWords } from '../ui/priority-why';
