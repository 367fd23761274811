import { describe, expect, it } from 'vitest';
import type { TrackedJob } from '../../../main/core/jobs';
import { createJobStore, summarizeJobs } from '../../../main/core/jobs';
import { oldestSuccessAt, serversNeverPolled } from '../../../preload/data-age';
import { makeJob, makeServerState } from './helpers';

const NOW = 1_000_000;

function tracked(status: string, progress: number, acknowledged = true): TrackedJob {
  return {
    serverId: 'work',
    job: makeJob({ status, progress }),
    firstSeenAt: 0,
    lastActivityAt: 0,
    acknowledged,
  };
}

describe('summary', () => {
  it('counts by status, running jobs and their mean progress', () => {
    const summary = summarizeJobs(
      [tracked('running', 20), tracked('running', 61), tracked('pending', 0), tracked('completed', 100)],
      [],
    );
    expect(summary.countsByStatus).toEqual({ running: 2, pending: 1, completed: 1 });
    expect(summary.running).toBe(2);
    expect(summary.pending).toBe(1);
    expect(summary.progress).toBe(41);
    expect(summary.worst).toBe('running');
  });

  it('is idle with no progress when nothing runs', () => {
    const summary = summarizeJobs([tracked('completed', 100)], []);
    expect(summary.progress).toBeNull();
    expect(summary.worst).toBe('idle');
  });

  it('orders worst states: auth-failed > offline > unacknowledged failure > running', () => {
    const jobs = [tracked('running', 25), tracked('failed', 0, false), tracked('failed', 0, true)];
    const server = (serverId: string, health: 'online' | 'offline' | 'auth-failed', enabled = true) => ({
      serverId,
      enabled,
      state: makeServerState({ serverId, health }),
    });
    expect(summarizeJobs(jobs, [server('a', 'online')]).worst).toBe('failed');
    expect(summarizeJobs(jobs, [server('a', 'online')]).unacknowledgedFailures).toBe(1);
    expect(summarizeJobs(jobs, [server('a', 'offline')]).worst).toBe('offline');
    expect(summarizeJobs(jobs, [server('a', 'offline'), server('b', 'auth-failed')]).worst).toBe(
      'auth-failed',
    );
    // A disabled server does not count.
    expect(summarizeJobs(jobs, [server('b', 'auth-failed', false)]).worst).toBe('failed');
  });

  it('reports the data age from the oldest successful poll among enabled servers', () => {
    const server = (id: string, enabled: boolean, lastSuccessAt: number | null) => ({
      config: { id, enabled },
      state: lastSuccessAt === null ? null : { lastSuccessAt },
    });
    const servers = [
      server('a', true, NOW - 5_000),
      server('b', true, NOW - 90_000),
      server('c', false, NOW - 999_000),
      server('d', true, null),
    ];
    expect(oldestSuccessAt(servers)).toBe(NOW - 90_000);
    expect(serversNeverPolled(servers)).toEqual(['d']);
    expect(oldestSuccessAt([server('d', true, null)])).toBeNull();
  });
});

describe('summary kept as a running tally', () => {
  it('matches a summary computed from scratch after every kind of change', () => {
    const store = createJobStore({ clock: { now: () => NOW } });
    const running = makeJob({ id: 'r', status: 'running', progress: 30 });
    store.apply({ type: 'job-added', serverId: 'work', job: running, createdSinceLastPoll: true });
    store.apply({
      type: 'job-added',
      serverId: 'work',
      job: makeJob({ id: 'p', status: 'pending' }),
      createdSinceLastPoll: true,
    });
    store.apply({
      type: 'job-changed',
      serverId: 'work',
      job: { ...running, progress: 70 },
      previous: running,
    });
    const failed = { ...running, status: 'failed', progress: 70 };
    store.apply({
      type: 'job-finished',
      serverId: 'work',
      job: failed,
      previous: running,
      status: 'failed',
      catchUp: false,
    });
    const system = makeJob({ id: 's', status: 'running', username: 'system' });
    store.apply({ type: 'job-added', serverId: 'work', job: system, createdSinceLastPoll: true });
    const fromScratch = () => summarizeJobs(store.jobs(), []);
    expect(store.summary([])).toEqual(fromScratch());
    expect(store.summary([]).unacknowledgedFailures).toBe(1);
    store.acknowledge({ serverId: 'work', jobId: 'r' });
    expect(store.summary([])).toEqual(fromScratch());
    store.setServerView('work', { showSystemJobs: true });
    expect(store.summary([])).toEqual(fromScratch());
    expect(store.summary([]).running).toBe(1);
    store.apply({ type: 'job-gone', serverId: 'work', jobId: 'p', previous: makeJob({ id: 'p' }) });
    expect(store.summary([])).toEqual(fromScratch());
    expect(store.summary([]).total).toBe(2);
  });
});
