import { describe, expect, it } from 'vitest';
import type { CidxApi, JobPage } from '../../../main/core/cidx/api';
import type { CidxFailure } from '../../../main/core/cidx/failure';
import type { Result } from '../../../main/core/result';
import { PollingEngine } from '../../../main/core/engine/engine';
import type { EngineEvent } from '../../../main/core/engine/events';
import { FakeCidxApi, failure } from '../../support/fake-cidx-api';
import { FakeClock } from '../../support/fake-clock';
import { T0, eventsOf, harness } from './helpers';

describe('faults and recovery', () => {
  it('goes offline, backs off with jitter, and recovers within one backoff interval with catch-up', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0);
    h.api.failAlways('all', failure('offline'));
    await h.clock.advance(2_000);
    let state = h.engine.getServerState('s1')!;
    expect(state).toMatchObject({ health: 'offline', mode: 'backoff', consecutiveFailures: 1 });
    expect(state.lastError?.kind).toBe('offline');
    expect(state.lastSuccessAt).toBe(T0);

    const delays: number[] = [];
    h.api.resetCalls();
    for (let n = 0; n < 8; n += 1) {
      state = h.engine.getServerState('s1')!;
      delays.push(state.nextPollAt! - h.clock.now());
      await h.clock.advance(state.nextPollAt! - h.clock.now());
    }
    expect(delays.every((delay) => delay >= 1_000 && delay <= 60_000)).toBe(true);
    expect(delays[5]).toBeGreaterThan(delays[0]!); // random 0.5: the draw grows with the ceiling
    expect(h.engine.getServerState('s1')?.consecutiveFailures).toBe(9);
    // While offline one request per attempt is spent (the probe fails, nothing else is tried).
    expect(h.api.totalCalls()).toBe(8);
    expect(h.api.calls.probe).toBe(8);

    h.api.updateJob(job.id, { status: 'completed', progress: 100 });
    h.api.failAlways('all', null);
    const wait = h.engine.getServerState('s1')!.nextPollAt! - h.clock.now();
    await h.clock.advance(wait);
    expect(h.engine.getServerState('s1')).toMatchObject({
      health: 'online',
      consecutiveFailures: 0,
      lastError: null,
    });
    expect(eventsOf(h.events, 'job-finished')).toEqual([
      expect.objectContaining({ catchUp: true, status: 'completed' }),
    ]);
    expect(h.api.calls.probe).toBe(9); // the recovering tick probed again: flavour and version may have changed
  });

  it('says auth-failed for rejected credentials, retries slowly, and recovers on pollNow', async () => {
    const h = harness();
    h.api.failAlways('all', failure('bad-credentials', { status: 401 }));
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'auth-failed', mode: 'backoff' });
    const calls = h.api.totalCalls();
    await h.clock.advance(299_000);
    expect(h.api.totalCalls()).toBe(calls);
    h.api.failAlways('all', null);
    h.engine.pollNow('s1');
    await h.clock.advance(0);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
  });

  it('is degraded when a secondary call fails but the main list answers', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running', operationType: 'reindex' });
    h.engine.start();
    // On screen, so its phase is read every tick: the secondary call of this test.
    h.engine.setFocus('s1', [job.id]);
    await h.clock.advance(0);
    h.api.failNext('getJob', failure('server-error', { status: 500 }));
    await h.clock.advance(2_000);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'degraded', mode: 'active' });
    expect(h.engine.getServerState('s1')?.lastSuccessAt).toBe(h.clock.now());
    await h.clock.advance(2_000);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
    expect(h.engine.getJobs('s1').map((known) => known.id)).toEqual([job.id]);
  });

  it('honours Retry-After, even against pollNow', async () => {
    const h = harness();
    h.engine.start();
    await h.clock.advance(0);
    h.api.failNext('listJobs', failure('rate-limited', { status: 429, retryAfterMs: 40_000 }));
    await h.clock.advance(15_000);
    expect(h.engine.getServerState('s1')?.health).toBe('degraded');
    const calls = h.api.totalCalls();
    h.engine.pollNow('s1');
    await h.clock.advance(39_000);
    expect(h.api.totalCalls()).toBe(calls);
    await h.clock.advance(1_000);
    expect(h.api.totalCalls()).toBe(calls + 1);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
  });

  it('survives an api that throws, and a listener that throws', async () => {
    const h = harness();
    h.api.addJob({ status: 'running' });
    const received: EngineEvent[] = [];
    h.engine.on(() => {
      throw new Error('listener bug');
    });
    h.engine.on((event) => received.push(event));
    h.engine.start();
    await h.clock.advance(0);
    const original = h.api.listJobs.bind(h.api);
    h.api.listJobs = () => {
      throw new Error('api bug');
    };
    await h.clock.advance(2_000);
    expect(h.engine.getServerState('s1')?.health).toBe('offline');
    h.api.listJobs = original;
    await h.clock.advance(10_000);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
    expect(eventsOf(received, 'server-state').length).toBeGreaterThan(3);
    expect(h.errors.some((error) => (error as Error).message === 'listener bug')).toBe(true);
    expect(h.errors.some((error) => (error as Error).message === 'api bug')).toBe(true);
  });
});

