/**
 * A robust time-to-finish estimate from progress samples. Pure.
 *
 * Why so careful: progress is not monotonic on HEAD (it can drop from 10 to 0 when the first
 * phase starts, cidx-api.md §4.6), jobs without a progress callback jump 0 -> 10 -> 25 and sit
 * there until done (sync_repository; every v5 job), and a rate from two samples taken a second
 * apart is noise. So: only the rising tail after the last drop counts, the server's own
 * start-up steps are not enough evidence (at least `minRises` increases), and the rate is
 * measured up to *now*, so a job that stopped moving sees its estimate grow, then vanish.
 */
export interface ProgressSample {
  at: number;
  progress: number;
}

export interface EtaOptions {
  /** The rate is measured over at most this recent window. */
  windowMs: number;
  /** At least this much observed time before any estimate. */
  minObservedMs: number;
  /** At least this many increases in the rising tail (10 and 25 alone are the server's start-up). */
  minRises: number;
  /** No estimate once the job has not moved for this long. */
  maxSilenceMs: number;
}

export const DEFAULT_ETA_OPTIONS: EtaOptions = {
  windowMs: 5 * 60_000,
  minObservedMs: 20_000,
  minRises: 3,
  maxSilenceMs: 5 * 60_000,
};

export interface EtaEstimate {
  remainingMs: number;
  finishAt: number;
  /** Percentage points per minute over the window. */
  ratePerMinute: number;
}

/** `samples` are change points in time order (each differs from the previous). */
export function estimateEta(
  samples: readonly ProgressSample[],
  now: number,
  options: Partial<EtaOptions> = {},
): EtaEstimate | null {
  const { windowMs, minObservedMs, minRises, maxSilenceMs } = { ...DEFAULT_ETA_OPTIONS, ...options };
  const last = samples[samples.length - 1];
  if (!last || last.progress >= 100 || now - last.at > maxSilenceMs) return null;

  let tailStart = samples.length - 1;
  while (tailStart > 0 && samples[tailStart - 1]!.progress < samples[tailStart]!.progress) tailStart -= 1;
  const tail = samples.slice(tailStart);
  if (tail.length - 1 < minRises) return null;

  // Progress at the window start: the step value in force then (the samples are a step function).
  const windowStart = Math.max(tail[0]!.at, now - windowMs);
  let startProgress = tail[0]!.progress;
  for (const sample of tail) if (sample.at <= windowStart) startProgress = sample.progress;
  const observedMs = now - windowStart;
  if (observedMs < minObservedMs) return null;

  const ratePerMs = (last.progress - startProgress) / observedMs;
  if (!(ratePerMs > 0)) return null;
  const remainingMs = Math.round((100 - last.progress) / ratePerMs);
  return { remainingMs, finishAt: now + remainingMs, ratePerMinute: ratePerMs * 60_000 };
}

/**
 * For jobs whose progress says nothing (a sync sits at 25 % until done, cidx-api.md §4.6): the
 * typical run time of the same operation on the same repository, less what this run has taken.
 * None once the run is past the typical time: "0 s left" would be a promise the job is not
 * keeping, and the stall verdict speaks for an overdue job instead.
 */
export function estimateEtaFromTypical(
  startedAt: number | null,
  typicalMs: number | null,
  now: number,
): EtaEstimate | null {
  if (startedAt === null || !typicalMs || typicalMs <= 0) return null;
  const remainingMs = Math.round(startedAt + typicalMs - now);
  if (remainingMs <= 0) return null;
  return { remainingMs, finishAt: now + remainingMs, ratePerMinute: (100 / typicalMs) * 60_000 };
}
