import { describe, expect, it } from 'vitest';
import { eventsOf, harness } from './helpers';

const getsOf = (log: { method: string; arg?: unknown }[], jobId: string) =>
  log.filter((call) => call.method === 'getJob' && call.arg === jobId).length;

describe('PollingEngine on one server', () => {
  it('probes once, lists, reports history and comes online', async () => {
    const h = harness();
    const old = h.api.addJob({ status: 'completed', progress: 100, createdAt: h.clock.now() - 3_600_000 });
    h.engine.start();
    expect(h.engine.getServerState('s1')?.health).toBe('connecting');
    await h.clock.advance(0);
    expect(h.api.calls.probe).toBe(1);
    expect(eventsOf(h.events, 'job-added')).toEqual([
      { type: 'job-added', serverId: 's1', job: old, createdSinceLastPoll: false },
    ]);
    const state = h.engine.getServerState('s1');
    expect(state).toMatchObject({ health: 'online', version: '11.79.0', flavor: 'head', mode: 'idle' });
    expect(state?.lastSuccessAt).toBe(h.clock.now());
    expect(state?.nextPollAt).toBe(h.clock.now() + 15_000);
    expect(eventsOf(h.events, 'server-state').at(-1)?.state.health).toBe('online');
    await h.clock.advance(60_000);
    expect(h.api.calls.probe).toBe(1); // not every tick
  });

  it('detects a start and a finish of a job submitted elsewhere', async () => {
    const h = harness();
    h.engine.start();
    await h.clock.advance(0);
    const job = h.api.addJob({ status: 'pending' });
    await h.clock.advance(15_000);
    expect(eventsOf(h.events, 'job-added')[0]).toMatchObject({
      job: { id: job.id },
      createdSinceLastPoll: true,
    });
    expect(h.engine.getServerState('s1')?.mode).toBe('active');

    h.api.updateJob(job.id, { status: 'running', progress: 25 });
    await h.clock.advance(2_000);
    expect(eventsOf(h.events, 'job-changed').at(-1)?.job).toMatchObject({ status: 'running', progress: 25 });

    h.api.updateJob(job.id, { status: 'completed', progress: 100 });
    await h.clock.advance(2_000);
    const finished = eventsOf(h.events, 'job-finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ status: 'completed', catchUp: false, job: { id: job.id } });

    await h.clock.advance(60_000);
    expect(eventsOf(h.events, 'job-finished')).toHaveLength(1);
    expect(h.engine.getServerState('s1')?.mode).toBe('idle');
  });

  it('spends one GET per transition on a job that leaves the running list', async () => {
    const h = harness();
    // Three jobs: more than the few that are cheaper to follow by GET, so the lists follow them.
    const job = h.api.addJob({ status: 'running' });
    h.api.addJob({ status: 'running' });
    h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0);
    // Push the job out of the unfiltered window: 50 newer finished jobs.
    for (let n = 0; n < 50; n += 1) h.api.addJob({ status: 'completed', progress: 100 });
    await h.clock.advance(2_000);
    h.api.updateJob(job.id, { status: 'failed', error: 'boom' });
    await h.clock.advance(2_000);
    expect(eventsOf(h.events, 'job-finished').map((event) => event.job.id)).toEqual([job.id]);
    expect(getsOf(h.api.log, job.id)).toBe(1);
    await h.clock.advance(60_000);
    expect(getsOf(h.api.log, job.id)).toBe(1);
  });

  it('reports jobs lost in a v5 restart as gone, and a HEAD restart as failed', async () => {
    const v5 = harness({ flavor: 'v5' });
    const job = v5.api.addJob({ status: 'running' });
    v5.engine.start();
    await v5.clock.advance(0);
    v5.api.restart();
    await v5.clock.advance(2_000);
    expect(eventsOf(v5.events, 'job-gone')).toEqual([
      {
        type: 'job-gone',
        serverId: 's1',
        jobId: job.id,
        previous: expect.objectContaining({ id: job.id }),
        reason: 'not-found',
      },
    ]);
    expect(v5.engine.getJobs('s1')).toEqual([]);
    expect(v5.engine.getServerState('s1')?.health).toBe('online');

    const head = harness();
    const headJob = head.api.addJob({ status: 'running' });
    head.engine.start();
    await head.clock.advance(0);
    head.api.restart();
    await head.clock.advance(2_000);
    expect(eventsOf(head.events, 'job-finished')[0]).toMatchObject({
      status: 'failed',
      job: { id: headJob.id, error: 'Job interrupted by server restart' },
    });
  });

  it('learns phases by GET and keeps them while lists show the job', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running', operationType: 'global_repo_refresh', progress: 30 });
    h.api.updateJob(job.id, { phase: 'semantic', phaseDetail: '45/120 files (37%)' });
    h.engine.start();
    h.engine.setFocus('s1', [job.id]);
    await h.clock.advance(0);
    expect(h.engine.getJobs('s1')[0]).toMatchObject({ phase: 'semantic', phaseDetail: '45/120 files (37%)' });
    h.api.updateJob(job.id, { phase: 'fts', phaseDetail: 'FTS: building index...', progress: 60 });
    await h.clock.advance(2_000);
    const changes = eventsOf(h.events, 'job-changed');
    expect(changes.at(-1)?.job).toMatchObject({ phase: 'fts', progress: 60 });
    expect(changes.some((event) => event.job.phase === null)).toBe(false);
  });

  it('reads the phase of a job nobody has on screen only now and then (the tray shows it)', async () => {
    const h = harness();
    // Several, so the lists follow them (one alone is followed by its own GET every tick).
    const jobs = [1, 2, 3].map(() =>
      h.api.addJob({ status: 'running', operationType: 'global_repo_refresh', progress: 30 }),
    );
    h.engine.start();
    // Each read once (two a tick), then not again for unwatchedPhaseEveryMs.
    await h.clock.advance(2_000);
    const gets = () => h.api.calls.getJob;
    const first = gets();
    await h.clock.advance(5_000);
    expect(gets()).toBe(first);
    h.api.updateJob(jobs[0]!.id, { phase: 'fts' });
    await h.clock.advance(5_000);
    expect(gets()).toBeGreaterThan(first);
    expect(h.engine.getJobs('s1').find((job) => job.id === jobs[0]!.id)?.phase).toBe('fts');
  });

  it('never spends a phase GET on sync_repository (it reports none, §4.6)', async () => {
    const h = harness();
    // Three of them: followed by the lists (one alone would be followed by GET, see below).
    const syncs = [1, 2, 3].map(() => h.api.addJob({ status: 'running', operationType: 'sync_repository' }));
    h.engine.start();
    await h.clock.advance(20_000);
    expect(h.api.calls.getJob).toBe(0);
    expect(getsOf(h.api.log, syncs[0]!.id)).toBe(0);
  });

  it('reads a job it just submitted even before any list shows it', async () => {
    const h = harness();
    h.engine.start();
    await h.clock.advance(0);
    const submitted = await h.api.submitSync('repo-a');
    if (!submitted.ok) throw new Error('submit failed');
    const jobId = submitted.value.jobId;
    h.api.hiddenFromLists.add(jobId);
    h.engine.trackJob('s1', jobId);
    h.engine.pollNow('s1');
    await h.clock.advance(0);
    expect(getsOf(h.api.log, jobId)).toBe(1);
    expect(eventsOf(h.events, 'job-added').at(-1)).toMatchObject({
      job: { id: jobId },
      createdSinceLastPoll: true,
    });
    expect(h.engine.getServerState('s1')?.mode).toBe('active');
  });

  it('fetches focused jobs first', async () => {
    const h = harness({ engine: { phaseGetsPerTick: 1 } });
    const jobs = [1, 2, 3].map(() => h.api.addJob({ status: 'running', operationType: 'reindex' }));
    h.engine.start();
    await h.clock.advance(0);
    h.engine.setFocus('s1', [jobs[2]!.id]);
    h.api.resetCalls();
    await h.clock.advance(2_000);
    await h.clock.advance(2_000);
    expect(h.api.log.filter((call) => call.method === 'getJob').map((call) => call.arg)).toEqual([
      jobs[2]!.id,
      jobs[2]!.id,
    ]);
  });

  it('reports endings of seeded jobs on the first poll as catch-up', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    const seeded = { ...job };
    h.api.updateJob(job.id, { status: 'completed', progress: 100 });
    const fresh = harness({ api: h.api, seed: [seeded] });
    fresh.engine.start();
    await fresh.clock.advance(0);
    expect(eventsOf(fresh.events, 'job-finished')).toEqual([
      expect.objectContaining({
        status: 'completed',
        catchUp: true,
        job: expect.objectContaining({ id: job.id }),
      }),
    ]);
    expect(eventsOf(fresh.events, 'job-added')).toEqual([]);
  });

  it('switches an idle server to the active cadence on a command', async () => {
    const h = harness();
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.getServerState('s1')?.nextPollAt).toBe(h.clock.now() + 15_000);
    h.engine.noteCommand('s1');
    expect(h.engine.getServerState('s1')?.nextPollAt).toBe(h.clock.now() + 2_000);
    expect(eventsOf(h.events, 'server-state').at(-1)?.state.mode).toBe('active');
    await h.clock.advance(2_000);
    expect(h.engine.getServerState('s1')?.mode).toBe('active');
    await h.clock.advance(40_000);
    expect(h.engine.getServerState('s1')?.mode).toBe('idle');
  });

  it('falls silent for a removed server', async () => {
    const h = harness();
    h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0);
    h.engine.removeServer('s1');
    const calls = h.api.totalCalls();
    const events = h.events.length;
    await h.clock.advance(120_000);
    expect(h.api.totalCalls()).toBe(calls);
    expect(h.events.length).toBe(events);
    expect(h.engine.getServerState('s1')).toBeNull();
  });

  it('pauses on stop, and reports what ended meanwhile as catch-up after start', async () => {
    const h = harness();
    const job = h.api.addJob({ status: 'running' });
    h.engine.start();
    await h.clock.advance(0);
    h.engine.stop();
    expect(h.engine.getServerState('s1')).toMatchObject({ mode: 'paused', nextPollAt: null });
    expect(eventsOf(h.events, 'server-state').at(-1)?.state.mode).toBe('paused');
    const calls = h.api.totalCalls();
    h.api.updateJob(job.id, { status: 'completed', progress: 100 });
    await h.clock.advance(600_000);
    expect(h.api.totalCalls()).toBe(calls);
    h.engine.start();
    await h.clock.advance(0);
    expect(eventsOf(h.events, 'job-finished')).toEqual([expect.objectContaining({ catchUp: true })]);
  });

  it('leaves no timer behind when a listener removes its server mid-tick', async () => {
    const h = harness();
    h.api.addJob({ status: 'running' });
    h.engine.on((event) => {
      if (event.type === 'job-added') h.engine.removeServer('s1');
    });
    h.engine.start();
    await h.clock.advance(0);
    expect(h.clock.pendingTimers()).toBe(0);
    expect(h.engine.serverIds()).toEqual([]);
  });
});

