import { describe, expect, it } from 'vitest';
import { stallVerdict } from '../../../main/core/jobs';
import { createTypicalDurations } from '../../../main/core/jobs/typical-durations';
import { finished, makeJob } from './helpers';

const MIN = 60_000;

describe('stall detection', () => {
  it('flags a phase-reporting job without progress for 10 minutes', () => {
    const job = makeJob({ operationType: 'global_repo_refresh', startedAt: 0 });
    const tracked = { job, firstSeenAt: 0, lastActivityAt: 5 * MIN };
    expect(stallVerdict(tracked, 14 * MIN).stalled).toBe(false);
    const verdict = stallVerdict(tracked, 16 * MIN);
    expect(verdict).toEqual({ stalled: true, quietForMs: 11 * MIN, message: 'No progress for 11 minutes.' });
    expect(stallVerdict(tracked, 8 * MIN, { thresholdMs: 2 * MIN }).stalled).toBe(true);
  });

  it('does not call a sync stalled for sitting at 25 % (§4.6): 30 minutes or 3x typical', () => {
    const job = makeJob({ operationType: 'sync_repository', startedAt: 0, progress: 25 });
    const tracked = { job, firstSeenAt: 0, lastActivityAt: 0 };
    expect(stallVerdict(tracked, 20 * MIN).stalled).toBe(false);
    const verdict = stallVerdict(tracked, 31 * MIN);
    expect(verdict.stalled).toBe(true);
    if (verdict.stalled) expect(verdict.message).toMatch(/reports no progress until it ends/);
    // A repository whose syncs usually take 20 minutes gets 60.
    expect(stallVerdict(tracked, 45 * MIN, {}, 20 * MIN).stalled).toBe(false);
    const slow = stallVerdict(tracked, 61 * MIN, {}, 20 * MIN);
    expect(slow.stalled && slow.message).toMatch(/usually about 20 minutes/);
  });

  it('measures silent jobs from when the app first saw them (after a restart)', () => {
    const job = makeJob({ operationType: 'sync_repository', startedAt: 0 });
    expect(stallVerdict({ job, firstSeenAt: 100 * MIN, lastActivityAt: 100 * MIN }, 110 * MIN).stalled).toBe(
      false,
    );
  });

  it('never flags pending or finished jobs', () => {
    const pending = makeJob({ status: 'pending', operationType: 'reindex' });
    expect(stallVerdict({ job: pending, firstSeenAt: 0, lastActivityAt: 0 }, 999 * MIN).stalled).toBe(false);
    const done = finished(makeJob({ operationType: 'reindex' }), 'completed');
    expect(stallVerdict({ job: done, firstSeenAt: 0, lastActivityAt: 0 }, 999 * MIN).stalled).toBe(false);
  });

  it('computes the typical duration as the median of completed runs of that operation', () => {
    const run = (id: string, minutes: number, operationType = 'sync_repository', status = 'completed') => ({
      job: makeJob({ id, operationType, status, startedAt: 0, completedAt: minutes * MIN }),
    });
    const durations = createTypicalDurations(3);
    for (const { job } of [
      run('a', 2),
      run('b', 3),
      run('c', 50),
      run('d', 99, 'reindex'),
      run('e', 99, 'sync_repository', 'failed'),
    ])
      durations.observe('work', job, null);
    expect(durations.typical('work', 'sync_repository', null)).toBe(3 * MIN);
    expect(durations.typical('work', 'add_golden_repo', null)).toBeNull();
    expect(durations.typical('home', 'sync_repository', null)).toBeNull();
    // The same job seen again counts once; the window keeps the most recent runs.
    durations.observe('work', run('c', 50).job, null);
    durations.observe('work', run('f', 60).job, null);
    expect(durations.typical('work', 'sync_repository', null)).toBe(50 * MIN);
  });

  it("prefers the repository's own runs when it has some", () => {
    const run = (id: string, minutes: number) =>
      makeJob({
        id,
        operationType: 'sync_repository',
        status: 'completed',
        startedAt: 0,
        completedAt: minutes * MIN,
      });
    const durations = createTypicalDurations();
    durations.observe('work', run('a', 2), 'small');
    durations.observe('work', run('b', 40), 'big');
    durations.observe('work', run('c', 44), 'big');
    expect(durations.typical('work', 'sync_repository', 'big')).toBe(42 * MIN);
    expect(durations.typical('work', 'sync_repository', 'small')).toBe(2 * MIN);
    expect(durations.typical('work', 'sync_repository', 'unknown')).toBe(40 * MIN);
  });
});
