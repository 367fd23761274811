/** JobViewCache: a view is reused for the very record it was built from, and forgotten with it. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../main/core/cidx/job';
import type { TrackedJob } from '../../../main/core/jobs/tracked-job';
import type { CachedView } from '../../../main/core/monitor/job-view-cache';
import { JobViewCache } from '../../../main/core/monitor/job-view-cache';

function tracked(serverId: string, id: string, progress = 10): TrackedJob {
  const job: Job = {
    id,
    operationType: 'sync_repository',
    status: 'running',
    createdAt: 1,
    startedAt: 2,
    completedAt: null,
    progress,
    result: null,
    error: null,
    username: 'alice',
    phase: null,
    phaseDetail: null,
  };
  return { serverId, job, firstSeenAt: 1, lastActivityAt: 2, acknowledged: true };
}

function viewOf(record: TrackedJob): CachedView {
  return {
    view: {
      serverId: record.serverId,
      job: record.job,
      firstSeenAt: record.firstSeenAt,
      lastActivityAt: record.lastActivityAt,
      acknowledged: record.acknowledged,
      repository: null,
      operation: 'Sync',
      eta: null,
      stall: { stalled: false },
      retry: { retryable: false, reason: 'It is still running.' },
    },
    entry: undefined,
    ledgerVersion: 0,
    role: null,
  };
}

describe('JobViewCache', () => {
  it('gives the view back for the same record only', () => {
    const cache = new JobViewCache();
    const first = tracked('work', 'a');
    cache.set(first, viewOf(first));
    expect(cache.get(first)?.view.job).toBe(first.job);
    // The job moved: the store holds a new record, and the old view must not be taken for it.
    expect(cache.get(tracked('work', 'a', 11))).toBeUndefined();
    // The same id on another server is another job.
    expect(cache.get({ ...first, serverId: 'home' })).toBeUndefined();
  });

  it('keeps one view per job: a new record replaces the last one', () => {
    const cache = new JobViewCache();
    const first = tracked('work', 'a');
    const moved = tracked('work', 'a', 50);
    cache.set(first, viewOf(first));
    cache.set(moved, viewOf(moved));
    expect(cache.size).toBe(1);
    expect(cache.get(first)).toBeUndefined();
    expect(cache.get(moved)?.view.job.progress).toBe(50);
  });

  it('forgets a job, and every job of a server', () => {
    const cache = new JobViewCache();
    const records = [tracked('work', 'a'), tracked('work', 'b'), tracked('home', 'a')];
    for (const record of records) cache.set(record, viewOf(record));
    cache.forget('work', 'a');
    expect(cache.get(records[0]!)).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.forgetServer('work');
    expect(cache.size).toBe(1);
    expect(cache.get(records[2]!)).toBeDefined();
  });
});
