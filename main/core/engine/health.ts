/**
 * What one tick's failures say about a server's health. Pure.
 * The main list call decides between answering and not; the other calls only degrade.
 */
import type { CidxFailure } from '../cidx/failure';
import { isAuthFailure } from '../cidx/failure';
import type { ServerHealth } from './events';

export interface TickFailures {
  /** The failure that ended the tick early (the probe could not reach the server, or the main list failed). */
  fatal: CidxFailure | null;
  /** Failures of the other calls (a 404 on a GET is an answer, not a failure). */
  partial: readonly CidxFailure[];
}

export interface HealthVerdict {
  health: Exclude<ServerHealth, 'connecting'>;
  lastError: CidxFailure | null;
  /** Counts as a failed tick: the cadence backs off. */
  backOff: boolean;
  authFailed: boolean;
  /** The longest Retry-After any call of the tick was given. */
  retryAfterMs: number | null;
}

/** Failures that mean the server itself cannot be reached, even when only the probe met them. */
export function isUnreachable(failure: CidxFailure): boolean {
  return failure.kind === 'offline' || failure.kind === 'timeout' || failure.kind === 'tls';
}

export function judgeTick(failures: TickFailures): HealthVerdict {
  const all = failures.fatal ? [failures.fatal, ...failures.partial] : [...failures.partial];
  const retryAfters = all
    .map((failure) => failure.retryAfterMs)
    .filter((ms): ms is number => ms !== undefined);
  const retryAfterMs = retryAfters.length > 0 ? Math.max(...retryAfters) : null;
  const rateLimited = all.find((failure) => failure.kind === 'rate-limited');
  const { fatal } = failures;

  if (fatal && isAuthFailure(fatal)) {
    return { health: 'auth-failed', lastError: fatal, backOff: true, authFailed: true, retryAfterMs };
  }
  if (fatal && fatal.kind !== 'rate-limited') {
    // Unreachable, timing out, 5xx or garbage on the main list: nothing this tick is usable.
    return { health: 'offline', lastError: fatal, backOff: true, authFailed: false, retryAfterMs };
  }
  if (rateLimited) {
    // The server answers but asks us to slow down: degraded, and back off (Retry-After honoured).
    return { health: 'degraded', lastError: rateLimited, backOff: true, authFailed: false, retryAfterMs };
  }
  const first = failures.partial[0];
  if (first) return { health: 'degraded', lastError: first, backOff: false, authFailed: false, retryAfterMs };
  return { health: 'online', lastError: null, backOff: false, authFailed: false, retryAfterMs };
}
