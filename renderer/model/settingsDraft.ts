/**
 * The settings form's fields (seconds and text as a person types them) and the patch sent
 * through `settings:update`. Main validates ranges; here only "is it a number" is checked.
 */
import type { AppSettings } from '../stores/types';

export interface SettingsFields {
  activeSeconds: string;
  idleSeconds: string;
  notificationsEnabled: boolean;
  notifyCompleted: boolean;
  notifyPartial: boolean;
  notifyFailed: boolean;
  notifyCancelled: boolean;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  failuresBreakThrough: boolean;
  launchAtLogin: boolean;
  retentionDays: string;
  stallMinutes: string;
  theme: AppSettings['theme'];
}

export function fieldsFromSettings(settings: AppSettings): SettingsFields {
  const { polling, notifications } = settings;
  return {
    activeSeconds: String(polling.activeIntervalMs / 1000),
    idleSeconds: String(polling.idleIntervalMs / 1000),
    notificationsEnabled: notifications.enabled,
    notifyCompleted: notifications.events.completed,
    notifyPartial: notifications.events.completedPartial,
    notifyFailed: notifications.events.failed,
    notifyCancelled: notifications.events.cancelled,
    quietEnabled: notifications.quietHours.enabled,
    quietStart: notifications.quietHours.start,
    quietEnd: notifications.quietHours.end,
    failuresBreakThrough: notifications.failuresBreakThrough,
    launchAtLogin: settings.launchAtLogin,
    retentionDays: String(settings.retention.finishedDays),
    stallMinutes: String(settings.stallMinutes),
    theme: settings.theme,
  };
}

export type SettingsPatchResult =
  { ok: true; patch: Record<string, unknown> } | { ok: false; problems: string[] };

export function patchFromFields(fields: SettingsFields): SettingsPatchResult {
  const problems: string[] = [];
  const number = (text: string, what: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) problems.push(`${what} must be a number.`);
    return value;
  };
  const activeIntervalMs = Math.round(number(fields.activeSeconds, 'The active interval') * 1000);
  const idleIntervalMs = Math.round(number(fields.idleSeconds, 'The idle interval') * 1000);
  const finishedDays = number(fields.retentionDays, 'Days to keep finished jobs');
  const stallMinutes = number(fields.stallMinutes, 'The stall warning time');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    patch: {
      polling: { activeIntervalMs, idleIntervalMs },
      notifications: {
        enabled: fields.notificationsEnabled,
        events: {
          completed: fields.notifyCompleted,
          completedPartial: fields.notifyPartial,
          failed: fields.notifyFailed,
          cancelled: fields.notifyCancelled,
        },
        quietHours: { enabled: fields.quietEnabled, start: fields.quietStart, end: fields.quietEnd },
        failuresBreakThrough: fields.failuresBreakThrough,
      },
      launchAtLogin: fields.launchAtLogin,
      retention: { finishedDays },
      stallMinutes,
      theme: fields.theme,
    },
  };
}
