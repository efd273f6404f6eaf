/**
 * The snapshot's derived parts in the LWC, worked out after the panel has painted (issue 18, decision 0026,
 * second step). The LWC maps the Apex snapshot in the page, so the contact rules (the profile table, the
 * compliance engine, the holiday table), the priority and the next action would otherwise load on open for a
 * badge and two lines. The LWC panel build (salesforce/scripts/build-static-resource.mjs) puts this module in
 * place of
 * - connector/snapshot-derived.ts in the mapping (snapshot/map.ts): `withDerivedData` keeps its inputs (the
 *   mapped records and the options the mapping passed: clock, profile override, holidays, rates) and returns the
 *   records with the currency check done (the figures paint from it) and the derived parts "not known yet"
 *   (`complianceRules`, `priority`, `calendar`, `nextAction`: undefined; activities not yet trimmed);
 * - connector/holidays/default-source.ts in lds-adapter.ts: the holiday table is read from the forms resource;
 * - the compliance engine and the priority gate in the widget (widget/src/domain.ts): called only once the
 *   rules are known, that is once the forms resource has loaded, they are its functions;
 * - widget/src/state/useSnapshot.ts in the Panel: on idle after paint (or at once when a form is opened) the
 *   forms resource loads and its real `withDerivedData` runs on exactly those inputs; the panel then shows
 *   the derived snapshot. One implementation: the same function with the same records and clock, later.
 * Until then the badge and the priority say "Checking contact rules…" (widget/src/state/compliance.ts).
 */
import { useMemo } from 'preact/hooks';
import type { AccountSnapshot } from '../../connector/port';
import type { DeriveOptions, HolidaySource, MappedSnapshot, withDerivedData as deriveNow } from '../../connector/snapshot-derived';
import type { checkContactWithRules as checkNow } from '../../connector/domain/compliance/engine';
import type { withComplianceGate as gateNow } from '../../connector/domain/priority';
import { quarantineCurrencyMismatches } from '../../connector/snapshot-quarantine';
import { useSnapshot as useMappedSnapshot, type SnapshotState } from '../../widget/src/state/useSnapshot';
import { useForms } from '../../widget/src/forms/lazy';

/** What the forms resource (forms-entry.ts) sets for the panel's derived parts. */
export interface DerivedAfterPaint {
  withDerivedData: typeof deriveNow;
  defaultHolidaySource: HolidaySource;
  checkContactWithRules: typeof checkNow;
  withComplianceGate: typeof gateNow;
}

function afterPaint(): DerivedAfterPaint | undefined {
  return (window as unknown as { CollectionsLdsAfterPaint?: DerivedAfterPaint }).CollectionsLdsAfterPaint;
}

function loaded(): DerivedAfterPaint {
  const api = afterPaint();
  if (!api) {
    // Not reached: the rules (and so every caller below) are known only once the resource has loaded.
    throw new Error('The contact rules are not loaded yet (collectionsPanelForms static resource).');
  }
  return api;
}

/** The inputs of each snapshot mapped in this page, by the snapshot the mapping returned. */
const inputsOf = new WeakMap<AccountSnapshot, [MappedSnapshot, DeriveOptions]>();

/** In place of connector/snapshot-derived.ts in the mapping: the figures now, the derived parts after paint. */
export function withDerivedData(unchecked: MappedSnapshot, options: DeriveOptions): AccountSnapshot {
  // The same currency check withDerivedData starts with (it is idempotent), so the figures painted now are the ones it keeps.
  const pending = { ...quarantineCurrencyMismatches(unchecked), complianceRules: undefined, priority: undefined, calendar: undefined, nextAction: undefined } as unknown as AccountSnapshot;
  inputsOf.set(pending, [unchecked, options]);
  return pending;
}

/** In place of connector/holidays/default-source.ts (lds-adapter.ts): the table is the forms resource's, read after paint. */
export const defaultHolidaySource: HolidaySource = (request) => loaded().defaultHolidaySource(request);

/** In place of the engine in widget/src/domain.ts: the forms resource's, once the rules are known. */
export const checkContactWithRules: typeof checkNow = (...args) => loaded().checkContactWithRules(...args);

/** In place of the priority gate in widget/src/domain.ts: the forms resource's, once the priority is known. */
export const withComplianceGate: typeof gateNow = (...args) => loaded().withComplianceGate(...args);

/** Derived snapshots, one per mapped snapshot: the badge, the priority and the forms see one object. */
const derivedOf = new WeakMap<AccountSnapshot, AccountSnapshot>();

function derived(snapshot: AccountSnapshot): AccountSnapshot {
  const inputs = inputsOf.get(snapshot);
  const api = afterPaint();
  if (!inputs || !api) {
    // Not known yet; or a copy saved by an earlier page, whose inputs are gone: the fresh load replaces it.
    return snapshot;
  }
  let done = derivedOf.get(snapshot);
  if (!done) {
    done = api.withDerivedData(...inputs);
    derivedOf.set(snapshot, done);
  }
  return done;
}

/** In place of widget/src/state/useSnapshot.ts in the Panel: the mapped snapshot, derived once the forms resource is in. */
export function useSnapshot(...args: Parameters<typeof useMappedSnapshot>): ReturnType<typeof useMappedSnapshot> {
  const [state, reload] = useMappedSnapshot(...args);
  // Loads the resource on idle (or at once, with a form: forms/lazy.ts shares one load) and re-renders when it is in.
  const { forms } = useForms(false);
  const shown = useMemo((): SnapshotState => {
    if (state.phase !== 'ready') {
      return state;
    }
    const snapshot = derived(state.snapshot);
    return snapshot === state.snapshot ? state : { ...state, snapshot };
  }, [state, forms]);
  return [shown, reload];
}
