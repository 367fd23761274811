import { describe, expect, it } from 'vitest';
import { LinuxSecretToolStore, SecretStoreReadError } from '../../../main/core/config';
import { installStub } from './command-stubs';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();
const SECRET = 'cidx_sk_0123456789abcdef0123456789abcdef';

describe('LinuxSecretToolStore against a stub secret-tool on PATH', () => {
  it('stores through stdin and reads back, never passing the secret in argv', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: stub.env });
    await store.set('server/prod/api-key', SECRET);
    expect(await store.get('server/prod/api-key')).toBe(SECRET);

    const calls = stub.calls();
    expect(calls[0]).toEqual({
      args: [
        'store',
        '--label=CIDX Tray server/prod/api-key',
        'service',
        'cidx-tray',
        'account',
        'server/prod/api-key',
      ],
      stdin: SECRET,
    });
    expect(calls[1]?.args).toEqual(['lookup', 'service', 'cidx-tray', 'account', 'server/prod/api-key']);
    for (const call of calls) expect(call.args.join(' ')).not.toContain(SECRET);
  });

  it('keeps values byte for byte, including newlines and trailing spaces', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: stub.env });
    const tricky = 'pä ss\nword \n';
    await store.set('server/a/password', tricky);
    expect(await store.get('server/a/password')).toBe(tricky);
  });

  it('returns null for a missing item and deletes idempotently', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: stub.env });
    expect(await store.get('server/a/api-key')).toBeNull();
    await store.set('server/a/api-key', 'x');
    await store.delete('server/a/api-key');
    await store.delete('server/a/api-key');
    expect(await store.get('server/a/api-key')).toBeNull();
    expect(stub.calls().filter((call) => call.args[0] === 'clear')).toHaveLength(2);
  });

  it('is available when the lookup probe answers, and protected at rest', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: stub.env });
    expect(await store.available()).toBe(true);
    expect(store.describe()).toEqual({ backend: 'libsecret (secret-tool)', protectedAtRest: true });
  });

  it('is unavailable when no Secret Service answers, and says why on use', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: { ...stub.env, STUB_NO_SERVICE: '1' } });
    expect(await store.available()).toBe(false);
    await expect(store.set('server/a/api-key', SECRET)).rejects.toThrow(
      /secret-tool store failed \(exit 1: .*D-Bus/,
    );
    await expect(store.set('server/a/api-key', SECRET)).rejects.not.toThrow(new RegExp(SECRET));
  });

  it('tells "could not look it up" from "not stored" (issue 8)', async () => {
    const stub = installStub(tempDir(), 'secret-tool');
    const store = new LinuxSecretToolStore({ env: { ...stub.env, STUB_NO_SERVICE: '1' } });
    const lookup = store.get('server/a/api-key');
    await expect(lookup).rejects.toBeInstanceOf(SecretStoreReadError);
    await expect(lookup).rejects.toThrow(
      /Could not read the secret store \(secret-tool lookup failed \(exit 1: .*D-Bus/,
    );
    const missing = new LinuxSecretToolStore({ command: `${tempDir()}/no-such-secret-tool` });
    await expect(missing.get('server/a/api-key')).rejects.toBeInstanceOf(SecretStoreReadError);
  });

  it('is unavailable when secret-tool is not installed', async () => {
    const store = new LinuxSecretToolStore({ command: `${tempDir()}/no-such-secret-tool` });
    expect(await store.available()).toBe(false);
    await expect(store.get('server/a/api-key')).rejects.toThrow(/ENOENT/);
  });
});
