/** Builds TraySnapshots for tray-model tests from a few jobs and server states. */
import type { Job } from '../../../main/core/cidx/job';
import { serverConfigSchema } from '../../../main/core/config/server';
import { defaultSettings } from '../../../main/core/config/settings';
import type { ServerHealth } from '../../../main/core/engine/events';
import { summarizeJobs } from '../../../main/core/jobs/summary';
import type { JobView, ServerSnapshot, MonitorSnapshot } from '../../../main/core/monitor/monitor-types';
import { makeJob } from '../../support/job-fixture';
import { makeServerState } from '../../support/server-state-fixture';

export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

export function job(id: string, patch: Partial<Job> = {}): Job {
  return makeJob(id, { createdAt: NOW - 60_000, startedAt: NOW - 50_000, ...patch });
}

export function view(serverId: string, j: Job, patch: Partial<JobView> = {}): JobView {
  return {
    serverId,
    job: j,
    firstSeenAt: NOW - 60_000,
    lastActivityAt: NOW - 1_000,
    acknowledged: false,
    repository: 'my-proj',
    operation: 'Sync',
    eta: null,
    stall: { stalled: false } as JobView['stall'],
    retry: { retryable: true, request: { kind: 'sync', repository: 'my-proj', options: {} } },
    ...patch,
  };
}

export function server(
  id: string,
  health: ServerHealth = 'online',
  lastSuccessAt: number | null = NOW - 5_000,
): ServerSnapshot {
  const state = makeServerState(id, {
    health,
    lastSuccessAt,
    lastAttemptAt: NOW - 1_000,
    lastError: health === 'online' ? null : { kind: 'offline', message: 'Cannot reach it' },
    consecutiveFailures: health === 'online' ? 0 : 2,
    latencyMs: 12,
    mode: 'active',
    nextPollAt: NOW + 1_000,
  });
  return {
    config: serverConfigSchema.parse({
      id,
      name: id,
      url: `https://${id}.example`,
      auth: { mode: 'api-key' },
    }),
    state,
    username: 'alice',
    role: 'normal_user',
    secretStoreWarning: null,
  };
}

export function snapshot(
  servers: ServerSnapshot[],
  jobs: JobView[],
  settings = defaultSettings(),
): MonitorSnapshot {
  const summary = summarizeJobs(
    jobs,
    servers.map((s) => ({ serverId: s.config.id, enabled: s.config.enabled, state: s.state })),
  );
  return { version: 1, asOf: NOW, servers, jobs, summary, settings, issues: [] };
}
