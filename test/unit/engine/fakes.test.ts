/** The test doubles others build on behave like the real thing where it matters. */
import { describe, expect, it } from 'vitest';
import { FakeCidxApi, failure } from '../../support/fake-cidx-api';
import { FakeClock } from '../../support/fake-clock';
import { eventsOf, harness } from './helpers';

describe('FakeClock', () => {
  it('runs due timers in order, moving time to each, and lets async work finish between them', async () => {
    const clock = new FakeClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve().then(() => seen.push(`async@${clock.now()}`));
    }, 50);
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 100);
    const cancelled = clock.setTimeout(() => seen.push('never'), 20);
    clock.clearTimeout(cancelled);
    clock.setTimeout(() => seen.push('later'), 500);
    await clock.advance(100);
    expect(seen).toEqual(['async@1050', 'b@1100']);
    expect(clock.now()).toBe(1_100);
    expect(clock.pendingTimers()).toBe(1);
    await clock.runUntilIdle();
    expect(seen.at(-1)).toBe('later');
    expect(clock.now()).toBe(1_500);
  });

  it('refuses to spin forever in runUntilIdle', async () => {
    const clock = new FakeClock();
    const again = (): void => void clock.setTimeout(again, 10);
    again();
    await expect(clock.runUntilIdle(50)).rejects.toThrow(/still busy/);
  });
});

describe('FakeCidxApi', () => {
  it('lists newest first, filters by status, caps HEAD pages at 50 and nulls phases (§2.2)', async () => {
    const api = new FakeCidxApi({ now: () => 0 });
    for (let n = 0; n < 60; n += 1) api.addJob({ status: 'running', phase: 'scip', createdAt: n });
    api.addJob({ status: 'completed', createdAt: 100 });
    const page = await api.listJobs({ status: 'running', limit: 100 });
    if (!page.ok) throw new Error('list failed');
    expect(page.value.limit).toBe(50);
    expect(page.value.jobs).toHaveLength(50);
    expect(page.value.jobs[0]?.createdAt).toBe(59);
    expect(page.value.jobs.every((job) => job.phase === null && job.status === 'running')).toBe(true);
    const one = await api.getJob(page.value.jobs[0]!.id);
    expect(one.ok && one.value.phase).toBe('scip');
  });

  it('breaks HEAD offsets past limit + active, pages v5 correctly', async () => {
    const head = new FakeCidxApi({ now: () => 0 });
    const v5 = new FakeCidxApi({ flavor: 'v5', now: () => 0 });
    for (let n = 0; n < 6; n += 1) {
      head.addJob({ status: 'completed', createdAt: n });
      v5.addJob({ status: 'completed', createdAt: n });
    }
    const headPage = await head.listJobs({ limit: 2, offset: 4 });
    const v5Page = await v5.listJobs({ limit: 2, offset: 4 });
    expect(headPage.ok && headPage.value).toMatchObject({ jobs: [], total: 2 });
    expect(v5Page.ok && v5Page.value.jobs.map((job) => job.createdAt)).toEqual([1, 0]);
  });

  it('counts calls and fails them on demand', async () => {
    const api = new FakeCidxApi();
    api.failNext('getJob', failure('timeout'));
    const first = await api.getJob('nope');
    const second = await api.getJob('nope');
    expect(!first.ok && first.error.kind).toBe('timeout');
    expect(!second.ok && second.error.kind).toBe('not-found');
    api.failAlways('all', failure('offline'));
    const probe = await api.probe();
    expect(!probe.ok && probe.error.kind).toBe('offline');
    expect(api.calls).toMatchObject({ getJob: 2, probe: 1 });
    expect(api.totalCalls()).toBe(3);
  });
});

describe('PollingEngine.on', () => {
  it('returns an unsubscribe function', async () => {
    const h = harness();
    const late: unknown[] = [];
    const off = h.engine.on((event) => late.push(event));
    h.engine.start();
    await h.clock.advance(0);
    const count = late.length;
    expect(count).toBeGreaterThan(0);
    off();
    await h.clock.advance(60_000);
    expect(late).toHaveLength(count);
    expect(eventsOf(h.events, 'server-state').length).toBeGreaterThan(count);
  });
});