describe('PollingEngine batches', () => {
  it('hands each tick over as one batch: its job events in order, its state last', async () => {
    const h = harness();
    const batches: { serverId: string; types: string[] }[] = [];
    h.engine.onBatch((batch) =>
      batches.push({ serverId: batch.serverId, types: batch.events.map((event) => event.type) }),
    );
    h.api.addJob({ status: 'running' });
    h.api.addJob({ status: 'pending' });
    h.engine.start();
    await h.clock.advance(0);
    const tick = batches.find((batch) => batch.types.includes('job-added'));
    expect(tick).toEqual({ serverId: 's1', types: ['job-added', 'job-added', 'server-state'] });
    // The per-event stream is the same events, flattened.
    expect(h.events.filter((event) => event.type === 'job-added')).toHaveLength(2);
  });
});

describe('PollingEngine: unreadable jobs', () => {
  it('says in the server state how many listed jobs could not be read, and clears it', async () => {
    const h = harness();
    h.api.addJob({ status: 'running' });
    const listJobs = h.api.listJobs.bind(h.api);
    let unreadable = 3;
    h.api.listJobs = async (query) => {
      const page = await listJobs(query);
      return page.ok && unreadable > 0 ? { ok: true, value: { ...page.value, unreadable } } : page;
    };
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'online', unreadableJobs: 3 });
    unreadable = 0;
    await h.clock.advance(2_000);
    expect(h.engine.getServerState('s1')?.unreadableJobs).toBe(0);
  });
});
