/**
 * The patch stream: one patch per engine tick, only what changed, a heartbeat when a poll changed
 * nothing but the time, and nothing at all when nothing a view shows changed.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorPatch } from '../../../main/core/monitor';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from './helpers';

const tempDir = useTempDir();

async function started() {
  const world = new FakeWorld(tempDir());
  await world.writeConfig([workServer]);
  const api = world.api('work');
  const harness = await world.core();
  harness.core.start();
  await world.clock.advance(0);
  return { world, api, ...harness };
}

const since = (patches: MonitorPatch[], from: number) => patches.slice(from);

describe('patch stream', () => {
  it('sends one patch per tick with every job that tick changed', async () => {
    const { world, api, core, patches } = await started();
    const before = patches.length;
    for (let index = 0; index < 30; index += 1) api.addJob({ status: 'running', progress: index });
    core.pollNow();
    await world.clock.advance(0);
    const tick = since(patches, before);
    expect(tick).toHaveLength(1);
    expect(tick[0]?.jobs).toHaveLength(30);
    expect(tick[0]?.summary).toMatchObject({ running: 30 });
    core.stop();
  });

  it('sends only a heartbeat of a few dozen bytes when a poll changed nothing but the time', async () => {
    const { world, core, patches } = await started();
    await world.clock.advance(20_000); // past the first ticks' settling
    const before = patches.length;
    await world.clock.advance(15_000 * 4); // four idle polls
    const idle = since(patches, before);
    expect(idle.length).toBeGreaterThanOrEqual(3);
    for (const patch of idle) {
      expect(Object.keys(patch).sort()).toEqual(['polled', 'version']);
      expect(JSON.stringify(patch).length).toBeLessThan(100);
    }
    const times = idle.map((patch) => patch.polled?.work ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(core.snapshot().servers[0]?.state?.lastSuccessAt);
    core.stop();
  });

  it('sends a job again only when it moved, and the summary only when it changed', async () => {
    const { world, api, core, patches } = await started();
    const quiet = api.addJob({ status: 'running', progress: 25, operationType: 'sync_repository' });
    const moving = api.addJob({ status: 'running', progress: 10, operationType: 'sync_repository' });
    core.pollNow();
    await world.clock.advance(0);
    const before = patches.length;
    api.updateJob(moving.id, { progress: 60 });
    await world.clock.advance(1_000);
    const changed = since(patches, before).filter((patch) => patch.jobs);
    expect(changed.flatMap((patch) => patch.jobs!.map((view) => view.job.id))).toEqual([moving.id]);
    expect(changed.flatMap((patch) => patch.jobs!)).not.toContainEqual(
      expect.objectContaining({ job: expect.objectContaining({ id: quiet.id }) }),
    );
    // The mean progress moved (25+60)/2: the summary says so, once.
    expect(since(patches, before).filter((patch) => patch.summary)).toHaveLength(1);
    core.stop();
  });

  it('numbers every patch one after the other and matches the snapshot version', async () => {
    const { world, api, core, patches } = await started();
    api.addJob({ status: 'running' });
    core.pollNow();
    await world.clock.advance(5_000);
    await core.acknowledgeFailures();
    const versions = patches.map((patch) => patch.version);
    expect(versions).toEqual(versions.map((_, index) => versions[0]! + index));
    expect(core.snapshot().version).toBe(versions.at(-1));
    core.stop();
  });
});
