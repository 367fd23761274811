import { describe, expect, it } from 'vitest';
import {
  appSettingsSchema,
  configDocumentSchema,
  CURRENT_CONFIG_VERSION,
  defaultConfigDocument,
  defaultSettings,
  notificationSettingsSchema,
} from '../../../main/core/config';

const server = (id: string, name: string, url = `https://${id}.example`) => ({
  id,
  name,
  url,
  auth: { mode: 'api-key' as const },
});

describe('app settings defaults', () => {
  it('fills every default from an empty object', () => {
    const settings = defaultSettings();
    expect(settings.polling).toEqual({
      activeIntervalMs: 1000,
      idleIntervalMs: 15_000,
      backoffCapMs: 60_000,
    });
    expect(settings.retention).toEqual({ finishedDays: 7, maxFinishedPerServer: 500 });
    expect(settings.stallMinutes).toBe(10);
    expect(settings.launchAtLogin).toBe(false);
    expect(settings.theme).toBe('system');
    // The notification section is main/core/notify's schema, embedded with its defaults.
    expect(settings.notifications).toEqual(notificationSettingsSchema.parse({}));
    expect(settings.notifications.enabled).toBe(true);
    expect(settings.notifications.systemJobs).toBe(false);
    expect(settings.notifications.coalesceWindowMs).toBe(3000);
    expect(settings.notifications.quietHours).toEqual({ enabled: false, start: '22:00', end: '07:00' });
    expect(settings.notifications.failuresBreakThrough).toBe(true);
    expect(settings.notifications.pausedUntil).toBeNull();
  });

  it('keeps given values and defaults only the missing nested ones', () => {
    const settings = appSettingsSchema.parse({
      polling: { activeIntervalMs: 1000 },
      notifications: { quietHours: { enabled: true } },
    });
    expect(settings.polling).toEqual({
      activeIntervalMs: 1000,
      idleIntervalMs: 15_000,
      backoffCapMs: 60_000,
    });
    expect(settings.notifications.quietHours.enabled).toBe(true);
    expect(settings.notifications.quietHours.start).toBe('22:00');
  });

  it('returns a fresh object each time', () => {
    const first = defaultSettings();
    first.polling.activeIntervalMs = 9999;
    expect(defaultSettings().polling.activeIntervalMs).toBe(1000);
  });

  it.each([
    [{ polling: { activeIntervalMs: 499 } }, 'polling.activeIntervalMs'],
    [{ polling: { idleIntervalMs: 4999 } }, 'polling.idleIntervalMs'],
    [{ theme: 'blue' }, 'theme'],
    [{ stallMinutes: 0 }, 'stallMinutes'],
    [{ notifications: { quietHours: { start: '25:00' } } }, 'notifications.quietHours.start'],
  ])('rejects %j at %s', (input, path) => {
    const result = appSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('accepts a pause until a given time', () => {
    expect(notificationSettingsSchema.parse({ pausedUntil: 1_700_000_000_000 }).pausedUntil).toBe(
      1_700_000_000_000,
    );
  });
});

describe('config document', () => {
  it('defaults to the current version, default settings and no servers', () => {
    const document = defaultConfigDocument();
    expect(document.version).toBe(CURRENT_CONFIG_VERSION);
    expect(document.servers).toEqual([]);
    expect(document.settings).toEqual(defaultSettings());
  });

  it('accepts distinct servers and applies server defaults', () => {
    const document = configDocumentSchema.parse({
      version: 2,
      servers: [server('a', 'A'), server('b', 'B')],
    });
    expect(document.servers.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(document.servers[0]?.tls.insecureSkipVerify).toBe(false);
    expect(document.servers[0]?.enabled).toBe(true);
  });

  it('rejects duplicate server ids', () => {
    const result = configDocumentSchema.safeParse({
      version: 2,
      servers: [server('a', 'A'), server('a', 'B')],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/duplicate server id "a"/);
  });

  it('rejects duplicate names regardless of case and spaces', () => {
    const result = configDocumentSchema.safeParse({
      version: 2,
      servers: [server('a', 'Prod'), server('b', ' prod')],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/duplicate server name/);
  });
});
