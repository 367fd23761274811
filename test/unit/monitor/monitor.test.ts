import { describe, expect, it } from 'vitest';
import type { Job } from '../../../main/core/cidx/job';
import { ACTIVE_JOBS_FILE_NAME, JOB_CACHE_FILE_NAME } from '../../../main/core/monitor';
import type { MonitorPatch } from '../../../main/core/monitor';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from './helpers';

const tempDir = useTempDir();

async function worldWithWork(): Promise<FakeWorld> {
  const world = new FakeWorld(tempDir());
  await world.writeConfig([workServer]);
  return world;
}

describe('monitor: engine events', () => {
  it('feeds the job store, the snapshot and one notification for a finished job', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    const { core, delivered } = await world.core();
    core.start();
    await world.clock.advance(0);

    const submitted = await core.jobs.submitSync('work', 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    await world.clock.advance(2_000);
    const running = core.snapshot().jobs.find((job) => job.job.id === submitted.value.jobId);
    expect(running).toMatchObject({ repository: 'my-proj', operation: 'Sync', job: { status: 'pending' } });
    expect(core.snapshot().servers[0]).toMatchObject({
      config: { id: 'work' },
      state: { health: 'online' },
      username: 'alice',
      role: 'admin',
    });

    api.updateJob(submitted.value.jobId, { status: 'completed', progress: 100 });
    await world.clock.advance(10_000);
    const snapshot = core.snapshot();
    expect(snapshot.jobs.map((job) => [job.job.id, job.job.status])).toEqual([
      [submitted.value.jobId, 'completed'],
    ]);
    expect(snapshot.summary).toMatchObject({ total: 1, running: 0, worst: 'idle' });
    expect(delivered.map((intent) => intent.key)).toEqual([`work/${submitted.value.jobId}/completed`]);
    expect(`${delivered[0]?.title} ${delivered[0]?.body}`).toContain('my-proj');
    core.stop();
  });

  it('notifies exactly once per finished job across a restart over the same config dir', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    const first = await world.core();
    first.core.start();
    await world.clock.advance(2_000);
    api.updateJob(job.id, { status: 'failed', error: 'boom' });
    await world.clock.advance(2_000);
    // Stopped inside the coalescing window: stop shows what it held.
    first.core.stop();
    expect(first.delivered.map((intent) => intent.key)).toEqual([`work/${job.id}/failed`]);

    const second = await world.core();
    expect(second.core.snapshot().jobs.map((view) => view.job.status)).toEqual(['failed']);
    second.core.start();
    await world.clock.advance(120_000);
    second.core.stop();
    expect(second.delivered).toEqual([]);
  });

  it('gathers jobs that ended while the app was away into one digest', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    const a = api.addJob({ status: 'running' });
    const b = api.addJob({ status: 'running' });
    const first = await world.core();
    first.core.start();
    await world.clock.advance(2_000);
    first.core.stop();
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(true);

    await world.clock.advance(3_600_000);
    api.updateJob(a.id, { status: 'completed', progress: 100 });
    api.updateJob(b.id, { status: 'failed', error: 'merge conflict' });

    const second = await world.core();
    expect(second.core.snapshot().jobs.map((view) => view.job.status)).toEqual(['running', 'running']);
    second.core.start();
    await world.clock.advance(15_000);
    expect(second.delivered).toHaveLength(1);
    expect(second.delivered[0]).toMatchObject({ kind: 'digest' });
    expect(second.delivered[0]?.title).toMatch(/While you were away/);
    expect(second.delivered[0]?.jobs.map((ref) => ref.jobId).sort()).toEqual([a.id, b.id].sort());
    second.core.stop();
  });

  it('acknowledges failures: the summary stops counting them', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    api.updateJob(job.id, { status: 'failed', error: 'boom' });
    await world.clock.advance(2_000);
    expect(core.snapshot().summary).toMatchObject({ unacknowledgedFailures: 1, worst: 'failed' });
    core.acknowledgeFailures({ serverId: 'work' });
    expect(core.snapshot().summary).toMatchObject({ unacknowledgedFailures: 0 });
    core.stop();
  });
});

describe('monitor: versioned patches', () => {
  it('numbers patches one by one from the snapshot version, so a consumer detects a gap', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    api.addJob({ status: 'running' });
    const { core, patches } = await world.core();
    const start = core.snapshot().version;
    core.start();
    await world.clock.advance(2_000);
    expect(patches.length).toBeGreaterThan(1);
    expect(patches.map((patch) => patch.version)).toEqual(patches.map((_, index) => start + index + 1));
    expect(patches.some((patch) => patch.jobs?.length)).toBe(true);
    expect(patches.some((patch) => patch.servers?.length)).toBe(true);
    expect(core.snapshot().version).toBe(patches[patches.length - 1]?.version);

    // A consumer that stops listening for a while sees the next version jump and resyncs.
    let last = core.snapshot().version;
    const seen: MonitorPatch[] = [];
    const unsubscribe = core.subscribe((patch) => seen.push(patch));
    unsubscribe();
    api.addJob({ status: 'running' });
    core.pollNow('work');
    await world.clock.advance(2_000);
    const gaps: number[] = [];
    core.subscribe((patch) => {
      if (patch.version !== last + 1) gaps.push(patch.version);
      last = patch.version;
    });
    core.pollNow('work');
    await world.clock.advance(2_000);
    expect(seen).toEqual([]);
    expect(gaps).toHaveLength(1);
    expect(core.snapshot().version).toBe(last);
    expect(JSON.parse(JSON.stringify(core.snapshot()))).toEqual(core.snapshot());
    core.stop();
  });
});

