/** Shared builders of the engine unit tests. */
import type { Job } from '../../../main/core/cidx/job';
import type { EngineEvent } from '../../../main/core/engine/events';
import type { EngineOptions } from '../../../main/core/engine/options';
import { PollingEngine } from '../../../main/core/engine/engine';
import type { ServerFlavor } from '../../../main/core/cidx/api';
import { FakeClock } from '../../support/fake-clock';
import { FakeCidxApi } from '../../support/fake-cidx-api';
import { makeJob as jobFixture } from '../../support/job-fixture';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

let counter = 0;
/** A new job `j<n>` each call, created in call order a minute before T0. */
export function makeJob(fields: Partial<Job> = {}): Job {
  counter += 1;
  return jobFixture(`j${counter}`, { createdAt: T0 - 60_000 + counter, startedAt: T0 - 50_000, ...fields });
}

export function eventsOf<T extends EngineEvent['type']>(
  events: readonly EngineEvent[],
  type: T,
): Extract<EngineEvent, { type: T }>[] {
  return events.filter((event): event is Extract<EngineEvent, { type: T }> => event.type === type);
}

export interface Harness {
  clock: FakeClock;
  api: FakeCidxApi;
  engine: PollingEngine;
  events: EngineEvent[];
  errors: unknown[];
}

/** An engine on a FakeClock watching one fake server `s1` (a new one unless given), not yet started. */
export function harness(
  options: { flavor?: ServerFlavor; engine?: Partial<EngineOptions>; seed?: Job[]; api?: FakeCidxApi } = {},
): Harness {
  const clock = new FakeClock(T0);
  const api = options.api ?? new FakeCidxApi({ flavor: options.flavor ?? 'head', now: () => clock.now() });
  const errors: unknown[] = [];
  const engine = new PollingEngine({
    // These tests count ticks of 2 s with a full list every 5th: the cadence they were written for.
    activeIntervalMs: 2_000,
    fullListEveryTicks: 5,
    clock,
    random: () => 0.5,
    reportError: (error) => errors.push(error),
    ...options.engine,
  });
  const events: EngineEvent[] = [];
  engine.on((event) => events.push(event));
  engine.addServer({ id: 's1', api }, options.seed ?? []);
  return { clock, api, engine, events, errors };
}
