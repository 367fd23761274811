/**
 * Picks the secret store for the CLI and browser mode: the OS keychain when one answers, else
 * the private file (with its warning). `CIDX_TRAY_SECRET_STORE=file|memory|keychain` overrides.
 * Windows has no keychain reachable without a native module here, so it gets the file; the
 * Electron app uses safeStorage instead of any of these.
 */
import type { CidxFailure } from '../../cidx/failure';
import { err, ok, type Result } from '../../result';
import type { SecretStore } from '../stores';
import { FileSecretStore, type FileStoreReason } from './file-secret-store';
import { LinuxSecretToolStore } from './linux-secret-tool-store';
import { MacKeychainStore } from './mac-keychain-store';
import { MemorySecretStore } from './memory-secret-store';

export const SECRET_STORE_ENV = 'CIDX_TRAY_SECRET_STORE';
/**
 * Set (to 1) by the demo launchers (scripts/demo) beside `CIDX_TRAY_SECRET_STORE=file`: the
 * settings folder and the demo server's key in it are throw-away, so the file needs no warning.
 * The demo never uses the keychain on purpose (it must not leave entries in a person's keychain).
 */
export const DEMO_ENV = 'CIDX_TRAY_DEMO';
export const SECRET_STORE_KINDS = ['keychain', 'file', 'memory'] as const;
export type SecretStoreKind = (typeof SECRET_STORE_KINDS)[number];

export interface SecretStoreChoice {
  store: SecretStore;
  kind: SecretStoreKind;
  /** Why this one, in words (shown by `cidx-jobs doctor`-style output). */
  reason: string;
}

export interface ChooseSecretStoreOptions {
  platform: NodeJS.Platform;
  configDir: string;
  env?: NodeJS.ProcessEnv;
  /** Program paths, for tests and unusual installs. */
  commands?: { secretTool?: string; security?: string };
}

type KeychainStore = SecretStore & { available(): Promise<boolean> };

function keychainFor(options: ChooseSecretStoreOptions): KeychainStore | null {
  const env = options.env ?? process.env;
  if (options.platform === 'darwin')
    return new MacKeychainStore({ command: options.commands?.security, env });
  if (options.platform === 'win32') return null;
  return new LinuxSecretToolStore({ command: options.commands?.secretTool, env });
}

export async function chooseSecretStore(
  options: ChooseSecretStoreOptions,
): Promise<Result<SecretStoreChoice, CidxFailure>> {
  const env = options.env ?? process.env;
  const requested = env[SECRET_STORE_ENV]?.trim().toLowerCase();
  const fileStore = (reason: FileStoreReason) =>
    new FileSecretStore({ configDir: options.configDir, reason });

  if (requested) {
    if (!(SECRET_STORE_KINDS as readonly string[]).includes(requested)) {
      return err({
        kind: 'invalid-input',
        message: `${SECRET_STORE_ENV} must be one of ${SECRET_STORE_KINDS.join(', ')}, not "${requested}"`,
      });
    }
    if (requested === 'memory') {
      return ok({ store: new MemorySecretStore(), kind: 'memory', reason: `${SECRET_STORE_ENV}=memory` });
    }
    if (requested === 'file') {
      const demo = env[DEMO_ENV] === '1';
      return ok({
        store: fileStore(demo ? 'throw-away' : 'requested'),
        kind: 'file',
        reason: demo ? `${SECRET_STORE_ENV}=file, the demo's throw-away folder` : `${SECRET_STORE_ENV}=file`,
      });
    }
    const keychain = keychainFor(options);
    if (!keychain || !(await keychain.available())) {
      return err({
        kind: 'invalid-input',
        message: `${SECRET_STORE_ENV}=keychain, but no system keychain is available on this machine`,
      });
    }
    return ok({ store: keychain, kind: 'keychain', reason: `${SECRET_STORE_ENV}=keychain` });
  }

  const keychain = keychainFor(options);
  if (keychain && (await keychain.available())) {
    return ok({
      store: keychain,
      kind: 'keychain',
      reason: `the system keychain (${keychain.describe().backend})`,
    });
  }
  return ok({
    store: fileStore('no-keychain'),
    kind: 'file',
    reason: keychain
      ? 'no system keychain answered'
      : `no keychain is supported on ${options.platform} outside the app`,
  });
}
