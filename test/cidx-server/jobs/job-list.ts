import type { UserAccount } from '../auth/users';
import type { Flavor } from '../types';
import { ACTIVE_STATUSES } from '../types';
import type { JobRecord } from './job-record';
import { canSee, type JobStore } from './job-store';

export interface ListQuery {
  status: string | null;
  limit: number;
  offset: number;
}

export interface ListPage {
  jobs: JobRecord[];
  total: number;
  limit: number;
  offset: number;
}

/** Clamps like the routers do: 1..100, HEAD also <= 50 (echoed back); offset >= 0 (§2.2). */
export function clampQuery(
  flavor: Flavor,
  rawLimit: number,
  rawOffset: number,
  status: string | null,
): ListQuery {
  let limit = Math.min(100, Math.max(1, rawLimit));
  if (flavor === 'head') limit = Math.min(50, limit);
  return { status, limit, offset: Math.max(0, rawOffset) };
}

/**
 * `GET /api/jobs` paging. v5 pages correctly. HEAD reads only the newest `limit + active`
 * rows and never passes `offset` to the query, so `total` is capped at that window and an
 * offset beyond it returns [] (cidx-api.md §2.2, captured).
 */
export function listJobs(store: JobStore, flavor: Flavor, user: UserAccount, query: ListQuery): ListPage {
  const matching = store.newestFirst(
    (job) => canSee(flavor, user, job) && (query.status === null || job.status === query.status),
  );
  if (flavor === 'v5') {
    return {
      jobs: matching.slice(query.offset, query.offset + query.limit),
      total: matching.length,
      ...query,
    };
  }
  const active = matching.filter((job) => ACTIVE_STATUSES.has(job.status)).length;
  const window = matching.slice(0, query.limit + active);
  return {
    jobs: window.slice(query.offset, query.offset + query.limit),
    total: window.length,
    limit: query.limit,
    offset: query.offset,
  };
}
