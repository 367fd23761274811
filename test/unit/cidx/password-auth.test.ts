/** Login, rotating refresh, single flight, replay recovery and MFA (cidx-api.md §1.1–§1.3, §1.7). */
import { describe, expect, it } from 'vitest';
import { CidxClient } from '../../../main/core/cidx/client';
import type { PasswordAuthOptions } from '../../../main/core/cidx/password-auth';
import { passwordAuth } from '../../../main/core/cidx/password-auth';
import type { RecordedCall } from './support';
import { FakeClock, MemoryLogger, ScriptedFetch, json, jwtFor } from './support';

const jobsPage = json(200, { jobs: [], total: 0, limit: 10, offset: 0 });

function setup(fake: ScriptedFetch, overrides: Partial<PasswordAuthOptions> = {}, clock = new FakeClock()) {
  const saved: (string | null)[] = [];
  const events: string[] = [];
  const logger = new MemoryLogger();
  const auth = passwordAuth({
    username: 'alice',
    getPassword: async () => 'alice-pass',
    loadRefreshToken: async () => null,
    saveRefreshToken: async (token) => {
      saved.push(token);
      events.push(`save ${token}`);
    },
    ...overrides,
  });
  const client = new CidxClient({ baseUrl: 'http://127.0.0.1:8000', fetch: fake.fetch, clock, auth, logger });
  return { client, saved, events, clock, logger, auth };
}

const loginBody = (access: string, refresh = 'refresh-1') => ({
  access_token: access,
  token_type: 'bearer',
  user: { username: 'alice', role: 'normal_user', created_at: '2026-11-28T09:42:47.530351+00:00' },
  refresh_token: refresh,
  refresh_token_expires_in: 604800,
});
const refreshBody = (access: string, refresh: string) => ({
  access_token: access,
  refresh_token: refresh,
  token_type: 'bearer',
  user: { username: 'alice', role: 'normal_user' },
  access_token_expires_in: 600,
  refresh_token_expires_in: 604800,
});
const bearerOf = (call: RecordedCall | undefined) => call?.headers.authorization;

describe('login', () => {
  it('logs in on first use, stores the refresh token and sends the JWT', async () => {
    const clock = new FakeClock();
    const access = jwtFor(clock);
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(access)))
      .on('GET /api/jobs', jobsPage);
    const { client, saved } = setup(fake, {}, clock);
    expect((await client.listJobs()).ok).toBe(true);
    expect(fake.callsTo('POST /auth/login')[0]?.body).toEqual({ username: 'alice', password: 'alice-pass' });
    expect(fake.callsTo('POST /auth/login')[0]?.headers.authorization).toBeUndefined();
    expect(saved).toEqual(['refresh-1']);
    expect(bearerOf(fake.callsTo('GET /api/jobs')[0])).toBe(`Bearer ${access}`);
    // The token is reused while it is fresh.
    await client.listJobs();
    expect(fake.callsTo('POST /auth/login')).toHaveLength(1);
  });

  it('wrong password -> bad-credentials; no password -> bad-credentials without a request', async () => {
    const fake = new ScriptedFetch().on(
      'POST /auth/login',
      json(401, { detail: 'Invalid credentials' }, { 'www-authenticate': 'Bearer' }),
    );
    const wrong = await setup(fake).client.listJobs();
    expect(wrong.ok ? null : wrong.error).toMatchObject({
      kind: 'bad-credentials',
      message: 'The server did not accept the user name or password of alice.',
    });
    const none = await setup(fake, { getPassword: async () => null }).client.listJobs();
    expect(none.ok ? null : none.error.kind).toBe('bad-credentials');
    expect(fake.calls).toHaveLength(1);
  });

  it('MFA challenge -> mfa-required telling the person to use an API key (§1.1)', async () => {
    const fake = new ScriptedFetch().on(
      'POST /auth/login',
      json(200, { mfa_required: true, mfa_token: 'opaque-mfa-token' }),
    );
    const result = await setup(fake).client.listJobs();
    expect(result.ok ? null : result.error.kind).toBe('mfa-required');
    expect(result.ok ? '' : result.error.message).toMatch(/API key in the CIDX web UI/);
    expect(fake.callsTo('GET /api/jobs')).toHaveLength(0);
  });

  it('a locked account passes the 429 and Retry-After through (§1.6)', async () => {
    const fake = new ScriptedFetch().on(
      'POST /auth/login',
      json(
        429,
        { detail: 'account_locked: Too many failed attempts. Try again in 899 seconds.' },
        { 'retry-after': '899' },
      ),
    );
    const result = await setup(fake).client.listJobs();
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 899_000 });
  });
});

