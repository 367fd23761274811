/**
 * Is a running job stuck? Pure.
 *
 * Decision: a phase-reporting job (cidx-api.md §4.6) is stalled when neither its progress,
 * phase nor phase detail changed for `thresholdMs` (10 min). Jobs without a progress callback
 * (sync_repository, every v5 job, most maintenance jobs) sit at 25 % until done, so silence
 * means nothing for them: they are stalled only after running longer than
 * max(`silentThresholdMs`, `typicalMultiplier` x their typical duration on that server).
 * 30 min by default: a sync is a git fetch + diff + merge whose steps time out after
 * 120 + 30 + 120 s (§3.4), so half an hour is far past normal, yet HEAD's branch-delta index
 * can legitimately take longer, which the typical duration captures. Pending jobs are never
 * stalled: HEAD can hold them indefinitely behind the worker pool or the memory gate (§4.2).
 */
import { reportsPhases } from '../cidx/job';
import type { TrackedJob } from './tracked-job';

export interface StallSettings {
  thresholdMs: number;
  silentThresholdMs: number;
  typicalMultiplier: number;
}

export const DEFAULT_STALL_SETTINGS: StallSettings = {
  thresholdMs: 10 * 60_000,
  silentThresholdMs: 30 * 60_000,
  typicalMultiplier: 3,
};

export type StallVerdict =
  | { stalled: false }
  | {
      stalled: true;
      /** How long without a sign of life (or running, for silent operations), ms. */
      quietForMs: number;
      /** One sentence for a person. */
      message: string;
    };

const minutes = (ms: number): string => {
  const value = Math.round(ms / 60_000);
  return value === 1 ? '1 minute' : `${value} minutes`;
};

export function stallVerdict(
  tracked: Pick<TrackedJob, 'job' | 'lastActivityAt' | 'firstSeenAt'>,
  now: number,
  settings: Partial<StallSettings> = {},
  /** Median duration of this operation's recent completed runs on the server, when known. */
  typicalDurationMs?: number | null,
): StallVerdict {
  const { thresholdMs, silentThresholdMs, typicalMultiplier } = { ...DEFAULT_STALL_SETTINGS, ...settings };
  const { job } = tracked;
  if (job.status !== 'running') return { stalled: false };

  if (reportsPhases(job.operationType)) {
    const quietForMs = now - tracked.lastActivityAt;
    if (quietForMs < thresholdMs) return { stalled: false };
    return { stalled: true, quietForMs, message: `No progress for ${minutes(quietForMs)}.` };
  }

  // Measure from what the app saw: a job found running after a restart is not stalled at once.
  const runningSince = Math.max(job.startedAt ?? tracked.firstSeenAt, tracked.firstSeenAt);
  const limit = Math.max(silentThresholdMs, typicalMultiplier * (typicalDurationMs ?? 0));
  const quietForMs = now - runningSince;
  if (quietForMs < limit) return { stalled: false };
  const typical = typicalDurationMs ? ` (usually about ${minutes(typicalDurationMs)})` : '';
  return {
    stalled: true,
    quietForMs,
    message: `Running for ${minutes(quietForMs)}${typical}; this job reports no progress until it ends.`,
  };
}
