import { useEffect, useRef } from "react";

/**
 * Calls `callback` every `ms` milliseconds while `ms` is not null, skipping ticks while the tab is
 * hidden (nobody is looking, and the server need not answer).
 */
export function useInterval(callback: () => void, ms: number | null): void {
  const latest = useRef(callback);
  latest.current = callback;

  useEffect(() => {
    if (ms === null) return;
    const timer = setInterval(() => {
      if (!document.hidden) latest.current();
    }, ms);
    return () => clearInterval(timer);
  }, [ms]);
}
