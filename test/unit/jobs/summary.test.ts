import { describe, expect, it } from 'vitest';
import type { TrackedJob } from '../../../main/core/jobs';
import { summarizeJobs } from '../../../main/core/jobs';
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
      NOW,
    );
    expect(summary.countsByStatus).toEqual({ running: 2, pending: 1, completed: 1 });
    expect(summary.running).toBe(2);
    expect(summary.pending).toBe(1);
    expect(summary.progress).toBe(41);
    expect(summary.worst).toBe('running');
  });

  it('is idle with no progress when nothing runs', () => {
    const summary = summarizeJobs([tracked('completed', 100)], [], NOW);
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
    expect(summarizeJobs(jobs, [server('a', 'online')], NOW).worst).toBe('failed');
    expect(summarizeJobs(jobs, [server('a', 'online')], NOW).unacknowledgedFailures).toBe(1);
    expect(summarizeJobs(jobs, [server('a', 'offline')], NOW).worst).toBe('offline');
    expect(summarizeJobs(jobs, [server('a', 'offline'), server('b', 'auth-failed')], NOW).worst).toBe(
      'auth-failed',
    );
    // A disabled server does not count.
    expect(summarizeJobs(jobs, [server('b', 'auth-failed', false)], NOW).worst).toBe('failed');
  });

  it('reports the data age from the oldest successful poll among enabled servers', () => {
    const summary = summarizeJobs(
      [],
      [
        { serverId: 'a', enabled: true, state: makeServerState({ lastSuccessAt: NOW - 5_000 }) },
        { serverId: 'b', enabled: true, state: makeServerState({ lastSuccessAt: NOW - 90_000 }) },
        { serverId: 'c', enabled: false, state: makeServerState({ lastSuccessAt: NOW - 999_000 }) },
        { serverId: 'd', enabled: true, state: null },
      ],
      NOW,
    );
    expect(summary.oldestSuccessAt).toBe(NOW - 90_000);
    expect(summary.dataAgeMs).toBe(90_000);
    expect(summary.serversNeverPolled).toEqual(['d']);
  });
});
