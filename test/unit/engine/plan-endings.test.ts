/** How the engine plans to learn many endings at once, and accounts for every job it tracks. */
import { describe, expect, it } from 'vitest';
import type { ListOutcome } from '../../../main/core/engine/coverage';
import { findLost, findUncovered, unlistedStatuses } from '../../../main/core/engine/coverage';
import { excessFinishedIds } from '../../../main/core/engine/known-job';
import { endingStatuses, planEndingLists, planGets } from '../../../main/core/engine/plan';
import { T0, makeJob } from './helpers';
import { busyServer, getInput, known } from './plan-fixtures';

describe('endings learned in bulk: one list per terminal status', () => {
  const endingInput = { flavor: 'head' as const, budget: 6, keepOneForGet: false, tick: 0 };
  const statusesOf = (lists: ReturnType<typeof planEndingLists>) => lists.map((list) => list.query.status);

  it('lists each terminal status (completed_partial on HEAD only) when more jobs than lists are unaccounted', () => {
    expect(planEndingLists({ ...endingInput, unaccounted: 4 })).toEqual([]);
    const lists = planEndingLists({ ...endingInput, unaccounted: 5 });
    expect(lists).toEqual(
      ['completed', 'failed', 'cancelled', 'completed_partial'].map((status) => ({
        kind: 'list',
        role: 'ended',
        query: { status, limit: 50 },
      })),
    );
    expect(endingStatuses('v5')).toEqual(['completed', 'failed', 'cancelled']);
    expect(statusesOf(planEndingLists({ ...endingInput, flavor: 'v5', unaccounted: 4 }))).toEqual([
      'completed',
      'failed',
      'cancelled',
    ]);
    expect(planEndingLists({ ...endingInput, flavor: 'v5', unaccounted: 4 })[0]?.query.limit).toBe(100);
  });

  it('lists only the statuses the jobs were not looked for in yet', () => {
    const wanted = new Set(['completed_partial'] as const);
    expect(statusesOf(planEndingLists({ ...endingInput, unaccounted: 2, wanted }))).toEqual([
      'completed_partial',
    ]);
    expect(planEndingLists({ ...endingInput, unaccounted: 1, wanted })).toEqual([]);
  });

  it('stays within the budget, keeps one request for a GET when asked, rotates statuses that do not fit', () => {
    expect(planEndingLists({ ...endingInput, unaccounted: 50, budget: 0 })).toEqual([]);
    expect(
      statusesOf(planEndingLists({ ...endingInput, unaccounted: 50, budget: 3, keepOneForGet: true })),
    ).toEqual(['completed', 'failed']);
    const turns = [0, 1, 2, 3].map((tick) =>
      statusesOf(planEndingLists({ ...endingInput, unaccounted: 50, budget: 3, tick })),
    );
    // completed (by far the most frequent ending) keeps its place; the others take turns.
    expect(turns).toEqual([
      ['completed', 'failed', 'cancelled'],
      ['completed', 'cancelled', 'completed_partial'],
      ['completed', 'completed_partial', 'failed'],
      ['completed', 'failed', 'cancelled'],
    ]);
    // A full-list tick that found more running or pending jobs than a page holds sweeps anyway.
    expect(statusesOf(planEndingLists({ ...endingInput, unaccounted: 0, sweep: true }))).toHaveLength(4);
  });

  it('keeps one GET of a tick for jobs beyond the window while any is due, whatever else waits', () => {
    const jobs = busyServer(10);
    const map = known(jobs, T0);
    const stale = jobs[9]!;
    map.set(stale.id, { job: stale, observedAt: T0 - 60_000, fetchedAt: null });
    const gets = planGets(
      getInput({
        known: map,
        endChecks: ['x1', 'x2', 'x3', 'x4'],
        budget: 3,
        seenThisTick: new Set(jobs.map((job) => job.id).slice(0, 9)),
      }),
    );
    expect(gets.map((get) => [get.jobId, get.reason])).toEqual([
      ['x1', 'ended'],
      ['x2', 'ended'],
      [stale.id, 'beyond-window'],
    ]);
  });
});

describe('accounting for every tracked job', () => {
  const jobs = busyServer(200);
  const pending = jobs.filter((job) => job.status === 'pending');
  const newest50 = [...pending].sort((a, b) => b.createdAt - a.createdAt).slice(0, 50);
  const outcomes: ListOutcome[] = [
    {
      query: { status: 'running', limit: 50 },
      page: { jobs: jobs.slice(0, 5), limit: 50, offset: 0, total: 5 },
    },
    { query: { status: 'pending', limit: 50 }, page: { jobs: newest50, limit: 50, offset: 0, total: 55 } },
  ];

  it('finds the jobs outside every list window (neither shown nor covered)', () => {
    const uncovered = findUncovered(known(jobs), outcomes);
    expect(uncovered).toHaveLength(145);
    expect(uncovered).toContain(pending[0]!.id);
    expect(uncovered).not.toContain(newest50[0]!.id);
  });

  it('calls a job lost once it is unaccounted for lostAfterMs: vanished without an ending, or GETs failing', () => {
    const [vanished, failing, fresh, waiting] = jobs;
    const done = makeJob({ status: 'completed' });
    const map = known([...jobs.slice(0, 4), done]);
    const lost = findLost({
      known: map,
      endChecks: [
        { jobId: vanished!.id, since: T0 - 120_000, listed: [] },
        { jobId: fresh!.id, since: T0 - 119_999, listed: [] },
        { jobId: done.id, since: T0 - 500_000, listed: [] },
      ],
      getFailingSince: new Map([
        [failing!.id, T0 - 200_000],
        ['forgotten', T0 - 200_000],
      ]),
      now: T0,
      lostAfterMs: 120_000,
    });
    // Finished or unknown jobs are never lost; a job merely waiting for its turn is not either.
    expect(lost).toEqual([vanished!.id, failing!.id]);
    expect(lost).not.toContain(waiting!.id);
    expect(unlistedStatuses({ jobId: 'x', since: 0, listed: ['failed'] }, endingStatuses('v5'))).toEqual([
      'completed',
      'cancelled',
    ]);
  });

  it('forgets the least recently seen finished jobs beyond the cap, seeds first', () => {
    const finished = [1, 2, 3, 4].map(() => makeJob({ status: 'completed' }));
    const map = known(finished, T0);
    map.set(finished[2]!.id, { job: finished[2]!, observedAt: T0 - 10, fetchedAt: null });
    map.set(finished[3]!.id, { job: finished[3]!, observedAt: null, fetchedAt: null });
    const running = makeJob({ status: 'running' });
    map.set(running.id, { job: running, observedAt: null, fetchedAt: null });
    expect(excessFinishedIds(map, 4)).toEqual([]);
    // Over the cap: down to 90 % of it (here 2 of 3), so the sort does not run on every tick.
    expect(excessFinishedIds(map, 3)).toEqual([finished[3]!.id, finished[2]!.id]);
    expect(excessFinishedIds(map, 2)).toEqual([finished[3]!.id, finished[2]!.id, finished[0]!.id]);
  });
});
