/** Shapes shared by the migration steps and the loader. */

export type JsonObject = Record<string, unknown>;

/** A secret a migration took out of the document; the loader puts it in the secret store. */
export interface PendingSecret {
  key: string;
  value: string;
}

export interface MigrationStep {
  document: JsonObject;
  secrets: PendingSecret[];
  /** What changed, in words, for the person (never a secret value). */
  notes: string[];
}

/** One step from version `from` to `from + 1`. Pure: no I/O, no clock. */
export interface Migration {
  from: number;
  migrate(document: JsonObject): MigrationStep;
}
