/**
 * The store's counts are a pair the server had: an ending that a call after the tick's main list
 * tells (a GET, an ending list) of a job that list showed unfinished waits for the next tick,
 * whose main list also shows what took the freed worker. Told at once, the running count read
 * one fewer than the server ever had (bench:core churn at 45 endings a second).
 */
import { describe, expect, it } from 'vitest';
import type { ListJobsQuery } from '../../../main/core/cidx/api';
import { FakeCidxApi } from '../../support/fake-cidx-api';
import { FakeClock } from '../../support/fake-clock';
import { T0, eventsOf, harness } from './helpers';

/** A fake server that moves on right after answering an unfiltered list, once asked to. */
class MovingServer extends FakeCidxApi {
  afterUnfilteredList: (() => void) | null = null;

  override async listJobs(query: ListJobsQuery = {}) {
    const answer = await super.listJobs(query);
    if (query.status === undefined && this.afterUnfilteredList) {
      const move = this.afterUnfilteredList;
      this.afterUnfilteredList = null;
      move();
    }
    return answer;
  }
}

function setup() {
  const clock = new FakeClock(T0);
  const api = new MovingServer({ flavor: 'head', now: () => clock.now() });
  const h = harness({ api });
  // harness() made its own clock: drive the one the server reads.
  return { ...h, api };
}

const statuses = (h: ReturnType<typeof setup>, ids: string[]) =>
  ids.map((id) => h.engine.getJobs('s1').find((job) => job.id === id)?.status);

describe('one instant per tick', () => {
  it('tells an ending a GET learned after the list on the next tick, with what replaced it', async () => {
    const h = setup();
    // A phase-aware job on screen is read by GET every tick, after the list.
    const watched = h.api.addJob({ status: 'running', operationType: 'global_repo_refresh' });
    const queued = h.api.addJob({ status: 'pending', operationType: 'sync_repository' });
    // Enough other jobs that the engine lists rather than follows a few jobs by GET.
    for (let n = 0; n < 8; n += 1) h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0);
    h.engine.setFocus('s1', [watched.id]);
    await h.clock.advance(2_000);
    expect(statuses(h, [watched.id, queued.id])).toEqual(['running', 'pending']);

    // Right after this tick's list: the watched job ends and the queued one takes its worker.
    h.api.afterUnfilteredList = () => {
      h.api.updateJob(watched.id, { status: 'completed', progress: 100, completedAt: h.clock.now() });
      h.api.updateJob(queued.id, { status: 'running', startedAt: h.clock.now() });
    };
    const before = h.events.length;
    h.api.resetCalls();
    await h.clock.advance(2_000);
    expect(h.api.afterUnfilteredList).toBeNull(); // the server moved, right after the list
    expect(h.api.log.map((call) => call.method)).toContain('getJob');
    // The GET saw the ending, the list did not see the start: the pair stays the list's.
    expect(statuses(h, [watched.id, queued.id])).toEqual(['running', 'pending']);
    expect(eventsOf(h.events.slice(before), 'job-finished')).toEqual([]);

    await h.clock.advance(2_000);
    expect(statuses(h, [watched.id, queued.id])).toEqual(['completed', 'running']);
    const finished = eventsOf(h.events.slice(before), 'job-finished');
    expect(finished.map((event) => event.job.id)).toEqual([watched.id]);
  });

  it('loses no ending when the status lists follow the unfiltered one after the server moved', async () => {
    const h = setup();
    const queued = h.api.addJob({ status: 'pending' });
    const running = [0, 1, 2, 3, 4, 5].map(() => h.api.addJob({ status: 'running' }));
    h.engine.start();
    await h.clock.advance(0);
    await h.clock.advance(2_000);
    // 44 new jobs: the unfiltered list (50) still shows the running ones but no longer the queued
    // one, so the status lists follow it in the same tick, read after the first job ends and the
    // queued one starts.
    for (let n = 0; n < 44; n += 1) h.api.addJob({ status: 'pending' });
    h.api.afterUnfilteredList = () => {
      h.api.updateJob(running[0]!.id, { status: 'completed', progress: 100, completedAt: h.clock.now() });
      h.api.updateJob(queued.id, { status: 'running', startedAt: h.clock.now() });
    };
    const before = h.events.length;
    h.api.resetCalls();
    await h.clock.advance(2_000);
    expect(h.api.afterUnfilteredList).toBeNull();
    expect(h.api.log.filter((call) => call.method === 'listJobs').length).toBeGreaterThan(1);
    await h.clock.advance(2_000);
    const states = statuses(h, [...running.map((job) => job.id), queued.id]);
    expect(states).toEqual(['completed', 'running', 'running', 'running', 'running', 'running', 'running']);
    const finished = eventsOf(h.events.slice(before), 'job-finished');
    expect(finished.map((event) => event.job.id)).toEqual([running[0]!.id]);
  });
});
