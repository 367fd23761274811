/**
 * v1 -> v2. The v1 prototype kept everything in one flat file, secrets included:
 *
 *   { "version": 1, "pollIntervalSeconds": 5, "idlePollIntervalSeconds": 30,
 *     "notifications": true, "theme": "dark",
 *     "servers": [{ "name": "Prod", "url": "https://…", "apiKey": "cidx_sk_…",
 *                   "username": "ana", "password": "…", "refreshToken": "…",
 *                   "insecure": false, "caFile": "/ca.pem", "intervalSeconds": 10 }] }
 *
 * v2 nests settings, gives servers an id and an explicit auth mode, and keeps secrets only in
 * the secret store: this step returns them for the loader to store (design.md, "Auth").
 * Anything it does not recognise is passed on unchanged so validation can report it.
 */
import { isRecord } from '../is-record';
import { secretKeys } from './server';
import { uniqueServerId } from './server-id';
import type { JsonObject, MigrationStep, PendingSecret } from './migration-types';

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const positiveNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** v2's minimum cadences (settings.ts); a v1 value below them is raised rather than rejected. */
const MIN_ACTIVE_MS = 500;
const MIN_IDLE_MS = 5000;

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.trim().toLowerCase()); n += 1) candidate = `${name} (${n})`;
  taken.add(candidate.trim().toLowerCase());
  return candidate;
}

export function migrateV1ToV2(v1: JsonObject): MigrationStep {
  const secrets: PendingSecret[] = [];
  const notes: string[] = [];
  const rawServers: unknown[] = Array.isArray(v1.servers) ? v1.servers : [];
  const taken = new Set<string>();
  const takenNames = new Set<string>();
  const perServerIntervals: number[] = [];

  const servers = rawServers.map((entry) => {
    if (!isRecord(entry)) return entry;
    const { apiKey, password, refreshToken, username, insecure, caFile, intervalSeconds, id, ...rest } =
      entry;
    if (positiveNumber(intervalSeconds)) perServerIntervals.push(intervalSeconds);
    const serverId =
      nonEmptyString(id) && !taken.has(id)
        ? id
        : nonEmptyString(rest.name)
          ? uniqueServerId(rest.name, taken)
          : id;
    if (typeof serverId === 'string') taken.add(serverId);

    const migrated: JsonObject = { ...rest, id: serverId };
    // v1 allowed two servers with one name; v2 does not, so the later one is renamed, not lost.
    if (nonEmptyString(rest.name)) migrated.name = uniqueName(rest.name, takenNames);
    // An API key wins: it never expires, the best fit for a monitor (cidx-api.md §1, item 9).
    if (nonEmptyString(apiKey)) migrated.auth = { mode: 'api-key' };
    else if (nonEmptyString(username)) migrated.auth = { mode: 'password', username };
    // No credentials at all: keep the server and let the app ask for a key rather than drop it.
    else if (migrated.auth === undefined) migrated.auth = { mode: 'api-key' };
    migrated.tls = { insecureSkipVerify: insecure === true, ...(nonEmptyString(caFile) ? { caFile } : {}) };

    if (typeof serverId === 'string') {
      if (nonEmptyString(apiKey)) secrets.push({ key: secretKeys.apiKey(serverId), value: apiKey });
      if (nonEmptyString(password)) secrets.push({ key: secretKeys.password(serverId), value: password });
      if (nonEmptyString(refreshToken))
        secrets.push({ key: secretKeys.refreshToken(serverId), value: refreshToken });
    }
    return migrated;
  });

  const polling: JsonObject = {};
  // v2 has one adaptive cadence, not one per server: the fastest v1 interval becomes it.
  const activeSeconds = positiveNumber(v1.pollIntervalSeconds)
    ? v1.pollIntervalSeconds
    : perServerIntervals.length > 0
      ? Math.min(...perServerIntervals)
      : undefined;
  if (activeSeconds !== undefined)
    polling.activeIntervalMs = Math.max(MIN_ACTIVE_MS, Math.round(activeSeconds * 1000));
  if (positiveNumber(v1.idlePollIntervalSeconds)) {
    polling.idleIntervalMs = Math.max(MIN_IDLE_MS, Math.round(v1.idlePollIntervalSeconds * 1000));
  }

  const settings: JsonObject = { polling };
  if (typeof v1.notifications === 'boolean') settings.notifications = { enabled: v1.notifications };
  if (v1.theme !== undefined) settings.theme = v1.theme;

  if (secrets.length > 0) notes.push(`moved ${secrets.length} inline secret(s) out of the settings file`);
  return { document: { version: 2, settings, servers }, secrets, notes };
}