describe('refresh', () => {
  it('refreshes with a stored token, persisting the rotated one before using the new access token', async () => {
    const clock = new FakeClock();
    const access = jwtFor(clock);
    let releaseSave: () => void = () => undefined;
    const order: string[] = [];
    const fake = new ScriptedFetch()
      .on('POST /api/auth/refresh', json(200, refreshBody(access, 'refresh-2')))
      .on('GET /api/jobs', (call) => {
        order.push(`GET with ${call.headers.authorization === `Bearer ${access}` ? 'new token' : 'other'}`);
        return jobsPage(call);
      });
    const { client } = setup(
      fake,
      {
        loadRefreshToken: async () => 'refresh-1',
        saveRefreshToken: (token) =>
          new Promise<void>((resolve) => {
            order.push(`save ${token} started`);
            releaseSave = () => {
              order.push(`save ${token} done`);
              resolve();
            };
          }),
      },
      clock,
    );
    const pending = client.listJobs();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.callsTo('GET /api/jobs')).toHaveLength(0);
    releaseSave();
    expect((await pending).ok).toBe(true);
    expect(fake.callsTo('POST /api/auth/refresh')[0]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(fake.callsTo('POST /auth/login')).toHaveLength(0);
    expect(order).toEqual(['save refresh-2 started', 'save refresh-2 done', 'GET with new token']);
  });

  it('refreshes ahead of a float exp, within the margin, on the injected clock (§1.2)', async () => {
    const clock = new FakeClock();
    const first = jwtFor(clock, 600);
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(first)))
      .on('GET /api/jobs', jobsPage);
    const { client } = setup(fake, {}, clock);
    await client.listJobs();
    clock.advance(539_000); // exp is 600.167 s away: 61.167 s left, outside the 60 s margin
    await client.listJobs();
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(0);
    const second = jwtFor(clock, 600);
    fake.on('POST /api/auth/refresh', json(200, refreshBody(second, 'refresh-2')));
    clock.advance(1_500); // now 59.667 s left
    await client.listJobs();
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(1);
    expect(fake.callsTo('POST /api/auth/refresh')[0]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(bearerOf(fake.callsTo('GET /api/jobs').at(-1))).toBe(`Bearer ${second}`);
  });

  it('single flight: concurrent callers share one refresh request', async () => {
    const clock = new FakeClock();
    const fresh = jwtFor(clock);
    const fake = new ScriptedFetch()
      .on(
        'POST /api/auth/refresh',
        json(200, refreshBody(fresh, 'refresh-2')),
        json(401, { detail: 'Token replay attack detected' }),
      )
      .on('GET /api/jobs', jobsPage);
    const { client, saved } = setup(fake, { loadRefreshToken: async () => 'refresh-1' }, clock);
    const results = await Promise.all(Array.from({ length: 5 }, () => client.listJobs()));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(1);
    expect(saved).toEqual(['refresh-2']);
    expect(fake.callsTo('GET /api/jobs').map(bearerOf)).toEqual(Array(5).fill(`Bearer ${fresh}`));
  });

  it('replay detected -> clears the stored token and logs in again (§1.3)', async () => {
    const clock = new FakeClock();
    const access = jwtFor(clock);
    const fake = new ScriptedFetch()
      .on('POST /api/auth/refresh', json(401, { detail: 'Token replay attack detected' }))
      .on('POST /auth/login', json(200, loginBody(access, 'refresh-new')))
      .on('GET /api/jobs', jobsPage);
    const { client, saved, logger } = setup(
      fake,
      { loadRefreshToken: async () => 'spent-refresh-token' },
      clock,
    );
    expect((await client.listJobs()).ok).toBe(true);
    expect(saved).toEqual([null, 'refresh-new']);
    expect(bearerOf(fake.callsTo('GET /api/jobs')[0])).toBe(`Bearer ${access}`);
    expect(logger.text()).not.toContain('spent-refresh-token');
  });

  it.each(['Invalid refresh token', 'Refresh token has expired', 'Refresh token revoked due to replay'])(
    '"%s" -> fresh login',
    async (detail) => {
      const clock = new FakeClock();
      const fake = new ScriptedFetch()
        .on('POST /api/auth/refresh', json(401, { detail }))
        .on('POST /auth/login', json(200, loginBody(jwtFor(clock))))
        .on('GET /api/jobs', jobsPage);
      const { client } = setup(fake, { loadRefreshToken: async () => 'old-refresh' }, clock);
      expect((await client.listJobs()).ok).toBe(true);
      expect(fake.callsTo('POST /auth/login')).toHaveLength(1);
    },
  );

  it('a dead session and no password -> token-revoked for a person to act on', async () => {
    const fake = new ScriptedFetch().on(
      'POST /api/auth/refresh',
      json(401, { detail: 'Token replay attack detected' }),
    );
    const { client } = setup(fake, {
      loadRefreshToken: async () => 'old-refresh',
      getPassword: async () => null,
    });
    const result = await client.listJobs();
    expect(result.ok ? null : result.error.kind).toBe('token-revoked');
  });

  it('a transient refresh failure is reported, not answered with the password', async () => {
    const fake = new ScriptedFetch().on(
      'POST /api/auth/refresh',
      json(500, { detail: 'Token refresh failed due to internal error' }),
    );
    const { client } = setup(fake, { loadRefreshToken: async () => 'refresh-1' });
    const result = await client.listJobs();
    expect(result.ok ? null : result.error.kind).toBe('server-error');
    expect(fake.callsTo('POST /auth/login')).toHaveLength(0);
  });

  it('a token lifetime shorter than the margin does not refresh on every call', async () => {
    const clock = new FakeClock();
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(jwtFor(clock, 30))))
      .on('GET /api/jobs', jobsPage);
    const { client } = setup(fake, {}, clock);
    await client.listJobs();
    clock.advance(5_000);
    await client.listJobs();
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(0);
  });

  it('tolerates an access token that is not a JWT (no ahead-of-time refresh)', async () => {
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody('not-a-jwt-token')))
      .on('GET /api/jobs', jobsPage);
    const { client, clock } = setup(fake);
    await client.listJobs();
    clock.advance(3_600_000);
    await client.listJobs();
    expect(fake.callsTo('POST /auth/login')).toHaveLength(1);
    expect(bearerOf(fake.callsTo('GET /api/jobs')[1])).toBe('Bearer not-a-jwt-token');
  });
});

