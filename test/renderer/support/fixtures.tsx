/** Plain contract data for renderer tests: jobs, servers, snapshots and patches. */
import type { Job } from '../../../main/core/cidx/job';
import { serverConfigSchema, type ServerConfigInput } from '../../../main/core/config/server';
import { defaultSettings } from '../../../main/core/config/settings';
import type { ServerState } from '../../../main/core/engine/events';
import { summarizeJobs } from '../../../main/core/jobs/summary';
import type { JobView, ServerSnapshot, MonitorPatch, MonitorSnapshot } from '../../../preload/views';
import { makeJob as jobFixture } from '../../support/job-fixture';
import { makeServerState as serverStateFixture } from '../../support/server-state-fixture';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export interface JobSpec extends Partial<Job> {
  serverId?: string;
  repository?: string | null;
  operation?: string;
  retry?: JobView['retry'];
  stall?: JobView['stall'];
  eta?: JobView['eta'];
  acknowledged?: boolean;
}

export function makeJob(spec: JobSpec = {}): JobView {
  const {
    serverId = 'prod',
    repository = 'backend',
    operation = 'Sync',
    retry,
    stall,
    eta,
    acknowledged = true,
    ...job
  } = spec;
  const status = job.status ?? 'running';
  return {
    serverId,
    firstSeenAt: T0,
    lastActivityAt: T0,
    acknowledged,
    repository,
    operation,
    eta: eta ?? null,
    stall: stall ?? { stalled: false },
    retry: retry ?? {
      retryable: false,
      reason: 'This job has not finished yet; only failed or cancelled jobs can be retried.',
    },
    job: jobFixture('job-1', {
      status,
      createdAt: T0 - 60_000,
      startedAt: status === 'pending' ? null : T0 - 50_000,
      ...job,
    }),
  };
}

export function makeServerState(serverId: string, state: Partial<ServerState> = {}): ServerState {
  return serverStateFixture(serverId, {
    lastSuccessAt: T0,
    lastAttemptAt: T0,
    latencyMs: 42,
    version: '11.2.0',
    mode: 'active',
    ...state,
  });
}

export function makeServer(
  id = 'prod',
  config: Partial<ServerConfigInput> = {},
  extra: Partial<ServerSnapshot> = {},
): ServerSnapshot {
  return {
    config: serverConfigSchema.parse({
      id,
      name: id === 'prod' ? 'Production' : id,
      url: `https://${id}.cidx.example`,
      auth: { mode: 'api-key' },
      ...config,
    }),
    state: makeServerState(id),
    username: 'alice',
    role: 'admin',
    secretStoreWarning: null,
    ...extra,
  };
}

export function makeSnapshot(
  parts: { servers?: ServerSnapshot[]; jobs?: JobView[]; version?: number } = {},
): MonitorSnapshot {
  const servers = parts.servers ?? [makeServer()];
  const jobs = parts.jobs ?? [];
  return {
    version: parts.version ?? 10,
    asOf: T0,
    servers,
    jobs,
    summary: summarizeJobs(
      jobs,
      servers.map((s) => ({ serverId: s.config.id, enabled: s.config.enabled, state: s.state })),
    ),
    settings: defaultSettings(),
    issues: [],
  };
}

export const patch = (version: number, change: Omit<MonitorPatch, 'version'>): MonitorPatch => ({
  version,
  ...change,
});
