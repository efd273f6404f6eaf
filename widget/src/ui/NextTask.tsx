/**
 * Splits a big account's render in two tasks (issue 18: no main-thread task over 50 ms): what is
 * inside renders one task after the rest of the panel whenever the snapshot changes (the saved
 * copy, then the fresh one), showing the previous snapshot's figures meanwhile (or nothing on the
 * first). The Chromium trace of a 500-invoice account showed the header's compliance check and the
 * summary's aging as the two biggest parts of one render; this puts them in separate tasks.
 * Changes within a snapshot (selection, the minute tick) are not delayed.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DataContext, useData, type PanelData } from '../state/context';
import { yieldToMain } from '../state/yieldToMain';

/** Invoices above which the render is split: smaller accounts render in one short task. */
export const SPLIT_RENDER_ABOVE_INVOICES = 200;

export function NextTask({ children }: { children: ComponentChildren }) {
  const data = useData();
  const big = data.snapshot.invoices.length > SPLIT_RENDER_ABOVE_INVOICES;
  const [shown, setShown] = useState<PanelData['snapshot'] | null>(big ? null : data.snapshot);
  useEffect(() => {
    if (shown === data.snapshot) {
      return undefined;
    }
    if (!big) {
      setShown(data.snapshot);
      return undefined;
    }
    let live = true;
    void yieldToMain().then(() => live && setShown(data.snapshot));
    return () => {
      live = false;
    };
  }, [big, shown, data.snapshot]);
  if (shown === null) {
    return null;
  }
  // The previous snapshot's figures for one task, with the current selection and handlers.
  const value = shown === data.snapshot ? data : { ...data, snapshot: shown };
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}
