/**
 * Security review (issue 8): a secrets file that cannot be read (EMFILE, EACCES, EIO) must not
 * read as empty, and no write may follow that drops the entries it could not read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as atomicFile from '../../../main/core/config/atomic-file';
import { readFailure } from '../../support/failing-reads';
import { useTempDir } from './temp-dir';

vi.mock('../../../main/core/config/atomic-file', async (importOriginal) =>
  (await import('../../support/failing-reads')).failingReads(await importOriginal<typeof atomicFile>()),
);

const { FileSecretStore, SecretStoreReadError } = await import('../../../main/core/config');

const tempDir = useTempDir();

afterEach(() => {
  readFailure.code = null;
});

function seeded() {
  const dir = tempDir();
  const path = join(dir, 'secrets.json');
  const original = `${JSON.stringify(
    { version: 1, secrets: { 'server/a/api-key': 'cidx_sk_a', 'server/b/password': 'pw-b' } },
    null,
    2,
  )}\n`;
  writeFileSync(path, original, { mode: 0o600 });
  return { store: new FileSecretStore({ configDir: dir }), path, original };
}

describe('FileSecretStore when the file cannot be read', () => {
  it.each(['EMFILE', 'EACCES', 'EIO'])(
    '%s: set and delete refuse and leave every entry in place',
    async (code) => {
      const { store, path, original } = seeded();
      readFailure.code = code;
      await expect(store.set('server/c/refresh-token', 'new')).rejects.toBeInstanceOf(SecretStoreReadError);
      await expect(store.delete('server/a/api-key')).rejects.toThrow(
        new RegExp(`Could not read the secret store \\(${code}`),
      );
      expect(readFileSync(path, 'utf8')).toBe(original);

      // Once it reads again, the next write keeps the others.
      readFailure.code = null;
      await store.set('server/c/refresh-token', 'new');
      expect(JSON.parse(readFileSync(path, 'utf8')).secrets).toEqual({
        'server/a/api-key': 'cidx_sk_a',
        'server/b/password': 'pw-b',
        'server/c/refresh-token': 'new',
      });
    },
  );

  it('get says the store could not be read instead of "no such secret"', async () => {
    const { store } = seeded();
    readFailure.code = 'EMFILE';
    await expect(store.get('server/a/api-key')).rejects.toMatchObject({
      name: 'SecretStoreReadError',
      reason: expect.stringMatching(/^EMFILE/),
    });
    readFailure.code = null;
    expect(await store.get('server/a/api-key')).toBe('cidx_sk_a');
    // A passing read error is not a lasting warning.
    expect(store.describe().warning).not.toContain('EMFILE');
  });
});
