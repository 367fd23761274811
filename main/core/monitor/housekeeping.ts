/**
 * Keeping a long-running tray small and its job cache fresh, cheaply. The cache (every job:
 * megabytes at 10,000) is written at most every `PERSIST_LATER_MS` after a change, and on stop.
 * What a restart must not miss, a new unfinished job (its ending must be announced), goes to a
 * small file of the unfinished jobs within `PERSIST_EVERY_MS` (job-snapshot.ts `withActiveJobs`
 * lays it over the cache at start). Writing the whole cache within seconds of every new job
 * was most of what a busy tray spent. Finished jobs past the retention settings are dropped every
 * `PRUNE_EVERY_MS`, and at once when a server's count runs past the limit (users.md, complaint 4:
 * memory stays bounded).
 */
import type { TimerHandle } from '../clock';
import { isTerminal } from '../cidx/job';
import type { RetentionSettings } from '../config/settings';
import type { DocumentStore } from '../config/stores';
import type { JobStoreSnapshot } from '../jobs/job-snapshot';
import { emptyJobStoreSnapshot } from '../jobs/job-snapshot';
import type { RetentionPolicy } from '../jobs/retention';
import type { TrackedJob } from '../jobs/tracked-job';
import type { CoreContext } from './core-context';

export const PERSIST_EVERY_MS = 5_000;
export const PERSIST_LATER_MS = 60_000;
export const PRUNE_EVERY_MS = 10 * 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const unfinished = (tracked: TrackedJob): boolean => !isTerminal(tracked.job.status);

function retentionPolicy(settings: RetentionSettings): RetentionPolicy {
  return { maxAgeMs: settings.finishedDays * DAY_MS, maxFinishedPerServer: settings.maxFinishedPerServer };
}

export interface Housekeeping {
  start(): void;
  /**
   * Something worth keeping changed: the cache is written within `PERSIST_LATER_MS`; unless it
   * can wait (`canWait`), the unfinished jobs are written within `PERSIST_EVERY_MS` too.
   */
  markDirty(canWait?: boolean): void;
  /**
   * The jobs changed (an engine tick): as `markDirty`, and a prune now when a server holds more
   * finished jobs than retention keeps, with some slack, so that thousands of endings between two
   * periodic prunes cannot pile up (45 endings a second is 27,000 in a period).
   */
  jobsChanged(canWait: boolean): void;
  /** Applies the retention settings now. */
  prune(): void;
  /** Writes the cache now if anything is pending. */
  flush(): void;
  stop(): void;
}

/** One file written at most once per delay after it was asked for. */
function deferredWrite(ctx: CoreContext, write: () => void, what: string) {
  const { clock } = ctx.deps;
  let timer: TimerHandle | null = null;
  let dueAt: number | null = null;
  let dirty = false;
  function flush(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    dueAt = null;
    if (!dirty) return;
    dirty = false;
    try {
      write();
    } catch (error) {
      // A full disk must not stop the monitor; the next change tries again.
      ctx.reportError(error, what);
    }
  }
  return {
    flush,
    get dirty() {
      return dirty;
    },
    mark(delayMs: number | null): void {
      dirty = true;
      if (delayMs === null) return;
      const due = clock.now() + delayMs;
      if (timer !== null && dueAt !== null && dueAt <= due) return;
      if (timer !== null) clock.clearTimeout(timer);
      dueAt = due;
      timer = clock.setTimeout(flush, delayMs);
    },
    cancel(): void {
      dirty = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      dueAt = null;
    },
  };
}

/** How far past its retention count a server may go before a prune runs between the periodic ones. */
const pruneSlack = (maxFinishedPerServer: number): number =>
  Math.max(50, Math.ceil(maxFinishedPerServer * 0.1));

export function createHousekeeping(
  ctx: CoreContext,
  documents: { jobCache: DocumentStore<JobStoreSnapshot>; activeJobs: DocumentStore<JobStoreSnapshot> },
): Housekeeping {
  const { clock } = ctx.deps;
  let pruneTimer: TimerHandle | null = null;
  let running = false;
  // True at start too: a file a crash left behind is emptied by the first cache write.
  let activeWritten = true;

  const active = deferredWrite(
    ctx,
    () => {
      documents.activeJobs.write(ctx.store.snapshot(unfinished));
      activeWritten = true;
    },
    'writing the active jobs',
  );
  const cache = deferredWrite(
    ctx,
    () => {
      documents.jobCache.write(ctx.store.snapshot());
      // The cache holds everything now; an active-jobs file left over would only be older.
      active.cancel();
      if (activeWritten) documents.activeJobs.write(emptyJobStoreSnapshot());
      activeWritten = false;
    },
    'writing the job cache',
  );

  function prune(): void {
    const dropped = ctx.store.prune(clock.now(), retentionPolicy(ctx.document.settings.retention));
    for (const ref of dropped) ctx.history.forget(ref);
    if (dropped.length > 0) markDirty(true);
  }

  function schedulePrune(): void {
    pruneTimer = clock.setTimeout(() => {
      prune();
      if (running) schedulePrune();
    }, PRUNE_EVERY_MS);
  }

  function markDirty(canWait = false): void {
    cache.mark(running ? PERSIST_LATER_MS : null);
    if (!canWait) active.mark(running ? PERSIST_EVERY_MS : null);
  }

  return {
    start() {
      if (running) return;
      running = true;
      prune();
      schedulePrune();
      if (cache.dirty) markDirty(!active.dirty);
    },
    markDirty,
    jobsChanged(canWait) {
      markDirty(canWait);
      const { maxFinishedPerServer } = ctx.document.settings.retention;
      if (running && ctx.store.mostFinished() > maxFinishedPerServer + pruneSlack(maxFinishedPerServer))
        prune();
    },
    prune,
    flush: () => cache.flush(),
    stop() {
      running = false;
      if (pruneTimer !== null) clock.clearTimeout(pruneTimer);
      pruneTimer = null;
      cache.flush();
    },
  };
}
