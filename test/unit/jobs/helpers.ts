/** Shared test helpers for jobs and notify: a fake clock, a memory document store, job builders. */
import type { Job } from '../../../main/core/cidx/job';
import type { DocumentStore } from '../../../main/core/config/stores';
import type { ServerState } from '../../../main/core/engine/events';
import { FakeClock } from '../../support/fake-clock';
import { makeJob as jobFixture } from '../../support/job-fixture';
import { makeServerState as serverStateFixture } from '../../support/server-state-fixture';

/** The shared FakeClock, at the time these suites' jobs are built around. */
export function createFakeClock(start = Date.UTC(2026, 10, 28, 9, 0, 0)): FakeClock {
  return new FakeClock(start);
}

export interface MemoryStore<T> extends DocumentStore<T> {
  value: unknown;
  writes: number;
}

export function memoryStore<T>(initial: unknown = undefined): MemoryStore<T> {
  const store = {
    value: initial,
    writes: 0,
    read: () => store.value as T,
    write(value: T) {
      // Round-trip through JSON like a real store, so nothing non-serializable slips in.
      store.value = JSON.parse(JSON.stringify(value));
      store.writes += 1;
    },
  };
  return store;
}

export function makeJob(overrides: Partial<Job> = {}): Job {
  return jobFixture('job-1', {
    createdAt: Date.UTC(2026, 10, 28, 8, 0, 0),
    startedAt: Date.UTC(2026, 10, 28, 8, 0, 1),
    ...overrides,
  });
}

export function finished(job: Job, status: Job['status'], overrides: Partial<Job> = {}): Job {
  return { ...job, status, completedAt: (job.startedAt ?? job.createdAt) + 60_000, ...overrides };
}

export function makeServerState(overrides: Partial<ServerState> = {}): ServerState {
  return serverStateFixture('work', overrides);
}
