/**
 * Keeps a steady number of active jobs on a HEAD double: every job that ends is replaced by a new
 * one, so "20 running" stays 20 running for the whole measurement. Jobs are added through the
 * in-process control (no HTTP, so they never count as polling requests).
 *
 * HEAD runs jobs FIFO on a pool of `workerPoolSize` (cidx-api.md §4.2). The driver models that
 * pool to know when each job ends, instead of asking the double (which would cost CPU inside the
 * measured window).
 */
import type { CidxControl } from '../cidx-server/server';

export interface LoadShape {
  /** Active jobs (running + pending) to keep on the server; 0 = idle. */
  active: number;
  /** The double's worker pool: with `active > pool` the rest wait as pending. */
  workerPoolSize: number;
  /** Run time of a job, ms, drawn uniformly from [min, max]. */
  runMs: { min: number; max: number };
}

/** Deterministic [0, 1) numbers, so every poller of a case faces the same load. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A job replaced this long after its modelled end, so the pool never briefly overfills. */
const REPLACE_AFTER_MS = 30;

export class LoadDriver {
  /** Every job the driver submitted, in order. */
  readonly jobIds: string[] = [];
  private readonly slots: number[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: ((jobId: string) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly control: CidxControl,
    private readonly shape: LoadShape,
    private readonly random: () => number,
  ) {
    this.slots = Array.from({ length: Math.max(1, shape.workerPoolSize) }, () => 0);
  }

  /** Called with the id of every job at submission (the naive poller learns ids this way). */
  onSubmit(listener: (jobId: string) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Submits the initial jobs. The first running ones get staggered run times, so endings are
   * spread over the measurement instead of arriving in one wave.
   */
  start(): void {
    const { active, workerPoolSize } = this.shape;
    for (let index = 0; index < active; index += 1) {
      const staggered = index < workerPoolSize;
      const runMs = staggered ? Math.max(500, this.drawRunMs() * this.random()) : this.drawRunMs();
      this.submit(runMs);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private drawRunMs(): number {
    const { min, max } = this.shape.runMs;
    return Math.round(min + (max - min) * this.random());
  }

  private submit(runMs: number): void {
    if (this.stopped) return;
    const jobId = this.control.addJob({ owner: 'alice', operation: 'sync_repository', runMs });
    if (jobId === undefined) throw new Error('the double did not submit the job at once');
    this.jobIds.push(jobId);
    for (const listener of this.listeners) listener(jobId);

    // FIFO pool model: the job starts when the earliest slot frees, and holds it for runMs.
    const now = Date.now();
    let earliest = 0;
    for (let slot = 1; slot < this.slots.length; slot += 1) {
      if ((this.slots[slot] ?? 0) < (this.slots[earliest] ?? 0)) earliest = slot;
    }
    const endsAt = Math.max(now, this.slots[earliest] ?? now) + runMs;
    this.slots[earliest] = endsAt;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.submit(this.drawRunMs());
      },
      endsAt - now + REPLACE_AFTER_MS,
    );
    this.timers.add(timer);
  }
}
