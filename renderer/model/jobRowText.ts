/**
 * What a job's row says about time, in words: when it started or finished, how long it ran (or
 * has been running), and how long it has left.
 * Pure, so the row, its tests and any later view say it the same way. Durations go through the
 * one duration formatter and clock times through the one clock-time formatter.
 */
import { clockTime } from '../../preload/clock-time';
import type { EtaEstimate, Job } from '../../preload/views';
import { formatAgo, formatDuration } from './format';
import { isRunningStatus, isTerminalStatus } from './status';

export interface RowTimes {
  /** "Started 14:02", "Finished 3 min ago", "Queued 14:00", "Submitted 14:00". */
  when: string;
  /** "Elapsed 1 min 3 s", "Took 4 min 12 s", "Waiting 40 s"; null when the server gave no start. */
  howLong: string | null;
  /** "About 2 min left", for running jobs with an estimate. */
  left: string | null;
}

type TimedJob = Pick<Job, 'status' | 'createdAt' | 'startedAt' | 'completedAt'>;

/**
 * An estimate is a guess: "about 1 min 40 s" claims a precision it does not have, so it is
 * said in whole minutes, or in tens of seconds under a minute.
 */
function roughly(ms: number): number {
  const step = ms >= 60_000 ? 60_000 : 10_000;
  return Math.max(step, Math.round(ms / step) * step);
}

export function rowTimes(job: TimedJob, eta: EtaEstimate | null, now: number): RowTimes {
  const { startedAt, completedAt } = job;
  if (isTerminalStatus(job.status) || completedAt !== null) {
    const took =
      startedAt !== null && completedAt !== null ? `Took ${formatDuration(completedAt - startedAt)}` : null;
    return {
      when: completedAt !== null ? `Finished ${formatAgo(completedAt, now)}` : 'Finished',
      howLong: took,
      left: null,
    };
  }
  if (isRunningStatus(job.status) && startedAt !== null) {
    const left = eta ? `About ${formatDuration(roughly(eta.finishAt - now))} left` : null;
    return {
      when: `Started ${clockTime(startedAt)}`,
      howLong: `Elapsed ${formatDuration(now - startedAt)}`,
      left,
    };
  }
  if (isRunningStatus(job.status)) {
    // Running without a start time (a HEAD quirk, cidx-api.md §2.1): how long it has run is unknown.
    return { when: `Submitted ${clockTime(job.createdAt)}`, howLong: null, left: null };
  }
  return {
    when: `Queued ${clockTime(job.createdAt)}`,
    howLong: `Waiting ${formatDuration(now - job.createdAt)}`,
    left: null,
  };
}
