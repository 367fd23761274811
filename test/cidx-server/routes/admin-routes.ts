import { userDict } from '../auth/users';
import { planFromScript } from '../jobs/job-plan';
import { submitJob } from '../jobs/submit';
import { detail, json } from '../http/respond';
import type { Router } from '../http/router';
import { checkString, parseIntQuery, validationError, type FieldError } from '../http/validation';
import type { ServerState } from '../state';
import { isoUtc } from '../timestamps';
import { ACTIVE_STATUSES, type Role } from '../types';
import { authed, readBody } from './common';

const ROLES: Role[] = ['admin', 'power_user', 'normal_user'];

/** Golden refresh (cidx-api.md §3.5): HEAD validates and phases; v5 fails the job later. */
function registerGoldenRoutes(router: Router, state: ServerState): void {
  const head = state.flavor === 'head';
  router.add(
    'POST',
    '/api/admin/golden-repos/{alias}/refresh',
    authed(
      state,
      (request, user) => {
        const alias = request.params.alias ?? '';
        const golden = state.repos.goldenRepo(alias);
        if (head && !golden) return detail(404, `Golden repository '${alias}' not found`);
        const behaviour = golden?.refresh ?? {};
        const repoAlias = head ? `${alias}-global` : alias;
        const plan = planFromScript(
          {
            owner: user.username,
            operation: head ? 'global_repo_refresh' : 'refresh_golden_repo',
            repository: repoAlias,
            ...behaviour,
            runMs: behaviour.runMs ?? 3000,
          },
          state.flavor,
        );
        if (!golden)
          Object.assign(plan, {
            outcome: 'failed',
            runMs: 0,
            error: `Golden repository '${alias}' not found`,
          });
        else if (!head && plan.result === undefined)
          plan.result = { success: true, message: `Golden repository '${alias}' refreshed successfully` };
        const submitted = submitJob(state, {
          owner: user.username,
          operation: head ? 'global_repo_refresh' : 'refresh_golden_repo',
          repoAlias,
          plan,
        });
        if (!submitted.ok) return detail(500, `Failed to submit refresh job: ${submitted.message}`);
        return json(202, {
          job_id: submitted.job.jobId,
          message: `Golden repository '${alias}' refresh started`,
        });
      },
      true,
    ),
  );

  router.add(
    'GET',
    '/api/admin/golden-repos',
    authed(
      state,
      () => {
        const repos = state.repos.goldenRepos().map((g) => ({
          alias: g.alias,
          repo_url: g.repoUrl,
          default_branch: g.defaultBranch,
          clone_path: `/home/cidx/.cidx-server/data/golden-repos/${g.alias}`,
          created_at: g.createdAt,
          ...(head ? { enable_temporal: false, temporal_options: null, wiki_enabled: false } : {}),
        }));
        return json(200, { golden_repositories: repos, total: repos.length });
      },
      true,
    ),
  );
}

/** Job housekeeping and maintenance endpoints (cidx-api.md §2.5). */
function registerJobAdminRoutes(router: Router, state: ServerState): void {
  const head = state.flavor === 'head';
  router.add(
    'DELETE',
    '/api/admin/jobs/cleanup',
    authed(
      state,
      (request) => {
        const errors: FieldError[] = [];
        const hours = parseIntQuery(request.query, 'max_age_hours', head ? 720 : 24, errors);
        if (errors.length > 0) return validationError(state.clock.now(), errors);
        const cutoff = state.clock.now() - Math.min(8760, Math.max(1, hours)) * 3_600_000;
        const doomed = state.jobs.all().filter(
          (job) =>
            !ACTIVE_STATUSES.has(job.status) &&
            // HEAD's SQLite cleanup skips completed_partial (cidx-api.md §2.5).
            job.status !== 'completed_partial' &&
            job.completedAt !== null &&
            job.completedAt < cutoff,
        );
        for (const job of doomed) state.jobs.delete(job.jobId);
        return json(200, {
          cleaned_count: doomed.length,
          message: `Cleaned up ${doomed.length} old background jobs`,
        });
      },
      true,
    ),
  );
  if (!head) return;

  router.add(
    'GET',
    '/api/admin/jobs/stats',
    authed(
      state,
      () => {
        // Counts only jobs still in memory, i.e. active ones (cidx-api.md §2.5).
        const inMemory = state.jobs.active();
        const count = (key: (j: (typeof inMemory)[number]) => string) =>
          inMemory.reduce<Record<string, number>>(
            (acc, j) => ({ ...acc, [key(j)]: (acc[key(j)] ?? 0) + 1 }),
            {},
          );
        return json(200, {
          total_jobs: inMemory.length,
          by_status: count((j) => j.status),
          by_type: count((j) => j.operationType),
          success_rate: 0.0,
          average_duration: 0.0,
        });
      },
      true,
    ),
  );

  router.add(
    'GET',
    '/api/admin/maintenance/status',
    authed(
      state,
      () => {
        const running = state.jobs.active((j) => j.status === 'running').length;
        const queued = state.jobs.active((j) => j.status === 'pending').length;
        const { enabled, enteredAt } = state.maintenance;
        return json(200, {
          maintenance_mode: enabled,
          drained: enabled && running === 0,
          running_jobs: running,
          queued_jobs: queued,
          entered_at: enteredAt === null ? null : isoUtc(enteredAt),
        });
      },
      true,
    ),
  );
}

function registerUserAdminRoutes(router: Router, state: ServerState): void {
  router.add(
    'POST',
    '/api/admin/users',
    authed(
      state,
      (request) => {
        const parsed = readBody(state, request, false);
        if (!parsed.ok) return parsed.response;
        const errors: FieldError[] = [];
        checkString(parsed.body, 'username', true, { min: 1, max: 255 }, errors);
        checkString(parsed.body, 'password', true, { min: 1, max: 1000 }, errors);
        const role = parsed.body.role;
        if (!ROLES.includes(role as Role)) {
          errors.push({
            loc: ['body', 'role'],
            msg: "Input should be 'admin', 'power_user' or 'normal_user'",
            type: 'enum',
            input: role,
          });
        }
        if (errors.length > 0) return validationError(state.clock.now(), errors);
        const account = {
          username: String(parsed.body.username).trim(),
          password: String(parsed.body.password),
          role: role as Role,
          createdAt: isoUtc(state.clock.now()),
        };
        if (!state.users.add(account)) return detail(400, `User '${account.username}' already exists`);
        if (state.flavor === 'head' && state.options.seedApiKeys)
          state.apiKeys.seed(state.options.seed, account.username, account.createdAt);
        return json(201, {
          user: userDict(account),
          message: `User '${account.username}' created successfully`,
        });
      },
      true,
    ),
  );
}

export function registerAdminRoutes(router: Router, state: ServerState): void {
  registerGoldenRoutes(router, state);
  registerJobAdminRoutes(router, state);
  registerUserAdminRoutes(router, state);
}
