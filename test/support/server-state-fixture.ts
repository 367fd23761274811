/**
 * The one engine `ServerState` tests start from: a HEAD 11.79.0 server, online, idle, with no
 * poll recorded yet. Each suite's builder patches in its own times, latency and cadence.
 * Only a type import, so the renderer tests' web project compiles it too.
 */
import type { ServerState } from '../../main/core/engine/events';

export function makeServerState(serverId: string, patch: Partial<ServerState> = {}): ServerState {
  return {
    serverId,
    health: 'online',
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    latencyMs: null,
    version: '11.79.0',
    flavor: 'head',
    mode: 'idle',
    nextPollAt: null,
    unreadableJobs: 0,
    rateLimitedUntil: null,
    ...patch,
  };
}
