import { clampQuery, listJobs } from '../jobs/job-list';
import { canSee } from '../jobs/job-store';
import { jobResponse } from '../jobs/job-view';
import { detail, json } from '../http/respond';
import type { Router } from '../http/router';
import { parseIntQuery, validationError, type FieldError } from '../http/validation';
import type { ServerState } from '../state';
import { ACTIVE_STATUSES } from '../types';
import { authed } from './common';

/** `GET /api/jobs`, `GET /api/jobs/{id}`, `DELETE /api/jobs/{id}` (cidx-api.md §2.2-§2.4). */
export function registerJobRoutes(router: Router, state: ServerState): void {
  const { flavor } = state;

  router.add(
    'GET',
    '/api/jobs',
    authed(state, (request, user) => {
      const errors: FieldError[] = [];
      const limit = parseIntQuery(request.query, 'limit', 10, errors);
      const offset = parseIntQuery(request.query, 'offset', 0, errors);
      if (errors.length > 0) return validationError(state.clock.now(), errors);
      const page = listJobs(
        state.jobs,
        flavor,
        user,
        clampQuery(flavor, limit, offset, request.query.get('status')),
      );
      return json(200, {
        jobs: page.jobs.map((job) => jobResponse(job, flavor, true)),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
      });
    }),
  );

  const getJob = authed(state, (request, user) => {
    const jobId = request.params.job_id ?? '';
    const job = state.jobs.get(jobId);
    if (!job || !canSee(flavor, user, job)) return detail(404, `Job not found: ${jobId}`);
    return json(200, jobResponse(job, flavor));
  });
  router.add('GET', '/api/jobs/{job_id}', (request) => {
    // HEAD hybrid auth: a `session` cookie wins over the Bearer token (cidx-api.md §1.4).
    if (flavor === 'head' && /(^|;\s*)session=/.test(request.headers.cookie ?? '')) {
      return detail(401, 'Authentication required');
    }
    return getJob(request);
  });

  router.add(
    'DELETE',
    '/api/jobs/{job_id}',
    authed(state, (request, user) => {
      const job = state.jobs.get(request.params.job_id ?? '');
      // Missing and foreign both give 403, never 404 (cidx-api.md §2.4).
      if (!job || !canSee(flavor, user, job)) return detail(403, 'Job not found or not authorized');
      if (!ACTIVE_STATUSES.has(job.status)) return detail(400, `Cannot cancel job in ${job.status} status`);
      state.runner.cancel(job);
      return json(200, { success: true, message: 'Job cancelled successfully' });
    }),
  );
}
