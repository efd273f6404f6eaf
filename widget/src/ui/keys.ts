/**
 * The panel's keyboard model (issue 17: "50 Tabs from the top of the page to Log a call").
 *
 * - Alt+Shift+C anywhere on the page focuses the panel (mount.tsx, the extension dock). Matched by
 *   `code`, not `key`: on macOS Option+Shift+C types "Ç".
 * - With focus in the panel and NOT in a text field, one letter opens an action (shown on its button).
 * - Escape closes the open form; its draft stays (drafts persist on every change, state/useDraft.ts).
 * - Enter never submits from a <select> or a date field (it saved unfinished calls); Ctrl/⌘+Enter
 *   saves the form from any field.
 */

export const FOCUS_SHORTCUT_LABEL = 'Alt+Shift+C';

/** Attribute on the loaded panel region: what the focus shortcut focuses (not the loading skeleton). */
export const READY_ATTRIBUTE = 'data-cp-ready';

export function isFocusShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyC';
}

/** Inputs where letters and Enter are the user's typing, not commands. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') {
    return false;
  }
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || el.isContentEditable) {
    return true;
  }
  return tag === 'input' && !NON_TEXT_INPUTS.has((el as HTMLInputElement).type);
}

/** The action letter pressed, if this keydown is one (single letter, no modifier, not typing). */
export function actionKeyOf(event: KeyboardEvent): string | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTypingTarget(event.target)) {
    return null;
  }
  return /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() : null;
}

/** Fields whose Enter the browser would turn into a form submit though the user is only picking a value. */
const PICKER_INPUTS = new Set(['date', 'time', 'month', 'week', 'datetime-local']);

export function isEnterInPicker(event: KeyboardEvent): boolean {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) {
    return false;
  }
  const el = event.target as HTMLElement | null;
  const tag = el?.tagName?.toLowerCase();
  return tag === 'select' || (tag === 'input' && PICKER_INPUTS.has((el as HTMLInputElement).type));
}

export function isSubmitChord(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/**
 * Focus the loaded panel inside `root`; while it is still loading, focus it as soon as it appears.
 * Returns a cancel for the pending wait (unmount).
 */
export function focusPanelIn(root: ParentNode & Node): () => void {
  const ready = () => root.querySelector<HTMLElement>(`[${READY_ATTRIBUTE}]`);
  const now = ready();
  if (now) {
    now.focus();
    now.scrollIntoView?.({ block: 'nearest' });
    return () => undefined;
  }
  if (typeof MutationObserver !== 'function') {
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    const target = ready();
    if (target) {
      observer.disconnect();
      target.focus();
      target.scrollIntoView?.({ block: 'nearest' });
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/** What the panel shell gives the key handler: its actions, the open one, and how to open/close forms. */
export interface PanelKeyContext<A extends { key: string }> {
  actions: readonly A[];
  open: A | null;
  formHost: HTMLElement | null;
  /** Open this action's form (or, when it is open already, focus its first field). */
  openAction(action: A): void;
  /** Close the open form without clearing its draft, focus back on its button. */
  closeForm(): void;
}

/** The panel region's keydown: Escape, Enter in pickers, Ctrl+Enter, action letters. */
export function handlePanelKey<A extends { key: string }>(e: KeyboardEvent, ctx: PanelKeyContext<A>): void {
  if (e.key === 'Escape' && ctx.open) {
    // Prevented and stopped: the extension dock collapses on an Escape nobody used.
    e.preventDefault();
    e.stopPropagation();
    ctx.closeForm();
  } else if (isEnterInPicker(e)) {
    e.preventDefault();
  } else if (isSubmitChord(e)) {
    const form = (e.target as Element | null)?.closest?.('form');
    if (form && ctx.formHost?.contains(form)) {
      e.preventDefault();
      form.requestSubmit();
    }
  } else {
    const letter = actionKeyOf(e);
    const next = letter ? ctx.actions.find((a) => a.key === letter) : undefined;
    if (next) {
      e.preventDefault();
      ctx.openAction(next);
    }
  }
}
