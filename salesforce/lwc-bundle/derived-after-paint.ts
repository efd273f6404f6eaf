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
 * Until then the badge and the priority say "Checking contact rules…" (widget/src/state/compliance.ts); if the
 * resource cannot be loaded they say the rules could not be checked, beside a Try again; if the step throws, that
 * they could not be worked out for this account (Try again would throw again).
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AccountSnapshot } from '../../connector/port';
import type { DeriveOptions, HolidaySource, MappedSnapshot, withDerivedData as deriveNow } from '../../connector/snapshot-derived';
import type { checkContactWithRules as checkNow } from '../../connector/domain/compliance/engine';
import type { withComplianceGate as gateNow } from '../../connector/domain/priority';
import { quarantineCurrencyMismatches } from '../../connector/snapshot-quarantine';
import { useSnapshot as useMappedSnapshot, type SnapshotState } from '../../widget/src/state/useSnapshot';
import { loadForms, whenIdle } from '../../widget/src/forms/lazy';
import { rulesNotChecked, rulesPending } from '../../widget/src/state/compliance';
import { reduceError } from '../../widget/src/errors';

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
    throw new Error('Contact rules not loaded yet (collectionsPanelForms).');
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

/** The forms resource (or the fresh load a saved copy waits for) could not be loaded: Try again loads it again. */
export const RULES_NOT_LOADED = 'Contact rules could not be checked — check your connection and try again.';

/** The resource loaded but the step threw on this account's data: loading again would not help. */
export const RULES_NOT_WORKED_OUT = "Contact rules could not be worked out for this account. Don't contact them until this is fixed; tell your administrator.";

/**
 * The banner beside the badge's words: the panel's one error view. A failed load is a network error in its
 * serialized form, so with Try again (which loads again); a throwing step is not the connection and offers no retry.
 */
const NOT_LOADED_VIEW = reduceError({ kind: 'network', userMessage: RULES_NOT_LOADED });
const NOT_WORKED_OUT_VIEW = { ...reduceError({ kind: 'unknown', userMessage: RULES_NOT_WORKED_OUT }), retryable: false };

/**
 * The mapped snapshot, derived once the forms resource is in; the hook is built from the mapped one so that widget
 * tests can put it in the Panel as the build does (widget/src/ui/compliance-pending.test.tsx).
 * When the rules cannot be worked out (the resource failed to load, the step threw, or a saved copy, whose inputs
 * are gone, and its fresh load failed) the panel says so instead of "Checking…" for ever; after a failed load,
 * Try again loads again.
 */
export function afterPaintOf(useMapped: typeof useMappedSnapshot): typeof useMappedSnapshot {
  return (...args) => {
    const [state, reload] = useMapped(...args);
    const [api, setApi] = useState(afterPaint);
    const [failed, setFailed] = useState(false);
    const ready = state.phase === 'ready';
    useEffect(() => {
      // After a failure, Try again (failed back to false) loads again.
      if (api || !ready || failed) {
        return undefined;
      }
      let live = true;
      // On idle after paint (forms/lazy.ts decides when; a form opened before shares the one load).
      const cancel = whenIdle(() => {
        loadForms().then(
          () => {
            if (live) {
              // A resource that loaded without the rules counts as not loaded.
              const loadedApi = afterPaint();
              if (loadedApi) {
                setApi(loadedApi);
              } else {
                setFailed(true);
              }
            }
          },
          // Logged by the panel's other waits for the same load (forms/lazy.ts useForms).
          () => live && setFailed(true),
        );
      });
      return () => {
        live = false;
        cancel();
      };
    }, [api, ready, failed]);
    const shown = useMemo((): SnapshotState => {
      if (state.phase !== 'ready' || !rulesPending(state.snapshot)) {
        return state;
      }
      const inputs = inputsOf.get(state.snapshot);
      let snapshot = derivedOf.get(state.snapshot);
      if (!snapshot && api && inputs) {
        try {
          snapshot = api.withDerivedData(...inputs);
          derivedOf.set(state.snapshot, snapshot);
        } catch (error) {
          console.error('[collections-panel] the contact rules could not be worked out', error);
        }
      }
      if (snapshot) {
        return { ...state, snapshot };
      }
      // With inputs and the rules here, the step threw.
      const threw = !!inputs && !!api;
      // A saved copy without inputs waits for the fresh load (it brings them), unless that failed.
      const notLoaded = failed || (!inputs && (!state.stale || !!state.refreshError));
      if (threw) {
        return { ...state, snapshot: rulesNotChecked(state.snapshot, RULES_NOT_WORKED_OUT), refreshError: state.refreshError ?? NOT_WORKED_OUT_VIEW };
      }
      return notLoaded ? { ...state, snapshot: rulesNotChecked(state.snapshot, RULES_NOT_LOADED), refreshError: state.refreshError ?? NOT_LOADED_VIEW } : state;
    }, [state, api, failed]);
    const retry = useCallback(() => {
      setFailed(false);
      reload();
    }, [reload]);
    return [shown, retry];
  };
}

/** In place of widget/src/state/useSnapshot.ts in the Panel. */
export const useSnapshot = afterPaintOf(useMappedSnapshot);
