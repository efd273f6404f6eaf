/**
 * Give the main thread back before the next piece of work, so parsing a snapshot, rendering it and
 * saving its copy are separate tasks instead of one long task (issue 18: no task over 50 ms on a
 * big account). `scheduler.yield()` where the browser has it (Chromium 129+), else a
 * MessageChannel message: unlike setTimeout it is neither clamped nor throttled to 1 s in a
 * background tab, and fake timers in tests leave it alone.
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
