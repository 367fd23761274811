import { json } from '../http/respond';
import type { Router } from '../http/router';
import type { ServerState } from '../state';
import { isoUtc, isoZ } from '../timestamps';
import { authed } from './common';

const VERSION = { head: '11.79.0', v5: '5.0.0' } as const;

/** `/health` status: degraded on any failed job, warning over 8 pending (cidx-api.md §7). */
function healthBody(state: ServerState): Record<string, unknown> {
  const jobs = state.jobs.all();
  const running = jobs.filter((j) => j.status === 'running').length;
  const pending = jobs.filter((j) => j.status === 'pending').length;
  const failed = jobs.filter((j) => j.status === 'failed').length;
  const status = failed > 0 ? 'degraded' : pending > 8 ? 'warning' : 'healthy';
  const body: Record<string, unknown> = {
    status,
    message: 'CIDX Server is running',
    uptime: Math.floor((state.clock.now() - state.startedAt) / 1000),
    active_jobs: running,
    job_queue: { active_jobs: running, pending_jobs: pending, failed_jobs: failed },
    started_at: isoUtc(state.startedAt),
  };
  if (state.flavor === 'head') body.maintenance_mode = state.maintenance.enabled;
  return {
    ...body,
    version: VERSION[state.flavor],
    system_resources: { memory_usage_mb: 163, memory_usage_percent: 0.7, cpu_usage_percent: 0.0 },
    database: { users_db: 'healthy', jobs_db: 'healthy' },
  };
}

export function registerHealthRoutes(router: Router, state: ServerState, templates: () => string[]): void {
  if (state.flavor === 'head') {
    router.add('GET', '/healthz', () => json(200, { status: 'healthy' }));
    router.add('GET', '/api/server-time', () =>
      json(200, { timestamp: isoZ(state.clock.now()), timezone: 'UTC' }),
    );
  }
  router.add(
    'GET',
    '/health',
    authed(state, () => json(200, healthBody(state))),
  );
  router.add(
    'GET',
    '/api/system/health',
    authed(state, () => {
      const ok = { status: 'healthy', response_time_ms: 0, error_message: null };
      return json(200, {
        status: 'healthy',
        timestamp: isoZ(state.clock.now()),
        services: { database: ok, storage: ok },
        system: {
          memory_usage_percent: 3.3,
          cpu_usage_percent: 5.0,
          active_jobs: state.jobs.active((j) => j.status === 'running').length,
        },
        failure_reasons: [],
        last_golden_repo_reconcile_auto_heal: null,
      });
    }),
  );
  // info.version is "1.0.0" on both: not the CIDX version (cidx-api.md §0).
  router.add('GET', '/openapi.json', () =>
    json(200, {
      openapi: '3.1.0',
      info: {
        title: 'CIDX Multi-User Server',
        description: 'Multi-user semantic code search server with JWT authentication',
        version: '1.0.0',
      },
      paths: Object.fromEntries(templates().map((t) => [t, {}])),
    }),
  );
}
