/** The `ServerState` every view shows for a server, and when a change of it is worth an event. */
import type { ServerFlavor } from '../cidx/api';
import type { ServerState } from './events';

export function initialServerState(serverId: string, flavor: ServerFlavor | null): ServerState {
  return {
    serverId,
    health: 'connecting',
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    latencyMs: null,
    version: null,
    flavor,
    mode: 'paused',
    nextPollAt: null,
    unreadableJobs: 0,
    rateLimitedUntil: null,
  };
}

/** Health, cadence mode, error, version or a server-imposed wait changed: views must hear of it at once. */
export function isNoteworthyChange(before: ServerState, after: ServerState): boolean {
  return (
    after.health !== before.health ||
    after.mode !== before.mode ||
    after.lastError !== before.lastError ||
    after.version !== before.version ||
    after.unreadableJobs !== before.unreadableJobs ||
    after.rateLimitedUntil !== before.rateLimitedUntil
  );
}
