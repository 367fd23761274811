/**
 * Storm control: intents arriving within a short window (default 3 s; one poll's events arrive
 * together) become one summary, "4 jobs finished: 3 completed, 1 failed" (users.md,
 * complaint 2). A lone intent passes unchanged.
 */
import type { Clock } from '../clock';
import type { Batcher } from './batcher';
import { createBatcher } from './batcher';
import { combineIntents } from './combine';
import type { NotificationIntent } from './intent';

export function summarizeIntents(intents: readonly NotificationIntent[]): NotificationIntent | null {
  if (intents.length <= 1) return intents[0] ?? null;
  return combineIntents(intents, 'summary', (jobs) => `${jobs} finished`);
}

export function createCoalescer(options: {
  clock: Clock;
  windowMs: () => number;
  deliver: (intent: NotificationIntent) => void;
}): Batcher<NotificationIntent> {
  return createBatcher<NotificationIntent>(options.clock, options.windowMs, (intents) => {
    const summary = summarizeIntents(intents);
    if (summary) options.deliver(summary);
  });
}
