/** Builders shared by the planning tests (lists and GETs, endings and accounting). */
import type { Job } from '../../../main/core/cidx/job';
import type { KnownJob } from '../../../main/core/engine/known-job';
import { DEFAULT_ENGINE_OPTIONS as options } from '../../../main/core/engine/options';
import type { GetPlanInput } from '../../../main/core/engine/plan';
import { T0, makeJob } from './helpers';

export const known = (jobs: Job[], observedAt: number | null = T0): Map<string, KnownJob> =>
  new Map(jobs.map((job) => [job.id, { job, observedAt, fetchedAt: null }]));

export const getInput = (patch: Partial<GetPlanInput>): GetPlanInput => ({
  flavor: 'head',
  known: new Map(),
  now: T0,
  budget: 6,
  endChecks: [],
  awaited: [],
  focus: new Set(),
  seenThisTick: new Set(),
  options,
  ...patch,
});

/** A server with `count` unfinished jobs: 5 running phase-reporting jobs, the rest pending (HEAD pool, §4.2). */
export function busyServer(count: number): Job[] {
  return Array.from({ length: count }, (_, index) =>
    makeJob({
      status: index < 5 ? 'running' : 'pending',
      operationType: index < 5 ? 'global_repo_refresh' : 'sync_repository',
      createdAt: T0 - 1_000_000 + index * 1_000,
    }),
  );
}
