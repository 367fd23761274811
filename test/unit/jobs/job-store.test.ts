import { describe, expect, it, vi } from 'vitest';
import { createJobStore } from '../../../main/core/jobs';
import { createFakeClock, finished, makeJob, makeServerState } from './helpers';

function setup() {
  const clock = createFakeClock();
  const store = createJobStore({ clock });
  return { clock, store };
}

describe('job store', () => {
  it('tracks jobs per server from engine events and orders running first', () => {
    const { store } = setup();
    const old = finished(makeJob({ id: 'old', createdAt: 1_000 }), 'completed');
    const running = makeJob({ id: 'run', createdAt: 500 });
    const pending = makeJob({ id: 'wait', status: 'pending', createdAt: 2_000 });
    store.apply({ type: 'job-added', serverId: 'work', job: old, createdSinceLastPoll: false });
    store.apply({ type: 'job-added', serverId: 'work', job: pending, createdSinceLastPoll: true });
    store.apply({ type: 'job-added', serverId: 'home', job: running, createdSinceLastPoll: true });

    expect(store.jobs().map((t) => t.job.id)).toEqual(['run', 'wait', 'old']);
    expect(store.jobs({ serverId: 'work' }).map((t) => t.job.id)).toEqual(['wait', 'old']);
    expect(store.jobs({ status: 'completed' }).map((t) => t.job.id)).toEqual(['old']);
    expect(store.get({ serverId: 'home', jobId: 'run' })?.job.status).toBe('running');
  });

  it('keys jobs by server and job id: the same id on two servers is two jobs', () => {
    const { store } = setup();
    store.apply({ type: 'job-added', serverId: 'a', job: makeJob({ id: 'x' }), createdSinceLastPoll: false });
    store.apply({ type: 'job-added', serverId: 'b', job: makeJob({ id: 'x' }), createdSinceLastPoll: false });
    expect(store.jobs()).toHaveLength(2);
  });

  it('shows only the signed-in user by default; all users and system jobs are opt-in', () => {
    const { store } = setup();
    for (const [id, username] of [
      ['mine', 'alice'],
      ['bob', 'bob'],
      ['sys', 'system'],
      ['sys2', 'system-reconcile'],
    ] as const) {
      store.apply({
        type: 'job-added',
        serverId: 'work',
        job: makeJob({ id, username }),
        createdSinceLastPoll: false,
      });
    }
    store.setServerView('work', { username: 'alice' });
    expect(store.jobs().map((t) => t.job.id)).toEqual(['mine']);

    store.setServerView('work', { showAllUsers: true });
    expect(
      store
        .jobs()
        .map((t) => t.job.id)
        .sort(),
    ).toEqual(['bob', 'mine']);

    store.setServerView('work', { showSystemJobs: true, showAllUsers: false });
    expect(
      store
        .jobs()
        .map((t) => t.job.id)
        .sort(),
    ).toEqual(['mine', 'sys', 'sys2']);
    expect(store.jobs({ includeHidden: true })).toHaveLength(4);
  });

  it('records sign-of-life times for stall detection', () => {
    const { clock, store } = setup();
    const job = makeJob({ operationType: 'reindex', progress: 10 });
    store.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: true });
    const firstSeen = clock.now();
    clock.advanceSync(60_000);
    // No change in progress or phase: not a sign of life.
    store.apply({ type: 'job-changed', serverId: 'work', job: { ...job }, previous: job });
    expect(store.get({ serverId: 'work', jobId: job.id })?.lastActivityAt).toBe(firstSeen);
    const moved = { ...job, phaseDetail: '45/120 files' };
    store.apply({ type: 'job-changed', serverId: 'work', job: moved, previous: job });
    expect(store.get({ serverId: 'work', jobId: job.id })?.lastActivityAt).toBe(firstSeen + 60_000);
    expect(store.get({ serverId: 'work', jobId: job.id })?.firstSeenAt).toBe(firstSeen);
  });

  it('marks new failures unacknowledged but history failures acknowledged', () => {
    const { store } = setup();
    const running = makeJob({ id: 'r' });
    const failedRunning = (catchUp: boolean) =>
      store.apply({
        type: 'job-finished',
        serverId: 'work',
        job: finished(running, 'failed'),
        previous: running,
        status: 'failed',
        catchUp,
      });
    store.apply({ type: 'job-added', serverId: 'work', job: running, createdSinceLastPoll: true });
    failedRunning(false);
    store.apply({
      type: 'job-added',
      serverId: 'work',
      job: finished(makeJob({ id: 'h' }), 'failed'),
      createdSinceLastPoll: false,
    });
    expect(store.get({ serverId: 'work', jobId: 'r' })?.acknowledged).toBe(false);
    expect(store.get({ serverId: 'work', jobId: 'h' })?.acknowledged).toBe(true);

    const before = store.get({ serverId: 'work', jobId: 'r' });
    store.acknowledge({ serverId: 'work', jobId: 'r' });
    expect(store.get({ serverId: 'work', jobId: 'r' })?.acknowledged).toBe(true);
    expect(before?.acknowledged).toBe(false); // replaced, not mutated

    // The same failure replayed after a network flap stays acknowledged.
    failedRunning(true);
    expect(store.get({ serverId: 'work', jobId: 'r' })?.acknowledged).toBe(true);
  });

  it('forgets gone jobs, keeps server states and notifies subscribers', () => {
    const { store } = setup();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const job = makeJob();
    store.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: false });
    store.apply({ type: 'job-gone', serverId: 'work', jobId: job.id, previous: job });
    store.apply({ type: 'server-state', serverId: 'work', state: makeServerState({ health: 'offline' }) });
    expect(store.jobs()).toEqual([]);
    expect(store.servers()[0]?.state?.health).toBe('offline');
    expect(listener.mock.calls.map(([change]) => change.type)).toEqual(['jobs', 'jobs', 'server']);
    unsubscribe();
    store.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: false });
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('round-trips through snapshot and restore, JSON included', () => {
    const { store } = setup();
    const job = makeJob({ result: { repository_id: 'my-proj' } });
    store.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: false });
    store.apply({ type: 'server-state', serverId: 'work', state: makeServerState({ lastSuccessAt: 42 }) });
    const saved = JSON.parse(JSON.stringify(store.snapshot()));

    const { store: restored } = setup();
    expect(restored.restore(saved).ok).toBe(true);
    expect(restored.get({ serverId: 'work', jobId: job.id })?.job).toEqual(job);
    expect(restored.snapshot().servers).toEqual([{ serverId: 'work', lastSuccessAt: 42 }]);
  });

  it('rejects a broken snapshot with an error value and keeps its state', () => {
    const { store } = setup();
    store.apply({ type: 'job-added', serverId: 'work', job: makeJob(), createdSinceLastPoll: false });
    const result = store.restore({ version: 1, jobs: [{ serverId: 'work', job: { id: 7 } }], servers: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/job snapshot.*jobs\.0/);
    expect(store.jobs()).toHaveLength(1);
  });

  it('prunes with the retention policy', () => {
    const { store } = setup();
    for (let i = 0; i < 5; i += 1) {
      const job = finished(makeJob({ id: `f${i}`, createdAt: i * 1000, startedAt: i * 1000 }), 'completed');
      store.apply({ type: 'job-added', serverId: 'work', job, createdSinceLastPoll: false });
    }
    store.apply({
      type: 'job-added',
      serverId: 'work',
      job: makeJob({ id: 'live' }),
      createdSinceLastPoll: false,
    });
    const dropped = store.prune(10_000_000, { maxFinishedPerServer: 2 });
    expect(dropped.map((ref) => ref.jobId).sort()).toEqual(['f0', 'f1', 'f2']);
    expect(store.jobs().map((t) => t.job.id)).toEqual(['live', 'f4', 'f3']);
  });

  it('counts the finished jobs of its busiest server as they end, are dropped, or leave', () => {
    const { store } = setup();
    const add = (serverId: string, id: string) =>
      store.apply({ type: 'job-added', serverId, job: makeJob({ id }), createdSinceLastPoll: false });
    const end = (serverId: string, id: string) =>
      store.apply({
        type: 'job-finished',
        serverId,
        job: finished(makeJob({ id }), 'completed'),
        status: 'completed',
        previous: makeJob({ id }),
        catchUp: false,
      });
    for (const id of ['a', 'b', 'c']) add('work', id);
    add('home', 'x');
    expect(store.mostFinished()).toBe(0);
    end('work', 'a');
    end('work', 'b');
    end('home', 'x');
    end('work', 'b'); // the same ending read twice counts once
    expect(store.mostFinished()).toBe(2);
    store.apply({
      type: 'job-gone',
      serverId: 'work',
      jobId: 'a',
      previous: makeJob({ id: 'a' }),
      reason: 'not-found',
    });
    expect(store.mostFinished()).toBe(1);
    store.removeServer('work');
    expect(store.mostFinished()).toBe(1);
  });
});
