/** What the engine remembers about one job of one server between ticks. */
import type { Job, JobStatus } from '../cidx/job';
import { isTerminal } from '../cidx/job';

export interface KnownJob {
  job: Job;
  /** Last time a list or GET showed this job; null for jobs seeded from a previous run. */
  observedAt: number | null;
  /** Last `GET /api/jobs/{id}` of this job (the only source of phases on HEAD, §2.2). */
  fetchedAt: number | null;
}

export type KnownJobs = ReadonlyMap<string, KnownJob>;

/**
 * How far along the lifecycle a status is (pending -> running -> terminal, §4.1). Two lists of
 * one tick run concurrently and may disagree; the furthest status is the newest truth.
 */
export function statusRank(status: JobStatus): number {
  if (isTerminal(status)) return 3;
  if (status === 'running') return 2;
  if (status === 'pending') return 0;
  return 1; // resolving_prerequisites and statuses this app does not know yet
}

/** Still going on the server: pending, running, or any status that is not terminal. */
export function isUnfinished(job: Job): boolean {
  return !isTerminal(job.status);
}

export function unfinishedJobs(known: KnownJobs): KnownJob[] {
  // A plain loop: thousands of finished jobs are passed over on every tick.
  const open: KnownJob[] = [];
  for (const entry of known.values()) if (isUnfinished(entry.job)) open.push(entry);
  return open;
}

/**
 * Finished jobs no list or GET has shown for `forgetAfterMs` (the job store keeps history; the
 * engine only needs jobs it may still see change). Never-seen seeds count from `seededAt`.
 */
export function staleFinishedIds(
  known: KnownJobs,
  now: number,
  seededAt: number,
  forgetAfterMs: number,
): string[] {
  return [...known.values()]
    .filter((entry) => isTerminal(entry.job.status) && now - (entry.observedAt ?? seededAt) > forgetAfterMs)
    .map((entry) => entry.job.id);
}

/**
 * Once more than `max` finished jobs are known, the least recently seen of them (seeds, never
 * seen, count as oldest) down to 90 % of `max`: under sustained churn the map stays bounded well
 * before `forgetFinishedAfterMs` would bound it, and the sort runs once every many ticks.
 */
export function excessFinishedIds(known: KnownJobs, max: number): string[] {
  const finished = [...known.values()].filter((entry) => isTerminal(entry.job.status));
  if (finished.length <= max) return [];
  const keep = Math.floor(Math.max(0, max) * 0.9);
  return finished
    .sort((a, b) => (a.observedAt ?? -Infinity) - (b.observedAt ?? -Infinity))
    .slice(0, finished.length - keep)
    .map((entry) => entry.job.id);
}
