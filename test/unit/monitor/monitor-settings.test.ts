import { describe, expect, it } from 'vitest';
import { applySettingsPatch } from '../../../main/core/monitor';
import { defaultSettings } from '../../../main/core/config/settings';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from './helpers';

const tempDir = useTempDir();

describe('monitor: settings, live', () => {
  it('applies new polling intervals to a running engine', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    const api = world.api('work');
    const { core } = await world.core();
    core.start();
    await world.clock.advance(60_000);
    const idleLists = api.calls.listJobs;
    expect(idleLists).toBeGreaterThanOrEqual(4);

    const changed = await core.updateSettings({ polling: { idleIntervalMs: 120_000 } });
    expect(changed).toMatchObject({ ok: true, value: { polling: { idleIntervalMs: 120_000 } } });
    await world.clock.advance(15_000); // the tick already scheduled at the old cadence
    const before = api.calls.listJobs;
    await world.clock.advance(240_000);
    expect(api.calls.listJobs - before).toBeLessThanOrEqual(2);
    expect(world.readConfigText()).toContain('120000');
    core.stop();
  });

  it('applies notification settings at once and announces the change', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    const { core, delivered, patches } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    const changed = await core.updateSettings({ notifications: { enabled: false } });
    expect(changed.ok).toBe(true);
    expect(patches[patches.length - 1]).toMatchObject({ settings: { notifications: { enabled: false } } });
    api.updateJob(job.id, { status: 'completed', progress: 100 });
    await world.clock.advance(20_000);
    expect(core.snapshot().jobs[0]?.job.status).toBe('completed');
    expect(delivered).toEqual([]);
    expect(core.getSettings().notifications.enabled).toBe(false);
    core.stop();
  });

  it('refuses an invalid change and keeps the settings as they were', async () => {
    const world = new FakeWorld(tempDir());
    const { core, patches } = await world.core();
    const refused = await core.updateSettings({ polling: { activeIntervalMs: 10 } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!refused.ok) expect(refused.error.message).toContain('polling.activeIntervalMs');
    expect(core.getSettings()).toEqual(defaultSettings());
    expect(patches).toEqual([]);
  });
});

describe('applySettingsPatch', () => {
  it('merges nested fields and keeps the rest', () => {
    const patched = applySettingsPatch(defaultSettings(), {
      notifications: { quietHours: { enabled: true } },
    });
    if (!patched.ok) throw new Error(patched.error.message);
    expect(patched.value.notifications.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(patched.value.polling).toEqual(defaultSettings().polling);
  });
});
