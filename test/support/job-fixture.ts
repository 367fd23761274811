/**
 * The one normalized `Job` every unit and renderer test starts from: alice's repository sync,
 * running at 25 %, no phases, no result, no error. Each suite's own builder adds only what it
 * cares about (its ids, its clock's times, status-dependent fields) as a patch.
 *
 * Only a type import, so the renderer tests' web project (tsconfig.renderer-tests.json) can
 * compile it too.
 */
import type { Job } from '../../main/core/cidx/job';

/** Created 2026-01-15 08:59 UTC and started ten seconds later, unless a patch says otherwise. */
const CREATED_AT = Date.UTC(2026, 0, 15, 8, 59, 0);

export function makeJob(id: string, patch: Partial<Job> = {}): Job {
  return {
    id,
    operationType: 'sync_repository',
    status: 'running',
    createdAt: CREATED_AT,
    startedAt: CREATED_AT + 10_000,
    completedAt: null,
    progress: 25,
    result: null,
    error: null,
    username: 'alice',
    phase: null,
    phaseDetail: null,
    ...patch,
  };
}
