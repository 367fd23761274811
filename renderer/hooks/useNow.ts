/**
 * The current time, re-rendering every `intervalMs` so ages and elapsed times stay true.
 * One shared ticker per interval: every component on screen reads the same instant, so the
 * list, the detail and the data ages never disagree by a few seconds. Paused while the window
 * is hidden (no work in hidden windows, users.md complaint 4) and refreshed the moment it shows.
 */
import { useCallback, useSyncExternalStore } from 'react';

export const NOW_INTERVAL_MS = 5000;

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  stop(): void;
}

const tickers = new Map<number, Ticker>();

function startTicker(intervalMs: number): Ticker {
  const ticker: Ticker = { now: Date.now(), listeners: new Set(), stop: () => undefined };
  const tick = () => {
    if (document.hidden) return;
    ticker.now = Date.now();
    for (const listener of ticker.listeners) listener();
  };
  const timer = setInterval(tick, intervalMs);
  document.addEventListener('visibilitychange', tick);
  ticker.stop = () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  };
  return ticker;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = startTicker(intervalMs);
    tickers.set(intervalMs, ticker);
    beforeTicker.delete(intervalMs);
  }
  ticker.listeners.add(listener);
  const owned = ticker;
  return () => {
    owned.listeners.delete(listener);
    if (owned.listeners.size === 0) {
      owned.stop();
      tickers.delete(intervalMs);
      beforeTicker.delete(intervalMs);
    }
  };
}

/**
 * Before the first subscriber there is no ticker: the time is read once and kept until one
 * starts, because React asks for the snapshot several times per render and needs one answer.
 */
const beforeTicker = new Map<number, number>();

function snapshot(intervalMs: number): number {
  const ticker = tickers.get(intervalMs);
  if (ticker) return ticker.now;
  let now = beforeTicker.get(intervalMs);
  if (now === undefined) {
    now = Date.now();
    beforeTicker.set(intervalMs, now);
  }
  return now;
}

export function useNow(intervalMs = NOW_INTERVAL_MS): number {
  // Stable per interval: a new subscribe function each render would restart the ticker.
  const subscribeHere = useCallback((listener: () => void) => subscribe(intervalMs, listener), [intervalMs]);
  return useSyncExternalStore(subscribeHere, () => snapshot(intervalMs));
}
