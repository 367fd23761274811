/** An ETA from how long the same operation usually takes on the same repository. */
import { describe, expect, it } from 'vitest';
import { estimateEtaFromTypical } from '../../../main/core/jobs/eta';
import { createTypicalDurations } from '../../../main/core/jobs/typical-durations';
import { makeJob } from './helpers';

const MIN = 60_000;

describe('estimateEtaFromTypical', () => {
  it('is the typical run time less what this run has taken', () => {
    expect(estimateEtaFromTypical(0, 5 * MIN, 3 * MIN)).toMatchObject({
      remainingMs: 2 * MIN,
      finishAt: 5 * MIN,
    });
  });

  it('says nothing without a start, without a typical time, or once the run is overdue', () => {
    expect(estimateEtaFromTypical(null, 5 * MIN, 3 * MIN)).toBeNull();
    expect(estimateEtaFromTypical(0, null, 3 * MIN)).toBeNull();
    expect(estimateEtaFromTypical(0, 0, 0)).toBeNull();
    expect(estimateEtaFromTypical(0, 5 * MIN, 5 * MIN)).toBeNull();
    expect(estimateEtaFromTypical(0, 5 * MIN, 9 * MIN)).toBeNull();
  });
});

describe('typicalOfRepository', () => {
  it("knows only the repository's own runs: another repository's are no promise", () => {
    const durations = createTypicalDurations();
    const run = (id: string, minutes: number) =>
      makeJob({ id, status: 'completed', startedAt: 0, completedAt: minutes * MIN });
    durations.observe('work', run('a', 4), 'big');
    durations.observe('work', run('b', 6), 'big');
    expect(durations.typicalOfRepository('work', 'sync_repository', 'big')).toBe(5 * MIN);
    expect(durations.typicalOfRepository('work', 'sync_repository', 'small')).toBeNull();
    expect(durations.typicalOfRepository('work', 'sync_repository', null)).toBeNull();
    expect(durations.typicalOfRepository('work', 'reindex', 'big')).toBeNull();
    // The operation-wide median still serves the stall verdict.
    expect(durations.typical('work', 'sync_repository', 'small')).toBe(5 * MIN);
  });
});
