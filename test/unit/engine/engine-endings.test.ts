import { describe, expect, it } from 'vitest';
import { isTerminal } from '../../../main/core/cidx/job';
import type { ChurnShape } from './churn';
import { failure } from '../../support/fake-cidx-api';
import { ChurnServer, finishesById, unfinishedOf } from './churn';
import { eventsOf, harness } from './helpers';

const TICK_MS = 2_000;
const FULL_LIST_EVERY = 5;

const HIGH_RATE: ChurnShape = {
  arrivals: 50,
  endings: 50,
  longRunners: 4,
  longRunnerEverySteps: 3,
  retainSteps: 20,
  statuses: ['completed', 'completed', 'failed', 'completed', 'cancelled', 'completed_partial'],
};

describe('endings learned in bulk (50 endings a tick, HEAD)', () => {
  it('keeps running/pending within one full-list period of the server and reports each ending once', async () => {
    const h = harness({ engine: { activeIntervalMs: TICK_MS, fullListEveryTicks: FULL_LIST_EVERY } });
    const server = new ChurnServer(h.api, HIGH_RATE, () => unfinishedOf(h.engine.getJobs('s1')));
    server.seed(40);
    h.engine.start();
    await h.clock.advance(0);

    const perTick: number[] = [];
    for (let tick = 0; tick < 80; tick += 1) {
      server.advance();
      const before = h.api.totalCalls();
      await h.clock.advance(TICK_MS);
      perTick.push(h.api.totalCalls() - before);

      const engine = unfinishedOf(h.engine.getJobs('s1'));
      const truth = server.unfinishedIds();
      for (const id of engine) {
        if (truth.has(id)) continue;
        // Ended on the server: the engine may say so one full-list period later, never more.
        expect(
          server.step - server.endedAt.get(id)!,
          `phantom ${id} at step ${server.step}`,
        ).toBeLessThanOrEqual(FULL_LIST_EVERY);
      }
      for (const id of truth) {
        if (engine.has(id)) continue;
        expect(server.step - server.createdAt.get(id)!, `undiscovered ${id}`).toBeLessThanOrEqual(
          FULL_LIST_EVERY,
        );
      }
    }
    // Quiet ticks: the views meet exactly.
    for (let tick = 0; tick < FULL_LIST_EVERY + 1; tick += 1) await h.clock.advance(TICK_MS);
    expect(unfinishedOf(h.engine.getJobs('s1'))).toEqual(server.unfinishedIds());

    expect(Math.max(...perTick)).toBeLessThanOrEqual(h.engine.options.maxRequestsPerTick);
    expect(server.trackedEndings.size).toBeGreaterThan(2_000);
    // Learned in bulk: a few GETs for jobs outside the windows, not one per ending.
    expect(h.api.calls.getJob).toBeLessThan(server.trackedEndings.size / 20);
    expect(
      h.api.log.filter((call) => (call.arg as { status?: string } | undefined)?.status === 'completed')
        .length,
    ).toBeGreaterThan(60);
    const finishes = finishesById(h.events);
    for (const [id, status] of server.trackedEndings) {
      expect(finishes.get(id), `job-finished of ${id}`).toEqual([
        expect.objectContaining({ status, catchUp: false }),
      ]);
    }
    for (const events of finishes.values()) expect(events).toHaveLength(1);
    const addedFinished = eventsOf(h.events, 'job-added').filter(
      (event) => isTerminal(event.job.status) && server.trackedEndings.has(event.job.id),
    );
    expect(addedFinished).toEqual([]);
    expect(eventsOf(h.events, 'job-gone')).toEqual([]);
  }, 30_000);
});

