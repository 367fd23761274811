import { describe, expect, it } from 'vitest';
import type { ListJobsQuery } from '../../../main/core/cidx/api';
import { failure } from '../../support/fake-cidx-api';
import type { Harness } from './helpers';
import { eventsOf, harness } from './helpers';

const TICK_MS = 2_000;

/** The calls of the next tick, as `list:<status|all>` or `get:<job id>`. */
async function nextTick(h: Harness): Promise<string[]> {
  const from = h.api.log.length;
  await h.clock.advance(TICK_MS);
  return h.api.log
    .slice(from)
    .map((call) =>
      call.method === 'listJobs'
        ? `list:${(call.arg as ListJobsQuery).status ?? 'all'}`
        : `${call.method === 'getJob' ? 'get' : call.method}:${String(call.arg)}`,
    );
}

describe('few jobs are followed by GET', () => {
  it('reads one running job by GET once nothing moves, with the unfiltered list at the idle cadence', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0); // the first look: probe, running, pending, all

    const ticks: string[][] = [];
    for (let n = 0; n < 8; n += 1) ticks.push(await nextTick(h));
    expect(ticks).toEqual([
      ['list:running'], // the job was just added: look around once more
      [`get:${job.id}`],
      [`get:${job.id}`],
      [`get:${job.id}`],
      [`get:${job.id}`],
      [`get:${job.id}`],
      [`get:${job.id}`],
      // 16 s since the last unfiltered list (idle interval 15 s): it discovers, and shows the job.
      ['list:all'],
    ]);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'online', mode: 'active' });
  });

  it('never costs more than one request a tick for one long job (per-job polling)', async () => {
    const h = harness();
    h.api.addJob({ status: 'running', operationType: 'global_repo_refresh' });
    h.engine.start();
    await h.clock.advance(TICK_MS * 2);
    h.api.resetCalls();
    const ticks = (10 * 60_000) / TICK_MS;
    for (let n = 0; n < ticks; n += 1) await h.clock.advance(TICK_MS);
    // Phases come with the GET; the discovery list replaces that tick's GET (it shows the job).
    expect(h.api.totalCalls()).toBeLessThanOrEqual(ticks + ticks * (TICK_MS / 15_000));
    expect(h.api.calls.getJob).toBeGreaterThan(ticks * 0.85);
  });

  it('discovers a job submitted elsewhere at the idle cadence, then looks around with the lists', async () => {
    const h = harness();
    h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(TICK_MS * 3);
    const other = h.api.addJob({ status: 'pending' });
    let waited = 0;
    while (eventsOf(h.events, 'job-added').every((event) => event.job.id !== other.id)) {
      await nextTick(h);
      waited += TICK_MS;
    }
    expect(waited).toBeLessThanOrEqual(15_000);
    expect(eventsOf(h.events, 'job-added').at(-1)).toMatchObject({
      job: { id: other.id },
      createdSinceLastPoll: true,
    });
    // Something moved: the next tick lists running and (a pending job is known) pending.
    expect(await nextTick(h)).toEqual(['list:pending', 'list:running']);
  });

  it('reads an ending by its GET once, then looks at everything once for what comes next', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(TICK_MS * 3);
    h.api.updateJob(job.id, { status: 'failed', error: 'boom' });
    // Submitted elsewhere, still queued: the running list would not show it.
    const next = h.api.addJob({ status: 'pending' });
    expect(await nextTick(h)).toEqual([`get:${job.id}`]);
    expect(eventsOf(h.events, 'job-finished')).toEqual([
      expect.objectContaining({
        status: 'failed',
        catchUp: false,
        job: expect.objectContaining({ error: 'boom' }),
      }),
    ]);
    // Nothing else tracked, yet one more look at the active cadence, at every status.
    expect(await nextTick(h)).toEqual(['list:all']);
    expect(eventsOf(h.events, 'job-added').at(-1)).toMatchObject({
      job: { id: next.id, status: 'pending' },
      createdSinceLastPoll: true,
    });
    await h.clock.advance(60_000);
    expect(eventsOf(h.events, 'job-finished')).toHaveLength(1);
  });

  it('goes idle after that one look when nothing new is there', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(TICK_MS * 3);
    h.api.updateJob(job.id, { status: 'completed', progress: 100 });
    expect(await nextTick(h)).toEqual([`get:${job.id}`]);
    expect(await nextTick(h)).toEqual(['list:all']);
    expect(h.engine.getServerState('s1')).toMatchObject({ mode: 'idle', nextPollAt: h.clock.now() + 15_000 });
  });

  it('goes offline when the GETs it relies on cannot reach the server, degraded when they only fail', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(TICK_MS * 3);

    h.api.failNext('getJob', failure('server-error', { status: 500 }));
    expect(await nextTick(h)).toEqual([`get:${job.id}`]);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'degraded', lastSuccessAt: h.clock.now() });
    expect(await nextTick(h)).toEqual(['list:running']); // a call failed: not settled
    expect(h.engine.getServerState('s1')?.health).toBe('online');

    await nextTick(h);
    h.api.failNext('getJob', failure('offline'));
    expect(await nextTick(h)).toEqual([`get:${job.id}`]);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'offline', mode: 'backoff' });
    const wait = h.engine.getServerState('s1')!.nextPollAt! - h.clock.now();
    await h.clock.advance(wait);
    expect(h.engine.getServerState('s1')?.health).toBe('online');
    expect(h.engine.getJobs('s1').map((known) => known.id)).toEqual([job.id]);
  });
});
