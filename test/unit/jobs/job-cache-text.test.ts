/**
 * Issue 8: a job cache written before server text was cleaned (or edited by hand) is a second
 * way server text enters; restoring it cleans and bounds every string like the client does.
 */
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../../main/core/jobs';
import { expectClean, hostileText } from '../../support/hostile-text';
import { createFakeClock } from './helpers';

describe('restoring the job cache', () => {
  it('cleans every string of a cached job', () => {
    const store = createJobStore({ clock: createFakeClock() });
    const cached = {
      version: 1,
      jobs: [
        {
          serverId: 'work',
          job: {
            id: hostileText('cached-1'),
            operationType: hostileText('sync_repository'),
            status: 'failed',
            createdAt: 1,
            startedAt: 2,
            completedAt: 3,
            progress: 0,
            result: { repository_id: hostileText('evil-repo', { huge: true }) },
            error: hostileText('error text', { huge: true }),
            username: hostileText('mallory'),
            phase: hostileText('semantic'),
            phaseDetail: hostileText('detail', { huge: true }),
          },
          firstSeenAt: 1,
          lastActivityAt: 3,
          acknowledged: false,
        },
      ],
      servers: [],
    };
    expect(store.restore(cached).ok).toBe(true);
    const [tracked] = store.jobs({ includeHidden: true });
    const job = tracked!.job;
    for (const text of [job.id, job.operationType, job.username!, job.phase!]) expectClean(text, 256);
    for (const text of [job.error!, job.phaseDetail!]) expectClean(text);
    expect(job.id).toBe('cached-1abcgnp.exe<img src=x onerror=alert(1)>');
    expect(JSON.stringify(job.result).length).toBeLessThan(5000);
    expect(store.get({ serverId: 'work', jobId: job.id })).toBeDefined();
  });
});
