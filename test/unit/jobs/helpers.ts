/** Shared test helpers for jobs and notify: a fake clock, a memory document store, job builders. */
import type { Clock, TimerHandle } from '../../../main/core/clock';
import type { Job } from '../../../main/core/cidx/job';
import type { DocumentStore } from '../../../main/core/config/stores';
import type { ServerState } from '../../../main/core/engine/events';
import { makeJob as jobFixture } from '../../support/job-fixture';
import { makeServerState as serverStateFixture } from '../../support/server-state-fixture';

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(at: number): void;
  pendingTimers(): number;
}

export function createFakeClock(start = Date.UTC(2026, 10, 28, 9, 0, 0)): FakeClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const runDue = (): void => {
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) return;
      timers.delete(due[0]);
      due[1].callback();
    }
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, callback });
      return { id } as unknown as TimerHandle;
    },
    clearTimeout(handle) {
      timers.delete((handle as unknown as { id: number }).id);
    },
    advance(ms) {
      now += ms;
      runDue();
    },
    set(at) {
      now = at;
      runDue();
    },
    pendingTimers: () => timers.size,
  };
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
