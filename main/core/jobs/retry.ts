/**
 * Can this job be retried, and with which request? Pure. The server has no retry endpoint:
 * retry resubmits the original request (cidx-api.md §3.7; design.md, "Retry = resubmit").
 * Reasons are sentences for a person.
 */
import type { SyncOptions } from '../cidx/api';
import type { Job } from '../cidx/job';
import { isRecord } from '../is-record';
import type { SubmissionRecord } from './submission-ledger';

export type RetryRequest =
  { kind: 'sync'; repository: string; options: SyncOptions } | { kind: 'golden-refresh'; alias: string };

export type RetryEligibility =
  { retryable: true; request: RetryRequest } | { retryable: false; reason: string };

export interface RetryContext {
  /** The signed-in role on that server when known (`admin`, `power_user`, `normal_user`). */
  role?: string | null;
}

/** Terminal states worth retrying; `completed_partial` left work undone (§2.7). */
const RETRYABLE_STATUSES = new Set(['failed', 'cancelled', 'completed_partial']);

const no = (reason: string): RetryEligibility => ({ retryable: false, reason });

const record = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null);

const nonEmptyString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The bare golden alias of a refresh: from `result.alias`, else from HEAD's failure text (§3.5). */
export function refreshAliasOf(job: Pick<Job, 'result' | 'error'>): string | null {
  const alias = nonEmptyString(record(job.result)?.['alias']);
  if (alias) return alias.replace(/-global$/, '');
  // HEAD failures lose the result but say "Refresh failed for <alias>-global: <ExcType>: <msg>".
  const match = job.error ? /^Refresh failed for (\S+)-global:/.exec(job.error) : null;
  return match?.[1] ?? null;
}

function adminGate(context: RetryContext, request: RetryRequest): RetryEligibility {
  // Unknown role: let the server decide (a 403 comes back as a failure value).
  if (context.role && context.role !== 'admin') {
    return no('Only an administrator can refresh a golden repository, and you are not signed in as one.');
  }
  return { retryable: true, request };
}

export function retryEligibility(
  job: Pick<Job, 'operationType' | 'status' | 'result' | 'error'>,
  entry: SubmissionRecord | undefined,
  context: RetryContext = {},
): RetryEligibility {
  if (job.status === 'completed') return no('This job completed; there is nothing to retry.');
  if (!RETRYABLE_STATUSES.has(job.status)) {
    return no('This job has not finished yet; only failed or cancelled jobs can be retried.');
  }

  // The ledger is authoritative: it is what this app submitted.
  if (entry?.operation === 'sync') {
    return {
      retryable: true,
      request: { kind: 'sync', repository: entry.repository, options: { ...entry.options } },
    };
  }
  if (entry?.operation === 'golden-refresh') {
    return adminGate(context, { kind: 'golden-refresh', alias: entry.alias });
  }

  switch (job.operationType) {
    case 'sync_repository': {
      // `result.repository_id` exists only on success (§3.4), so this rarely helps.
      const repository = nonEmptyString(record(job.result)?.['repository_id']);
      if (repository) return { retryable: true, request: { kind: 'sync', repository, options: {} } };
      return no(
        'This sync was submitted outside CIDX Tray: the server does not say which repository it was for, so it cannot be resubmitted.',
      );
    }
    case 'global_repo_refresh':
    case 'refresh_golden_repo': {
      const alias = refreshAliasOf(job);
      if (!alias) return no('The server does not say which golden repository this refresh was for.');
      return adminGate(context, { kind: 'golden-refresh', alias });
    }
    default:
      return no(
        `CIDX Tray cannot resubmit "${job.operationType}" jobs: the server keeps no way to re-run them, so start it again where it was started.`,
      );
  }
}
