/**
 * Form drafts that survive a reload (storage adapter). Loading is async, so a draft that arrives
 * after the collector started typing is ignored rather than overwriting them.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { StorageAdapter } from '../storage';

export interface DraftApi<T> {
  value: T;
  /** Merge a change into the draft and persist it. */
  update(patch: Partial<T>): void;
  /** Forget the draft (after a successful save or a cancel). */
  clear(): void;
}

export function useDraft<T extends object>(storage: StorageAdapter, key: string, initial: T): DraftApi<T> {
  const [value, setValue] = useState<T>(initial);
  const current = useRef<T>(initial);
  const dirty = useRef(false);
  const initialRef = useRef(initial);

  useEffect(() => {
    let live = true;
    dirty.current = false;
    current.current = initialRef.current;
    setValue(initialRef.current);
    storage
      .get(`draft:${key}`)
      .then((saved) => {
        if (live && !dirty.current && typeof saved === 'object' && saved !== null) {
          const merged = { ...initialRef.current, ...(saved as Partial<T>) };
          current.current = merged;
          setValue(merged);
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [storage, key]);

  const update = useCallback(
    (patch: Partial<T>) => {
      dirty.current = true;
      const next = { ...current.current, ...patch };
      current.current = next;
      setValue(next);
      void storage.set(`draft:${key}`, next).catch(() => undefined);
    },
    [storage, key],
  );

  const clear = useCallback(() => {
    dirty.current = false;
    current.current = initialRef.current;
    setValue(initialRef.current);
    void storage.remove(`draft:${key}`).catch(() => undefined);
  }, [storage, key]);

  return { value, update, clear };
}
