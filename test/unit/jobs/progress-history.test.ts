import { describe, expect, it } from 'vitest';
import { createProgressHistory, estimateEta } from '../../../main/core/jobs';
import { makeJob } from './helpers';

const ref = { serverId: 'work', jobId: 'job-1' };
const MIN = 60_000;

describe('ETA estimate', () => {
  it('extrapolates the recent rate of a steadily moving job', () => {
    // 10 % per minute for 4 minutes: 10 -> 50, so 50 points left take 5 minutes.
    const samples = [10, 20, 30, 40, 50].map((progress, i) => ({ at: i * MIN, progress }));
    const eta = estimateEta(samples, 4 * MIN);
    expect(eta?.remainingMs).toBe(5 * MIN);
    expect(eta?.finishAt).toBe(9 * MIN);
    expect(eta?.ratePerMinute).toBeCloseTo(10);
  });

  it('gives none for a job that sits at 25 % (the server start-up steps are not evidence)', () => {
    const samples = [
      { at: 0, progress: 10 },
      { at: 1_000, progress: 25 },
    ];
    expect(estimateEta(samples, 10 * MIN)).toBeNull();
    expect(estimateEta(samples, 2 * MIN)).toBeNull();
  });

  it('slows down while a job stops moving, then gives up', () => {
    const samples = [10, 20, 30, 40].map((progress, i) => ({ at: i * MIN, progress }));
    const fresh = estimateEta(samples, 3 * MIN);
    const stale = estimateEta(samples, 6 * MIN);
    expect(fresh).not.toBeNull();
    expect(stale).not.toBeNull();
    expect(stale!.remainingMs).toBeGreaterThan(fresh!.remainingMs);
    expect(estimateEta(samples, 3 * MIN + 6 * MIN)).toBeNull();
  });

  it('uses only the rising tail after progress drops (HEAD phases reset, §4.6)', () => {
    const samples = [
      { at: 0, progress: 10 },
      { at: 1_000, progress: 80 },
      { at: 2_000, progress: 0 },
      { at: 62_000, progress: 2 },
      { at: 122_000, progress: 4 },
      { at: 182_000, progress: 6 },
    ];
    const eta = estimateEta(samples, 182_000);
    expect(eta).not.toBeNull();
    // ~2 points/min from the tail, not the 80-point leap before the drop: 94 points ≈ 47 min.
    expect(eta!.remainingMs).toBeGreaterThan(40 * MIN);
  });

  it('needs enough observed time before estimating', () => {
    const samples = [1, 2, 3, 4].map((progress, i) => ({ at: i * 1_000, progress }));
    expect(estimateEta(samples, 3_000)).toBeNull();
  });
});

describe('progress history', () => {
  it('keeps change points from engine events and a series for the chart', () => {
    const history = createProgressHistory();
    const job = makeJob({ operationType: 'reindex', progress: 10 });
    history.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: true }, 0);
    history.apply({ type: 'job-changed', serverId: 'work', job, previous: job }, 1_000);
    const later = { ...job, progress: 30 };
    history.apply({ type: 'job-changed', serverId: 'work', job: later, previous: job }, 2_000);
    history.apply({ type: 'job-changed', serverId: 'work', job: later, previous: later }, 5_000);
    expect(history.series(ref)).toEqual([
      { at: 0, progress: 10 },
      { at: 2_000, progress: 30 },
      { at: 5_000, progress: 30 },
    ]);
  });

  it('bounds samples per job and the number of jobs', () => {
    const history = createProgressHistory({ maxSamplesPerJob: 120, maxJobs: 3 });
    for (let i = 0; i < 300; i += 1) history.record(ref, i * 1000, i % 100);
    expect(history.series(ref)).toHaveLength(120);
    for (let j = 0; j < 5; j += 1) history.record({ serverId: 'work', jobId: `other-${j}` }, 0, 1);
    expect(history.series(ref)).toEqual([]);
    expect(history.series({ serverId: 'work', jobId: 'other-4' })).toHaveLength(1);
  });

  it('forgets a job when it finishes', () => {
    const history = createProgressHistory();
    const job = makeJob({ operationType: 'reindex', progress: 40 });
    history.apply({ type: 'job-changed', serverId: 'work', job, previous: job }, 0);
    const done = { ...job, status: 'completed', progress: 100 };
    history.apply(
      {
        type: 'job-finished',
        serverId: 'work',
        job: done,
        previous: job,
        status: 'completed',
        catchUp: false,
      },
      1,
    );
    expect(history.series(ref)).toEqual([]);
  });

  it('never estimates operations that report no progress (sync sits at 25 %)', () => {
    const history = createProgressHistory();
    [10, 20, 30, 40, 50].forEach((progress, i) => history.record(ref, i * MIN, progress));
    expect(history.eta(ref, 'sync_repository', 4 * MIN)).toBeNull();
    expect(history.eta(ref, 'global_repo_refresh', 4 * MIN)?.remainingMs).toBe(5 * MIN);
  });
});
