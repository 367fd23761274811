/**
 * Versioned migrations of the settings file: an ordered list of pure steps N -> N+1.
 * A document newer than this build is never migrated or rewritten (read-only mode): a person
 * who runs an older app after a newer one must not lose what the newer one wrote.
 */
import { isRecord } from '../is-record';
import { migrateV1ToV2 } from './migration-v1';
import type { JsonObject, Migration, PendingSecret } from './migration-types';

export type { JsonObject, Migration, MigrationStep, PendingSecret } from './migration-types';

export const MIGRATIONS: readonly Migration[] = [{ from: 1, migrate: migrateV1ToV2 }];

/** The version this build writes. */
export const CURRENT_CONFIG_VERSION = 1 + MIGRATIONS.length;

export type MigrationOutcome =
  | { kind: 'current'; document: JsonObject }
  | { kind: 'migrated'; document: JsonObject; fromVersion: number; secrets: PendingSecret[]; notes: string[] }
  | { kind: 'newer'; document: JsonObject; version: number }
  | { kind: 'invalid'; message: string };

/**
 * Brings a parsed document to CURRENT_CONFIG_VERSION. A document without `version` is taken as
 * v1 (the prototype wrote one, but hand-written files often omit it).
 */
export function migrateDocument(raw: unknown): MigrationOutcome {
  if (!isRecord(raw)) return { kind: 'invalid', message: 'the file does not contain a JSON object' };
  const version = raw.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      kind: 'invalid',
      message: `"version" must be a positive whole number, found ${JSON.stringify(version)}`,
    };
  }
  if (version > CURRENT_CONFIG_VERSION) return { kind: 'newer', document: raw, version };
  if (version === CURRENT_CONFIG_VERSION) return { kind: 'current', document: raw };

  let document = raw;
  const secrets: PendingSecret[] = [];
  const notes: string[] = [];
  for (const step of MIGRATIONS.slice(version - 1)) {
    const result = step.migrate(document);
    document = { ...result.document, version: step.from + 1 };
    secrets.push(...result.secrets);
    notes.push(...result.notes);
  }
  return { kind: 'migrated', document, fromVersion: version, secrets, notes };
}
