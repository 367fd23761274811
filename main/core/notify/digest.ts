/**
 * "While you were away": endings the app missed (first poll after start, or after a server
 * came back from offline; the engine marks them `catchUp`) and endings held back by quiet
 * hours become ONE digest instead of one notification each (design.md, "What is new").
 */
import type { Clock } from '../clock';
import type { Batcher } from './batcher';
import { createBatcher } from './batcher';
import { combineIntents } from './combine';
import type { NotificationIntent } from './intent';

export type DigestReason = 'away' | 'quiet';

const HEADINGS: Record<DigestReason, (jobs: string) => string> = {
  away: (jobs) => `While you were away: ${jobs} finished`,
  quiet: (jobs) => `During quiet hours: ${jobs} finished`,
};

export function buildDigest(
  intents: readonly NotificationIntent[],
  reason: DigestReason,
): NotificationIntent | null {
  if (intents.length === 0) return null;
  return combineIntents(intents, 'digest', HEADINGS[reason]);
}

/** Collects catch-up intents for a window (several servers answer their first poll in turn). */
export function createDigestCollector(options: {
  clock: Clock;
  windowMs: () => number;
  deliver: (intent: NotificationIntent) => void;
}): Batcher<NotificationIntent> {
  return createBatcher<NotificationIntent>(options.clock, options.windowMs, (intents) => {
    const digest = buildDigest(intents, 'away');
    if (digest) options.deliver(digest);
  });
}
