/**
 * The account's next action as the Summary shows it: the snapshot's, worked out where the snapshot is
 * assembled (connector/snapshot-next-action.ts, decision 0015). A host that works it out after the
 * panel has painted replaces this module at build time: the LWC static resource
 * (salesforce/lwc-bundle/derived-after-paint.ts, decision 0026: the whole derived snapshot comes after paint, and
 * this module is used as is). Undefined: not known (yet).
 */
import type { AccountSnapshot, NextActionSummary } from '../../../connector/port';

export function useNextAction(snapshot: AccountSnapshot): NextActionSummary | null | undefined {
  return snapshot.nextAction;
}
