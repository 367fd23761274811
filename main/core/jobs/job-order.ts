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
