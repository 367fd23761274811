/**
 * What the tray, tooltip and CLI status line show at a glance (users.md: the worst state first).
 * Kept as a running tally that the job store adjusts on every change, so a summary costs the
 * same at 10 jobs as at 10,000 (no pass over all jobs per change).
 *
 * How old the data is lives with the servers (`oldestSuccessAt` in preload/data-age.ts), not
 * here: a poll that changed nothing must not change the summary (no patch, no wire traffic).
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
}

export interface SummaryServer {
  serverId: string;
  enabled: boolean;
  state: Pick<ServerState, 'health'> | null;
}

/** Sums over a set of jobs, adjusted one job at a time (`countJob` with +1, then -1 when it changes). */
export interface JobTally {
  countsByStatus: Record<string, number>;
  total: number;
  running: number;
  /** Sum of the progress of running jobs. */
  progressSum: number;
  unacknowledgedFailures: number;
}

export const emptyTally = (): JobTally => ({
  countsByStatus: {},
  total: 0,
  running: 0,
  progressSum: 0,
  unacknowledgedFailures: 0,
});

const isRunning = (status: string): boolean => status === 'running' || status === 'resolving_prerequisites';

/** Adds (`sign` 1) or takes away (`sign` -1) one job's share. */
export function countJob(
  tally: JobTally,
  tracked: Pick<TrackedJob, 'job' | 'acknowledged'>,
  sign: 1 | -1,
): void {
  const { job } = tracked;
  const count = (tally.countsByStatus[job.status] ?? 0) + sign;
  if (count === 0) delete tally.countsByStatus[job.status];
  else tally.countsByStatus[job.status] = count;
  tally.total += sign;
  if (isRunning(job.status)) {
    tally.running += sign;
    tally.progressSum += sign * job.progress;
  }
  if (job.status === 'failed' && !tracked.acknowledged) tally.unacknowledgedFailures += sign;
}

export function addTally(into: JobTally, from: JobTally): JobTally {
  for (const [status, count] of Object.entries(from.countsByStatus)) {
    into.countsByStatus[status] = (into.countsByStatus[status] ?? 0) + count;
  }
  into.total += from.total;
  into.running += from.running;
  into.progressSum += from.progressSum;
  into.unacknowledgedFailures += from.unacknowledgedFailures;
  return into;
}

function healthRank(health: ServerHealth): WorstState {
  if (health === 'auth-failed' || health === 'offline' || health === 'degraded') return health;
  return 'idle';
}

const worse = (a: WorstState, b: WorstState): WorstState =>
  WORST_STATES.indexOf(a) <= WORST_STATES.indexOf(b) ? a : b;

export function summaryFromTally(tally: JobTally, servers: readonly SummaryServer[]): JobsSummary {
  const pending = tally.countsByStatus['pending'] ?? 0;
  let worst: WorstState = tally.running + pending > 0 ? 'running' : 'idle';
  if (tally.unacknowledgedFailures > 0) worst = worse(worst, 'failed');
  for (const server of servers) {
    if (server.enabled && server.state) worst = worse(worst, healthRank(server.state.health));
  }
  return {
    countsByStatus: { ...tally.countsByStatus },
    total: tally.total,
    running: tally.running,
    pending,
    progress: tally.running > 0 ? Math.round(tally.progressSum / tally.running) : null,
    unacknowledgedFailures: tally.unacknowledgedFailures,
    worst,
  };
}

/** The summary of a list of jobs in one pass (the CLI, tests); the store keeps its tally live. */
export function summarizeJobs(jobs: readonly TrackedJob[], servers: readonly SummaryServer[]): JobsSummary {
  const tally = emptyTally();
  for (const tracked of jobs) countJob(tally, tracked, 1);
  return summaryFromTally(tally, servers);
}

/** Same summary, same key: tells a real change from a recomputation. */
export function summaryKey(summary: JobsSummary): string {
  const counts = Object.entries(summary.countsByStatus)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, count]) => `${status}=${count}`)
    .join(',');
  return `${counts}|${summary.total}|${summary.running}|${summary.pending}|${summary.progress}|${summary.unacknowledgedFailures}|${summary.worst}`;
}
