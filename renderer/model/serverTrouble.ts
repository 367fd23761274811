/**
 * Which servers are in trouble (offline, sign-in needed, degraded, or paused by the server with
 * `Retry-After`), so the Jobs view can say so and not pass their stale counts off as current. Pure.
 */
import { clockTime } from '../../preload/clock-time';
import { oldestSuccessAt } from '../../preload/data-age';
import type { ServerSnapshot } from '../stores/types';

const TROUBLED_HEALTH: ReadonlySet<string> = new Set(['offline', 'auth-failed', 'degraded']);

/** The server asked not to be polled until this time, and that time is still ahead. */
export function rateLimitedUntil(server: ServerSnapshot, now: number): number | null {
  const until = server.state?.rateLimitedUntil ?? null;
  return until !== null && until > now ? until : null;
}

export function isServerInTrouble(server: ServerSnapshot, now: number): boolean {
  const { state } = server;
  if (!server.config.enabled || !state) return false;
  return TROUBLED_HEALTH.has(state.health) || rateLimitedUntil(server, now) !== null;
}

export function serversInTrouble(servers: readonly ServerSnapshot[], now: number): ServerSnapshot[] {
  return servers.filter((server) => isServerInTrouble(server, now));
}

/** The oldest last good poll of the servers in trouble: how old the counts they feed may be. */
export function oldestTroubledSuccessAt(servers: readonly ServerSnapshot[], now: number): number | null {
  return oldestSuccessAt(serversInTrouble(servers, now));
}

/** "14:05": a local wall-clock time, as the tray says it too. */
export const formatTimeOfDay = clockTime;
