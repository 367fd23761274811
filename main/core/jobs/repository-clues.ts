/**
 * The repository a job's own words name, for jobs whose record does not say it (HEAD never puts
 * the repository in a job, cidx-api.md §2.1). Only texts the real server writes are read; each
 * pattern cites where it is documented, so a new server wording is added here and nowhere else.
 */
import type { Job } from '../cidx/job';
import { isRecord } from '../is-record';

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * Failure texts naming the repository, first capture group = the name:
 * - §3.1/§3.4 a sync of a golden alias the user has not activated, or of a vanished repository:
 *   "Repository '<id>' not found for user '<user>'"
 * - §3.4 "Sync failed due to merge conflicts in repository '<X>'. Manual resolution required."
 * - §3.5 v5 refresh of an unknown alias (captured): "Golden repository '<alias>' not found"
 */
const ERROR_PATTERNS: readonly RegExp[] = [
  /^Repository '([^']+)' not found for user '/,
  /^Sync failed due to merge conflicts in repository '([^']+)'/,
  /^Golden repository '([^']+)' not found/,
];

/** The repository named by a failure text the real server writes, or null. */
export function repositoryInError(error: string | null): string | null {
  if (!error) return null;
  for (const pattern of ERROR_PATTERNS) {
    const name = nonEmpty(pattern.exec(error)?.[1]);
    if (name) return name;
  }
  return null;
}

/**
 * The repository a result names: `repository_id` (a completed sync, §3.4), `user_alias`
 * (activations), `alias` (golden operations, §3.5), in that order.
 */
export function repositoryInResult(result: unknown): string | null {
  if (!isRecord(result)) return null;
  return nonEmpty(result['repository_id']) ?? nonEmpty(result['user_alias']) ?? nonEmpty(result['alias']);
}

/** What the job itself reveals: its result first (the server's own field), else its error text. */
export function repositoryClue(job: Pick<Job, 'result' | 'error'>): string | null {
  return repositoryInResult(job.result) ?? repositoryInError(job.error);
}
