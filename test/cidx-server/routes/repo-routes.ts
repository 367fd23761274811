import type { UserAccount } from '../auth/users';
import { authed } from './common';
import { jobResponse } from '../jobs/job-view';
import { detail, json } from '../http/respond';
import type { Router } from '../http/router';
import type { ActivatedRepo } from '../repos/repo-registry';
import type { ServerState } from '../state';

function activatedInfo(state: ServerState, repo: ActivatedRepo): Record<string, unknown> {
  const info: Record<string, unknown> = {
    user_alias: repo.userAlias,
    golden_repo_alias: repo.goldenAlias,
    current_branch: repo.branch,
    activated_at: repo.activatedAt,
    last_accessed: repo.lastAccessed,
  };
  if (state.flavor === 'head') info.deactivation_job = null;
  return info;
}

function availableFor(state: ServerState, user: UserAccount) {
  const mine = new Set(state.repos.activatedFor(user.username).map((r) => r.goldenAlias));
  return state.repos.goldenRepos().filter((g) => !mine.has(g.alias));
}

/** Repository listing (cidx-api.md §3.6): HEAD wraps the list, v5 returns a bare array. */
export function registerRepoRoutes(router: Router, state: ServerState): void {
  const head = state.flavor === 'head';

  router.add(
    'GET',
    '/api/repos',
    authed(state, (request, user) => {
      const filter = head ? (request.query.get('filter') ?? '').toLowerCase() : '';
      const repos = state.repos
        .activatedFor(user.username)
        .filter((r) => r.userAlias.toLowerCase().includes(filter))
        .map((r) => activatedInfo(state, r));
      return json(200, head ? { repositories: repos, total: repos.length } : repos);
    }),
  );

  // In v5 this route was registered after /api/repos/{user_alias} and never answers (captured).
  if (head) {
    router.add(
      'GET',
      '/api/repos/available',
      authed(state, (_request, user) => {
        const repos = availableFor(state, user).map((g) => ({
          alias: g.alias,
          repo_url: g.repoUrl,
          default_branch: g.defaultBranch,
          created_at: g.createdAt,
        }));
        return json(200, { repositories: repos, total: repos.length });
      }),
    );
    router.add(
      'GET',
      '/api/repos/status',
      authed(state, (_request, user) => {
        const mine = state.repos.activatedFor(user.username);
        const available = availableFor(state, user).length;
        return json(200, {
          activated_repositories: {
            total_count: mine.length,
            synced_count: 0,
            needs_sync_count: 0,
            conflict_count: 0,
            recent_activations: [],
          },
          available_repositories: {
            total_count: state.repos.goldenRepos().length,
            not_activated_count: available,
          },
          recent_activity: { recent_syncs: [] },
          recommendations: available > 0 ? [`${available} repositories are available for activation.`] : [],
        });
      }),
    );
    router.add(
      'GET',
      '/api/repos/activation/{job_id}/progress',
      authed(state, (request, user) => {
        const job = state.jobs.get(request.params.job_id ?? '');
        // Owner only, no admin bypass; the 404 detail is an object (cidx-api.md §2.5).
        if (!job || job.username !== user.username) {
          return detail(404, {
            error: `Activation job '${request.params.job_id}' not found`,
            guidance: 'Check the job ID and try again',
            troubleshooting: ['Jobs older than 24 hours may be automatically cleaned up'],
          });
        }
        const view = jobResponse(job, state.flavor);
        return json(200, {
          job_id: view.job_id,
          status: view.status,
          progress_percentage: view.progress,
          created_at: view.created_at,
          started_at: view.started_at,
          completed_at: view.completed_at,
          operation_type: view.operation_type,
          error: view.error,
          result: view.result,
        });
      }),
    );
  }

  router.add(
    'GET',
    '/api/repos/{user_alias}',
    authed(state, (request, user) => {
      const alias = request.params.user_alias ?? '';
      const repo = state.repos.activatedFor(user.username).find((r) => r.userAlias === alias);
      if (!repo) return detail(404, `Repository '${alias}' not found for user '${user.username}'`);
      if (!head) return json(200, activatedInfo(state, repo));
      return json(200, {
        alias: repo.userAlias,
        golden_repo_alias: repo.goldenAlias,
        current_branch: repo.branch,
        activated_at: repo.activatedAt,
        last_accessed: repo.lastAccessed,
        storage_info: {},
      });
    }),
  );

  if (head) {
    router.add(
      'GET',
      '/api/repos/{user_alias}/sync-status',
      authed(state, (request, user) => {
        const alias = request.params.user_alias ?? '';
        const repo = state.repos.activatedFor(user.username).find((r) => r.userAlias === alias);
        if (!repo) return detail(404, `Repository '${alias}' not found for user '${user.username}'`);
        return json(200, {
          current_branch: repo.branch,
          sync_status: 'synced',
          last_sync_time: repo.lastAccessed,
          has_conflicts: false,
        });
      }),
    );
  }
}
