/**
 * Login and rotating refresh against the double's real replay protection (cidx-api.md §1.3):
 * expired access tokens, proactive refresh, a spent refresh token, and family revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/core/clock';
import { systemClock } from '../../main/core/clock';
import { CidxClient } from '../../main/core/cidx/client';
import type { FetchLike } from '../../main/core/cidx/http';
import { createNodeFetch } from '../../main/core/cidx/node-transport';
import { passwordAuth } from '../../main/core/cidx/password-auth';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';

const nodeFetch = createNodeFetch();

/** A session as a host would hold it: a recording fetch and a stored refresh token. */
function session(
  server: RunningCidxServer,
  options: { clock?: Clock; initialRefreshToken?: string | null } = {},
) {
  const requests: string[] = [];
  const saved: (string | null)[] = [];
  let stored = options.initialRefreshToken ?? null;
  const fetch: FetchLike = (input, init) => {
    requests.push(`${init.method} ${new URL(input).pathname}`);
    return nodeFetch(input, init);
  };
  const client = new CidxClient({
    baseUrl: server.url,
    fetch,
    clock: options.clock ?? systemClock,
    auth: passwordAuth({
      username: 'alice',
      getPassword: async () => 'alice-pass',
      loadRefreshToken: async () => stored,
      saveRefreshToken: async (token) => {
        stored = token;
        saved.push(token);
      },
    }),
  });
  const count = (route: string) => requests.filter((request) => request === route).length;
  return { client, requests, saved, count, stored: () => stored };
}

describe.each(['head', 'v5'] as const)('password auth against the %s double', (flavor) => {
  let server: RunningCidxServer;
  beforeAll(async () => {
    server = await startCidxServer({ flavor, port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('an expired access token is refreshed once, the rotated token stored, the call retried', async () => {
    const s = session(server);
    expect((await s.client.listJobs()).ok).toBe(true);
    const first = s.stored();
    expect(first).toEqual(expect.any(String));

    server.control.expireAllTokens();
    const result = await s.client.listJobs();
    expect(result.ok).toBe(true);
    expect(s.count('POST /api/auth/refresh')).toBe(1);
    expect(s.count('POST /auth/login')).toBe(1);
    expect(s.count('GET /api/jobs')).toBe(3); // ok, 401, retried ok
    expect(s.stored()).not.toBe(first);
    expect(s.saved).toEqual([first, s.stored()]);
  });

  it('refreshes ahead of expiry on the client clock, with no 401 at all', async () => {
    const clock = { ...systemClock, offset: 0, now: () => Date.now() + clock.offset };
    const s = session(server, { clock });
    expect((await s.client.listJobs()).ok).toBe(true);
    clock.offset = 560_000; // the 600 s token now has less than the 60 s margin left
    const results = await Promise.all([s.client.listJobs(), s.client.listJobs(), s.client.probe()]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(s.count('POST /api/auth/refresh')).toBe(1); // single flight, no replay
    expect(s.count('POST /auth/login')).toBe(1);
  });

  it('a spent refresh token is a replay: the server revokes the family, both sessions re-login', async () => {
    const original = session(server);
    expect((await original.client.listJobs()).ok).toBe(true);
    const spent = original.stored()!;
    server.control.expireAllTokens();
    expect((await original.client.listJobs()).ok).toBe(true); // rotates: `spent` is now used up

    // Another process still holding the old token: the server answers "Token replay attack detected".
    const stale = session(server, { initialRefreshToken: spent });
    const staleResult = await stale.client.listJobs();
    expect(staleResult.ok).toBe(true);
    expect(stale.count('POST /api/auth/refresh')).toBe(1);
    expect(stale.count('POST /auth/login')).toBe(1);
    expect(stale.saved[0]).toBeNull(); // the dead token is cleared before logging in

    // The replay revoked the whole family, including the original session's newest token.
    server.control.expireAllTokens();
    expect((await original.client.listJobs()).ok).toBe(true);
    expect(original.count('POST /api/auth/refresh')).toBe(2);
    expect(original.count('POST /auth/login')).toBe(2);
  });

  it('expired refresh tokens and no password -> token-expired for a person to act on', async () => {
    const s = session(server);
    expect((await s.client.listJobs()).ok).toBe(true);
    server.control.expireAllTokens({ refreshTokens: true });
    const noPassword = new CidxClient({
      baseUrl: server.url,
      fetch: nodeFetch,
      clock: systemClock,
      auth: passwordAuth({
        username: 'alice',
        getPassword: async () => null,
        loadRefreshToken: async () => s.stored(),
        saveRefreshToken: async () => undefined,
      }),
    });
    const result = await noPassword.listJobs();
    expect(result.ok ? null : result.error.kind).toBe('token-expired');
  });
});
