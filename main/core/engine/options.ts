/**
 * Tuning of the polling engine. Every number has a default that keeps an idle server under
 * 6 requests a minute and an active one within `maxRequestsPerTick` per tick (design.md,
 * "One polling plan that meets the budget").
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';

export interface EngineOptions {
  /** Tick interval while a server has pending or running jobs, or a command was just sent. */
  activeIntervalMs: number;
  /** Tick interval when nothing is happening: one list call per tick, 4 requests a minute. */
  idleIntervalMs: number;
  /** How long a command (submit, cancel, retry) keeps its server on the active cadence. */
  commandActiveWindowMs: number;
  /** First step of the exponential backoff after a failed tick. */
  backoffBaseMs: number;
  /** The backoff never grows past this. */
  backoffCapMs: number;
  /** Full jitter may draw 0; a failing server is still never polled faster than this. */
  backoffFloorMs: number;
  /**
   * While credentials are rejected, retry this slowly: every poll may cost the client a login
   * attempt, and HEAD locks an account after 5 failed logins in 15 minutes (cidx-api.md §1.6).
   * `pollNow` (credentials changed) still polls at once.
   */
  authFailedIntervalMs: number;
  /** Hard cap of requests one server may spend in one tick (lists + GETs + probe). */
  maxRequestsPerTick: number;
  /** At most this many `GET /api/jobs/{id}` per tick spent on learning phases (HEAD only). */
  phaseGetsPerTick: number;
  /**
   * A running job nobody has on screen (the window's `focus`) has its phase read at most this
   * often: the tray shows the phase, but a phase lasts minutes, and reading every phase job every
   * tick was a third of a busy server's requests.
   */
  unwatchedPhaseEveryMs: number;
  /** On the active cadence, the unfiltered list runs every this many ticks. */
  fullListEveryTicks: number;
  /** Jobs outside the list window (HEAD cannot page, §2.2) are re-read one by one this often. */
  beyondWindowCheckMs: number;
  /** A failed probe (version/flavour) is retried at most this often. */
  probeRetryMs: number;
  /** Finished jobs no list has shown for this long are forgotten, so memory stays bounded. */
  forgetFinishedAfterMs: number;
  /**
   * At most this many finished jobs are remembered per server; beyond it the least recently seen
   * are forgotten first (churn of thousands of jobs an hour would otherwise fill the map).
   */
  maxFinishedJobs: number;
  /**
   * A tracked unfinished job the engine cannot account for this long (it left the list that
   * should show it and no list or GET told where it went, or its GETs keep failing) is reported
   * `job-gone` with reason `lost` and forgotten: never a phantom `running` forever.
   */
  lostAfterMs: number;
  clock: Clock;
  /** [0, 1) source for the backoff jitter; injected so tests are deterministic. */
  random: () => number;
  /** Where bugs go (a listener that throws, an api that throws instead of returning a Result). */
  reportError: (error: unknown, context: string) => void;
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'clock' | 'random' | 'reportError'> = {
  // 1 s, like the CIDX CLI's own poller (cidx-api.md §5): an ending is noticed as fast as there,
  // while only the running list is read every tick (engine benchmark, 20 running jobs).
  activeIntervalMs: 1_000,
  idleIntervalMs: 15_000,
  commandActiveWindowMs: 30_000,
  backoffBaseMs: 2_000,
  backoffCapMs: 60_000,
  backoffFloorMs: 1_000,
  authFailedIntervalMs: 300_000,
  // Not raised for bulk endings: running + pending + one list per terminal status (4 on HEAD)
  // fit in 6. When they do not (a full-list tick, or a GET owed to a job outside every window),
  // the terminal statuses take turns from tick to tick (plan.ts, planEndingLists).
  maxRequestsPerTick: 6,
  phaseGetsPerTick: 2,
  unwatchedPhaseEveryMs: 10_000,
  fullListEveryTicks: 5,
  beyondWindowCheckMs: 30_000,
  probeRetryMs: 300_000,
  forgetFinishedAfterMs: 3_600_000,
  maxFinishedJobs: 2_000,
  // Four beyond-window periods: long enough for a GET fault to clear, short enough that a job
  // nothing can account for does not sit as running for more than a couple of minutes.
  lostAfterMs: 120_000,
};

/** Page size of the list calls: HEAD caps at 50 (§2.2), v5 pages correctly up to 100. */
export const HEAD_PAGE_LIMIT = 50;
export const V5_PAGE_LIMIT = 100;

/** The options that are set: an explicit `undefined` never overrides a default or a current value. */
export function definedOptions<T extends Partial<EngineOptions>>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function resolveEngineOptions(partial: Partial<EngineOptions> = {}): EngineOptions {
  return {
    ...DEFAULT_ENGINE_OPTIONS,
    clock: systemClock,
    random: Math.random,
    reportError: (error, context) => console.error(`[cidx engine] ${context}:`, error),
    ...definedOptions(partial),
  };
}
