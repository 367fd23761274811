import { describe, expect, it } from 'vitest';
import type { TrackedJob } from '../../../main/core/jobs';
import { DEFAULT_RETENTION, selectExpiredJobs } from '../../../main/core/jobs';
import { makeJob } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

function tracked(serverId: string, id: string, status: string, completedAt: number | null): TrackedJob {
  return {
    serverId,
    job: makeJob({ id, status, completedAt, createdAt: completedAt ?? 0, startedAt: completedAt ?? 0 }),
    firstSeenAt: 0,
    lastActivityAt: 0,
    acknowledged: true,
  };
}

describe('retention', () => {
  it('defaults to 7 days and 500 finished jobs per server', () => {
    expect(DEFAULT_RETENTION).toEqual({ maxAgeMs: 7 * DAY, maxFinishedPerServer: 500 });
  });

  it('drops finished jobs older than the age limit, never running or pending ones', () => {
    const jobs = [
      tracked('work', 'old-done', 'completed', NOW - 8 * DAY),
      tracked('work', 'recent-done', 'failed', NOW - 1 * DAY),
      tracked('work', 'ancient-running', 'running', null),
      tracked('work', 'ancient-pending', 'pending', null),
    ];
    expect(selectExpiredJobs(jobs, NOW)).toEqual([{ serverId: 'work', jobId: 'old-done' }]);
  });

  it('keeps at most M finished jobs per server, the newest, counting each server apart', () => {
    const jobs = [
      ...Array.from({ length: 600 }, (_, i) => tracked('work', `w${i}`, 'completed', NOW - i * 1000)),
      ...Array.from({ length: 10 }, (_, i) => tracked('home', `h${i}`, 'cancelled', NOW - i * 1000)),
      ...Array.from({ length: 20 }, (_, i) => tracked('work', `run${i}`, 'running', null)),
    ];
    const expired = selectExpiredJobs(jobs, NOW);
    expect(expired).toHaveLength(100);
    expect(expired.every((ref) => ref.serverId === 'work')).toBe(true);
    const ids = new Set(expired.map((ref) => ref.jobId));
    expect(ids.has('w499')).toBe(false);
    expect(ids.has('w500')).toBe(true);
    expect(ids.has('w599')).toBe(true);
  });
});