describe('401 on an authenticated call', () => {
  it('renews once and retries the call once', async () => {
    const clock = new FakeClock();
    const first = jwtFor(clock);
    const second = jwtFor(clock);
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(first)))
      .on('POST /api/auth/refresh', json(200, refreshBody(second, 'refresh-2')))
      .on('GET /api/jobs', json(401, { detail: 'Token has been revoked' }), jobsPage);
    const { client } = setup(fake, {}, clock);
    expect((await client.listJobs()).ok).toBe(true);
    expect(fake.callsTo('GET /api/jobs').map(bearerOf)).toEqual([`Bearer ${first}`, `Bearer ${second}`]);
  });

  it('gives up after the retry also gets 401', async () => {
    const clock = new FakeClock();
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(jwtFor(clock))))
      .on('POST /api/auth/refresh', json(200, refreshBody(jwtFor(clock), 'refresh-2')))
      .on('GET /api/jobs', json(401, { detail: 'User not found' }));
    const { client } = setup(fake, {}, clock);
    const result = await client.listJobs();
    expect(result.ok ? null : result.error.kind).toBe('bad-credentials');
    expect(fake.callsTo('GET /api/jobs')).toHaveLength(2);
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('concurrent 401s with the same token lead to one refresh', async () => {
    const clock = new FakeClock();
    const first = jwtFor(clock);
    const second = jwtFor(clock);
    const fake = new ScriptedFetch()
      .on('POST /auth/login', json(200, loginBody(first)))
      .on(
        'POST /api/auth/refresh',
        json(200, refreshBody(second, 'refresh-2')),
        json(401, { detail: 'Token replay attack detected' }),
      )
      .on('GET /api/jobs', (call) =>
        (call.headers.authorization === `Bearer ${first}`
          ? json(401, { detail: 'Token has expired' })
          : jobsPage)(call),
      );
    const { client } = setup(fake, {}, clock);
    await client.listJobs();
    const results = await Promise.all([client.listJobs(), client.listJobs(), client.listJobs()]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('probe reports who signed in', async () => {
    const clock = new FakeClock();
    const fake = new ScriptedFetch()
      .on('GET /healthz', json(404, { detail: 'Not Found' }))
      .on('POST /auth/login', json(200, loginBody(jwtFor(clock))))
      .on('GET /health', json(200, { status: 'degraded', version: '5.0.0' }));
    const result = await setup(fake, {}, clock).client.probe();
    expect(result).toEqual({
      ok: true,
      value: {
        flavor: 'v5',
        version: '5.0.0',
        healthStatus: 'degraded',
        username: 'alice',
        role: 'normal_user',
      },
    });
  });
});