describe('monitor: persistence', () => {
  it('starts empty and reports a corrupt job cache instead of crashing', async () => {
    const world = await worldWithWork();
    world.writeDocument(JOB_CACHE_FILE_NAME, '{ "version": 1, "jobs": [ broken');
    const { core } = await world.core();
    expect(core.snapshot().jobs).toEqual([]);
    const issues = core.configIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'not-json' });
    expect(issues[0]?.message).toContain(JOB_CACHE_FILE_NAME);
    expect(core.snapshot().issues).toEqual(issues);
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(false);

    world.api('work').addJob({ status: 'running' });
    core.start();
    await world.clock.advance(2_000);
    expect(core.snapshot().jobs).toHaveLength(1);
    core.stop();
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(true);
  });

  it('writes a new running job to the small active-jobs file within seconds, the whole cache within a minute', async () => {
    const world = await worldWithWork();
    world.api('work').addJob({ status: 'running' });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(1_000);
    expect(world.hasDocument(ACTIVE_JOBS_FILE_NAME)).toBe(false);
    await world.clock.advance(5_000);
    expect(world.hasDocument(ACTIVE_JOBS_FILE_NAME)).toBe(true);
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(false);
    await world.clock.advance(60_000);
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(true);
    core.stop();
  });

  it('progress or an ending waits for the minute; the cache then holds it and the active file is emptied', async () => {
    const world = await worldWithWork();
    const api = world.api('work');
    const job = api.addJob({ status: 'running', progress: 10 });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(6_000);
    const activeJob = () =>
      (world.readDocument(ACTIVE_JOBS_FILE_NAME) as { jobs: { job: Job }[] }).jobs[0]?.job;
    const cached = () => (world.readDocument(JOB_CACHE_FILE_NAME) as { jobs: { job: Job }[] }).jobs[0]?.job;
    expect(activeJob()).toMatchObject({ progress: 10 });
    api.updateJob(job.id, { progress: 40 });
    await world.clock.advance(10_000);
    expect(activeJob()).toMatchObject({ progress: 10 }); // progress alone waits
    api.updateJob(job.id, { status: 'completed', progress: 100 });
    await world.clock.advance(6_000);
    expect(activeJob()).toMatchObject({ status: 'running' }); // an ending waits too (the ledger dedupes)
    await world.clock.advance(60_000);
    expect(cached()).toMatchObject({ status: 'completed' });
    expect(activeJob()).toBeUndefined();
    core.stop();
  });

  it('a job seen only by the active-jobs file (killed before the cache was written) is known at the next start', async () => {
    const world = await worldWithWork();
    world.api('work').addJob({ id: 'seen-then-killed', status: 'running' });
    const first = await world.core();
    first.core.start();
    await world.clock.advance(6_000);
    expect(world.hasDocument(JOB_CACHE_FILE_NAME)).toBe(false);
    // No stop(): the process died. The next start reads the same folder.
    const next = new FakeWorld(world.dir);
    const { core } = await next.core();
    expect(core.snapshot().jobs.map((view) => view.job.id)).toEqual(['seen-then-killed']);
  });

  it('drops finished jobs past the retention settings', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer], { retention: { maxFinishedPerServer: 2 } });
    const api = world.api('work');
    for (let index = 0; index < 4; index += 1) api.addJob({ status: 'completed', progress: 100 });
    const { core, patches } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    expect(core.snapshot().jobs).toHaveLength(4);
    await world.clock.advance(10 * 60_000);
    expect(core.snapshot().jobs).toHaveLength(2);
    expect(patches.flatMap((patch) => patch.removedJobs ?? [])).toHaveLength(2);
    core.stop();
  });

  it('prunes at once, not at the next periodic prune, when endings pile up past the limit', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer], { retention: { maxFinishedPerServer: 2 } });
    const api = world.api('work');
    const { core } = await world.core();
    core.start();
    await world.clock.advance(0);
    // 20 jobs end each second: over a minute, far more than the 2 kept plus the slack of 50.
    let mostHeld = 0;
    for (let second = 0; second < 60; second += 1) {
      for (let index = 0; index < 20; index += 1) api.addJob({ status: 'completed', progress: 100 });
      await world.clock.advance(1_000);
      mostHeld = Math.max(mostHeld, core.snapshot().jobs.length);
    }
    expect(mostHeld).toBeGreaterThan(2);
    expect(mostHeld).toBeLessThanOrEqual(2 + 50 + 20);
    core.stop();
  });
});
