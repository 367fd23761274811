import { describe, expect, it } from 'vitest';
import {
  chooseSecretStore,
  FileSecretStore,
  LinuxSecretToolStore,
  MacKeychainStore,
  MemorySecretStore,
} from '../../../main/core/config';
import { installStub } from './command-stubs';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

async function choose(options: Parameters<typeof chooseSecretStore>[0]) {
  const result = await chooseSecretStore(options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('chooseSecretStore', () => {
  it('picks secret-tool on Linux when it answers', async () => {
    const dir = tempDir();
    const stub = installStub(dir, 'secret-tool');
    const choice = await choose({ platform: 'linux', configDir: dir, env: stub.env });
    expect(choice.kind).toBe('keychain');
    expect(choice.store).toBeInstanceOf(LinuxSecretToolStore);
  });

  it('falls back to the file store on Linux without a keychain', async () => {
    const dir = tempDir();
    const choice = await choose({
      platform: 'linux',
      configDir: dir,
      env: {},
      commands: { secretTool: `${dir}/missing` },
    });
    expect(choice.kind).toBe('file');
    expect(choice.store).toBeInstanceOf(FileSecretStore);
    expect(choice.store.describe().protectedAtRest).toBe(false);
    expect(choice.reason).toBe('no system keychain answered');
  });

  it('picks the keychain on macOS', async () => {
    const dir = tempDir();
    const stub = installStub(dir, 'security');
    const choice = await choose({
      platform: 'darwin',
      configDir: dir,
      env: stub.env,
      commands: { security: stub.path },
    });
    expect(choice.store).toBeInstanceOf(MacKeychainStore);
  });

  it('uses the file store on Windows', async () => {
    const choice = await choose({ platform: 'win32', configDir: tempDir(), env: {} });
    expect(choice.kind).toBe('file');
    expect(choice.reason).toMatch(/win32/);
  });

  it.each([
    ['memory', MemorySecretStore],
    ['file', FileSecretStore],
    [' FILE ', FileSecretStore],
  ] as const)('honours CIDX_TRAY_SECRET_STORE=%s', async (value, type) => {
    const dir = tempDir();
    const stub = installStub(dir, 'secret-tool'); // a keychain exists, but the override wins
    const choice = await choose({
      platform: 'linux',
      configDir: dir,
      env: { ...stub.env, CIDX_TRAY_SECRET_STORE: value },
    });
    expect(choice.store).toBeInstanceOf(type);
  });

  it('honours CIDX_TRAY_SECRET_STORE=keychain when one exists, and fails clearly when none does', async () => {
    const dir = tempDir();
    const stub = installStub(dir, 'secret-tool');
    const choice = await choose({
      platform: 'linux',
      configDir: dir,
      env: { ...stub.env, CIDX_TRAY_SECRET_STORE: 'keychain' },
    });
    expect(choice.kind).toBe('keychain');
    const missing = await chooseSecretStore({
      platform: 'win32',
      configDir: dir,
      env: { CIDX_TRAY_SECRET_STORE: 'keychain' },
    });
    expect(missing.ok ? null : missing.error.kind).toBe('invalid-input');
  });

  it('rejects an unknown override value', async () => {
    const result = await chooseSecretStore({
      platform: 'linux',
      configDir: tempDir(),
      env: { CIDX_TRAY_SECRET_STORE: 'vault' },
    });
    expect(result.ok ? null : result.error.message).toBe(
      'CIDX_TRAY_SECRET_STORE must be one of keychain, file, memory, not "vault"',
    );
  });
});
