import { randomUUID } from 'node:crypto';
import type { ScriptedJob } from '../types';

const hex8 = (): string => randomUUID().replace(/-/g, '').slice(0, 8);

/**
 * The internal jobs HEAD registers at startup, owned by `system` / `system-reconcile`, with
 * their odd id formats and results (captured, cidx-api.md §0, §9.10).
 */
export function headStartupSystemJobs(): ScriptedJob[] {
  const done = { pendingMs: 4, outcome: 'completed' as const, phases: false };
  return [
    {
      ...done,
      owner: 'system',
      operation: 'startup_reconcile',
      at: -1000,
      runMs: 1,
      jobId: `startup-reconcile-${hex8()}`,
      result: null,
    },
    {
      ...done,
      owner: 'system',
      operation: 'data_retention_cleanup',
      at: -950,
      runMs: 13,
      jobId: `data-retention-${hex8()}`,
      result: {
        logs_deleted: 0,
        audit_logs_deleted: 0,
        sync_jobs_deleted: 0,
        dep_map_history_deleted: 0,
        background_jobs_deleted: 0,
        token_blacklist_deleted: 0,
        elevated_sessions_deleted: 0,
        oidc_state_deleted: 0,
        total_deleted: 0,
        failed_tables: [],
      },
    },
    {
      ...done,
      owner: 'system',
      operation: 'reap_activated_repos',
      at: -911,
      runMs: 2,
      result: { scanned: 0, reaped: [], skipped: [], errors: [] },
    },
    {
      ...done,
      owner: 'system',
      operation: 'hnsw_orphan_repair_sweep',
      at: -910,
      runMs: 63,
      result: { processed: 0, clean: 0, repaired: 0, transient_skip: 0, error: 0, capability_unavailable: 0 },
    },
    {
      ...done,
      owner: 'system',
      operation: 'embedding_stats_retention_sweep',
      at: -890,
      runMs: 21,
      result: null,
    },
    {
      ...done,
      owner: 'system-reconcile',
      operation: 'golden_repo_reconcile_sweep',
      at: -862,
      runMs: 1,
      noStartedAt: true,
      jobId: randomUUID().replace(/-/g, ''),
      result: { orphans_removed: 0, pointers_repaired: 0 },
    },
  ];
}
