/** Re-render once a minute: the customer's local time and the calling window must not go stale on an open panel. */
import { useEffect, useState } from 'preact/hooks';

export function useMinuteTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), 60_000);
    return () => clearInterval(id);
  }, []);
  return tick;
}
