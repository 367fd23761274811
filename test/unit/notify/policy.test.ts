import { describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../../../main/core/jobs';
import type { PolicyContext } from '../../../main/core/notify';
import {
  defaultNotificationSettings,
  notificationIntents,
  notificationSettingsSchema,
} from '../../../main/core/notify';
import { normalizeJob } from '../../../main/core/cidx/job';
import { jobSchema } from '../../../main/core/cidx/schemas';
import type { EngineEvent } from '../../../main/core/engine/events';
import { expectClean, hostileJobBody } from '../../support/hostile-text';
import { finished, makeJob } from '../jobs/helpers';
import { addedEvent, finishEvent } from './events';

const ledgerEntry: SubmissionRecord = {
  serverId: 'work',
  jobId: 'j1',
  operation: 'sync',
  repository: 'my-proj',
  options: {},
  submittedAt: 0,
};

function context(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    settings: defaultNotificationSettings(),
    alreadyNotified: () => false,
    serverName: (id) => (id === 'work' ? 'Work server' : id),
    signedInUser: () => 'alice',
    submission: (ref) => (ref.jobId === 'j1' ? ledgerEntry : undefined),
    ...overrides,
  };
}

describe('notification policy', () => {
  it('notifies a failure once, in words, with retry when the ledger knows the repository', () => {
    const [intent, ...rest] = notificationIntents(finishEvent('j1', 'failed'), context());
    expect(rest).toEqual([]);
    expect(intent).toMatchObject({
      key: 'work/j1/failed',
      kind: 'failed',
      title: 'Sync of my-proj failed',
      body: 'Git sync operation timed out\nOn Work server.',
      serverId: 'work',
      jobIds: ['j1'],
      actions: ['open', 'retry'],
      urgency: 'critical',
      status: 'failed',
    });
  });

  it('offers no retry when it cannot resubmit, and says when the server gave no reason', () => {
    const event = finishEvent('j9', 'failed');
    if (event.type === 'job-finished') event.job.error = '';
    const [intent] = notificationIntents(event, context());
    expect(intent?.title).toBe('Sync failed');
    expect(intent?.actions).toEqual(['open']);
    expect(intent?.body).toMatch(/^The server gave no reason\./);
  });

  it('is silent for a key already notified (flaps, replays, restarts)', () => {
    expect(
      notificationIntents(finishEvent('j1', 'completed'), context({ alreadyNotified: () => true })),
    ).toEqual([]);
  });

  it('never notifies history; a job created since the last poll and already over does notify', () => {
    const done = finished(makeJob({ id: 'h' }), 'completed');
    expect(notificationIntents(addedEvent(done, false), context())).toEqual([]);
    expect(notificationIntents(addedEvent(done, true), context())).toHaveLength(1);
    expect(notificationIntents(addedEvent(makeJob({ id: 'r' }), true), context())).toEqual([]);
  });

  it('honours per-status toggles and the master switch', () => {
    const settings = notificationSettingsSchema.parse({ events: { cancelled: false } });
    expect(settings.events).toEqual({
      completed: true,
      completedPartial: true,
      failed: true,
      cancelled: false,
    });
    expect(notificationIntents(finishEvent('j1', 'cancelled'), context({ settings }))).toEqual([]);
    expect(notificationIntents(finishEvent('j1', 'failed'), context({ settings }))).toHaveLength(1);
    const off = notificationSettingsSchema.parse({ enabled: false });
    expect(notificationIntents(finishEvent('j1', 'failed'), context({ settings: off }))).toEqual([]);
  });

  it('keeps system jobs and other users jobs silent unless asked', () => {
    const system = finishEvent('s', 'failed', {
      job: { username: 'system', operationType: 'data_retention_cleanup' },
    });
    const bobs = finishEvent('b', 'completed', { job: { username: 'bob' } });
    expect(notificationIntents(system, context())).toEqual([]);
    expect(notificationIntents(bobs, context())).toEqual([]);
    const loud = notificationSettingsSchema.parse({ systemJobs: true, otherUsersJobs: true });
    expect(notificationIntents(system, context({ settings: loud }))[0]?.title).toBe(
      'Data retention cleanup failed',
    );
    expect(notificationIntents(bobs, context({ settings: loud }))).toHaveLength(1);
  });

  it('marks catch-up endings for the digest', () => {
    const [intent] = notificationIntents(finishEvent('j1', 'completed', { catchUp: true }), context());
    expect(intent?.catchUp).toBe(true);
  });

  it('bounds the reason and keeps markup as text (escaping is the notifier’s job)', () => {
    const event = finishEvent('j1', 'failed');
    if (event.type === 'job-finished') event.job.error = `<b>boom</b> ${'x'.repeat(500)}`;
    const [intent] = notificationIntents(event, context());
    const reason = intent!.body.split('\n')[0]!;
    expect(reason.length).toBeLessThanOrEqual(200);
    expect(reason).toMatch(/^<b>boom<\/b> x+…$/);
  });

  it('says plain words for a hostile server’s job, as the client hands it over (issue 8)', () => {
    const settings = { ...defaultNotificationSettings(), otherUsersJobs: true };
    for (const status of ['failed', 'completed_partial', 'cancelled', 'completed'] as const) {
      const job = normalizeJob(jobSchema.parse({ ...hostileJobBody(`h-${status}`), status }))!;
      const event: EngineEvent = {
        type: 'job-finished',
        serverId: 'work',
        job,
        previous: { ...job, status: 'running' },
        status,
        catchUp: false,
      };
      const [intent] = notificationIntents(event, context({ settings }));
      expect(intent).toBeDefined();
      for (const text of [intent!.title, ...intent!.body.split('\n'), intent!.label ?? ''])
        expectClean(text, 400);
      expect(intent!.title).toMatch(/evil-repo/);
      if (status === 'failed') expect(intent!.body).toMatch(/^error text/);
    }
  });

  it('describes a golden refresh by its alias and a completed job by its duration', () => {
    const event = finishEvent('g', 'completed', {
      job: { operationType: 'global_repo_refresh', result: { alias: 'proj-golden-global' } },
    });
    if (event.type === 'job-finished') event.job.result = { alias: 'proj-golden-global' };
    const [intent] = notificationIntents(event, context());
    expect(intent?.title).toBe('Golden repository refresh of proj-golden completed');
    expect(intent?.body).toBe('On Work server. Took 1 minute.');
  });
});
