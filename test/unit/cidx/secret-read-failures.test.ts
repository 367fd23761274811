/**
 * Security review (issue 8): a secret store that cannot be read (EMFILE, EACCES, EIO, a keychain
 * that does not answer) is "could not read the secret store", a passing failure retried on the
 * failure backoff, never "no API key stored" (auth-failed, next try in minutes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as atomicFile from '../../../main/core/config/atomic-file';
import { readFailure } from '../../support/failing-reads';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import { CidxClient } from '../../../main/core/cidx/client';
import { isAuthFailure, type CidxFailure } from '../../../main/core/cidx/failure';
import { passwordAuth } from '../../../main/core/cidx/password-auth';
import { judgeTick } from '../../../main/core/engine/health';
import { useTempDir } from '../config/temp-dir';
import { API_KEY, FakeClock, MemoryLogger, ScriptedFetch, json, jwtFor } from './support';

vi.mock('../../../main/core/config/atomic-file', async (importOriginal) =>
  (await import('../../support/failing-reads')).failingReads(await importOriginal<typeof atomicFile>()),
);

const { FileSecretStore, secretKeys, serverConfigSchema, SecretStoreReadError } =
  await import('../../../main/core/config');
const { authFor } = await import('../../../main/core/monitor/server-connection');

const tempDir = useTempDir();
afterEach(() => {
  readFailure.code = null;
});

const jobsPage = json(200, { jobs: [], total: 0, limit: 10, offset: 0 });

function clientWith(auth: ReturnType<typeof apiKeyAuth>, fake: ScriptedFetch, clock = new FakeClock()) {
  return new CidxClient({
    baseUrl: 'https://cidx.example.com',
    fetch: fake.fetch,
    clock,
    logger: new MemoryLogger(),
    auth,
  });
}

function failureOf(result: { ok: boolean; error?: CidxFailure }): CidxFailure | null {
  return result.ok ? null : (result.error ?? null);
}

function expectTransient(failed: CidxFailure | null, code: string) {
  expect(failed).toMatchObject({ kind: 'secrets-unavailable' });
  expect(failed?.message).toMatch(new RegExp(`^Could not read the secret store \\(${code}`));
  expect(failed?.message).not.toMatch(/No API key|No password/);
  expect(isAuthFailure(failed!)).toBe(false);
  // The engine's verdict: retried on the failure backoff like an unreachable server, not auth-failed.
  expect(judgeTick({ fatal: failed, partial: [] })).toMatchObject({ health: 'offline', authFailed: false });
}

describe('a secret store that cannot be read', () => {
  it.each(['EMFILE', 'EACCES', 'EIO'])(
    'API key from the file store, %s: secrets-unavailable, no request sent',
    async (code) => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'secrets.json'),
        JSON.stringify({ version: 1, secrets: { [secretKeys.apiKey('work')]: API_KEY } }),
      );
      const server = serverConfigSchema.parse({
        id: 'work',
        name: 'Work',
        url: 'https://cidx.example.com',
        auth: { mode: 'api-key' },
      });
      const fake = new ScriptedFetch().on('GET /api/jobs', jobsPage);
      const client = clientWith(authFor(server, new FileSecretStore({ configDir: dir })), fake);
      readFailure.code = code;
      expectTransient(failureOf(await client.listJobs()), code);
      expect(fake.calls).toHaveLength(0);
      // Readable again: the key is there, untouched.
      readFailure.code = null;
      expect((await client.listJobs()).ok).toBe(true);
    },
  );

  it('password auth over the file store: neither the session nor the password read as absent', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'secrets.json'),
      JSON.stringify({
        version: 1,
        secrets: {
          [secretKeys.password('work')]: 'alice-pass',
          [secretKeys.refreshToken('work')]: 'refresh-1',
        },
      }),
    );
    const server = serverConfigSchema.parse({
      id: 'work',
      name: 'Work',
      url: 'https://cidx.example.com',
      auth: { mode: 'password', username: 'alice' },
    });
    const clock = new FakeClock();
    const fake = new ScriptedFetch()
      .on(
        'POST /api/auth/refresh',
        json(200, {
          access_token: jwtFor(clock),
          refresh_token: 'refresh-2',
          token_type: 'bearer',
          access_token_expires_in: 600,
        }),
      )
      .on('GET /api/jobs', jobsPage);
    const store = new FileSecretStore({ configDir: dir });
    const client = clientWith(authFor(server, store), fake, clock);
    readFailure.code = 'EMFILE';
    expectTransient(failureOf(await client.listJobs()), 'EMFILE');
    // No password login in place of a session that may still be good.
    expect(fake.calls).toHaveLength(0);
    readFailure.code = null;
    expect((await client.listJobs()).ok).toBe(true);
    expect(fake.callsTo('POST /api/auth/refresh')[0]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(fake.callsTo('POST /auth/login')).toHaveLength(0);
    expect(await store.get(secretKeys.password('work'))).toBe('alice-pass');
    expect(await store.get(secretKeys.refreshToken('work'))).toBe('refresh-2');
  });

  it('a keychain that does not answer: secrets-unavailable with its reason', async () => {
    const unreadable = async (): Promise<string | null> => {
      throw new SecretStoreReadError(
        'secret-tool lookup failed (exit 1: Cannot autolaunch D-Bus)',
        'libsecret',
      );
    };
    const apiKey = clientWith(apiKeyAuth({ getApiKey: unreadable }), new ScriptedFetch());
    expectTransient(failureOf(await apiKey.listJobs()), 'secret-tool lookup failed');

    const fake = new ScriptedFetch();
    const password = clientWith(
      passwordAuth({
        username: 'alice',
        getPassword: unreadable,
        loadRefreshToken: async () => null,
        saveRefreshToken: async () => undefined,
      }),
      fake,
    );
    expectTransient(failureOf(await password.listJobs()), 'secret-tool lookup failed');
    expect(fake.calls).toHaveLength(0);
  });

  it('an unexpected throw names only its code, never its message', async () => {
    const client = clientWith(
      apiKeyAuth({
        getApiKey: async () => {
          throw Object.assign(new Error(`EIO reading ${API_KEY}`), { code: 'EIO' });
        },
      }),
      new ScriptedFetch(),
    );
    const failed = failureOf(await client.listJobs());
    expectTransient(failed, 'EIO');
    expect(JSON.stringify(failed)).not.toContain(API_KEY);
  });
});
