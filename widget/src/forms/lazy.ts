/**
 * Loads the action forms (forms/index.ts) after the panel has painted: on idle, or on first use,
 * whichever comes first (issue 18, decision 0018). One request per page, shared by every panel.
 * This file is the one place that decides WHEN; import-forms.ts says HOW: the ESM build's forms chunk, the classic
 * panel's second script panel-forms.iife.js (import-forms-classic.ts), the LWC's second static resource.
 */
import { useEffect, useState } from 'preact/hooks';
import type * as Forms from './index';
import { importForms } from './import-forms';

export type FormsModule = typeof Forms;

let pending: Promise<FormsModule> | null = null;
let loaded: FormsModule | null = null;

/**
 * Starts (once) and returns the forms' load. A failed load is forgotten, so the next use retries; browsers that
 * still cache a failed module fetch for the page's lifetime need a reload instead (whatwg/html#6768, fixed in
 * the spec by whatwg/html#10327), which the failure notice says.
 */
export function loadForms(): Promise<FormsModule> {
  pending ??= importForms().then(
    (forms) => (loaded = forms),
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

/** Idle after first paint; a timeout where requestIdleCallback is missing (Safari) or the page never idles. */
const IDLE_TIMEOUT_MS = 2_000;

export function whenIdle(run: () => void): () => void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options: { timeout: number }) => number }).requestIdleCallback;
  if (idle) {
    const id = idle(run, { timeout: IDLE_TIMEOUT_MS });
    // Several parts of the panel wait for the chunk (forms, best contact, the priority's Why): each cancels its own wait.
    return () => (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.(id);
  }
  const id = setTimeout(run, 1);
  return () => clearTimeout(id);
}

/**
 * The forms module once loaded (null before). Schedules the idle load; `wanted` (an action opened,
 * the plans tab shown) loads at once, so a click before idle only waits for the chunk, never is lost.
 */
export function useForms(wanted: boolean): { forms: FormsModule | null; failed: boolean; retry(): void } {
  const [forms, setForms] = useState<FormsModule | null>(loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (forms) {
      return undefined;
    }
    let live = true;
    const start = () => {
      loadForms().then(
        (module) => live && setForms(module),
        (error: unknown) => {
          console.error('[collections-panel] the action forms could not be loaded', error);
          if (live && wanted) {
            setFailed(true);
          }
        },
      );
    };
    if (wanted) {
      start();
      return () => {
        live = false;
      };
    }
    const cancel = whenIdle(start);
    return () => {
      live = false;
      cancel();
    };
  }, [forms, wanted, attempt]);
  return {
    forms,
    failed,
    retry: () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    },
  };
}
