/**
 * Which known jobs a tick's lists prove to have left their status, and which they say nothing
 * about. HEAD lists are newest-first and capped at 50 with broken paging (cidx-api.md §2.2):
 * when a page is full, a job older than its oldest item may simply be outside the window.
 */
import type { JobPage, ListJobsQuery } from '../cidx/api';
import type { Job, TerminalStatus } from '../cidx/job';
import type { KnownJobs } from './known-job';
import { isUnfinished, unfinishedJobs } from './known-job';

export interface ListOutcome {
  query: ListJobsQuery;
  page: JobPage;
}

/** The page holds as many items as the list allows: more jobs may lie beyond it (§2.2). */
export function isFullPage(outcome: ListOutcome): boolean {
  const { query, page } = outcome;
  const requested = query.limit ?? page.limit;
  const applied = page.limit > 0 ? Math.min(requested, page.limit) : requested;
  return page.jobs.length >= applied;
}

/** A page's oldest item (null when empty), found once per page: every unfinished job asks it. */
const oldestOfPage = new WeakMap<JobPage, Job | null>();

export function oldestItem(page: JobPage): Job | null {
  let oldest = oldestOfPage.get(page);
  if (oldest === undefined) {
    oldest = null;
    for (const item of page.jobs) if (oldest === null || item.createdAt < oldest.createdAt) oldest = item;
    oldestOfPage.set(page, oldest);
  }
  return oldest;
}

/** Would this list have shown the job, had the job kept its last known status? */
export function listCovers(outcome: ListOutcome, job: Job): boolean {
  const { query } = outcome;
  if (query.status !== undefined && query.status !== job.status) return false;
  if (!isFullPage(outcome)) return true; // a short page is the whole set
  return job.createdAt > (oldestItem(outcome.page)?.createdAt ?? Infinity);
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
  const seen = new Set<string>();
  for (const outcome of outcomes) for (const job of outcome.page.jobs) seen.add(job.id);
  return seen;
}

/**
 * Unfinished jobs this tick's lists neither showed nor covered: outside every list window (a
 * HEAD queue longer than 50, §2.2), so the lists say nothing about them either way.
 */
export function findUncovered(known: KnownJobs, outcomes: readonly ListOutcome[]): string[] {
  const seen = seenIn(outcomes);
  return unfinishedJobs(known)
    .filter((entry) => !seen.has(entry.job.id))
    .filter((entry) => !outcomes.some((outcome) => listCovers(outcome, entry.job)))
    .map((entry) => entry.job.id);
}

/** A tracked job that left a list that should show it, and whose ending is still to be learned. */
export interface EndCheck {
  jobId: string;
  /** When it was first missed: the clock for `lostAfterMs`. */
  since: number;
  /**
   * Terminal statuses whose list was read since it vanished without showing it (it is outside
   * that window, or did not end so). Once every status is listed only a GET can tell.
   */
  listed: readonly TerminalStatus[];
}

/** The terminal statuses this job has not been looked for in yet. */
export function unlistedStatuses(check: EndCheck, statuses: readonly TerminalStatus[]): TerminalStatus[] {
  return statuses.filter((status) => !check.listed.includes(status));
}

export interface LostInput {
  known: KnownJobs;
  endChecks: readonly EndCheck[];
  /** When GETs of a job started failing (not 404: those are answers), per job. */
  getFailingSince: ReadonlyMap<string, number>;
  now: number;
  lostAfterMs: number;
}

/**
 * Tracked unfinished jobs the engine has not been able to account for in `lostAfterMs`: they left
 * the list that should show them and neither the terminal lists nor a GET said how they ended, or
 * their GETs keep failing. They are reported gone ('lost') rather than kept `running` forever.
 * A job merely waiting its turn in the beyond-window round-robin is never lost.
 */
export function findLost(input: LostInput): string[] {
  const lost = new Set<string>();
  const overdue = (since: number | undefined): boolean =>
    since !== undefined && input.now - since >= input.lostAfterMs;
  for (const check of input.endChecks) if (overdue(check.since)) lost.add(check.jobId);
  for (const [jobId, since] of input.getFailingSince) if (overdue(since)) lost.add(jobId);
  return [...lost].filter((jobId) => {
    const entry = input.known.get(jobId);
    return entry !== undefined && isUnfinished(entry.job);
  });
}

/**
 * New jobs this unfiltered list may take in before its window (newest first, §2.2) lets go of an
 * unfinished job: below it, the next tick reads the status lists again.
 */
export const UNFILTERED_SPARE_ROOM = 10;

/**
 * Whether the unfiltered list held every unfinished job with room to spare: it is short (the
 * whole set), or at least `UNFILTERED_SPARE_ROOM` of its items are older than the oldest of
 * them, so a few new jobs before the next tick still leave them all in its window.
 */
export function unfilteredHoldsUnfinished(outcome: ListOutcome, unfinished: readonly Job[]): boolean {
  if (outcome.query.status !== undefined) return false;
  if (!isFullPage(outcome)) return true;
  if (!unfinished.every((job) => listCovers(outcome, job))) return false;
  const oldestUnfinished = Math.min(...unfinished.map((job) => job.createdAt));
  const older = outcome.page.jobs.filter((item) => item.createdAt < oldestUnfinished).length;
  return older >= UNFILTERED_SPARE_ROOM;
}
