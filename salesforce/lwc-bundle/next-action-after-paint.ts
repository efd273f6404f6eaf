/**
 * The record panel's next action in the LWC, worked out after the panel has painted (issue 18, decision
 * 0026). The LWC maps the Apex snapshot in the page, so the strategy code (the worklist's `nextAction`
 * on `ladderFactsFromRecords`, connector/snapshot-next-action.ts) would otherwise load on open for one
 * line of the summary. The LWC panel build (salesforce/scripts/build-static-resource.mjs) puts this
 * module in place of
 * - connector/snapshot-next-action.ts in the mapping (snapshot-derived.ts): `snapshotNextAction` keeps its
 *   inputs (the mapped records and the options the mapping passed) and answers "not known yet";
 * - widget/src/state/next-action.ts in the Summary: `useNextAction` waits for idle after paint, loads the
 *   forms resource (which carries the real `snapshotNextAction`: forms-entry.ts) and works the line out
 *   from exactly those inputs: the same function with the same records, clock and options, later.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AccountSnapshot, NextActionSummary } from '../../connector/port';
import type { snapshotNextAction as workOut } from '../../connector/snapshot-next-action';
import { loadForms } from '../../widget/src/forms/lazy';

type Inputs = Parameters<typeof workOut>;
type Outcome = ReturnType<typeof workOut>;

interface AfterPaintHost {
  CollectionsLdsAfterPaint?: { snapshotNextAction: typeof workOut };
}

/** Inputs of the last few accounts mapped in this page (a console may hold several record tabs). */
const KEPT_ACCOUNTS = 8;
const inputsByAccount = new Map<string, Inputs>();

/** In place of connector/snapshot-next-action.ts in the mapping: the inputs are kept, the line comes after paint. */
export function snapshotNextAction(...inputs: Inputs): Outcome {
  const accountId = inputs[0].account.id;
  inputsByAccount.delete(accountId);
  inputsByAccount.set(accountId, inputs);
  if (inputsByAccount.size > KEPT_ACCOUNTS) {
    inputsByAccount.delete(inputsByAccount.keys().next().value as string);
  }
  // Undefined, not null: "not known yet" (the snapshot's nextAction is optional), never "no next action".
  return { nextAction: undefined as unknown as null, note: null };
}

/** Idle after first paint, as the forms load (widget/src/forms/lazy.ts); a timeout where requestIdleCallback is missing. */
function whenIdle(run: () => void): () => void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options: { timeout: number }) => number }).requestIdleCallback;
  if (idle) {
    const id = idle(run, { timeout: 2_000 });
    return () => (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.(id);
  }
  const id = setTimeout(run, 1);
  return () => clearTimeout(id);
}

/** The line for the summary, once worked out; a failure is said on the line, as the snapshot's note would say it. */
function lineOf({ nextAction, note }: Outcome): NextActionSummary | null {
  return nextAction ?? (note ? { status: 'none', label: null, dueOn: null, reason: note.message } : null);
}

/** In place of widget/src/state/next-action.ts: the snapshot's next action, worked out after paint when it is not known. */
export function useNextAction(snapshot: AccountSnapshot): NextActionSummary | null | undefined {
  const [late, setLate] = useState<{ of: AccountSnapshot; line: NextActionSummary | null } | null>(null);
  const known = snapshot.nextAction !== undefined;
  useEffect(() => {
    const inputs = known ? undefined : inputsByAccount.get(snapshot.account.id);
    if (!inputs) {
      return undefined;
    }
    let live = true;
    const cancel = whenIdle(() => {
      loadForms()
        .then(() => {
          const api = (window as unknown as AfterPaintHost).CollectionsLdsAfterPaint;
          if (!api) {
            throw new Error('The collectionsPanelForms static resource did not define window.CollectionsLdsAfterPaint.');
          }
          const line = lineOf(api.snapshotNextAction(...inputs));
          if (live) {
            setLate({ of: snapshot, line });
          }
        })
        // The line is advisory: without it the panel is complete (the forms' own notice covers a failed load).
        .catch((error: unknown) => console.error('[collections-panel] the next action could not be worked out', error));
    });
    return () => {
      live = false;
      cancel();
    };
  }, [snapshot, known]);
  return known ? snapshot.nextAction : late?.of === snapshot ? late.line : undefined;
}
