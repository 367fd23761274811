/**
 * The last view built of each job, kept while its record is the current one. Job records are
 * replaced on every change, never mutated, so "same record" means "same view" (time-dependent
 * fields aside). Kept in maps by server and job id rather than a WeakMap keyed by the record: a
 * busy tray replaces hundreds of records a second, and WeakMap inserts (ephemerons, for the
 * garbage collector too) cost three to five times a Map's keyed by id (a micro-benchmark of 200
 * replaced records among 10,000: 0.37-0.41 ms against 0.07-0.14 ms).
 */
import type { SubmissionRecord } from '../jobs/submission-ledger';
import type { TrackedJob } from '../jobs/tracked-job';
import type { JobView } from './monitor-types';

/** What a job's view depends on besides its record, time aside: a change of either rebuilds it. */
export interface CachedView {
  view: JobView;
  entry: SubmissionRecord | undefined;
  /** The ledger's version when `entry` was looked up: unchanged, the lookup would say the same. */
  ledgerVersion: number;
  role: string | null;
}

interface Slot extends CachedView {
  tracked: TrackedJob;
}

export class JobViewCache {
  private readonly byServer = new Map<string, Map<string, Slot>>();

  /** The view built for this very record, if any. */
  get(tracked: TrackedJob): CachedView | undefined {
    const slot = this.byServer.get(tracked.serverId)?.get(tracked.job.id);
    return slot !== undefined && slot.tracked === tracked ? slot : undefined;
  }

  set(tracked: TrackedJob, cached: CachedView): void {
    let jobs = this.byServer.get(tracked.serverId);
    if (!jobs) this.byServer.set(tracked.serverId, (jobs = new Map()));
    const { view, entry, ledgerVersion, role } = cached;
    jobs.set(tracked.job.id, { view, entry, ledgerVersion, role, tracked });
  }

  /** The store let go of the job (ended and pruned, gone): so does the cache. */
  forget(serverId: string, jobId: string): void {
    this.byServer.get(serverId)?.delete(jobId);
  }

  forgetServer(serverId: string): void {
    this.byServer.delete(serverId);
  }

  get size(): number {
    let total = 0;
    for (const jobs of this.byServer.values()) total += jobs.size;
    return total;
  }
}
