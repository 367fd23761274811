/**
 * The monitor end to end against the CIDX double over real HTTP: a real config dir, a real
 * transport, a server added with a password, then submit, cancel and retry through the core's
 * commands, watched through its snapshot and its notification intents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { createNodeFetch } from '../../main/core/cidx/node-transport';
import { ConfigFile } from '../../main/core/config/config-file';
import { configFilePath } from '../../main/core/config/paths';
import { MemorySecretStore } from '../../main/core/config/secret-stores/memory-secret-store';
import { defaultConfigDocument, appSettingsSchema } from '../../main/core/config/settings';
import type { NotificationIntent } from '../../main/core/notify/intent';
import type { JobView, Monitor } from '../../main/core/monitor';
import { createMonitor } from '../../main/core/monitor';
import type { RunningCidxServer } from '../cidx-server/server';
import { FAST_SETTINGS, startDoubleAndConfigDir, type DoubleAndConfigDir } from '../support/host-world';
import { waitFor } from '../support/wait-for';

describe('monitor against the HEAD double', () => {
  let world: DoubleAndConfigDir;
  let server: RunningCidxServer;
  let core: Monitor;
  let serverId: string;
  const delivered: NotificationIntent[] = [];
  const secrets = new MemorySecretStore();

  const jobView = (jobId: string, status?: string): JobView | undefined =>
    core
      .snapshot()
      .jobs.find((view) => view.job.id === jobId && (status === undefined || view.job.status === status));

  beforeAll(async () => {
    world = await startDoubleAndConfigDir('cidx-runtime-', { cancelLatencyMs: 0 });
    server = world.double;
    const config = new ConfigFile({ path: configFilePath(world.dir), secretStore: secrets });
    await config.load();
    const settings = appSettingsSchema.parse(FAST_SETTINGS);
    const saved = config.save({ ...defaultConfigDocument(), settings });
    if (!saved.ok) throw new Error(saved.error.message);
    const fetch = createNodeFetch();
    core = await createMonitor({
      clock: systemClock,
      configDir: world.dir,
      config: { load: () => config.load(), save: (document) => config.save(document) },
      secrets,
      fetchFor: () => fetch,
      deliverNotification: (intent) => void delivered.push(intent),
    });
    core.start();
  });

  afterAll(async () => {
    core?.stop();
    await world?.close();
  });

  it('adds a server with a password and signs in', async () => {
    const added = await core.addServer(
      { name: 'Double', url: server.url, auth: { mode: 'password', username: 'alice' } },
      { password: 'alice-pass' },
    );
    if (!added.ok) throw new Error(added.error.message);
    serverId = added.value.id;
    const online = await waitFor('the server online', () =>
      core.snapshot().servers.find((entry) => entry.state?.health === 'online' && entry.username === 'alice'),
    );
    expect(online).toMatchObject({
      config: { url: server.url },
      role: 'normal_user',
      state: { flavor: 'head' },
    });
    expect(core.configIssues()).toEqual([]);
  });

  it('submits a sync, sees it complete, and delivers exactly one notification', async () => {
    const submitted = await core.jobs.submitSync(serverId, 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { jobId } = submitted.value;
    const done = await waitFor('the sync to complete', () => jobView(jobId, 'completed'));
    expect(done).toMatchObject({ repository: 'my-proj', operation: 'Sync', serverId });
    await waitFor('its notification', () =>
      delivered.some((intent) => intent.jobs.some((ref) => ref.jobId === jobId)) ? true : undefined,
    );
    // Several more polls (at 500 ms) must not notify again.
    const notifiedAt = Date.now();
    await waitFor('more polls', () => {
      const lastSuccessAt = core.snapshot().servers[0]?.state?.lastSuccessAt ?? 0;
      return lastSuccessAt > notifiedAt + 1_500 ? true : undefined;
    });
    const mine = delivered.filter((intent) => intent.jobs.some((ref) => ref.jobId === jobId));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'finished', status: 'completed', serverId });
  });

  it('cancels a running job', async () => {
    server.control.setNextSyncOutcome('my-proj', { runMs: 60_000 });
    const submitted = await core.jobs.submitSync(serverId, 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { jobId } = submitted.value;
    await waitFor('the sync to run', () => jobView(jobId, 'running'));
    const cancelled = await core.jobs.cancel(serverId, jobId);
    expect(cancelled.ok).toBe(true);
    await waitFor('the sync to be cancelled', () => jobView(jobId, 'cancelled'));
  });

  it('retries a failed job with what the submission ledger remembers', async () => {
    server.control.setNextSyncOutcome('web-app', {
      outcome: 'failed',
      runMs: 200,
      error: "Sync failed due to merge conflicts in repository 'web-app'.",
    });
    const submitted = await core.jobs.submitSync(serverId, 'web-app', { incremental: true });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const failed = await waitFor('the sync to fail', () => jobView(submitted.value.jobId, 'failed'));
    expect(failed.retry).toMatchObject({
      retryable: true,
      request: { kind: 'sync', repository: 'web-app', options: { incremental: true } },
    });

    const retried = await core.jobs.retry(serverId, submitted.value.jobId);
    if (!retried.ok) throw new Error(retried.error.message);
    expect(retried.value.jobId).not.toBe(submitted.value.jobId);
    const done = await waitFor('the retry to complete', () => jobView(retried.value.jobId, 'completed'));
    expect(done.repository).toBe('web-app');
  });
});
