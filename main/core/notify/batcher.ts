/**
 * Collects items for a window that starts with the first one, then hands them over together.
 * Clock-driven (an injected `Clock`), and the host can flush at any time (e.g. on quit).
 */
import type { Clock, TimerHandle } from '../clock';

export interface Batcher<T> {
  add(item: T): void;
  /** Hands over what is pending now, if anything. */
  flush(): void;
  pending(): number;
  dispose(): void;
}

export function createBatcher<T>(
  clock: Clock,
  windowMs: () => number,
  onFlush: (items: T[]) => void,
): Batcher<T> {
  let items: T[] = [];
  let timer: TimerHandle | null = null;

  function flush(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (items.length === 0) return;
    const batch = items;
    items = [];
    onFlush(batch);
  }

  return {
    add(item) {
      items.push(item);
      if (timer === null) timer = clock.setTimeout(flush, windowMs());
    },
    flush,
    pending: () => items.length,
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      items = [];
    },
  };
}
