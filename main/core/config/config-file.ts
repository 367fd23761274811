/**
 * The settings file on disk: load with migration and corruption handling, save atomically (0600).
 * Loading never throws for a bad file and never destroys one: unusable bytes are kept beside it
 * as `config.json.corrupt-<timestamp>` and the app starts on what could be read, with issues.
 */
import { err, ok, type Result } from '../result';
import { errorMessage } from '../text/error-message';
import { backupFile, readTextIfExists, writeFileAtomic } from './atomic-file';
import { describeZodError, type ConfigIssue } from './config-issues';
import { interpretConfigText, serializeConfig } from './config-interpret';
import { CURRENT_CONFIG_VERSION } from './migrations';
import { configDocumentSchema, type ConfigDocument } from './settings';
import type { SecretStore } from './stores';

export interface ConfigLoad {
  document: ConfigDocument;
  /** Empty on a clean load. Shown to the person; none of them stops the app. */
  issues: ConfigIssue[];
  /** Saving is refused (newer file format, or inline secrets could not be moved). */
  readOnly: boolean;
}

export interface ConfigFileOptions {
  path: string;
  /** Where secrets found inline in an old file are moved. */
  secretStore: SecretStore;
  /** Epoch ms, for backup names; injected so tests are deterministic. */
  now?: () => number;
}

/** Where a save writes: the file itself here, electron-store in the Electron app. */
export interface ConfigSaveTarget {
  /** Named in the message when writing fails. */
  path: string;
  readOnly: boolean;
  write(document: ConfigDocument): void;
}

/**
 * Every writer of the settings file saves through this: refused in read-only mode, validated
 * and stamped with the current version, and only a valid document reaches `write`.
 */
export function saveConfigDocument(
  document: ConfigDocument,
  target: ConfigSaveTarget,
): Result<ConfigDocument, ConfigIssue> {
  if (target.readOnly) {
    return err({
      kind: 'read-only',
      message: 'Settings are read-only (the file was written by a newer version or could not be upgraded)',
    });
  }
  const parsed = configDocumentSchema.safeParse({ ...document, version: CURRENT_CONFIG_VERSION });
  if (!parsed.success) {
    return err({
      kind: 'invalid-document',
      message: `Settings not saved: ${describeZodError(parsed.error)}`,
    });
  }
  try {
    target.write(parsed.data);
  } catch (error) {
    return err({ kind: 'write-failed', message: `Could not save ${target.path}: ${errorMessage(error)}` });
  }
  return ok(parsed.data);
}

export class ConfigFile {
  private readOnly = false;

  constructor(private readonly options: ConfigFileOptions) {}

  get path(): string {
    return this.options.path;
  }

  /** True after a load that found a file this build must not overwrite. */
  isReadOnly(): boolean {
    return this.readOnly;
  }

  async load(): Promise<ConfigLoad> {
    const now = this.options.now ?? Date.now;
    let text: string | null;
    try {
      text = readTextIfExists(this.options.path);
    } catch (error) {
      // Could not read it (permissions?): never overwrite what we could not see.
      this.readOnly = true;
      const load = interpretConfigText(null);
      return {
        document: load.document,
        readOnly: true,
        issues: [
          { kind: 'unreadable-file', message: `Cannot read ${this.options.path}: ${errorMessage(error)}` },
        ],
      };
    }

    const plan = interpretConfigText(text);
    const issues = [...plan.issues];
    let readOnly = plan.readOnly;

    if (plan.backup !== 'none') {
      // The problem that caused the backup says where the original bytes went.
      const cause = issues.find((issue) => issue.kind !== 'migrated');
      try {
        const backupPath = backupFile(this.options.path, now(), plan.backup);
        if (cause) {
          cause.backupPath = backupPath;
          cause.message = `${cause.message}. The original file was kept as ${backupPath}`;
        }
      } catch (error) {
        // Without a backup, touching the file could lose it: run on what we loaded, read-only.
        readOnly = true;
        if (cause)
          cause.message = `${cause.message}. It could not be backed up (${errorMessage(error)}), so it was left as it is`;
      }
    }

    if (plan.secrets.length > 0) {
      try {
        for (const secret of plan.secrets) await this.options.secretStore.set(secret.key, secret.value);
      } catch (error) {
        // Rewriting now would drop secrets that exist nowhere else: leave the old file as it is.
        readOnly = true;
        issues.push({
          kind: 'secrets-not-stored',
          message: `Could not move saved credentials to the secret store (${errorMessage(error)}); the settings file was left unchanged and changes will not be saved`,
        });
      }
    }

    if (plan.rewrite && !readOnly) {
      try {
        writeFileAtomic(this.options.path, serializeConfig(plan.document));
      } catch (error) {
        issues.push({
          kind: 'write-failed',
          message: `Could not update ${this.options.path}: ${errorMessage(error)}`,
        });
      }
    }

    this.readOnly = readOnly;
    return { document: plan.document, issues, readOnly };
  }

  /** Validates and writes the whole document atomically. Refused in read-only mode. */
  save(document: ConfigDocument): Result<ConfigDocument, ConfigIssue> {
    const { path } = this.options;
    return saveConfigDocument(document, {
      path,
      readOnly: this.readOnly,
      write: (valid) => writeFileAtomic(path, serializeConfig(valid)),
    });
  }
}
