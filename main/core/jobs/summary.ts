/**
 * What the tray, tooltip and CLI status line show at a glance. Pure: derived from the visible
 * jobs and the server states (users.md: the worst state first, and how old the data is).
 */
import type { ServerHealth, ServerState } from '../engine/events';
import type { TrackedJob } from './tracked-job';

/** Worst first. A person must act on auth and reachability before anything else. */
export const WORST_STATES = ['auth-failed', 'offline', 'failed', 'degraded', 'running', 'idle'] as const;
export type WorstState = (typeof WORST_STATES)[number];

export interface JobsSummary {
  countsByStatus: Record<string, number>;
  total: number;
  /** Running and resolving prerequisites. */
  running: number;
  pending: number;
  /** Mean progress (0..100) of running jobs, null when none runs. */
  progress: number | null;
  unacknowledgedFailures: number;
  worst: WorstState;
  /** Oldest last-successful-poll among enabled servers; null when none has succeeded yet. */
  oldestSuccessAt: number | null;
  /** `now - oldestSuccessAt`, null when unknown. */
  dataAgeMs: number | null;
  /** Enabled servers that have never answered a poll (their data age is unknown). */
  serversNeverPolled: string[];
}

export interface SummaryServer {
  serverId: string;
  enabled: boolean;
  state: ServerState | null;
}

const isRunning = (status: string): boolean => status === 'running' || status === 'resolving_prerequisites';

function healthRank(health: ServerHealth): WorstState {
  if (health === 'auth-failed' || health === 'offline' || health === 'degraded') return health;
  return 'idle';
}

const worse = (a: WorstState, b: WorstState): WorstState =>
  WORST_STATES.indexOf(a) <= WORST_STATES.indexOf(b) ? a : b;

export function summarizeJobs(
  jobs: readonly TrackedJob[],
  servers: readonly SummaryServer[],
  now: number,
): JobsSummary {
  const countsByStatus: Record<string, number> = {};
  let running = 0;
  let progressSum = 0;
  let unacknowledgedFailures = 0;
  for (const { job, acknowledged } of jobs) {
    countsByStatus[job.status] = (countsByStatus[job.status] ?? 0) + 1;
    if (isRunning(job.status)) {
      running += 1;
      progressSum += job.progress;
    }
    if (job.status === 'failed' && !acknowledged) unacknowledgedFailures += 1;
  }
  const pending = countsByStatus['pending'] ?? 0;

  let worst: WorstState = running + pending > 0 ? 'running' : 'idle';
  if (unacknowledgedFailures > 0) worst = worse(worst, 'failed');
  let oldestSuccessAt: number | null = null;
  const serversNeverPolled: string[] = [];
  for (const server of servers) {
    if (!server.enabled) continue;
    if (server.state) worst = worse(worst, healthRank(server.state.health));
    const success = server.state?.lastSuccessAt ?? null;
    if (success === null) serversNeverPolled.push(server.serverId);
    else if (oldestSuccessAt === null || success < oldestSuccessAt) oldestSuccessAt = success;
  }

  return {
    countsByStatus,
    total: jobs.length,
    running,
    pending,
    progress: running > 0 ? Math.round(progressSum / running) : null,
    unacknowledgedFailures,
    worst,
    oldestSuccessAt,
    dataAgeMs: oldestSuccessAt === null ? null : Math.max(0, now - oldestSuccessAt),
    serversNeverPolled,
  };
}
