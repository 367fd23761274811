import { isoUtc } from '../timestamps';
import type { Flavor } from '../types';
import type { JobRecord } from './job-record';

const iso = (ms: number | null): string | null => (ms === null ? null : isoUtc(ms));

/**
 * `JobStatusResponse` (cidx-api.md §2.1). HEAD adds the phase keys; list items always carry
 * them as null because the list handler never copies them (§2.2).
 */
export function jobResponse(job: JobRecord, flavor: Flavor, listItem = false): Record<string, unknown> {
  const body: Record<string, unknown> = {
    job_id: job.jobId,
    operation_type: job.operationType,
    status: job.status,
    created_at: isoUtc(job.createdAt),
    started_at: iso(job.startedAt),
    completed_at: iso(job.completedAt),
    progress: job.progress,
    result: job.result ?? null,
    error: job.error,
    username: job.username,
  };
  if (flavor === 'head') {
    body.current_phase = listItem ? null : job.currentPhase;
    body.phase_detail = listItem ? null : job.phaseDetail;
  }
  return body;
}

/** The raw row for the control API: includes what REST never exposes. */
export function jobSnapshot(job: JobRecord, flavor: Flavor): Record<string, unknown> {
  return { ...jobResponse(job, flavor), repo_alias: job.repoAlias, cancel_requested: job.cancelRequested };
}
