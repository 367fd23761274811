/**
 * The current time, re-rendering every `intervalMs` so ages and elapsed times stay true.
 * Paused while the window is hidden (no work in hidden windows, users.md complaint 4) and
 * refreshed the moment it shows again.
 */
import { useEffect, useState } from 'react';

export const NOW_INTERVAL_MS = 5000;

export function useNow(intervalMs = NOW_INTERVAL_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => {
      if (!document.hidden) setNow(Date.now());
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs]);
  return now;
}
