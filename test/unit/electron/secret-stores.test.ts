import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../main/core/config/secret-stores/memory-secret-store';
import { FileSecretStore } from '../../../main/core/config/secret-stores/file-secret-store';
import { chooseAppSecretStore } from '../../../main/electron/app-secret-store';
import { LayeredSecretStore } from '../../../main/electron/layered-secret-store';
import {
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../main/electron/safe-storage-secret-store';
import { useTempDir } from '../config/temp-dir';

const tempDir = useTempDir();

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/** A reversible "cipher" so the test can tell sealed bytes from plain text. */
function fakeSafeStorage(backend: Backend = 'gnome_libsecret', available = true) {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    encryptStringAsync: async (plainText: string) => flip(Buffer.from(`sealed:${plainText}`)),
    decryptStringAsync: async (encrypted: Buffer) => ({
      shouldReEncrypt: false,
      result: flip(encrypted)
        .toString()
        .replace(/^sealed:/, ''),
    }),
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
  } satisfies SafeStorageLike & Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable'>;
}

describe('SafeStorageSecretStore', () => {
  it('round-trips secrets, keeping only ciphertext in a private file', async () => {
    const store = new SafeStorageSecretStore({
      safeStorage: fakeSafeStorage(),
      configDir: tempDir(),
      platform: 'linux',
    });
    await store.set('server/work/password', 'hunter2-secret');
    await store.set('server/work/api-key', 'cidx_sk_abc');
    expect(await store.get('server/work/password')).toBe('hunter2-secret');
    const file = readFileSync(store.path, 'utf8');
    expect(file).not.toContain('hunter2-secret');
    expect(statSync(store.path).mode & 0o777).toBe(0o600);

    await store.delete('server/work/password');
    expect(await store.get('server/work/password')).toBeNull();
    expect(await store.get('server/work/api-key')).toBe('cidx_sk_abc');
    expect(store.describe()).toEqual({ backend: 'safeStorage (gnome_libsecret)', protectedAtRest: true });
  });

  it('warns that basic_text (Linux without a keyring) does not protect secrets', () => {
    const store = new SafeStorageSecretStore({
      safeStorage: fakeSafeStorage('basic_text'),
      configDir: tempDir(),
      platform: 'linux',
    });
    const description = store.describe();
    expect(description.protectedAtRest).toBe(false);
    expect(description.warning).toMatch(/No keyring/);
  });
});

describe('the app secret store', () => {
  it('finds secrets the CLI stored, and keeps a rotated one where the CLI reads it', async () => {
    const app = new MemorySecretStore();
    const cli = new MemorySecretStore();
    await cli.set('server/work/refresh-token', 'old-token');
    const layered = new LayeredSecretStore(app, cli);
    expect(await layered.get('server/work/refresh-token')).toBe('old-token');

    await layered.set('server/work/refresh-token', 'rotated-token');
    expect(await cli.get('server/work/refresh-token')).toBe('rotated-token');
    await layered.set('server/new/api-key', 'cidx_sk_new');
    expect(await app.get('server/new/api-key')).toBe('cidx_sk_new');
    expect(await cli.get('server/new/api-key')).toBeNull();

    await layered.delete('server/work/refresh-token');
    expect(await layered.get('server/work/refresh-token')).toBeNull();
  });

  it('falls back to the CLI store, saying so, where the system cannot encrypt', async () => {
    const choice = await chooseAppSecretStore({
      safeStorage: fakeSafeStorage('gnome_libsecret', false),
      configDir: tempDir(),
      env: { PATH: '/nonexistent' },
      platform: 'linux',
    });
    expect(choice.store.describe().warning).toMatch(/cannot encrypt/);
    expect(choice.reason).toMatch(/safeStorage unavailable/);
  });

  it('uses the CLI file store when CIDX_TRAY_SECRET_STORE=file asks for it', async () => {
    const dir = tempDir();
    const choice = await chooseAppSecretStore({
      safeStorage: fakeSafeStorage(),
      configDir: dir,
      env: { CIDX_TRAY_SECRET_STORE: 'file' },
      platform: 'linux',
    });
    expect(choice.store).toBeInstanceOf(FileSecretStore);
  });

  it('`npm run demo`: the demo’s throw-away file store is not warned about', async () => {
    const choice = await chooseAppSecretStore({
      safeStorage: fakeSafeStorage(),
      configDir: tempDir(),
      env: { CIDX_TRAY_SECRET_STORE: 'file', CIDX_TRAY_DEMO: '1' },
      platform: 'linux',
    });
    expect(choice.store.describe().warning).toBeUndefined();
  });

  it('layers safeStorage over the CLI store otherwise', async () => {
    const dir = tempDir();
    await new FileSecretStore({ configDir: dir }).set('server/work/password', 'from-the-cli');
    const choice = await chooseAppSecretStore({
      safeStorage: fakeSafeStorage(),
      configDir: dir,
      env: { PATH: '/nonexistent' },
      platform: 'linux',
    });
    expect(await choice.store.get('server/work/password')).toBe('from-the-cli');
    expect(choice.store.describe().backend).toBe('safeStorage (gnome_libsecret)');
  });
});
