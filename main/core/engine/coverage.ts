/**
 * Which known jobs a tick's lists prove to have left their status, and which they say nothing
 * about. HEAD lists are newest-first and capped at 50 with broken paging (cidx-api.md §2.2):
 * when a page is full, a job older than its oldest item may simply be outside the window.
 */
import type { JobPage, ListJobsQuery } from '../cidx/api';
import type { Job } from '../cidx/job';
import type { KnownJobs } from './known-job';
import { unfinishedJobs } from './known-job';

export interface ListOutcome {
  query: ListJobsQuery;
  page: JobPage;
}

/** Would this list have shown the job, had the job kept its last known status? */
export function listCovers(outcome: ListOutcome, job: Job): boolean {
  const { query, page } = outcome;
  if (query.status !== undefined && query.status !== job.status) return false;
  const requested = query.limit ?? page.limit;
  const applied = page.limit > 0 ? Math.min(requested, page.limit) : requested;
  if (page.jobs.length < applied) return true; // a short page is the whole set
  const oldest = Math.min(...page.jobs.map((item) => item.createdAt));
  return job.createdAt > oldest;
}

/**
 * Unfinished jobs that a list of this tick should have shown but did not: they changed status
 * (ended, or pending -> running between two concurrent lists) and each deserves one GET.
 */
export function findVanished(known: KnownJobs, outcomes: readonly ListOutcome[]): string[] {
  const seen = seenIn(outcomes);
  return unfinishedJobs(known)
    .filter((entry) => !seen.has(entry.job.id))
    .filter((entry) => outcomes.some((outcome) => listCovers(outcome, entry.job)))
    .map((entry) => entry.job.id);
}

export function seenIn(outcomes: readonly ListOutcome[]): Set<string> {
  return new Set(outcomes.flatMap((outcome) => outcome.page.jobs.map((job) => job.id)));
}
