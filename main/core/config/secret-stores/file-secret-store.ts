/**
 * The fallback when no keychain exists (headless Linux, Windows without the app): a JSON file
 * readable only by the user (0600) beside config.json. Not encrypted — describe() says so,
 * and the app shows that warning where credentials are entered.
 */
import { z } from 'zod';
import { JsonDocumentStore } from '../json-document-store';
import { configDocumentPath } from '../paths';
import type { SecretStore } from '../stores';
import { lastDamage, readSecretsDocument } from './secret-store-error';

export const SECRETS_FILE_NAME = 'secrets.json';

const secretsFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});
type SecretsFile = z.infer<typeof secretsFileSchema>;

/**
 * Why a file holds the credentials, which decides what the warning says: the keychain did not
 * answer (the default: a person should know), the person asked for the file
 * (`CIDX_TRAY_SECRET_STORE=file`: no false "no keychain"), or the folder and its credentials are
 * a demo's, thrown away on exit (nothing worth a warning: the demo avoids the keychain on purpose).
 */
export type FileStoreReason = 'no-keychain' | 'requested' | 'throw-away';

export interface FileSecretStoreOptions {
  configDir: string;
  /** 'no-keychain' by default. */
  reason?: FileStoreReason;
  /** Defaults to `<configDir>/secrets.json`. */
  path?: string;
  now?: () => number;
}

export class FileSecretStore implements SecretStore {
  readonly path: string;
  private readonly document: JsonDocumentStore<SecretsFile>;
  private readonly reason: FileStoreReason;

  constructor(options: FileSecretStoreOptions) {
    this.path = options.path ?? configDocumentPath(options.configDir, SECRETS_FILE_NAME);
    this.reason = options.reason ?? 'no-keychain';
    this.document = new JsonDocumentStore({
      path: this.path,
      schema: secretsFileSchema,
      defaults: () => ({ version: 1, secrets: {} }),
      now: options.now,
    });
  }

  // Every operation re-reads the file: the app and the CLI share it, and a refresh token rotated
  // by one must not be overwritten by a stale copy in the other (cidx-api.md §1.3, replay).
  async get(key: string): Promise<string | null> {
    return this.readSecrets()[key] ?? null;
  }

  /** Refuses (throws) while the file cannot be read: writing then would lose every other entry. */
  async set(key: string, value: string): Promise<void> {
    const current = this.readSecrets();
    this.document.write({ version: 1, secrets: { ...current, [key]: value } });
  }

  async delete(key: string): Promise<void> {
    const current = this.readSecrets();
    if (!(key in current)) return;
    const { [key]: _removed, ...rest } = current;
    this.document.write({ version: 1, secrets: rest });
  }

  /**
   * The file as it is now. An unreadable file (EMFILE, EACCES, EIO...) throws instead of reading
   * as empty, and the file is left alone. (A corrupt one has been moved aside whole by then, and
   * describe() names the copy, so nothing is lost by starting a new one.)
   */
  private readSecrets(): Record<string, string> {
    const read = readSecretsDocument(this.document, {
      fresh: true,
      path: this.path,
      backend: 'file',
      failedBefore: false,
    });
    if (read.failed) throw read.error;
    return read.value.secrets;
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    // A file moved aside stays worth mentioning; a read that failed once (EMFILE) does not.
    const damaged = lastDamage(this.document.issues())?.message;
    const unencrypted = `credentials are stored unencrypted in ${this.path} (readable only by your user account)`;
    const warning = {
      'no-keychain': `No system keychain is available: ${unencrypted}`,
      requested: `As CIDX_TRAY_SECRET_STORE=file asks, ${unencrypted}`,
      'throw-away': null,
    }[this.reason];
    return {
      backend: 'file',
      protectedAtRest: false,
      warning: [warning, damaged].filter((part) => part).join('. ') || undefined,
    };
  }
}
