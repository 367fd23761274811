/**
 * The synthetic world the UI benchmark feeds the real renderer: typed templates (a server, a
 * job, the settings) built here against the real view types, so the benchmark breaks when the
 * contract changes; the page multiplies them into thousands of jobs (ui-bridge.ts).
 */
import { defaultSettings, serverConfigSchema } from '../../main/core/config';
import type { JobView, ServerSnapshot, MonitorSnapshot } from '../../main/core/monitor';
import { jobsSummary } from '../support/jobs-summary';

export interface BenchTemplates {
  server: ServerSnapshot;
  job: JobView;
  base: Omit<MonitorSnapshot, 'jobs' | 'servers'>;
}

export function benchTemplates(now: number): BenchTemplates {
  const config = serverConfigSchema.parse({
    id: 'bench',
    name: 'Benchmark server',
    url: 'https://cidx.bench.invalid',
    auth: { mode: 'api-key' },
  });
  const server: ServerSnapshot = {
    config,
    state: {
      serverId: config.id,
      health: 'online',
      lastSuccessAt: now,
      lastAttemptAt: now,
      lastError: null,
      consecutiveFailures: 0,
      latencyMs: 12,
      version: '11.79.0',
      flavor: 'head',
      mode: 'active',
      nextPollAt: now + 1000,
      unreadableJobs: 0,
      rateLimitedUntil: null,
    },
    username: 'alice',
    role: 'admin',
    secretStoreWarning: null,
  };
  const job: JobView = {
    serverId: config.id,
    job: {
      id: 'template',
      operationType: 'global_repo_refresh',
      status: 'running',
      createdAt: now - 60_000,
      startedAt: now - 55_000,
      completedAt: null,
      progress: 10,
      result: null,
      error: null,
      username: 'alice',
      phase: 'semantic',
      phaseDetail: '45/120 files (37%) | 12.3 files/s | 210.4 KB/s | 8 threads',
    },
    firstSeenAt: now - 55_000,
    lastActivityAt: now,
    acknowledged: true,
    repository: 'template',
    operation: 'Golden repository refresh',
    eta: { remainingMs: 90_000, finishAt: now + 90_000, ratePerMinute: 20 },
    stall: { stalled: false },
    retry: { retryable: true, request: { kind: 'golden-refresh', alias: 'template' } },
  };
  return {
    server,
    job,
    base: {
      version: 1,
      asOf: now,
      summary: jobsSummary({ worst: 'running' }),
      settings: defaultSettings(),
      issues: [],
    },
  };
}
