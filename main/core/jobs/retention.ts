/**
 * How long finished jobs stay in memory: bounded by age and by count per server, so a
 * long-running tray stays small (users.md, complaint 4). Jobs still pending or running are
 * never dropped: they are what a person is waiting for.
 */
import { isTerminal } from '../cidx/job';
import type { JobRef, TrackedJob } from './tracked-job';

export interface RetentionPolicy {
  /** Finished jobs older than this (by completion time) are dropped. */
  maxAgeMs: number;
  /** At most this many finished jobs per server; the oldest go first. */
  maxFinishedPerServer: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  maxFinishedPerServer: 500,
};

/** When a job finished; jobs without `completed_at` fall back to what the app knows. */
const finishedAt = (tracked: TrackedJob): number =>
  tracked.job.completedAt ?? tracked.job.startedAt ?? tracked.job.createdAt ?? tracked.firstSeenAt;

/** The finished jobs to drop now. Pure. */
export function selectExpiredJobs(
  jobs: readonly TrackedJob[],
  now: number,
  policy: Partial<RetentionPolicy> = {},
): JobRef[] {
  const { maxAgeMs, maxFinishedPerServer } = { ...DEFAULT_RETENTION, ...policy };
  const finishedByServer = new Map<string, TrackedJob[]>();
  for (const tracked of jobs) {
    if (!isTerminal(tracked.job.status)) continue;
    const list = finishedByServer.get(tracked.serverId) ?? [];
    list.push(tracked);
    finishedByServer.set(tracked.serverId, list);
  }
  const expired: JobRef[] = [];
  for (const [serverId, finished] of finishedByServer) {
    finished.sort((a, b) => finishedAt(b) - finishedAt(a)); // newest first
    finished.forEach((tracked, index) => {
      if (index >= maxFinishedPerServer || now - finishedAt(tracked) > maxAgeMs) {
        expired.push({ serverId, jobId: tracked.job.id });
      }
    });
  }
  return expired;
}
