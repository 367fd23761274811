import { describe, expect, it } from 'vitest';
import { MacKeychainStore, SecretStoreReadError } from '../../../main/core/config';
import { installStub } from './command-stubs';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();
const SECRET = 'refresh-token-abcdefghijklmnopqrstuvwxyz';

function stubbed() {
  const stub = installStub(tempDir(), 'security');
  return { stub, store: new MacKeychainStore({ command: stub.path, env: stub.env }) };
}

describe('MacKeychainStore against a stub security', () => {
  it('writes through `security -i` on stdin with a hex value, never in argv', async () => {
    const { stub, store } = stubbed();
    await store.set('server/prod/refresh-token', SECRET);
    expect(await store.get('server/prod/refresh-token')).toBe(SECRET);

    const calls = stub.calls();
    const hex = Buffer.from(SECRET).toString('hex');
    expect(calls[0]).toEqual({
      args: ['-i'],
      stdin: `add-generic-password -U -s cidx-tray -a server/prod/refresh-token -X ${hex}\n`,
    });
    for (const call of calls) {
      expect(call.args.join(' ')).not.toContain(SECRET);
      expect(call.args.join(' ')).not.toContain(hex);
      expect(call.stdin).not.toContain(SECRET);
    }
  });

  it('round-trips values with spaces, quotes and newlines', async () => {
    const { store } = stubbed();
    const tricky = 'a "quoted" pass\nword -X';
    await store.set('server/a/password', tricky);
    expect(await store.get('server/a/password')).toBe(tricky);
  });

  it('maps "item not found" (exit 44) to null and to a no-op delete', async () => {
    const { store } = stubbed();
    expect(await store.get('server/a/api-key')).toBeNull();
    await store.set('server/a/api-key', 'k');
    await store.delete('server/a/api-key');
    await store.delete('server/a/api-key');
    expect(await store.get('server/a/api-key')).toBeNull();
  });

  it('tells "could not read the keychain" from "not found" (issue 8)', async () => {
    const { stub } = stubbed();
    const failing = new MacKeychainStore({ command: stub.path, env: { ...stub.env, STUB_FIND_EXIT: '36' } });
    await expect(failing.get('server/a/api-key')).rejects.toBeInstanceOf(SecretStoreReadError);
    await expect(failing.get('server/a/api-key')).rejects.toThrow(/find-generic-password failed \(exit 36/);
    const missing = new MacKeychainStore({ command: `${tempDir()}/nope` });
    await expect(missing.get('server/a/api-key')).rejects.toBeInstanceOf(SecretStoreReadError);
  });

  it('refuses keys that could inject into the interactive command line', async () => {
    const { store } = stubbed();
    await expect(store.set('server/a b\nrm', 'x')).rejects.toThrow(/unsafe secret key/);
  });

  it('is available when a default keychain exists, and not when security is missing', async () => {
    const { store } = stubbed();
    expect(await store.available()).toBe(true);
    expect(await new MacKeychainStore({ command: `${tempDir()}/nope` }).available()).toBe(false);
  });
});
