/**
 * forms/lazy.ts for single-file classic-script builds (panel.iife.js, the LWC static resource; decision 0018):
 * such a file cannot fetch a chunk, and a dynamic import inlined into it costs ~1.4 KB gzip of lazy-init
 * wrappers for nothing. The build swaps lazy.ts for this file (scripts/forms-eager.mjs); same API, forms at once.
 */
import { BestContact, DisputeForm, DisputeList, FollowUpList, LogCallForm, PlanForm, PlanList, PromiseForm, ReminderForm, SalesSummary, SettlementForm, SettlementList, Timeline, VisitForm, whyInWords } from './index';
import type { FormsModule } from './lazy';

export type { FormsModule };

// A plain object, not `import * as forms`: a namespace used as a value costs the bundler's getter helper
// (~0.1 KB gzip in panel.iife.js). Typed as the module, so a form added to index.ts must be added here.
const forms: FormsModule = { BestContact, DisputeForm, DisputeList, FollowUpList, LogCallForm, PlanForm, PlanList, PromiseForm, ReminderForm, SalesSummary, SettlementForm, SettlementList, Timeline, VisitForm, whyInWords };

export const FORMS_ARRIVE_LATER = false;

export function loadForms(): Promise<FormsModule> {
  return Promise.resolve(forms);
}

export function useForms(_wanted: boolean): { forms: FormsModule | null; failed: boolean; retry(): void } {
  return { forms, failed: false, retry: () => {} };
}
