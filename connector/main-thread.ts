/**
 * Long work in the page without long tasks (issue 18: no main-thread task over 50 ms when a big
 * account opens). Work written as a generator `yield`s at safe points (after each record);
 * {@link runInSlices} gives the main thread back whenever a slice has run for its budget, so input
 * and paint get in between. {@link runToEnd} runs the same steps in one go (Node, tests, the LWC
 * host): one implementation of the work, two ways to drive it.
 */

/** Work that yields (nothing) at points where it may be paused, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Give the main thread back before the next piece of work. `scheduler.yield()` where the browser has
 * it (Chromium 129+; the continuation keeps its priority), else a MessageChannel message: unlike
 * setTimeout it is neither clamped nor throttled to 1 s in a background tab, and fake timers in
 * tests leave it alone.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') {
    return scheduler.yield();
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SliceOptions {
  /**
   * Milliseconds of work before giving the main thread back. 10 ms leaves room under the 50 ms
   * long-task threshold (W3C Long Tasks API) even on a slow, loaded CPU, for what the slice ends with.
   */
  budgetMs?: number;
  /** Stops between slices: a panel that moved on wastes no more work. */
  signal?: AbortSignal | undefined;
  /** What to throw when `signal` aborted (default `signal.reason`), e.g. the transport's own "cancelled" error. */
  cancelled?: () => unknown;
  /** Injected in tests. */
  yieldToMain?: () => Promise<void>;
  clock?: () => number;
}

export const SLICE_BUDGET_MS = 10;

export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? SLICE_BUDGET_MS;
  const giveBack = options.yieldToMain ?? yieldToMain;
  const clock = options.clock ?? (() => performance.now());
  let sliceStart = clock();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    if (clock() - sliceStart >= budget) {
      await giveBack();
      if (options.signal?.aborted) {
        throw options.cancelled ? options.cancelled() : options.signal.reason;
      }
      sliceStart = clock();
    }
  }
}

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}
