/**
 * Validation with salvage: when a document fails the schema we keep every part that is valid.
 * Decision: the unit of salvage is a section — the settings block as a whole (defaults if it
 * fails), and each server entry on its own. A bad server entry is left out and reported; the
 * other servers keep working. Duplicates (same id or name) keep the first entry.
 */
import { describeZodError, type ConfigIssue } from './config-issues';
import { CURRENT_CONFIG_VERSION, type JsonObject } from './migrations';
import { serverConfigSchema, type ServerConfig } from './server';
import { appSettingsSchema, configDocumentSchema, defaultSettings, normalizeServerName } from './settings';
import type { ConfigDocument } from './settings';

export interface SalvageResult {
  document: ConfigDocument;
  issues: ConfigIssue[];
  /** True when something in the input was not kept (so the original should be backed up). */
  dropped: boolean;
}

function serverLabel(entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as JsonObject).name : undefined;
  return typeof name === 'string' && name.length > 0 && name.length <= 100
    ? `Server #${index + 1} ("${name}")`
    : `Server #${index + 1}`;
}

export function salvageDocument(raw: JsonObject): SalvageResult {
  const whole = configDocumentSchema.safeParse({ ...raw, version: CURRENT_CONFIG_VERSION });
  if (whole.success) return { document: whole.data, issues: [], dropped: false };

  const issues: ConfigIssue[] = [];
  const settings = appSettingsSchema.safeParse(raw.settings ?? {});
  if (!settings.success) {
    issues.push({
      kind: 'invalid-settings',
      message: `Settings were invalid and reset to defaults (${describeZodError(settings.error)})`,
    });
  }

  const servers: ServerConfig[] = [];
  const rawServers = raw.servers ?? [];
  if (!Array.isArray(rawServers)) {
    issues.push({ kind: 'invalid-server', message: '"servers" is not a list; no server could be loaded' });
  } else {
    const ids = new Set<string>();
    const names = new Set<string>();
    rawServers.forEach((entry, index) => {
      const label = serverLabel(entry, index);
      const parsed = serverConfigSchema.safeParse(entry);
      if (!parsed.success) {
        issues.push({
          kind: 'invalid-server',
          message: `${label} was left out: ${describeZodError(parsed.error)}`,
        });
        return;
      }
      const server = parsed.data;
      if (ids.has(server.id)) {
        issues.push({
          kind: 'invalid-server',
          message: `${label} was left out: its id "${server.id}" is already used`,
        });
        return;
      }
      if (names.has(normalizeServerName(server.name))) {
        issues.push({ kind: 'invalid-server', message: `${label} was left out: its name is already used` });
        return;
      }
      ids.add(server.id);
      names.add(normalizeServerName(server.name));
      servers.push(server);
    });
  }

  const document: ConfigDocument = {
    version: CURRENT_CONFIG_VERSION,
    settings: settings.success ? settings.data : defaultSettings(),
    servers,
  };
  return { document, issues, dropped: issues.length > 0 };
}
