/**
 * The account's next action as the Summary shows it: the snapshot's, worked out where the snapshot is
 * assembled (connector/snapshot-next-action.ts, decision 0015). The LWC works the snapshot's derived parts out
 * after paint (salesforce/lwc-bundle/derived-after-paint.ts, decision 0026) and hands the panel the derived
 * snapshot then, so this hook is the same everywhere. Undefined: not known (yet).
 */
import type { AccountSnapshot, NextActionSummary } from '../../../connector/port';

export function useNextAction(snapshot: AccountSnapshot): NextActionSummary | null | undefined {
  return snapshot.nextAction;
}