describe('isolation and budget', () => {
  it('keeps polling a healthy server while another one fails', async () => {
    const clock = new FakeClock(T0);
    const good = new FakeCidxApi({ now: () => clock.now() });
    const bad = new FakeCidxApi({ now: () => clock.now() });
    bad.failAlways('all', failure('timeout'));
    const engine = new PollingEngine({ clock, random: () => 0.5, reportError: () => {} });
    const events: EngineEvent[] = [];
    engine.on((event) => events.push(event));
    engine.addServer({ id: 'good', api: good });
    engine.addServer({ id: 'bad', api: bad });
    engine.start();
    const job = good.addJob({ status: 'running' });
    await clock.advance(0);
    good.updateJob(job.id, { status: 'completed', progress: 100 });
    await clock.advance(4_000);
    expect(engine.getServerState('bad')?.health).toBe('offline');
    expect(engine.getServerState('good')?.health).toBe('online');
    expect(eventsOf(events, 'job-finished').map((event) => event.serverId)).toEqual(['good']);
  });

  it('costs an idle server at most 6 requests a minute', async () => {
    const h = harness();
    h.api.addJob({ status: 'completed', progress: 100, createdAt: T0 - 3_600_000 });
    h.engine.start();
    await h.clock.advance(60_000);
    h.api.resetCalls();
    await h.clock.advance(10 * 60_000);
    expect(h.api.totalCalls() / 10).toBeLessThanOrEqual(6);
    expect(h.api.totalCalls()).toBeGreaterThanOrEqual(30); // it does keep looking
  });

  it('never spends more than the budget per tick with 200 active jobs, and finds a cancel beyond the window', async () => {
    // 200 jobs this app submitted (seeded from its last run): 145 of them older than any page.
    const server = harness();
    const jobs = Array.from({ length: 200 }, (_, index) =>
      server.api.addJob({
        status: index < 5 ? 'running' : 'pending',
        operationType: index < 5 ? 'add_golden_repo' : 'sync_repository',
        createdAt: T0 - 1_000_000 + index * 1_000,
      }),
    );
    const h = harness({ api: server.api, seed: jobs });
    h.engine.start();
    let previous = 0;
    const perTick: number[] = [];
    await h.clock.advance(0);
    for (let tick = 0; tick < 150; tick += 1) {
      perTick.push(h.api.totalCalls() - previous);
      previous = h.api.totalCalls();
      if (tick === 5) h.api.updateJob(jobs[6]!.id, { status: 'cancelled' }); // oldest pending: beyond the window
      await h.clock.advance(2_000);
    }
    expect(Math.max(...perTick)).toBeLessThanOrEqual(6);
    expect(h.engine.getJobs('s1')).toHaveLength(200);
    expect(eventsOf(h.events, 'job-finished').map((event) => event.job.id)).toEqual([jobs[6]!.id]);
  });
});

describe('pollNow coalescing', () => {
  it('never runs two polls of one server at once, and runs one more after the one in flight', async () => {
    const clock = new FakeClock(T0);
    const api = new FakeCidxApi({ now: () => clock.now() });
    let inFlight = 0;
    let maxInFlight = 0;
    let listCalls = 0;
    let release: (() => void) | null = null;
    const gated: CidxApi = Object.assign(Object.create(api) as CidxApi, {
      listJobs: async (query?: Parameters<CidxApi['listJobs']>[0]): Promise<Result<JobPage, CidxFailure>> => {
        inFlight += 1;
        listCalls += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        inFlight -= 1;
        return api.listJobs(query);
      },
    });
    const engine = new PollingEngine({ clock, random: () => 0.5, reportError: () => {} });
    engine.addServer({ id: 's1', api: gated });
    engine.start();
    await clock.advance(0);
    engine.pollNow('s1');
    engine.pollNow('s1');
    engine.pollNow();
    await clock.advance(0);
    expect(listCalls).toBe(1);
    (release as (() => void) | null)?.();
    await clock.advance(0);
    expect(listCalls).toBe(2); // exactly one more poll for the three requests, gated in turn
    expect(maxInFlight).toBe(1);
    (release as (() => void) | null)?.();
    await clock.advance(0);
    expect(listCalls).toBe(2);
    expect(engine.getServerState('s1')?.nextPollAt).toBe(clock.now() + 15_000);
  });
});
