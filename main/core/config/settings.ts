/**
 * The settings file's schema: app settings with their defaults, and the whole config document
 * (`{ version, settings, servers }`). Parsing `{}` yields every default.
 */
import { z } from 'zod';
// One notification schema for the whole app: the notify policy owns it, the document embeds it.
import { notificationSettingsSchema } from '../notify/settings';
import { CURRENT_CONFIG_VERSION } from './migrations';
import { serverConfigSchema } from './server';

export { notificationSettingsSchema, quietHoursSchema } from '../notify/settings';
export type { NotificationSettings, QuietHours } from '../notify/settings';

export const pollingSettingsSchema = z.object({
  /** Cadence while a server has pending/running jobs or a person just acted; 1 s keeps detection
   * within a second of the naive per-job poller at a ninth of its requests (npm run bench:engine). */
  activeIntervalMs: z.number().int().min(500).default(1000),
  /** Cadence when nothing is happening. */
  idleIntervalMs: z.number().int().min(5000).default(15_000),
  /** Ceiling of the exponential backoff after failures. */
  backoffCapMs: z.number().int().min(1000).default(60_000),
});
export type PollingSettings = z.infer<typeof pollingSettingsSchema>;

export const retentionSettingsSchema = z.object({
  /** Finished jobs stay visible this many days. */
  finishedDays: z.number().int().min(0).max(3650).default(7),
  maxFinishedPerServer: z.number().int().min(0).max(100_000).default(500),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const appSettingsSchema = z.object({
  polling: pollingSettingsSchema.prefault({}),
  notifications: notificationSettingsSchema.prefault({}),
  retention: retentionSettingsSchema.prefault({}),
  /** A running job with no progress change for this long is shown as possibly stalled. */
  stallMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  launchAtLogin: z.boolean().default(false),
  theme: themeSchema.default('system'),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;
export type AppSettingsInput = z.input<typeof appSettingsSchema>;

/** Names compare case- and space-insensitively: "Prod" and " prod" would confuse a person. */
export function normalizeServerName(name: string): string {
  return name.trim().toLowerCase();
}

/** Server ids and names must be unique within a document. */
export const serverListSchema = z.array(serverConfigSchema).superRefine((servers, ctx) => {
  const ids = new Set<string>();
  const names = new Set<string>();
  servers.forEach((server, index) => {
    if (ids.has(server.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate server id "${server.id}"` });
    }
    const name = normalizeServerName(server.name);
    if (names.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `duplicate server name "${server.name}"`,
      });
    }
    ids.add(server.id);
    names.add(name);
  });
});

export const configDocumentSchema = z.object({
  version: z.number().int().positive(),
  settings: appSettingsSchema.prefault({}),
  servers: serverListSchema.default([]),
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
export type ConfigDocumentInput = z.input<typeof configDocumentSchema>;

/** Every setting at its default. A fresh object each call, safe to mutate. */
export function defaultSettings(): AppSettings {
  return appSettingsSchema.parse({});
}

/** The document a first start (or a corrupt file) begins with: default settings, no servers. */
export function defaultConfigDocument(): ConfigDocument {
  return configDocumentSchema.parse({ version: CURRENT_CONFIG_VERSION });
}
