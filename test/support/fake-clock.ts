/**
 * A clock tests drive by hand: timers run only when the test advances time, in due order,
 * with promise callbacks flushed between them so async polls complete (testing.md: no sleeps).
 */
import type { Clock, TimerHandle } from '../../main/core/clock';

interface FakeTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/** Lets every pending promise callback run (they all drain before the next macrotask). */
export async function flushPromises(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(startAt = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id?: number }).id;
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** Timers not yet run. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** When the earliest timer is due, or null. */
  nextDueAt(): number | null {
    return this.earliest()?.dueAt ?? null;
  }

  /** Moves time forward by `ms`, running every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushPromises();
    while (this.runNextDue(target)) await flushPromises();
    this.current = target;
    await flushPromises();
  }

  /**
   * `advance` for code that awaits nothing between timers (the notification center, the job
   * store): due timers run in order, synchronously, with no promise flushing.
   */
  advanceSync(ms: number): void {
    const target = this.current + ms;
    while (this.runNextDue(target));
    this.current = target;
  }

  /** `advanceSync` to a clock time (never backwards). */
  advanceSyncTo(at: number): void {
    this.advanceSync(Math.max(0, at - this.current));
  }

  /** Runs timers (moving time to each) until none is left; throws past `maxTimers` (a loop that never idles). */
  async runUntilIdle(maxTimers = 1_000): Promise<void> {
    await flushPromises();
    for (let ran = 0; this.timers.length > 0; ran += 1) {
      if (ran >= maxTimers) throw new Error(`FakeClock.runUntilIdle: still busy after ${maxTimers} timers`);
      this.runNextDue(Infinity);
      await flushPromises();
    }
  }

  /** Runs the earliest timer if it is due by `target`, moving time to it; false when none is. */
  private runNextDue(target: number): boolean {
    const timer = this.earliest();
    if (!timer || timer.dueAt > target) return false;
    this.timers = this.timers.filter((other) => other !== timer);
    this.current = Math.max(this.current, timer.dueAt);
    timer.callback();
    return true;
  }

  private earliest(): FakeTimer | undefined {
    // Ties run in the order they were set.
    return this.timers.reduce<FakeTimer | undefined>(
      (best, timer) =>
        !best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)
          ? timer
          : best,
      undefined,
    );
  }
}
