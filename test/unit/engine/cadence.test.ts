import { describe, expect, it } from 'vitest';
import type { CadenceState } from '../../../main/core/engine/cadence';
import {
  backoffDelayMs,
  chooseMode,
  nextPoll,
  pollNowDelayMs,
  wantsActiveCadence,
} from '../../../main/core/engine/cadence';
import { DEFAULT_ENGINE_OPTIONS as options } from '../../../main/core/engine/options';

const NOW = 1_000_000;
const state = (patch: Partial<CadenceState> = {}): CadenceState => ({
  now: NOW,
  hasUnfinishedJobs: false,
  lastCommandAt: null,
  consecutiveFailures: 0,
  authFailed: false,
  retryAfterUntil: null,
  ...patch,
});

describe('cadence', () => {
  it('is idle with nothing going on and active while jobs run or pend', () => {
    expect(nextPoll(state(), options, Math.random)).toEqual({ mode: 'idle', delayMs: 15_000 });
    expect(nextPoll(state({ hasUnfinishedJobs: true }), options, Math.random)).toEqual({
      mode: 'active',
      delayMs: options.activeIntervalMs,
    });
  });

  it('by default ticks every second while active, like the CIDX CLI, with a full list within 10 s', () => {
    // The engine benchmark's detection target: no more than 0.5 s behind a 1 s poller (p95).
    expect(nextPoll(state({ hasUnfinishedJobs: true }), options, Math.random).delayMs).toBeLessThanOrEqual(
      1_000,
    );
    expect(options.activeIntervalMs * options.fullListEveryTicks).toBeLessThanOrEqual(10_000);
  });

  it('stays active for the command window after a command, then goes idle', () => {
    expect(wantsActiveCadence(state({ lastCommandAt: NOW - 29_999 }), options)).toBe(true);
    expect(wantsActiveCadence(state({ lastCommandAt: NOW - 30_000 }), options)).toBe(false);
    expect(chooseMode(state({ lastCommandAt: NOW - 1_000 }), options)).toBe('active');
  });

  it('backs off exponentially with full jitter, inside [floor, min(cap, base * 2^(n-1))]', () => {
    for (let failures = 1; failures <= 12; failures += 1) {
      const ceiling = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (failures - 1));
      for (const draw of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const delay = backoffDelayMs(failures, options, () => draw);
        expect(delay).toBeGreaterThanOrEqual(options.backoffFloorMs);
        expect(delay).toBeLessThanOrEqual(Math.max(ceiling, options.backoffFloorMs));
      }
      // The top of the range really grows until the cap.
      expect(backoffDelayMs(failures, options, () => 0.999999)).toBe(Math.round(0.999999 * ceiling));
    }
    expect(backoffDelayMs(40, options, () => 0.999999)).toBeLessThanOrEqual(options.backoffCapMs);
  });

  it('draws the whole range: a zero draw lands on the floor, not on the ceiling', () => {
    expect(backoffDelayMs(5, options, () => 0)).toBe(options.backoffFloorMs);
    expect(backoffDelayMs(5, options, () => 0.5)).toBe(16_000);
  });

  it('reports backoff mode after failures', () => {
    const next = nextPoll(state({ consecutiveFailures: 3, hasUnfinishedJobs: true }), options, () => 0.25);
    expect(next).toEqual({ mode: 'backoff', delayMs: 2_000 });
  });

  it('honours Retry-After: never earlier than the server asked', () => {
    const limited = state({ consecutiveFailures: 1, retryAfterUntil: NOW + 45_000 });
    expect(nextPoll(limited, options, () => 0.5).delayMs).toBe(45_000);
    expect(nextPoll(state({ retryAfterUntil: NOW + 500 }), options, () => 0.5).delayMs).toBe(15_000);
  });

  it('retries rejected credentials slowly (HEAD locks accounts after 5 bad logins, §1.6)', () => {
    const next = nextPoll(state({ consecutiveFailures: 1, authFailed: true }), options, () => 0.5);
    expect(next.delayMs).toBe(options.authFailedIntervalMs);
  });

  it('pollNow polls at once, except inside a Retry-After', () => {
    expect(pollNowDelayMs(state({ consecutiveFailures: 4 }))).toBe(0);
    expect(pollNowDelayMs(state({ retryAfterUntil: NOW + 7_000 }))).toBe(7_000);
    expect(pollNowDelayMs(state({ retryAfterUntil: NOW - 1 }))).toBe(0);
  });
});
