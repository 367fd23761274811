/**
 * The last reading of each recently listed job, so an item that reads exactly as it did on the
 * last list is not validated and cleaned again. A busy tray reads a 50-item list per server every
 * second and nearly every item is unchanged; validating, normalizing and cleaning each one was
 * most of the core's CPU (bench:core, fleet). The memo changes no result: a hit is an item equal,
 * value for value, to one that already became this very Job, and Jobs are never mutated.
 */
import { dequal } from 'dequal/lite';
import { isRecord } from '../is-record';
import type { Job } from './job';

interface Reading {
  raw: unknown;
  job: Job;
}

export class ListItemMemo {
  /**
   * In the order first read: when full, the earliest reading goes. A hit does not move its entry
   * (a delete and a set per item per list cost more than reading a job again once in a while).
   */
  private readonly readings = new Map<string, Reading>();

  /** Room for every item of the lists one tick reads (unfiltered, by status) on HEAD or v5. */
  constructor(private readonly capacity = 600) {}

  /** The job the item reads as: from the memo when it is unchanged, from `read` otherwise. */
  read(item: unknown, readItem: (item: unknown) => Job | null): Job | null {
    const key = isRecord(item) && typeof item.job_id === 'string' ? item.job_id : null;
    if (key === null) return readItem(item);
    const last = this.readings.get(key);
    if (last !== undefined && dequal(last.raw, item)) return last.job;
    // Read again: the new reading goes to the end, so a job that keeps changing is not the next to go.
    this.readings.delete(key);
    const job = readItem(item);
    if (job !== null) {
      this.readings.set(key, { raw: item, job });
      if (this.readings.size > this.capacity) {
        const oldest = this.readings.keys().next();
        if (!oldest.done) this.readings.delete(oldest.value);
      }
    }
    return job;
  }

  get size(): number {
    return this.readings.size;
  }
}
