/** The messages between `npm run bench:core` and its doubles process (core-doubles.ts). */

export interface DoublesSpec {
  /** HEAD doubles to start, each on its own port. */
  servers: number;
  /** HEAD `max_concurrent_background_jobs`. */
  workerPoolSize: number;
  /** Finished jobs of alice's submitted as history to each double, spread over `historySpanMs`. */
  history: number;
  historySpanMs: number;
  seed: number;
}

export interface LoadSpec {
  /** Active jobs (running + pending) kept on each double: every ending is replaced. */
  active: number;
  /** Run time of a job, ms, drawn uniformly from [min, max]. */
  runMs: { min: number; max: number };
  /** Share of golden refreshes (phase-aware on HEAD); the rest are repository syncs. */
  refreshShare: number;
  /** How often the driver looks at its jobs (and replaces the ended ones). */
  checkEveryMs: number;
  seed: number;
}

export interface DoubleInfo {
  url: string;
  /** alice's seeded API key. */
  apiKey: string;
}

/** A job row as the double's control API gives it (cidx-api.md field names). */
export type WireJob = Record<string, unknown>;

export interface CountsSample {
  at: number;
  running: number;
  pending: number;
}

export interface DoubleCounts {
  running: number;
  pending: number;
  /** Jobs of the driver that ended since the load started. */
  ended: number;
  /** The driver's samples of running/pending, newest last, over the asked span. */
  samples: CountsSample[];
}

/**
 * The endings of one double since `track-endings`, against the notifications the benchmark
 * forwarded: kept in the doubles process, so the heap the churn case measures is the core's own
 * and not a ledger of every ending and notification of the run.
 */
export interface EndingsTally {
  ended: number;
  /** Ended and notified at least once. */
  notified: number;
  /** Jobs notified more than once. */
  duplicates: number;
  /** Ended before `settledBefore` and never notified. */
  missed: number;
}

export type DoublesRequest =
  | { type: 'start'; spec: DoublesSpec }
  | { type: 'history' }
  | { type: 'load'; spec: LoadSpec }
  | { type: 'stop-load' }
  | { type: 'counts'; sinceMs: number }
  | { type: 'track-endings'; double: number }
  | { type: 'notified'; double: number; jobIds: string[] }
  | { type: 'endings'; double: number; settledBefore: number }
  | { type: 'close' };

export type DoublesAnswer =
  | { type: 'started'; doubles: DoubleInfo[] }
  | { type: 'history'; jobs: WireJob[][] }
  | { type: 'counts'; doubles: DoubleCounts[] }
  | { type: 'endings'; tally: EndingsTally }
  | { type: 'done' };

export interface Envelope<T> {
  id: number;
  body: T;
}

export interface ErrorEnvelope {
  id: number;
  error: string;
}
