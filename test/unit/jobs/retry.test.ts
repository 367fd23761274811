import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../main/core/jobs';
import { retryEligibility } from '../../../main/core/jobs';
import { finished, makeJob } from './helpers';

const failedSync = finished(makeJob(), 'failed', { error: 'Git sync operation timed out' });
const ledgerSync: SubmissionRecord = {
  serverId: 'work',
  jobId: 'job-1',
  operation: 'sync',
  repository: 'my-proj',
  options: { pullRemote: true },
  submittedAt: 0,
};

describe('retry eligibility', () => {
  it('replays a sync from the ledger', () => {
    expect(retryEligibility(failedSync, ledgerSync)).toEqual({
      retryable: true,
      request: { kind: 'sync', repository: 'my-proj', options: { pullRemote: true } },
    });
    expect(retryEligibility({ ...failedSync, status: 'cancelled' }, ledgerSync).retryable).toBe(true);
  });

  it('explains why a sync submitted elsewhere cannot be retried', () => {
    const verdict = retryEligibility(failedSync, undefined);
    expect(verdict.retryable).toBe(false);
    if (!verdict.retryable)
      expect(verdict.reason).toMatch(/submitted outside CIDX Tray.*does not say which repository/);
  });

  it('uses result.repository_id when the server gave one', () => {
    const job = { ...failedSync, result: { repository_id: 'other-proj' } };
    expect(retryEligibility(job, undefined)).toEqual({
      retryable: true,
      request: { kind: 'sync', repository: 'other-proj', options: {} },
    });
  });

  it('derives a golden refresh alias from result.alias or HEAD failure text, for admins only', () => {
    const fromResult = finished(makeJob({ operationType: 'global_repo_refresh' }), 'completed_partial', {
      result: { alias: 'proj-golden-global' },
    });
    expect(retryEligibility(fromResult, undefined, { role: 'admin' })).toEqual({
      retryable: true,
      request: { kind: 'golden-refresh', alias: 'proj-golden' },
    });
    const fromError = finished(makeJob({ operationType: 'global_repo_refresh' }), 'failed', {
      error: 'Refresh failed for proj-golden-global: RuntimeError: disk full',
    });
    expect(retryEligibility(fromError, undefined, { role: 'admin' })).toMatchObject({
      request: { alias: 'proj-golden' },
    });
    const denied = retryEligibility(fromError, undefined, { role: 'normal_user' });
    expect(denied.retryable === false && denied.reason).toMatch(/Only an administrator/);
    const unknown = finished(makeJob({ operationType: 'global_repo_refresh' }), 'failed');
    expect(retryEligibility(unknown, undefined).retryable).toBe(false);
  });

  it('refuses jobs that did not fail and operations it cannot resubmit, with reasons', () => {
    const completed = retryEligibility(finished(makeJob(), 'completed'), ledgerSync);
    expect(completed.retryable === false && completed.reason).toMatch(/completed/);
    const running = retryEligibility(makeJob(), ledgerSync);
    expect(running.retryable === false && running.reason).toMatch(/not finished yet/);
    const index = retryEligibility(
      finished(makeJob({ operationType: 'add_index_fts' }), 'failed'),
      undefined,
    );
    expect(index.retryable === false && index.reason).toMatch(/cannot resubmit "add_index_fts"/);
  });
});
