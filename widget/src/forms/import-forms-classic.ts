/**
 * widget/src/forms/import-forms.ts for the classic-script panel `panel.iife.js` (decision 0018, fifth pass): the
 * action forms, the plan/dispute lists and the timeline are a SECOND classic script, `panel-forms.iife.js`, next to
 * the panel's own file. forms/lazy.ts decides when it loads (idle after first paint, or first use), as for the
 * ES-module build's forms chunk; the LWC host does the same with its second static resource.
 * One Preact: this module puts the panel's Preact, hooks, contexts and compliance memo (state/compliance.ts: one check
 * per snapshot and minute for the badge and the forms) on `window.CollectionsPanelShared`, and the forms script reads
 * them from there instead of bundling its own (scripts/forms-classic.mjs); it then sets `window.CollectionsPanelForms`
 * (forms/classic-entry.ts).
 */
import * as preact from 'preact';
import * as hooks from 'preact/hooks';
import * as compliance from '../state/compliance';
import * as context from '../state/context';
import { PANEL_FINGERPRINT } from '../version';
import type * as Forms from './index';

type FormsModule = typeof Forms;

/** The forms script's file name, in the directory panel.iife.js was served from (widget/vite.config.ts emits both). */
export const FORMS_SCRIPT = 'panel-forms.iife.js';

interface ClassicHost {
  CollectionsPanelShared?: unknown;
  CollectionsPanelForms?: FormsModule;
  /** The loader's global (widget/src/loader.ts): `base` is the directory it loads the panel from. */
  CollectionsPanel?: { base?: unknown };
}

/**
 * Where the forms script is: beside the panel's own script (its query kept, so a host's `?v=` cache key applies to
 * both; without one, the panel's fingerprint is added even when the query has other parameters, so the browser
 * never pairs this panel with a cached forms script of another version), else in the loader's directory, else
 * nowhere (null: the panel says the forms could not be loaded).
 */
export function formsScriptUrl(panelSrc: string | undefined, loaderBase: unknown, fingerprint: string): string | null {
  if (panelSrc) {
    const url = new URL(panelSrc);
    url.pathname = url.pathname.replace(/[^/]*$/, FORMS_SCRIPT);
    if (!url.searchParams.has('v')) {
      url.searchParams.set('v', fingerprint);
    }
    url.hash = '';
    return url.href;
  }
  return typeof loaderBase === 'string' && loaderBase ? `${loaderBase}${FORMS_SCRIPT}?v=${encodeURIComponent(fingerprint)}` : null;
}

const host = window as unknown as ClassicHost;
host.CollectionsPanelShared = { preact, hooks, context, compliance };
// document.currentScript is panel.iife.js only while it runs (null afterwards, and in ES modules): read it now.
const formsUrl = formsScriptUrl((document.currentScript as HTMLScriptElement | null)?.src, host.CollectionsPanel?.base, PANEL_FINGERPRINT);

/** Adds the forms script once per call; forms/lazy.ts shares one load per page and retries after a failure. */
export function importForms(): Promise<FormsModule> {
  return new Promise((resolve, reject) => {
    if (host.CollectionsPanelForms) {
      resolve(host.CollectionsPanelForms);
      return;
    }
    if (!formsUrl) {
      reject(new Error(`[collections-panel] cannot tell where ${FORMS_SCRIPT} is: panel.iife.js ran without document.currentScript and without the loader`));
      return;
    }
    const tag = document.createElement('script');
    tag.src = formsUrl;
    tag.async = true;
    tag.onload = () => {
      tag.remove();
      if (host.CollectionsPanelForms) {
        resolve(host.CollectionsPanelForms);
      } else {
        reject(new Error(`[collections-panel] ${formsUrl} loaded but did not define window.CollectionsPanelForms`));
      }
    };
    tag.onerror = () => {
      // Removed, so "Try again" adds a fresh tag (a classic script is fetched again; no module-map caching).
      tag.remove();
      reject(new Error(`[collections-panel] could not load ${formsUrl}`));
    };
    document.head.append(tag);
  });
}
