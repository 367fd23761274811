/** Which repository a job concerns, from the ledger, the result, or the real server's error texts. */
import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../main/core/jobs';
import { jobFacts } from '../../../main/core/jobs/job-facts';
import { repositoryOf } from '../../../main/core/jobs/operation-names';
import { repositoryInError } from '../../../main/core/jobs/repository-clues';
import { finished, makeJob } from './helpers';

const sync = makeJob({ operationType: 'sync_repository' });

describe('repositoryOf', () => {
  it('trusts the submission ledger first', () => {
    const entry: SubmissionRecord = {
      serverId: 'work',
      jobId: 'job-1',
      operation: 'sync',
      repository: 'from-ledger',
      options: {},
      submittedAt: 0,
    };
    const job = { ...sync, result: { repository_id: 'from-result' } };
    expect(repositoryOf(job, entry)).toBe('from-ledger');
  });

  it('reads result.repository_id, result.user_alias and result.alias, in that order', () => {
    expect(repositoryOf({ ...sync, result: { repository_id: ' my-proj ', alias: 'x' } })).toBe('my-proj');
    const activation = makeJob({ operationType: 'activate_repository' });
    expect(repositoryOf({ ...activation, result: { user_alias: 'mine', alias: 'golden' } })).toBe('mine');
    expect(repositoryOf({ ...activation, result: { alias: 'golden' } })).toBe('golden');
    expect(repositoryOf({ ...activation, result: { repository_id: '  ', alias: 7 } })).toBeNull();
  });

  it("names the repository from the real server's failure texts (cidx-api.md §3.4, §3.5)", () => {
    const failed = (error: string, operationType = 'sync_repository') =>
      finished(makeJob({ operationType }), 'failed', { error });
    expect(repositoryOf(failed("Repository 'web-app' not found for user 'alice'"))).toBe('web-app');
    expect(
      repositoryOf(
        failed("Sync failed due to merge conflicts in repository 'web-app'. Manual resolution required."),
      ),
    ).toBe('web-app');
    // v5 refresh of an alias that does not exist (captured in v5_auth_jobs.json).
    expect(repositoryOf(failed("Golden repository 'nope' not found", 'refresh_golden_repo'))).toBe('nope');
    // HEAD refresh failure: the alias without the "-global" the person never typed.
    expect(
      repositoryOf(failed('Refresh failed for proj-golden-global: RuntimeError: disk full', 'global_repo_refresh')),
    ).toBe('proj-golden');
    // Texts that name no repository leave it unknown rather than guessed.
    expect(repositoryOf(failed('Git sync operation timed out'))).toBeNull();
    expect(repositoryOf(failed('Failed to add index: Command failed: boom', 'add_index_fts'))).toBeNull();
    expect(repositoryOf(failed('job failed'))).toBeNull();
  });

  it('only matches the server texts at their start, so a quoted name elsewhere is not taken', () => {
    expect(repositoryInError("Repository sync failed: Repository 'x' not found for user 'y'")).toBeNull();
    expect(repositoryInError(null)).toBeNull();
  });

  it('is what the views and notifications are given (jobFacts)', () => {
    const failed = finished(sync, 'failed', { error: "Repository 'docs' not found for user 'bob'" });
    expect(jobFacts(failed, undefined, null).repository).toBe('docs');
  });
});
