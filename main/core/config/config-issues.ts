/**
 * What went wrong reading or writing the settings file, as plain data a person can read.
 * The app keeps running on what could be loaded and shows these (style.md §15).
 * A message never quotes values from the file, so a secret in it cannot leak.
 */
import type { z } from 'zod';
import { joinAtMost } from '../text/join-at-most';

export type ConfigIssueKind =
  | 'unreadable-file' // the file exists but could not be read (permissions, I/O)
  | 'not-json' // the bytes are not JSON
  | 'invalid-document' // JSON, but not a settings document at all
  | 'invalid-settings' // the settings section failed the schema: defaults used for it
  | 'invalid-server' // one server entry failed the schema or duplicated another: left out
  | 'newer-version' // written by a newer app: used read-only, never overwritten
  | 'migrated' // upgraded from an older version (informational)
  | 'secrets-not-stored' // a migration could not move inline secrets: the file is left untouched
  | 'read-only' // a save was refused because the file is in read-only mode
  | 'write-failed'; // saving failed

export interface ConfigIssue {
  kind: ConfigIssueKind;
  message: string;
  /** Where the original bytes were kept when the file could not be used as it was. */
  backupPath?: string;
}

/**
 * "url: must start with http:// or https://; auth.mode: Invalid input" — paths and rules, never
 * values. With `maxIssues`, the rest is counted: "… (and 2 more)".
 */
export function describeZodError(error: z.ZodError, maxIssues = Infinity): string {
  const parts = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return joinAtMost(parts, maxIssues);
}
