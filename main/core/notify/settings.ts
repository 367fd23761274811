/**
 * Notification settings, with defaults. The overall settings schema (main/core/config)
 * embeds `notificationSettingsSchema`; a missing or partial section gets the defaults.
 */
import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)');

export const quietHoursSchema = z.object({
  enabled: z.boolean().default(false),
  /** Local time; a window that ends earlier than it starts crosses midnight (22:00-07:00). */
  start: clockTime.default('22:00'),
  end: clockTime.default('07:00'),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const notificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Per terminal status (CCMenu-style toggles, users.md feature 3). */
  events: z
    .object({
      completed: z.boolean().default(true),
      completedPartial: z.boolean().default(true),
      failed: z.boolean().default(true),
      cancelled: z.boolean().default(true),
    })
    .prefault({}),
  /** HEAD `system` jobs never notify unless asked (design.md, "Whose jobs"). */
  systemJobs: z.boolean().default(false),
  /** Other users' jobs (admins with "all users" on) are not news for the signed-in person. */
  otherUsersJobs: z.boolean().default(false),
  /** Intents arriving within this window become one summary. */
  coalesceWindowMs: z.number().int().min(0).max(60_000).default(3_000),
  /** Catch-up endings collected this long after start or reconnect become one digest. */
  digestWindowMs: z.number().int().min(0).max(120_000).default(10_000),
  quietHours: quietHoursSchema.prefault({}),
  /** "Pause notifications until", epoch ms; null when not paused. */
  pausedUntil: z.number().nullable().default(null),
  /** Failures still show during quiet hours and pauses. */
  failuresBreakThrough: z.boolean().default(true),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export type NotificationSettingsInput = z.input<typeof notificationSettingsSchema>;

export const defaultNotificationSettings = (): NotificationSettings => notificationSettingsSchema.parse({});
