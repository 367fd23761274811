import type { ServerState } from '../state';
import type { JobRecord } from './job-record';
import type { JobSubmission } from './job-runner';

export type SubmitResult = { ok: true; job: JobRecord } | { ok: false; message: string };

/**
 * The job manager's admission rules for REST submissions (cidx-api.md §4.2):
 * HEAD maintenance mode and the cross-user (operation, repo_alias) dedup; v5's per-user cap.
 * The caller wraps `message` in its own "Failed to submit ... job: " 500.
 */
export function submitJob(state: ServerState, submission: JobSubmission): SubmitResult {
  if (state.flavor === 'head') {
    if (state.maintenance.enabled) {
      return {
        ok: false,
        message: 'Server is in maintenance mode. New jobs are not accepted. Please retry after 60 seconds.',
      };
    }
    const duplicate = state.jobs.active(
      (job) =>
        job.operationType === submission.operation &&
        job.repoAlias !== null &&
        job.repoAlias === submission.repoAlias,
    )[0];
    if (duplicate) {
      return {
        ok: false,
        message: `A '${submission.operation}' job is already running for repository '${submission.repoAlias}' (job_id: ${duplicate.jobId}). Please wait for it to complete.`,
      };
    }
  } else {
    const mine = state.jobs.active((job) => job.username === submission.owner).length;
    if (mine >= state.options.maxActiveJobsPerUser) {
      return {
        ok: false,
        message: `Maximum number of jobs exceeded for user ${submission.owner} (${state.options.maxActiveJobsPerUser})`,
      };
    }
  }
  return { ok: true, job: state.runner.submit(submission) };
}
