import { describe, expect, it } from 'vitest';
import { isTerminal } from '../../../main/core/cidx/job';
import type { ChurnShape } from './churn';
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
