/**
 * Bankruptcy, cease-communication and breathing-space flags lead (issue 17): the actions that
 * imply contacting the debtor are switched off with the reason beside them. Logging a call stays
 * open (the debtor may call in; the engine blocks outbound calls), as do disputes and notes.
 */
import { hardStops, type HardStop } from '../../../connector/domain/compliance/hard-stops';
import { useData } from '../state/context';

/** Toolbar actions that mean contacting the debtor or asking them to pay. */
export const CONTACTING_ACTIONS: ReadonlySet<string> = new Set(['promise', 'plan', 'settlement', 'reminder', 'visit']);

export const HARD_STOP_NOTE_ID = 'cp-hard-stop';

export function useHardStops(): HardStop[] {
  const { snapshot, asOf } = useData();
  return hardStops(snapshot.account, snapshot.complianceRules, asOf);
}

/** "Promise, plan, settlement, reminder and visit are off: Bankruptcy stay: no calls, letters…" */
export function HardStopNote({ stops }: { stops: HardStop[] }) {
  if (stops.length === 0) {
    return null;
  }
  return (
    <p id={HARD_STOP_NOTE_ID} class="alert">
      Promise, plan, settlement, reminder and visit are off while {stops.map((s) => s.title.toLowerCase()).join(' and ')} {stops.length === 1 ? 'applies' : 'apply'}. {stops.map((s) => s.message).join(' ')}
    </p>
  );
}
