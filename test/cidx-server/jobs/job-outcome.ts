import type { Flavor } from '../types';
import type { JobRecord } from './job-record';

/** The default error text of a job that raised, per operation (cidx-api.md §3.4, §3.5). */
function defaultError(job: JobRecord): string {
  if (job.operationType === 'sync_repository')
    return `Repository sync failed: simulated failure of '${job.repoAlias ?? 'repo'}'`;
  if (job.operationType === 'global_repo_refresh')
    return `Refresh failed for ${job.repoAlias ?? 'repo'}: RuntimeError: simulated failure`;
  return `Failed to run ${job.operationType}: simulated failure`;
}

function defaultResult(job: JobRecord): unknown {
  if (job.operationType === 'global_repo_refresh') {
    return { success: true, alias: job.repoAlias, message: 'Refresh complete' };
  }
  return null;
}

/**
 * Writes a terminal state the way each flavour's job manager does (cidx-api.md §4.1):
 * HEAD inspects `success:false` and `partial`; v5 treats anything that did not raise as done.
 */
export function applyOutcome(job: JobRecord, flavor: Flavor, nowMs: number): void {
  const { outcome, error, result } = job.plan;
  job.completedAt = nowMs;
  if (outcome === 'failed') {
    job.status = 'failed';
    job.progress = 0;
    job.result = null;
    job.error = error ?? defaultError(job);
    return;
  }
  if (outcome === 'cancelled') {
    applyCancelled(job, flavor, nowMs);
    return;
  }
  if (outcome === 'failed-result' && flavor === 'head') {
    // The JobTracker writes last, so the details are lost (captured).
    const given = (result as { error?: unknown } | undefined)?.error;
    job.status = 'failed';
    job.progress = 0;
    job.result = null;
    job.error = error ?? (typeof given === 'string' ? given : 'job failed');
    return;
  }
  job.status = outcome === 'partial' && flavor === 'head' ? 'completed_partial' : 'completed';
  job.progress = 100;
  job.error = null;
  if (outcome === 'failed-result') {
    job.result = result ?? { success: false, message: error ?? 'Operation failed' };
  } else if (outcome === 'partial') {
    job.result = result ?? { success: true, partial: true, message: 'Some providers failed' };
  } else {
    job.result = result === undefined ? defaultResult(job) : result;
  }
}

/** Cancelled: progress 0; HEAD leaves error null, v5 says so (cidx-api.md §4.7). */
export function applyCancelled(job: JobRecord, flavor: Flavor, nowMs: number, wasRunning = true): void {
  job.status = 'cancelled';
  job.progress = 0;
  job.result = null;
  job.completedAt = nowMs;
  job.error = flavor === 'v5' && wasRunning ? 'Job cancelled during execution' : null;
}
