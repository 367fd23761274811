/**
 * How long an operation usually takes on a server, kept as it happens: each completed job adds
 * its run time to a small window per (server, operation) and per (server, operation,
 * repository), so asking costs nothing (no re-sort of a server's jobs per view). Feeds the stall
 * verdict of jobs that report no progress (stall.ts).
 */
import type { Job } from '../cidx/job';

/** The most recent completed runs a median is taken over. */
export const TYPICAL_SAMPLE_SIZE = 20;

interface Window {
  /** Job id -> run time; insertion order is completion order, so the oldest goes first. */
  runs: Map<string, number>;
  median: number | null;
}

export interface TypicalDurations {
  /** Takes in a job; only completed ones with both timestamps count, each job once. */
  observe(serverId: string, job: Job, repository: string | null): void;
  /** The median of the recent runs of this repository's operation, else of the operation. */
  typical(serverId: string, operationType: string, repository: string | null): number | null;
  /** The median of this repository's own recent runs of the operation only (what an ETA promises). */
  typicalOfRepository(serverId: string, operationType: string, repository: string | null): number | null;
  forgetServer(serverId: string): void;
}

const keyOf = (serverId: string, operationType: string, repository: string | null): string =>
  `${serverId}\u0000${operationType}\u0000${repository ?? ''}`;

function medianOf(values: Iterable<number>): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function createTypicalDurations(sampleSize = TYPICAL_SAMPLE_SIZE): TypicalDurations {
  const windows = new Map<string, Window>();

  function add(key: string, jobId: string, runMs: number): void {
    let window = windows.get(key);
    if (!window) windows.set(key, (window = { runs: new Map(), median: null }));
    if (window.runs.has(jobId)) return;
    window.runs.set(jobId, runMs);
    while (window.runs.size > sampleSize) window.runs.delete(window.runs.keys().next().value!);
    window.median = medianOf(window.runs.values());
  }

  return {
    observe(serverId, job, repository) {
      if (job.status !== 'completed' || job.startedAt === null || job.completedAt === null) return;
      const runMs = job.completedAt - job.startedAt;
      add(keyOf(serverId, job.operationType, null), job.id, runMs);
      if (repository) add(keyOf(serverId, job.operationType, repository), job.id, runMs);
    },
    typical(serverId, operationType, repository) {
      const specific = repository ? windows.get(keyOf(serverId, operationType, repository))?.median : null;
      return specific ?? windows.get(keyOf(serverId, operationType, null))?.median ?? null;
    },
    typicalOfRepository(serverId, operationType, repository) {
      return repository ? (windows.get(keyOf(serverId, operationType, repository))?.median ?? null) : null;
    },
    forgetServer(serverId) {
      for (const key of windows.keys()) if (key.startsWith(`${serverId}\u0000`)) windows.delete(key);
    },
  };
}
