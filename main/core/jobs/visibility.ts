/** Whose jobs a server shows (design.md, "Whose jobs"; cidx-api.md §2.1, §2.2). */
import type { Job } from '../cidx/job';
import type { ServerView } from './tracked-job';

/** HEAD's internal maintenance jobs are owned by `system` or `system-…` (§2.1). */
export function isSystemJob(job: Pick<Job, 'username'>): boolean {
  const name = job.username;
  return name !== null && (name === 'system' || name.startsWith('system-'));
}

/**
 * True when the job belongs to the signed-in user, or ownership cannot be told (no username on
 * the job, or the signed-in name not known yet: v5 and non-admin HEAD only list one's own jobs).
 */
export function isOwnJob(job: Pick<Job, 'username'>, view: Pick<ServerView, 'username'>): boolean {
  return job.username === null || view.username === null || job.username === view.username;
}

/** System jobs need `showSystemJobs`; other people's jobs need `showAllUsers`. */
export function isVisible(job: Pick<Job, 'username'>, view: ServerView): boolean {
  if (isSystemJob(job)) return view.showSystemJobs;
  return view.showAllUsers || isOwnJob(job, view);
}