describe('phantoms are bounded', () => {
  it('reports a job that left every list and whose GETs keep failing as lost, once, after lostAfterMs', async () => {
    const h = harness();
    const [lost, ...others] = [1, 2, 3].map(() => h.api.addJob({ status: 'running' }));
    h.engine.start();
    await h.clock.advance(TICK_MS * 2);
    h.api.hiddenFromLists.add(lost!.id);
    h.api.failAlways('getJob', failure('server-error', { status: 500 }));
    const from = h.clock.now();
    while (eventsOf(h.events, 'job-gone').length === 0 && h.clock.now() - from < 300_000) {
      await h.clock.advance(TICK_MS);
      expect(unfinishedOf(h.engine.getJobs('s1')).size).toBeGreaterThanOrEqual(2);
    }
    const lostAfter = h.clock.now() - from;
    expect(lostAfter).toBeGreaterThanOrEqual(h.engine.options.lostAfterMs);
    expect(lostAfter).toBeLessThanOrEqual(h.engine.options.lostAfterMs + 2 * TICK_MS);
    expect(eventsOf(h.events, 'job-gone')).toEqual([
      {
        type: 'job-gone',
        serverId: 's1',
        jobId: lost!.id,
        previous: expect.objectContaining({ id: lost!.id, status: 'running' }),
        reason: 'lost',
      },
    ]);
    expect(
      h.engine
        .getJobs('s1')
        .map((job) => job.id)
        .sort(),
    ).toEqual(others.map((job) => job.id).sort());
    h.api.resetCalls();
    await h.clock.advance(60_000);
    expect(h.api.calls.getJob).toBe(0);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
    expect(eventsOf(h.events, 'job-gone')).toHaveLength(1);
    expect(eventsOf(h.events, 'job-finished')).toEqual([]);
  });

  it('accounts for every ending within lostAfterMs even when endings outrun every list window and the GETs', async () => {
    // Each tick 40 tracked pending jobs end 'completed' while 60 jobs created after them start and
    // complete in between: the completed list shows only those 60, so each of the 40 needs a GET.
    const lostAfterMs = 20_000;
    const h = harness({ engine: { lostAfterMs } });
    let queue = Array.from({ length: 40 }, () => h.api.addJob({ status: 'pending' }).id);
    const finishedAt: { id: string; step: number }[] = [];
    const trackedEnded = new Set<string>();
    h.engine.start();
    await h.clock.advance(0);
    const perTick: number[] = [];
    const bound = 40 * (lostAfterMs / TICK_MS + 2);
    for (let step = 1; step <= 60; step += 1) {
      const tracked = unfinishedOf(h.engine.getJobs('s1'));
      for (const id of queue) {
        h.api.updateJob(id, { status: 'completed', progress: 100 });
        if (tracked.has(id)) trackedEnded.add(id);
        finishedAt.push({ id, step });
      }
      for (let n = 0; n < 60; n += 1) finishedAt.push({ id: h.api.addJob({ status: 'completed' }).id, step });
      queue = Array.from({ length: 40 }, () => h.api.addJob({ status: 'pending' }).id);
      while (finishedAt.length > 0 && finishedAt[0]!.step < step - 30)
        h.api.removeJob(finishedAt.shift()!.id);
      const before = h.api.totalCalls();
      await h.clock.advance(TICK_MS);
      perTick.push(h.api.totalCalls() - before);
      const phantoms = [...unfinishedOf(h.engine.getJobs('s1'))].filter((id) => !queue.includes(id));
      expect(phantoms.length).toBeLessThanOrEqual(bound);
    }
    for (let n = 0; n < lostAfterMs / TICK_MS + 2; n += 1) await h.clock.advance(TICK_MS);
    expect(unfinishedOf(h.engine.getJobs('s1'))).toEqual(new Set(queue));

    expect(Math.max(...perTick)).toBeLessThanOrEqual(h.engine.options.maxRequestsPerTick);
    const finished = finishesById(h.events);
    const gone = new Map(eventsOf(h.events, 'job-gone').map((event) => [event.jobId, event]));
    expect(eventsOf(h.events, 'job-gone')).toHaveLength(gone.size);
    let read = 0;
    for (const id of trackedEnded) {
      const ends = finished.get(id) ?? [];
      // Exactly once: by its GET (job-finished), or lost when no GET could be afforded in time.
      expect(ends.length + (gone.has(id) ? 1 : 0), id).toBe(1);
      if (gone.has(id)) expect(gone.get(id)).toMatchObject({ reason: 'lost' });
      read += ends.length;
    }
    expect(read).toBeGreaterThan(50); // one GET a tick was always kept for them
    expect(gone.size).toBeGreaterThan(0);
  }, 30_000);

  it('keeps the known map bounded through a churn of 100,000 jobs', async () => {
    // A cap smaller than the default (2,000) keeps this test quick; the bound is the same code.
    const maxFinishedJobs = 400;
    const h = harness({
      engine: { activeIntervalMs: TICK_MS, fullListEveryTicks: FULL_LIST_EVERY, maxFinishedJobs },
    });
    const server = new ChurnServer(h.api, { ...HIGH_RATE, retainSteps: 4 }, () =>
      unfinishedOf(h.engine.getJobs('s1')),
    );
    server.seed(40);
    h.engine.start();
    await h.clock.advance(0);
    let largest = 0;
    for (let step = 0; step < 2_000; step += 1) {
      server.advance();
      await h.clock.advance(TICK_MS);
      largest = Math.max(largest, h.engine.getJobs('s1').length);
    }
    expect(server.createdAt.size).toBeGreaterThanOrEqual(100_000);
    // Finished jobs up to the cap, plus the ~45 unfinished ones and one tick of endings.
    expect(largest).toBeLessThanOrEqual(maxFinishedJobs + 150);
    for (let tick = 0; tick < FULL_LIST_EVERY + 1; tick += 1) await h.clock.advance(TICK_MS);
    expect(unfinishedOf(h.engine.getJobs('s1'))).toEqual(server.unfinishedIds());
    expect(eventsOf(h.events, 'job-gone')).toEqual([]);
  }, 60_000);
});
