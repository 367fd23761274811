/**
 * Secrets encrypted with Electron's `safeStorage` (Keychain on macOS, DPAPI on Windows,
 * libsecret/kwallet on Linux): the ciphertext, base64, in a private JSON file beside
 * config.json, written atomically (0600) through the core's JsonDocumentStore.
 *
 * Where Linux has no keyring, Chromium falls back to `basic_text`: a key compiled into the
 * binary, which is obfuscation, not protection. describe() then says so, and the server
 * settings show that warning where credentials are typed.
 */
import { z } from 'zod';
import { JsonDocumentStore } from '../core/config/json-document-store';
import { configDocumentPath } from '../core/config/paths';
import { lastDamage, readSecretsDocument } from '../core/config/secret-stores/secret-store-error';
import type { SecretStore } from '../core/config/stores';

export const SAFE_SECRETS_FILE_NAME = 'secrets.safe.json';

const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SafeSecretsFile = z.infer<typeof fileSchema>;

/** The members of Electron's `safeStorage` this store uses (the async API; the sync one is deprecated). */
export type SafeStorageLike = Pick<
  Electron.SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  configDir: string;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export class SafeStorageSecretStore implements SecretStore {
  readonly path: string;
  private readonly document: JsonDocumentStore<SafeSecretsFile>;
  private readonly platform: NodeJS.Platform;
  /** The last read failed (EMFILE, EACCES): what is cached is only the default, read again. */
  private readFailed = false;

  constructor(private readonly options: SafeStorageSecretStoreOptions) {
    this.platform = options.platform ?? process.platform;
    this.path = configDocumentPath(options.configDir, SAFE_SECRETS_FILE_NAME);
    this.document = new JsonDocumentStore({
      path: this.path,
      schema: fileSchema,
      defaults: () => ({ version: 1, secrets: {} }),
      now: options.now,
    });
  }

  async get(key: string): Promise<string | null> {
    const sealed = this.readSecrets()[key];
    if (sealed === undefined) return null;
    const opened = await this.options.safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
    // The OS key was rotated or a better backend appeared: seal it again under the new key.
    if (opened.shouldReEncrypt) await this.set(key, opened.result);
    return opened.result;
  }

  async set(key: string, value: string): Promise<void> {
    const sealed = await this.options.safeStorage.encryptStringAsync(value);
    const current = this.readSecrets();
    this.document.write({ version: 1, secrets: { ...current, [key]: sealed.toString('base64') } });
  }

  async delete(key: string): Promise<void> {
    const current = this.readSecrets();
    if (!(key in current)) return;
    const { [key]: _removed, ...rest } = current;
    this.document.write({ version: 1, secrets: rest });
  }

  /** Throws while the file cannot be read (never read as empty: a write would then lose the rest). */
  private readSecrets(): Record<string, string> {
    const read = readSecretsDocument(this.document, {
      fresh: false,
      path: this.path,
      backend: 'safeStorage',
      failedBefore: this.readFailed,
    });
    this.readFailed = read.failed;
    if (read.failed) throw read.error;
    return read.value.secrets;
  }

  /** True when the key that seals these secrets is a constant in the binary (Linux without keyring). */
  isPlainTextBackend(): boolean {
    return this.platform === 'linux' && this.options.safeStorage.getSelectedStorageBackend() === 'basic_text';
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    const damaged = lastDamage(this.document.issues());
    const note = damaged ? ` ${damaged.message}` : '';
    if (this.isPlainTextBackend()) {
      return {
        backend: 'safeStorage (basic_text)',
        protectedAtRest: false,
        warning:
          'No keyring (GNOME Keyring or KWallet) is running: credentials are only obfuscated in ' +
          `${this.path}, not encrypted with a key of yours (readable only by your user account).${note}`,
      };
    }
    const backend =
      this.platform === 'linux'
        ? `safeStorage (${this.options.safeStorage.getSelectedStorageBackend()})`
        : 'safeStorage';
    return damaged
      ? { backend, protectedAtRest: true, warning: damaged.message }
      : { backend, protectedAtRest: true };
  }
}
