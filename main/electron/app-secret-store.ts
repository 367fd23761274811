/**
 * Which secret store the app uses: safeStorage layered over the CLI's store, the CLI's store
 * alone where encryption is unavailable (said in the warning), or the CLI's file store when
 * `CIDX_TRAY_SECRET_STORE=file` asks for it (`npm run demo`).
 */
import { chooseSecretStore, SECRET_STORE_ENV } from '../core/config/secret-stores/choose-secret-store';
import type { SecretStore } from '../core/config/stores';
import { LayeredSecretStore } from './layered-secret-store';
import { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

export interface AppSecretStoreOptions {
  safeStorage: SafeStorageLike & Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable'>;
  configDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export interface AppSecretStoreChoice {
  store: SecretStore;
  /** Why this store, for the log. */
  reason: string;
}

/** A store whose describe() adds why the app's own encryption is not used. */
function withWarning(store: SecretStore, warning: string): SecretStore {
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    describe: () => {
      const inner = store.describe();
      return { ...inner, warning: inner.warning ? `${warning} ${inner.warning}` : warning };
    },
  };
}

export async function chooseAppSecretStore(options: AppSecretStoreOptions): Promise<AppSecretStoreChoice> {
  const cli = await chooseSecretStore({
    platform: options.platform,
    configDir: options.configDir,
    env: options.env,
  });
  if (!cli.ok) throw new Error(cli.error.message);
  if (options.env[SECRET_STORE_ENV]?.trim()) {
    return { store: cli.value.store, reason: `${SECRET_STORE_ENV} chose the ${cli.value.kind} store` };
  }
  if (!(await options.safeStorage.isAsyncEncryptionAvailable())) {
    return {
      store: withWarning(cli.value.store, 'The system cannot encrypt data for CIDX Tray right now.'),
      reason: `safeStorage unavailable; using ${cli.value.reason}`,
    };
  }
  const safe = new SafeStorageSecretStore({
    safeStorage: options.safeStorage,
    configDir: options.configDir,
    platform: options.platform,
  });
  return {
    store: new LayeredSecretStore(safe, cli.value.store),
    reason: `safeStorage (${safe.describe().backend}) over ${cli.value.reason}`,
  };
}
