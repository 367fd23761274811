/**
 * The double keeps time through an injectable clock so tests can drive job lifecycles,
 * token expiry and lockouts without sleeping. Structurally compatible with main/core/clock.ts
 * (the double must not import it: it is an independent reimplementation).
 */
export interface ServerClock {
  /** Epoch milliseconds; may carry a fraction (microseconds matter for CIDX timestamps). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Wall-clock time with sub-millisecond precision, like Python's datetime.now(). */
export const realClock: ServerClock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, Math.max(0, ms));
    // Scenario timers must never keep a test process alive on their own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A clock that only moves when told to; timers fire in due order during `advance`. */
export interface ManualClock extends ServerClock {
  advance(ms: number): void;
  /** Number of timers still waiting. */
  pendingTimers(): number;
}

interface ManualTimer {
  id: number;
  due: number;
  callback: () => void;
}

export function createManualClock(startMs = Date.UTC(2026, 10, 28, 9, 44, 17, 530)): ManualClock {
  let current = startMs;
  let nextId = 1;
  const timers = new Map<number, ManualTimer>();

  const nextDue = (limit: number): ManualTimer | undefined => {
    let best: ManualTimer | undefined;
    for (const timer of timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  };

  return {
    now: () => current,
    setTimeout: (callback, ms) => {
      const timer = { id: nextId++, due: current + Math.max(0, ms), callback };
      timers.set(timer.id, timer);
      return timer.id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    advance: (ms) => {
      const target = current + Math.max(0, ms);
      // Timers scheduled while firing are honoured if they fall inside the window.
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.delete(timer.id);
        current = Math.max(current, timer.due);
        timer.callback();
      }
      current = target;
    },
    pendingTimers: () => timers.size,
  };
}

export function isManualClock(clock: ServerClock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advance === 'function';
}
