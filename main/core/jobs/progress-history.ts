/**
 * Per-job progress samples for the ETA and the progress chart. Bounded per job and in the
 * number of jobs, and forgotten when a job ends, so memory stays flat (users.md, complaint 4).
 */
import { isTerminal, reportsPhases } from '../cidx/job';
import type { EngineEvent } from '../engine/events';
import type { EtaEstimate, EtaOptions, ProgressSample } from './eta';
import { estimateEta } from './eta';
import type { JobRef } from './tracked-job';
import { jobRefKey } from './tracked-job';

export interface ProgressHistoryOptions {
  /** Change points kept per job (oldest dropped). */
  maxSamplesPerJob: number;
  /** Jobs tracked at once (the least recently updated dropped). */
  maxJobs: number;
}

export const DEFAULT_PROGRESS_HISTORY: ProgressHistoryOptions = { maxSamplesPerJob: 120, maxJobs: 200 };

export interface ProgressHistory {
  /** Feeds samples from engine events; `at` is the clock time of the event. */
  apply(event: EngineEvent, at: number): void;
  record(ref: JobRef, at: number, progress: number): void;
  forget(ref: JobRef): void;
  /** Change points plus the latest observation, for a step chart. */
  series(ref: JobRef): ProgressSample[];
  /**
   * Null when there is no trustworthy estimate. Operations without a progress callback never
   * get one: sync_repository sits at 25 % until done (cidx-api.md §4.6).
   */
  eta(ref: JobRef, operationType: string, now: number, options?: Partial<EtaOptions>): EtaEstimate | null;
}

interface Entry {
  samples: ProgressSample[];
  lastSeenAt: number;
  /** When it was last updated, in updates: the least recent is dropped first. */
  touched: number;
}

export function createProgressHistory(options: Partial<ProgressHistoryOptions> = {}): ProgressHistory {
  const { maxSamplesPerJob, maxJobs } = { ...DEFAULT_PROGRESS_HISTORY, ...options };
  const entries = new Map<string, Entry>();
  let updates = 0;

  /** One pass, and only when a new job arrives at the bound (not on every update of every job). */
  function dropLeastRecent(): void {
    let oldestKey: string | null = null;
    let oldest = Infinity;
    for (const [key, entry] of entries) {
      if (entry.touched < oldest) {
        oldest = entry.touched;
        oldestKey = key;
      }
    }
    if (oldestKey !== null) entries.delete(oldestKey);
  }

  function record(ref: JobRef, at: number, progress: number): void {
    const key = jobRefKey(ref);
    let entry = entries.get(key);
    if (!entry) {
      entry = { samples: [], lastSeenAt: at, touched: ++updates };
      entries.set(key, entry);
      while (entries.size > maxJobs) dropLeastRecent();
    }
    entry.touched = ++updates;
    entry.lastSeenAt = Math.max(entry.lastSeenAt, at);
    const last = entry.samples[entry.samples.length - 1];
    if (!last || last.progress !== progress) entry.samples.push({ at, progress });
    if (entry.samples.length > maxSamplesPerJob)
      entry.samples.splice(0, entry.samples.length - maxSamplesPerJob);
  }

  return {
    apply(event, at) {
      if (event.type === 'server-state') return;
      const ref = { serverId: event.serverId, jobId: event.type === 'job-gone' ? event.jobId : event.job.id };
      if (event.type === 'job-gone' || event.type === 'job-finished')
        return void entries.delete(jobRefKey(ref));
      if (isTerminal(event.job.status)) return void entries.delete(jobRefKey(ref));
      // Pending jobs sit at 0 in a queue: their wait is not progress.
      if (event.job.status === 'pending') return;
      record(ref, at, event.job.progress);
    },
    record,
    forget: (ref) => void entries.delete(jobRefKey(ref)),
    series(ref) {
      const entry = entries.get(jobRefKey(ref));
      if (!entry) return [];
      const series = entry.samples.map((sample) => ({ ...sample }));
      const last = series[series.length - 1];
      if (last && entry.lastSeenAt > last.at) series.push({ at: entry.lastSeenAt, progress: last.progress });
      return series;
    },
    eta(ref, operationType, now, etaOptions) {
      if (!reportsPhases(operationType)) return null;
      const entry = entries.get(jobRefKey(ref));
      return entry ? estimateEta(entry.samples, now, etaOptions) : null;
    },
  };
}
