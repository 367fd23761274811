/**
 * When the unfiltered list (newest first, 50 on HEAD) holds every unfinished job with room to
 * spare, it is the tick's only list: one request, read at one instant, so a job moving from
 * pending to running between two lists is never missed by both. A burst that pushes jobs out
 * of its window brings the status lists back, in the same tick.
 */
import { describe, expect, it } from 'vitest';
import { UNFILTERED_SPARE_ROOM, unfilteredHoldsUnfinished } from '../../../main/core/engine/coverage';
import { DEFAULT_ENGINE_OPTIONS as options } from '../../../main/core/engine/options';
import { planLists } from '../../../main/core/engine/plan';
import { makeJob } from '../jobs/helpers';
import { harness } from './helpers';

const T0 = 1_700_000_000_000;
const page = (jobs: ReturnType<typeof makeJob>[], limit = 50) => ({
  query: { limit },
  page: { jobs, limit, offset: 0, total: jobs.length },
});

describe('the unfiltered list alone', () => {
  it('is planned when the last one held every unfinished job, unless everything must be listed', () => {
    const input = {
      flavor: 'head' as const,
      active: true,
      tick: 3,
      hasPendingJobs: true,
      budget: 6,
      options,
    };
    const roles = (patch: object) =>
      planLists({ ...input, forceFullList: false, ...patch }).map((l) => l.role);
    expect(roles({ unfilteredSuffices: true })).toEqual(['all']);
    expect(roles({ unfilteredSuffices: false })).toEqual(['pending', 'running']);
    expect(roles({ unfilteredSuffices: true, forceFullList: true })).toEqual(['pending', 'running', 'all']);
  });

  it('holds them when the page is short, or when enough older jobs follow the oldest of them', () => {
    const at = (minutesAgo: number, status = 'completed') =>
      makeJob({ status, createdAt: T0 - minutesAgo * 60_000 });
    const running = at(1, 'running');
    expect(unfilteredHoldsUnfinished(page([running, at(2)]), [running])).toBe(true);
    const history = (from: number, count: number, step = 1) =>
      Array.from({ length: count }, (_, i) => at(from + i * step));
    // Full page, the running job newest: 49 older jobs are room to spare.
    const roomy = [running, ...history(2, 49)];
    expect(unfilteredHoldsUnfinished(page(roomy), [running])).toBe(true);
    // Full page of newer jobs but for fewer than UNFILTERED_SPARE_ROOM older ones.
    const newer = Array.from({ length: 50 - UNFILTERED_SPARE_ROOM + 1 }, (_, i) => at(0.01 * (i + 1)));
    const tight = [...newer, running, ...history(60, UNFILTERED_SPARE_ROOM - 2)];
    expect(unfilteredHoldsUnfinished(page(tight), [running])).toBe(false);
    // A pending job older than the whole page: outside its window.
    expect(unfilteredHoldsUnfinished(page(roomy), [running, at(500, 'pending')])).toBe(false);
  });

  it('is the only request of a busy tick, and a burst brings the status lists back at once', async () => {
    const h = harness();
    for (let n = 0; n < 8; n += 1) h.api.addJob({ status: n < 4 ? 'running' : 'pending' });
    h.engine.start();
    await h.clock.advance(0);
    await h.clock.advance(2_000);
    const before = h.api.calls.listJobs;
    await h.clock.advance(2_000);
    expect(h.api.calls.listJobs - before).toBe(1);

    // 60 new jobs: the oldest pending ones leave the newest-50 window.
    for (let n = 0; n < 60; n += 1) h.api.addJob({ status: 'pending' });
    const beforeBurst = h.api.calls.listJobs;
    await h.clock.advance(2_000);
    expect(h.api.calls.listJobs - beforeBurst).toBeGreaterThan(1);
    expect(h.engine.getJobs('s1').filter((job) => job.status === 'running')).toHaveLength(4);
  });
});
