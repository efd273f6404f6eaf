/**
 * One write flow for every form: a client idempotency key kept in the form's draft, so a retry
 * (same session or after a reload) sends the SAME key and never duplicates; a failure keeps
 * everything typed and shows the one error view with Retry.
 */
import { useCallback, useState } from 'preact/hooks';
import { isAbortError, reduceError, type ErrorViewModel } from '../errors';
import { domainProblemInWords } from '../problem-words';

export type WriteStatus = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved'; message: string } | { phase: 'failed'; error: ErrorViewModel };

/**
 * A fresh key matching the port's pattern ([A-Za-z0-9_-]{8,80}): 128 random bits as 32 hex digits.
 * getRandomValues, unlike randomUUID, also works on non-secure (http) host pages.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface WriteApi {
  status: WriteStatus;
  /** Run the write; resolves true on success. Errors are captured in `status`, never thrown. */
  run(write: () => Promise<string>): Promise<boolean>;
  reset(): void;
}

export function useWrite(): WriteApi {
  const [status, setStatus] = useState<WriteStatus>({ phase: 'idle' });
  const run = useCallback(async (write: () => Promise<string>) => {
    setStatus({ phase: 'saving' });
    try {
      const message = await write();
      setStatus({ phase: 'saved', message });
      return true;
    } catch (error) {
      if (isAbortError(error)) {
        setStatus({ phase: 'idle' });
        return false;
      }
      setStatus({ phase: 'failed', error: reduceError(error, domainProblemInWords) });
      return false;
    }
  }, []);
  const reset = useCallback(() => setStatus({ phase: 'idle' }), []);
  return { status, run, reset };
}
