import { syncResult as planSyncResult } from '../jobs/job-plan';
import type { Flavor, ScenarioDefinition, ScriptedJob } from '../types';
import { emptyScenario } from './empty';

const MIN = 60_000;

/** Finished jobs so a fresh client has history to show. */
function history(head: boolean): ScriptedJob[] {
  return [
    {
      owner: 'alice',
      operation: 'sync_repository',
      repository: 'my-proj',
      at: -120 * MIN,
      runMs: 9000,
      result: syncResult('my-proj', 4),
    },
    {
      owner: 'alice',
      operation: 'sync_repository',
      repository: 'web-app',
      at: -50 * MIN,
      runMs: 4000,
      outcome: 'failed',
      error: "Sync failed due to merge conflicts in repository 'web-app'. Manual resolution required.",
    },
    {
      owner: 'bob',
      operation: 'sync_repository',
      repository: 'mobile-app',
      at: -30 * MIN,
      runMs: 12000,
      result: syncResult('mobile-app', 0),
    },
    head
      ? {
          owner: 'admin',
          operation: 'global_repo_refresh',
          repository: 'proj-golden-global',
          at: -20 * MIN,
          runMs: 45000,
        }
      : {
          owner: 'admin',
          operation: 'refresh_golden_repo',
          repository: 'proj-golden',
          at: -20 * MIN,
          runMs: 45000,
          result: { success: true },
        },
    head
      ? {
          owner: 'alice',
          operation: 'add_index_fts',
          repository: 'docs',
          at: -10 * MIN,
          runMs: 3000,
          outcome: 'failed',
          error: 'Failed to add index: Command failed: boom',
        }
      : {
          owner: 'alice',
          operation: 'sync_repository',
          repository: 'docs',
          at: -10 * MIN,
          runMs: 2000,
          outcome: 'cancelled',
        },
  ];
}

/** What the CLI's default sync reports. */
const syncResult = (repo: string, files: number): Record<string, unknown> =>
  planSyncResult(repo, files, { incremental: true, force: false, pull_remote: false });

/** The feed: one of these every few seconds, cycling forever. */
function feed(head: boolean): ScriptedJob[] {
  const sync = (
    owner: string,
    repository: string,
    runMs: number,
    extra: Partial<ScriptedJob> = {},
  ): ScriptedJob => ({
    owner,
    operation: 'sync_repository',
    repository,
    runMs,
    result: syncResult(repository, 3),
    ...extra,
  });
  const jobs: ScriptedJob[] = [
    sync('alice', 'my-proj', 8000),
    sync('bob', 'mobile-app', 12000, { outcome: 'failed', error: 'Git sync operation timed out' }),
    head
      ? { owner: 'admin', operation: 'add_index_fts_semantic', repository: 'infra', runMs: 20000 }
      : {
          owner: 'admin',
          operation: 'add_golden_repo',
          repository: 'infra-golden',
          runMs: 20000,
          result: { success: true },
        },
    sync('alice', 'web-app', 6000),
    sync('admin', 'infra', 10000, { pendingMs: 2000 }),
  ];
  if (head) {
    jobs.push(
      {
        owner: 'system',
        operation: 'data_retention_cleanup',
        runMs: 500,
        phases: false,
        result: { total_deleted: 0, failed_tables: [] },
      },
      { owner: 'alice', operation: 'reindex', repository: 'docs', runMs: 9000, outcome: 'partial' },
      {
        owner: 'bob',
        operation: 'global_repo_refresh',
        repository: 'mobile-golden-global',
        runMs: 15000,
        outcome: 'failed-result',
      },
    );
  }
  return jobs;
}

/** A lively server for demos: history, a couple of jobs already running, a steady feed. */
export function demoScenario(flavor: Flavor): ScenarioDefinition {
  const head = flavor === 'head';
  return {
    ...emptyScenario(),
    name: 'demo',
    jobs: [
      ...history(head),
      {
        owner: 'alice',
        operation: 'sync_repository',
        repository: 'docs',
        runMs: 15000,
        result: syncResult('docs', 2),
      },
      head
        ? { owner: 'admin', operation: 'global_repo_refresh', repository: 'web-golden-global', runMs: 40000 }
        : {
            owner: 'admin',
            operation: 'refresh_golden_repo',
            repository: 'web-golden',
            runMs: 40000,
            result: { success: true },
          },
    ],
    recurring: { everyMs: 4000, jobs: feed(head) },
  };
}
