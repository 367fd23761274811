/**
 * The store's counts are a pair the server had: an ending that a call after the tick's main list
 * tells (a GET, an ending list) of a job that list showed unfinished waits for the next tick,
 * whose main list also shows what took the freed worker. Told at once, the running count read
 * one fewer than the server ever had (bench:core churn at 45 endings a second). And the pending
 * list is read before the running one, so a job that starts between them shows in one of them.
 */
import { describe, expect, it } from 'vitest';
import type { ListJobsQuery } from '../../../main/core/cidx/api';
import { FakeCidxApi } from '../../support/fake-cidx-api';
import { T0, eventsOf, harness } from './helpers';

/** A fake server that moves on right after answering a list, once asked to. */
class MovingServer extends FakeCidxApi {
  /** After the next unfiltered list. */
  afterUnfilteredList: (() => void) | null = null;
  /** After the next list of any kind. */
  afterAnyList: (() => void) | null = null;

  override async listJobs(query: ListJobsQuery = {}) {
    const answer = await super.listJobs(query);
    const move =
      query.status === undefined ? (this.afterUnfilteredList ?? this.afterAnyList) : this.afterAnyList;
    if (move) {
      if (move === this.afterUnfilteredList) this.afterUnfilteredList = null;
      else this.afterAnyList = null;
      move();
    }
    return answer;
  }
}

function setup() {
  // The server reads the harness's clock, which exists only once the harness does.
  let now = (): number => T0;
  const api = new MovingServer({ flavor: 'head', now: () => now() });
  const h = harness({ api });
  now = () => h.clock.now();
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

  it('reads the pending list before the running one, so a job starting in between shows in one', async () => {
    const h = setup();
    // 60 older pending jobs: the unfiltered list cannot hold every unfinished job, so ticks read
    // the status lists.
    for (let n = 0; n < 60; n += 1) h.api.addJob({ status: 'pending' });
    const running = [0, 1, 2, 3].map(() => h.api.addJob({ status: 'running' }));
    const queued = h.api.addJob({ status: 'pending' });
    h.engine.start();
    await h.clock.advance(0);
    await h.clock.advance(2_000);
    expect(statuses(h, [queued.id])).toEqual(['pending']);
    // The queued job starts right after the tick's first list (a worker freed up).
    h.api.afterAnyList = () => h.api.updateJob(queued.id, { status: 'running', startedAt: h.clock.now() });
    h.api.resetCalls();
    await h.clock.advance(2_000);
    const lists = h.api.log.filter((call) => call.method === 'listJobs').map((call) => call.arg);
    expect(lists.slice(0, 2)).toEqual([
      { status: 'pending', limit: 50 },
      { status: 'running', limit: 50 },
    ]);
    expect(statuses(h, [...running.map((job) => job.id), queued.id])).toEqual([
      'running',
      'running',
      'running',
      'running',
      'running',
    ]);
  });
});
