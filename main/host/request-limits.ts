/**
 * How much one page may ask of browser mode: a bounded number of requests in flight and a
 * token bucket of requests per second. A page over either limit gets a `rate-limited` answer
 * at once instead of its request being processed, so a runaway or hostile page (10,000
 * `snapshot:get` in a loop) cannot starve the other pages or the monitor.
 */
import type { ContractFailure } from '../../preload/contract';

export interface RequestLimits {
  /** Requests of one page being processed at once. */
  maxInFlight: number;
  /** Sustained requests per second of one page; also the burst a quiet page may send. */
  maxPerSecond: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { maxInFlight: 32, maxPerSecond: 50 };

export interface PageLimiter {
  /** Takes a slot for one request, or says why there is none; `release` when it is answered. */
  admit(): ContractFailure | null;
  release(): void;
  inFlight(): number;
}

export function createPageLimiter(limits: RequestLimits, now: () => number): PageLimiter {
  let tokens = limits.maxPerSecond;
  let last = now();
  let inFlight = 0;

  function refill(): void {
    const at = now();
    const elapsed = Math.max(0, at - last);
    last = at;
    tokens = Math.min(limits.maxPerSecond, tokens + (elapsed / 1000) * limits.maxPerSecond);
  }

  return {
    admit() {
      refill();
      if (inFlight >= limits.maxInFlight) {
        return {
          kind: 'rate-limited',
          message: `Too many requests at once from this page (at most ${limits.maxInFlight}); try again when some are answered.`,
        };
      }
      if (tokens < 1) {
        return {
          kind: 'rate-limited',
          message: `Too many requests from this page (at most ${limits.maxPerSecond} a second); slow down and try again.`,
        };
      }
      tokens -= 1;
      inFlight += 1;
      return null;
    },
    release() {
      inFlight = Math.max(0, inFlight - 1);
    },
    inFlight: () => inFlight,
  };
}
