import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deleteServerSecrets,
  FileSecretStore,
  getServerSecret,
  MemorySecretStore,
  readServerSecrets,
  saveServerSecrets,
  secretKeys,
  setServerSecret,
  type SecretStore,
} from '../../../main/core/config';
import { useTempDir } from './temp-dir';

const tempDir = useTempDir();

async function roundTrip(store: SecretStore) {
  expect(await store.get('server/a/api-key')).toBeNull();
  await store.set('server/a/api-key', 'cidx_sk_one');
  await store.set('server/a/password', 'p\u00e4ss "word"\nline2');
  expect(await store.get('server/a/api-key')).toBe('cidx_sk_one');
  expect(await store.get('server/a/password')).toBe('p\u00e4ss "word"\nline2');
  await store.set('server/a/api-key', 'cidx_sk_two');
  expect(await store.get('server/a/api-key')).toBe('cidx_sk_two');
  await store.delete('server/a/api-key');
  await store.delete('server/a/api-key'); // deleting twice is fine
  expect(await store.get('server/a/api-key')).toBeNull();
}

describe('MemorySecretStore', () => {
  it('round-trips and says it does not persist', async () => {
    const store = new MemorySecretStore();
    await roundTrip(store);
    expect(store.describe().protectedAtRest).toBe(false);
  });
});

describe('FileSecretStore', () => {
  it('round-trips through a 0600 file in the config dir', async () => {
    const dir = tempDir();
    const store = new FileSecretStore({ configDir: dir });
    await roundTrip(store);
    expect(store.path).toBe(join(dir, 'secrets.json'));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('is shared by two instances (app and CLI) without stale overwrites', async () => {
    const dir = tempDir();
    const app = new FileSecretStore({ configDir: dir });
    const cli = new FileSecretStore({ configDir: dir });
    await app.set('server/a/refresh-token', 'old');
    expect(await cli.get('server/a/refresh-token')).toBe('old');
    await cli.set('server/a/refresh-token', 'rotated');
    await app.set('server/b/api-key', 'k');
    expect(await cli.get('server/a/refresh-token')).toBe('rotated');
    expect(await cli.get('server/b/api-key')).toBe('k');
  });

  it('says plainly that secrets are not protected at rest', () => {
    const dir = tempDir();
    const description = new FileSecretStore({ configDir: dir }).describe();
    expect(description).toMatchObject({ backend: 'file', protectedAtRest: false });
    expect(description.warning).toContain('unencrypted');
    expect(description.warning).toContain(join(dir, 'secrets.json'));
  });

  it('keeps a corrupt secrets file aside and mentions it in the warning', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secrets.json'), 'not json at all');
    const store = new FileSecretStore({ configDir: dir, now: () => 0 });
    expect(await store.get('server/a/api-key')).toBeNull();
    const backup = join(dir, 'secrets.json.corrupt-1970-01-01T00-00-00-000Z');
    expect(readFileSync(backup, 'utf8')).toBe('not json at all');
    expect(store.describe().warning).toContain(backup);
  });
});

describe('server secrets', () => {
  it('saves, reads and deletes a server\u2019s secrets under secretKeys', async () => {
    const store = new MemorySecretStore();
    await saveServerSecrets(store, 'prod', { apiKey: 'k', refreshToken: 'r' });
    expect(store.keys().sort()).toEqual([secretKeys.apiKey('prod'), secretKeys.refreshToken('prod')].sort());
    expect(await readServerSecrets(store, 'prod')).toEqual({ apiKey: 'k', refreshToken: 'r' });
    await setServerSecret(store, 'prod', 'password', 'pw');
    expect(await getServerSecret(store, 'prod', 'password')).toBe('pw');
    await saveServerSecrets(store, 'other', { apiKey: 'x' });
    await deleteServerSecrets(store, 'prod');
    expect(store.keys()).toEqual([secretKeys.apiKey('other')]);
  });
});
