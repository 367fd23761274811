/** The stores as a projection of main: snapshot, versioned patches, resync on a gap or reconnect. */
import { waitFor } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { useJobsStore } from '../../renderer/stores/jobsStore';
import { useProjectionStore } from '../../renderer/stores/projectionStore';
import { useServersStore } from '../../renderer/stores/serversStore';
import { useSettingsStore } from '../../renderer/stores/settingsStore';
import { useUiStore } from '../../renderer/stores/uiStore';
import { startSubscriptions } from '../../renderer/subscriptions';
import { FakeBridge } from './support/fakeBridge';
import { makeJob, makeServer, makeSnapshot, patch } from './support/fixtures';

async function started(fake: FakeBridge, schedule: (flush: () => void) => void = (flush) => flush()) {
  fake.install();
  let clock = 1_000;
  const stop = startSubscriptions(fake.bridge, { now: () => clock, focusDelayMs: 0, schedule });
  onTestFinished(stop);
  await waitFor(() => expect(useProjectionStore.getState().status).toBe('ready'));
  return { advance: (ms: number) => (clock += ms) };
}

const job = (key: string) => useJobsStore.getState().jobs.get(key);

describe('projection', () => {
  it('loads the snapshot into the stores', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a' })] }));
    await started(fake);
    expect(useProjectionStore.getState().version).toBe(7);
    expect(useServersStore.getState().servers.map((s) => s.config.name)).toEqual(['Production']);
    expect(job('prod/a')?.view.job.status).toBe('running');
    expect(useSettingsStore.getState().settings?.theme).toBe('system');
    expect(document.documentElement.dataset['theme']).toBe('system');
  });

  it('applies the next patches in order and records progress samples and phases', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a', progress: 10 })] }));
    const { advance } = await started(fake);
    advance(5000);
    fake.emit('core:patch', patch(8, { jobs: [makeJob({ id: 'a', progress: 40, phase: 'indexing' })] }));
    advance(5000);
    fake.emit('core:patch', patch(9, { jobs: [makeJob({ id: 'b', status: 'pending' })] }));
    expect(useProjectionStore.getState().version).toBe(9);
    expect(job('prod/a')?.samples).toEqual([
      { at: 1000, progress: 10 },
      { at: 6000, progress: 40 },
    ]);
    expect(job('prod/a')?.timeline.map((t) => t.phase)).toEqual([null, 'indexing']);
    expect(job('prod/b')?.view.job.status).toBe('pending');

    fake.emit('core:patch', patch(10, { removedJobs: [{ serverId: 'prod', jobId: 'b' }] }));
    expect(job('prod/b')).toBeUndefined();
    expect(fake.callsTo('snapshot:get')).toHaveLength(1);
  });

  it('takes a heartbeat as the new poll time of its server, changing nothing else', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a' })] }));
    await started(fake);
    const before = useServersStore.getState().servers[0]!;
    fake.emit('core:patch', patch(8, { polled: { prod: 1_234_567 } }));
    const after = useServersStore.getState().servers[0]!;
    expect(after.state?.lastSuccessAt).toBe(1_234_567);
    expect({ ...after.state, lastSuccessAt: 0, lastAttemptAt: 0 }).toEqual({
      ...before.state,
      lastSuccessAt: 0,
      lastAttemptAt: 0,
    });
    expect(useProjectionStore.getState().version).toBe(8);
    expect(job('prod/a')?.view.job.status).toBe('running');
  });

  it('ignores a patch it already has', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a', progress: 10 })] }));
    await started(fake);
    fake.emit('core:patch', patch(7, { jobs: [makeJob({ id: 'a', progress: 99 })] }));
    expect(job('prod/a')?.view.job.progress).toBe(10);
    expect(fake.callsTo('snapshot:get')).toHaveLength(1);
  });

  it('asks for a new snapshot when a version is skipped', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a' })] }));
    await started(fake);
    fake.snapshot = makeSnapshot({
      version: 12,
      jobs: [makeJob({ id: 'a', status: 'completed', progress: 100 })],
    });
    fake.emit('core:patch', patch(9, { jobs: [makeJob({ id: 'zzz' })] }));
    await waitFor(() => expect(useProjectionStore.getState().version).toBe(12));
    expect(fake.callsTo('snapshot:get')).toHaveLength(2);
    expect(job('prod/zzz')).toBeUndefined();
    expect(job('prod/a')?.view.job.status).toBe('completed');
    // History observed before the resync is kept.
    expect(job('prod/a')?.timeline.map((t) => t.status)).toEqual(['running', 'completed']);
  });

  it('resyncs after the bridge reconnects', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7 }));
    await started(fake);
    fake.setConnection('reconnecting');
    expect(useProjectionStore.getState().connection).toBe('reconnecting');
    fake.snapshot = makeSnapshot({ version: 30, servers: [makeServer(), makeServer('staging')] });
    fake.setConnection('connected');
    await waitFor(() => expect(useProjectionStore.getState().version).toBe(30));
    expect(useServersStore.getState().servers).toHaveLength(2);
  });

  it('applies server removal, summary and settings changes', async () => {
    const fake = new FakeBridge(
      makeSnapshot({
        version: 1,
        servers: [makeServer(), makeServer('staging')],
        jobs: [makeJob({ serverId: 'staging' })],
      }),
    );
    await started(fake);
    fake.emit('core:patch', patch(2, { removedServers: ['staging'] }));
    const settings = { ...fake.snapshot.settings, theme: 'dark' as const };
    fake.emit('core:patch', patch(3, { settings }));
    expect(useServersStore.getState().servers.map((s) => s.config.id)).toEqual(['prod']);
    expect(useJobsStore.getState().jobs.size).toBe(0);
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });

  it('shows the job a notification click asks for', async () => {
    const fake = new FakeBridge(makeSnapshot({ jobs: [makeJob({ id: 'a' })] }));
    await started(fake);
    useUiStore.getState().setView('settings');
    fake.emit('app:show-job', { serverId: 'prod', jobId: 'a' });
    expect(useUiStore.getState().view).toBe('jobs');
    expect(useUiStore.getState().selectedJob).toBe('prod/a');
  });

  it('says why the snapshot could not be loaded', async () => {
    const fake = new FakeBridge().on('snapshot:get', () => ({
      ok: false,
      error: { kind: 'timeout', message: 'CIDX Tray did not answer within 30 s.' },
    }));
    fake.install();
    onTestFinished(startSubscriptions(fake.bridge, { reloadDelayMs: 60_000 }));
    await waitFor(() => expect(useProjectionStore.getState().status).toBe('failed'));
    expect(useProjectionStore.getState().loadError).toContain('did not answer');
  });

  it('applies the patches of one frame together, as one update of the jobs', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a', progress: 10 })] }));
    const frames: (() => void)[] = [];
    await started(fake, (flush) => frames.push(flush));
    let notifications = 0;
    onTestFinished(useJobsStore.subscribe(() => (notifications += 1)));

    for (let i = 0; i < 5; i += 1)
      fake.emit('core:patch', patch(8 + i, { jobs: [makeJob({ id: 'a', progress: 20 + i })] }));
    expect(frames).toHaveLength(1); // one frame asked for, however many patches
    expect(job('prod/a')?.view.job.progress).toBe(10); // nothing applied before the frame

    frames.shift()!();
    expect(notifications).toBe(1);
    expect(job('prod/a')?.view.job.progress).toBe(24);
    expect(useProjectionStore.getState().version).toBe(12);
  });

  it('keeps the patches before a gap in a batch and then resyncs', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 7, jobs: [makeJob({ id: 'a', progress: 10 })] }));
    const frames: (() => void)[] = [];
    await started(fake, (flush) => frames.push(flush));
    fake.emit('core:patch', patch(8, { jobs: [makeJob({ id: 'a', progress: 30 })] }));
    fake.emit('core:patch', patch(10, { jobs: [makeJob({ id: 'a', progress: 50 })] }));
    frames.shift()!();
    expect(useProjectionStore.getState().version).toBe(8);
    await waitFor(() => expect(fake.callsTo('snapshot:get')).toHaveLength(2));
  });
});
