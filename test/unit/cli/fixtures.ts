/** Plain jobs, servers and watched jobs for the CLI's pure helpers. */
import type { Job } from '../../../main/core/cidx/job';
import type { ServerConfig } from '../../../main/core/config';
import type { ServerState } from '../../../main/core/engine';
import type { WatchedJob } from '../../../main/cli/watch/watch-session';
import { makeJob } from '../../support/job-fixture';
import { makeServerState } from '../../support/server-state-fixture';

export const T0 = Date.parse('2026-03-01T12:00:00Z');

export function aJob(overrides: Partial<Job> = {}): Job {
  return makeJob('8b663834-1111-4222-8333-444455556666', { createdAt: T0, startedAt: T0, ...overrides });
}

export function aServer(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    id: 'work',
    name: 'work',
    url: 'https://cidx.example.com',
    auth: { mode: 'api-key' },
    tls: { insecureSkipVerify: false },
    showAllUsers: false,
    showSystemJobs: false,
    enabled: true,
    ...overrides,
  };
}

export function watched(job: Partial<Job> = {}, repository: string | null = 'my-proj'): WatchedJob {
  return { server: aServer(), job: aJob(job), repository };
}

export function aState(overrides: Partial<ServerState> = {}): ServerState {
  return makeServerState('work', {
    lastSuccessAt: T0,
    lastAttemptAt: T0,
    latencyMs: 5,
    mode: 'active',
    ...overrides,
  });
}
