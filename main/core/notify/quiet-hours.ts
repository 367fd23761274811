/**
 * Quiet hours (a local-time window, possibly across midnight) and "pause until". Pure.
 * While quiet, only failures show, and only with `failuresBreakThrough` (users.md: noise
 * control, but failures must not be missed); the rest is summarised when quiet ends.
 */
import type { NotificationIntent } from './intent';
import type { NotificationSettings, QuietHours } from './settings';

export type QuietStatus = { quiet: false } | { quiet: true; reason: 'paused' | 'quiet-hours'; until: number };

type QuietSettings = Pick<NotificationSettings, 'quietHours' | 'pausedUntil'>;

const minutesOf = (clock: string): number => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Minutes since local midnight. Local on purpose: "22:00" means the person's evening. */
const localMinutes = (now: number): number => {
  const date = new Date(now);
  return date.getHours() * 60 + date.getMinutes();
};

export function isWithinQuietHours(now: number, quietHours: QuietHours): boolean {
  if (!quietHours.enabled) return false;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false; // an empty window, not a whole day
  const current = localMinutes(now);
  return start < end ? current >= start && current < end : current >= start || current < end;
}

/** The next local time the clock reads `end` (DST-safe: built from local date parts). */
function nextLocalTime(now: number, clock: string): number {
  const minutes = minutesOf(clock);
  const date = new Date(now);
  date.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  if (date.getTime() <= now) date.setDate(date.getDate() + 1);
  return date.getTime();
}

export function quietStatus(now: number, settings: QuietSettings): QuietStatus {
  const paused = settings.pausedUntil !== null && settings.pausedUntil > now;
  const inQuietHours = isWithinQuietHours(now, settings.quietHours);
  if (!paused && !inQuietHours) return { quiet: false };
  const quietEnd = inQuietHours ? nextLocalTime(now, settings.quietHours.end) : 0;
  const pauseEnd = paused ? settings.pausedUntil! : 0;
  return { quiet: true, reason: paused ? 'paused' : 'quiet-hours', until: Math.max(quietEnd, pauseEnd) };
}

/** Shown now (true) or held for the end-of-quiet digest (false). */
export function showsDuringQuiet(
  intent: Pick<NotificationIntent, 'kind'>,
  status: QuietStatus,
  settings: Pick<NotificationSettings, 'failuresBreakThrough'>,
): boolean {
  if (!status.quiet) return true;
  return intent.kind === 'failed' && settings.failuresBreakThrough;
}
