/**
 * From the settings file's text to the document the app runs with, with no I/O: parse, migrate,
 * validate, salvage. The file layer (config-file.ts) then carries out what this decides
 * (backup, storing migrated secrets, rewriting) so any host can reuse the decisions.
 */
import type { ConfigIssue } from './config-issues';
import { salvageDocument } from './config-salvage';
import { CURRENT_CONFIG_VERSION, migrateDocument, type PendingSecret } from './migrations';
import { defaultConfigDocument, type ConfigDocument } from './settings';

export interface ConfigInterpretation {
  document: ConfigDocument;
  issues: ConfigIssue[];
  /** Never write the file back (it is newer than this build). */
  readOnly: boolean;
  /** Keep the original bytes beside the file: 'move' when none of it is usable, 'copy' when part is. */
  backup: 'none' | 'move' | 'copy';
  /** The file should be rewritten with `document` (after a migration or salvage). */
  rewrite: boolean;
  /** Secrets a migration took out of the file; they must be stored before the rewrite. */
  secrets: PendingSecret[];
}

const fresh = (): ConfigInterpretation => ({
  document: defaultConfigDocument(),
  issues: [],
  readOnly: false,
  backup: 'none',
  rewrite: false,
  secrets: [],
});

/** `text` is the file's content, or null when there is no file yet (first start: defaults). */
export function interpretConfigText(text: string | null): ConfigInterpretation {
  const result = fresh();
  if (text === null) return result;

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // JSON.parse messages quote a few characters at most around the error position, but the
    // file might hold a secret there: report the position, not the excerpt.
    const where = /position (\d+)/.exec((error as Error).message)?.[1];
    result.issues.push({
      kind: 'not-json',
      message: `The settings file is not valid JSON${where ? ` (at character ${where})` : ''}; defaults were loaded`,
    });
    result.backup = 'move';
    return result;
  }

  const outcome = migrateDocument(raw);
  if (outcome.kind === 'invalid') {
    result.issues.push({
      kind: 'invalid-document',
      message: `The settings file is not usable: ${outcome.message}`,
    });
    result.backup = 'move';
    return result;
  }
  if (outcome.kind === 'newer') {
    // Best effort: the fields we know may still be readable; unknown ones are ignored.
    const salvaged = salvageDocument(outcome.document);
    result.document = salvaged.document;
    result.readOnly = true;
    result.issues.push({
      kind: 'newer-version',
      message:
        `The settings file was written by a newer CIDX Tray (format ${outcome.version}, this version knows ` +
        `${CURRENT_CONFIG_VERSION}); it is used read-only and changes will not be saved`,
    });
    return result;
  }

  const salvaged = salvageDocument(outcome.document);
  result.document = salvaged.document;
  result.issues.push(...salvaged.issues);
  if (salvaged.dropped) {
    result.backup = 'copy';
    result.rewrite = true;
  }
  if (outcome.kind === 'migrated') {
    result.rewrite = true;
    result.secrets = outcome.secrets;
    const notes = outcome.notes.length > 0 ? ` (${outcome.notes.join('; ')})` : '';
    result.issues.push({
      kind: 'migrated',
      message: `Settings were upgraded from format ${outcome.fromVersion} to ${CURRENT_CONFIG_VERSION}${notes}`,
    });
  }
  return result;
}

/** How the document is written: stable, readable, newline-terminated. */
export function serializeConfig(document: ConfigDocument): string {
  return `${JSON.stringify({ ...document, version: CURRENT_CONFIG_VERSION }, null, 2)}\n`;
}
