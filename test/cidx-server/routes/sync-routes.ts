import type { UserAccount } from '../auth/users';
import { planForSync } from '../jobs/job-plan';
import { submitJob } from '../jobs/submit';
import { detail, json, type HttpResponse } from '../http/respond';
import type { Router } from '../http/router';
import { validationError, type FieldError } from '../http/validation';
import type { ServerState } from '../state';
import { isoUtc } from '../timestamps';
import { accepted, authed, readBody, readBooleans } from './common';

/** v5's /api/repos/sync worker crashes on an unexpected `params` argument (cidx-api.md §3.2). */
const V5_PARAMS_ERROR =
  "create_app.<locals>.sync_repository_general.<locals>.sync_job_wrapper() got an unexpected keyword argument 'params'";

const inProgress = (id: string): HttpResponse =>
  detail(409, `Repository '${id}' sync already in progress. Use force=true to cancel existing sync.`);

const SYNC_FLAGS = { force: false, full_reindex: false, incremental: true, pull_remote: false };

/** With force, the caller's pending/running syncs on any repository are cancelled first (§3.1). */
function cancelOwnSyncs(state: ServerState, user: UserAccount): void {
  for (const job of state.jobs.active(
    (j) => j.username === user.username && j.operationType === 'sync_repository',
  )) {
    state.runner.cancel(job);
  }
}

function submitSync(
  state: ServerState,
  user: UserAccount,
  repositoryId: string,
  flags: Record<string, boolean>,
  brokenV5: boolean,
): HttpResponse {
  const options = {
    incremental: !!flags.incremental,
    force: !!flags.force,
    pull_remote: !!flags.pull_remote,
  };
  const known = state.repos.resolveForUser(user.username, repositoryId);
  const plan = planForSync(state.repos.takeSyncBehaviour(user.username, repositoryId), repositoryId, options);
  if (!known) {
    // A golden alias the caller never activated passes the route's check, then fails (§3.1).
    Object.assign(plan, {
      outcome: 'failed',
      runMs: 0,
      error: `Repository '${repositoryId}' not found for user '${user.username}'`,
    });
  }
  if (brokenV5) Object.assign(plan, { outcome: 'failed', runMs: 0, error: V5_PARAMS_ERROR });
  const submitted = submitJob(state, {
    owner: user.username,
    operation: 'sync_repository',
    repoAlias: repositoryId,
    plan,
  });
  if (!submitted.ok) return detail(500, `Failed to submit sync job: ${submitted.message}`);
  return accepted({
    job_id: submitted.job.jobId,
    status: 'queued',
    repository_id: repositoryId,
    // Generated separately from the job's own created_at (§3.1).
    created_at: isoUtc(state.clock.now()),
    estimated_completion: null,
    progress: { percentage: 0, files_processed: 0, files_total: 0, current_file: null },
    options: { force: !!flags.force, full_reindex: !!flags.full_reindex, incremental: !!flags.incremental },
  });
}

export function registerSyncRoutes(router: Router, state: ServerState): void {
  /** What `cidx sync` calls (cidx-api.md §3.1). */
  router.add(
    'POST',
    '/api/repositories/{repo_id}/sync',
    authed(state, (request, user) => {
      const parsed = readBody(state, request, true);
      if (!parsed.ok) return parsed.response;
      const errors: FieldError[] = [];
      const flags = readBooleans(parsed.body, SYNC_FLAGS, errors);
      if (errors.length > 0) return validationError(state.clock.now(), errors);
      const repoId = (request.params.repo_id ?? '').trim();
      if (repoId === '') return detail(400, 'Repository ID cannot be empty');
      if (!state.repos.resolveForUser(user.username, repoId) && !state.repos.goldenRepo(repoId)) {
        return detail(404, `Repository '${repoId}' not found or not accessible`);
      }
      // Per user, not per repository: any active sync of the caller blocks (§3.1).
      const busy = state.jobs.active(
        (j) => j.username === user.username && j.operationType === 'sync_repository',
      );
      if (busy.length > 0 && !flags.force) return inProgress(repoId);
      if (flags.force) cancelOwnSyncs(state, user);
      return submitSync(state, user, repoId, flags, false);
    }),
  );

  /** The general sync endpoint with its 409 bug and v5's crash (cidx-api.md §3.2). */
  router.add(
    'POST',
    '/api/repos/sync',
    authed(state, (request, user) => {
      const parsed = readBody(state, request, false);
      if (!parsed.ok) return parsed.response;
      const errors: FieldError[] = [];
      const alias = parsed.body.repository_alias;
      if (alias === undefined || alias === null)
        errors.push({
          loc: ['body', 'repository_alias'],
          msg: 'Field required',
          type: 'missing',
          input: parsed.body,
        });
      else if (typeof alias !== 'string')
        errors.push({
          loc: ['body', 'repository_alias'],
          msg: 'Input should be a valid string',
          type: 'string_type',
          input: alias,
        });
      const flags = readBooleans(parsed.body, SYNC_FLAGS, errors);
      if (errors.length > 0) return validationError(state.clock.now(), errors);
      const name = String(alias).trim();
      if (name === '') return detail(422, 'Repository alias cannot be empty');
      const activated = state.repos.resolveForUser(user.username, name);
      if (!activated && !state.repos.goldenRepo(name)) {
        return detail(
          404,
          `Repository alias '${name}' could not be resolved to a valid repository ID for user '${user.username}'`,
        );
      }
      const repoId = activated?.userAlias ?? name;
      // Any sync_repository job of any status, user or repository counts (captured).
      if (!flags.force && state.jobs.all().some((j) => j.operationType === 'sync_repository'))
        return inProgress(repoId);
      if (flags.force) cancelOwnSyncs(state, user);
      return submitSync(state, user, repoId, flags, state.flavor === 'v5');
    }),
  );

  /** Synchronous sync, no job (§3.3). POST to this path is a 405 via the router. */
  router.add(
    'PUT',
    '/api/repos/{user_alias}/sync',
    authed(state, (request, user) => {
      const alias = request.params.user_alias ?? '';
      const repo = state.repos.activatedFor(user.username).find((r) => r.userAlias === alias);
      if (!repo) return detail(404, `Repository '${alias}' not found for user '${user.username}'`);
      return json(200, {
        message: `Repository '${alias}' is already up to date`,
        changes_applied: false,
        files_changed: null,
        changed_files: null,
      });
    }),
  );
}
