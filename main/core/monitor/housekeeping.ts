/**
 * Keeping a long-running tray small and its job cache fresh: the job store is written at most
 * every `persistEveryMs` after a change (and on stop), and finished jobs past the retention
 * settings are dropped every `pruneEveryMs` (users.md, complaint 4: memory stays bounded).
 */
import type { TimerHandle } from '../clock';
import type { RetentionSettings } from '../config/settings';
import type { DocumentStore } from '../config/stores';
import type { JobStoreSnapshot } from '../jobs/job-snapshot';
import type { RetentionPolicy } from '../jobs/retention';
import type { CoreContext } from './core-context';

export const PERSIST_EVERY_MS = 5_000;
/**
 * Everything but a new unfinished job is written at most this often (see the monitor's
 * `mustPersistSoon`): a 10,000-job cache costs a write of megabytes.
 */
export const PERSIST_LATER_MS = 60_000;
export const PRUNE_EVERY_MS = 10 * 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;

function retentionPolicy(settings: RetentionSettings): RetentionPolicy {
  return { maxAgeMs: settings.finishedDays * DAY_MS, maxFinishedPerServer: settings.maxFinishedPerServer };
}

export interface Housekeeping {
  start(): void;
  /**
   * Something worth keeping changed: write within `PERSIST_EVERY_MS`, or, when it can wait
   * (`canWait`), within `PERSIST_LATER_MS`.
   */
  markDirty(canWait?: boolean): void;
  /** Applies the retention settings now. */
  prune(): void;
  /** Writes now if anything is pending. */
  flush(): void;
  stop(): void;
}

export function createHousekeeping(
  ctx: CoreContext,
  jobCache: DocumentStore<JobStoreSnapshot>,
): Housekeeping {
  const { clock } = ctx.deps;
  let dirty = false;
  let persistTimer: TimerHandle | null = null;
  let pruneTimer: TimerHandle | null = null;
  let running = false;

  function flush(): void {
    if (persistTimer !== null) clock.clearTimeout(persistTimer);
    persistTimer = null;
    persistAt = null;
    if (!dirty) return;
    dirty = false;
    try {
      jobCache.write(ctx.store.snapshot());
    } catch (error) {
      // A full disk must not stop the monitor; the next change tries again.
      ctx.reportError(error, 'writing the job cache');
    }
  }

  function prune(): void {
    const dropped = ctx.store.prune(clock.now(), retentionPolicy(ctx.document.settings.retention));
    for (const ref of dropped) ctx.history.forget(ref);
    if (dropped.length > 0) markDirty();
  }

  function schedulePrune(): void {
    pruneTimer = clock.setTimeout(() => {
      prune();
      if (running) schedulePrune();
    }, PRUNE_EVERY_MS);
  }

  let persistAt: number | null = null;
  function markDirty(canWait = false): void {
    dirty = true;
    if (!running) return;
    const due = clock.now() + (canWait ? PERSIST_LATER_MS : PERSIST_EVERY_MS);
    if (persistTimer !== null && persistAt !== null && persistAt <= due) return;
    if (persistTimer !== null) clock.clearTimeout(persistTimer);
    persistAt = due;
    persistTimer = clock.setTimeout(flush, due - clock.now());
  }

  return {
    start() {
      if (running) return;
      running = true;
      prune();
      schedulePrune();
      if (dirty) markDirty();
    },
    markDirty,
    prune,
    flush,
    stop() {
      running = false;
      if (pruneTimer !== null) clock.clearTimeout(pruneTimer);
      pruneTimer = null;
      flush();
    },
  };
}
