/**
 * Security review (issue 8), the app's own store: a secrets.safe.json that could not be read
 * once (EMFILE) must not be remembered as empty, and no write may follow that drops its entries.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as atomicFile from '../../../main/core/config/atomic-file';
import { readFailure } from '../../support/failing-reads';
import { useTempDir } from '../config/temp-dir';

vi.mock('../../../main/core/config/atomic-file', async (importOriginal) =>
  (await import('../../support/failing-reads')).failingReads(await importOriginal<typeof atomicFile>()),
);

const { SafeStorageSecretStore } = await import('../../../main/electron/safe-storage-secret-store');
const { SecretStoreReadError } = await import('../../../main/core/config/secret-stores/secret-store-error');

const tempDir = useTempDir();
afterEach(() => {
  readFailure.code = null;
});

const safeStorage = {
  encryptStringAsync: async (plainText: string) => Buffer.from(`sealed:${plainText}`),
  decryptStringAsync: async (encrypted: Buffer) => ({
    shouldReEncrypt: false,
    result: encrypted.toString().replace(/^sealed:/, ''),
  }),
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
};

describe('SafeStorageSecretStore when its file cannot be read', () => {
  it('refuses to write, and reads the file again once it can', async () => {
    const configDir = tempDir();
    const first = new SafeStorageSecretStore({ safeStorage, configDir, platform: 'linux' });
    await first.set('server/a/password', 'pw-a');
    await first.set('server/b/api-key', 'cidx_sk_b');
    const original = readFileSync(first.path, 'utf8');

    // A fresh start (the app's store caches the file) whose first read meets EMFILE.
    const store = new SafeStorageSecretStore({ safeStorage, configDir, platform: 'linux' });
    readFailure.code = 'EMFILE';
    await expect(store.get('server/a/password')).rejects.toBeInstanceOf(SecretStoreReadError);
    readFailure.code = null;
    await expect(store.set('server/c/refresh-token', 'rt-c')).resolves.toBeUndefined();
    expect(await store.get('server/a/password')).toBe('pw-a');
    expect(await store.get('server/b/api-key')).toBe('cidx_sk_b');

    const again = new SafeStorageSecretStore({ safeStorage, configDir, platform: 'linux' });
    readFailure.code = 'EACCES';
    await expect(again.set('server/d/password', 'pw-d')).rejects.toThrow(
      /Could not read the secret store \(EACCES/,
    );
    await expect(again.delete('server/a/password')).rejects.toBeInstanceOf(SecretStoreReadError);
    expect(JSON.parse(readFileSync(first.path, 'utf8')).secrets).toEqual({
      ...JSON.parse(original).secrets,
      'server/c/refresh-token': expect.any(String),
    });
    expect(again.describe().warning).toBeUndefined();
  });
});
