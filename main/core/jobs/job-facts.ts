/**
 * What the app derives about a job beyond what the server says: which repository, the operation
 * in words, and whether (and how) it can be retried. One derivation, used by the views the
 * window shows and by the notifications, so both always say the same thing.
 */
import type { Job } from '../cidx/job';
import { operationInWords, repositoryOf } from './operation-names';
import type { RetryEligibility } from './retry';
import { retryEligibility } from './retry';
import type { SubmissionRecord } from './submission-ledger';

export interface JobFacts {
  /** From the submission ledger, or what the result reveals; null when unknown. */
  repository: string | null;
  /** The operation in words ("Sync", "Golden repository refresh"). */
  operation: string;
  retry: RetryEligibility;
}

export function jobFacts(job: Job, entry: SubmissionRecord | undefined, role: string | null): JobFacts {
  return {
    repository: repositoryOf(job, entry),
    operation: operationInWords(job.operationType),
    retry: retryEligibility(job, entry, { role }),
  };
}
