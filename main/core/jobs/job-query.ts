/** Listing tracked jobs: by server and status, through each server's view, in display order. */
import type { JobStatus } from '../cidx/job';
import { sortTrackedJobs } from './job-order';
import type { ServerView, TrackedJob } from './tracked-job';
import { isVisible } from './visibility';

export interface JobQuery {
  serverId?: string;
  status?: JobStatus | readonly JobStatus[];
  /** Include jobs the server's view filters out (other users', system jobs). */
  includeHidden?: boolean;
  /** Display order (the default); false for a consumer that sorts its own way. */
  ordered?: boolean;
}

export function queryJobs(
  jobsByServer: ReadonlyMap<string, ReadonlyMap<string, TrackedJob>>,
  viewOf: (serverId: string) => ServerView,
  query: JobQuery,
): TrackedJob[] {
  const statuses = query.status === undefined ? null : ([] as JobStatus[]).concat(query.status);
  const result: TrackedJob[] = [];
  for (const [serverId, jobs] of jobsByServer) {
    if (query.serverId !== undefined && serverId !== query.serverId) continue;
    const view = viewOf(serverId);
    for (const tracked of jobs.values()) {
      if (statuses && !statuses.includes(tracked.job.status)) continue;
      if (!query.includeHidden && !isVisible(tracked.job, view)) continue;
      result.push(tracked);
    }
  }
  return query.ordered === false ? result : sortTrackedJobs(result);
}
