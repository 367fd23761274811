import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../cidx-server/auth/totp';
import { createManualClock, type ManualClock } from '../cidx-server/clock';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { apiClient, jwtPayload, type ApiClient } from '../cidx-server/testing/http-client';

let server: RunningCidxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(flavor: 'head' | 'v5', clock?: ManualClock): Promise<ApiClient> {
  server = await startCidxServer({ flavor, ...(clock ? { clock } : {}) });
  return apiClient(server.url);
}

describe('login (cidx-api.md §1.1, §1.2)', () => {
  it.each(['head', 'v5'] as const)(
    '%s returns the 1.1 shape with a float exp ~600 s ahead',
    async (flavor) => {
      const api = await start(flavor);
      const res = await api.request('POST', '/auth/login', {
        body: { username: ' alice ', password: 'alice-pass' },
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual([
        'access_token',
        'refresh_token',
        'refresh_token_expires_in',
        'token_type',
        'user',
      ]);
      expect(res.body.user).toMatchObject({ username: 'alice', role: 'normal_user' });
      expect(res.body.refresh_token_expires_in).toBe(604800);
      const claims = jwtPayload(res.body.access_token);
      expect((claims.exp as number) - (claims.iat as number)).toBeCloseTo(600, 3);
      expect(Number.isInteger(claims.exp)).toBe(false);
      expect('jti' in claims).toBe(flavor === 'head');
    },
  );

  it('answers 401 Invalid credentials with WWW-Authenticate: Bearer, and 422 in the CIDX format', async () => {
    const api = await start('v5');
    const bad = await api.request('POST', '/auth/login', { body: { username: 'alice', password: 'nope' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ detail: 'Invalid credentials' });
    expect(bad.headers.get('www-authenticate')).toBe('Bearer');
    const missing = await api.request('POST', '/auth/login', { body: { username: 'admin' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('validation_error');
    expect(missing.body.details.field_errors[0]).toMatchObject({
      field: 'password',
      rejected_value: '[REDACTED]',
      error_type: 'missing',
    });
    const blank = await api.request('POST', '/auth/login', { body: { username: '  ', password: 'x' } });
    expect(blank.body.detail[0].msg).toBe('Value error, Username cannot be empty or contain only whitespace');
  });

  it('HEAD locks an account after 5 failures: 429 account_locked with Retry-After, even for the right password', async () => {
    const clock = createManualClock();
    const api = await start('head', clock);
    for (let i = 0; i < 5; i++) {
      expect(
        (await api.request('POST', '/auth/login', { body: { username: 'bob', password: 'wrong' } })).status,
      ).toBe(401);
    }
    const locked = await api.request('POST', '/auth/login', {
      body: { username: 'bob', password: 'bob-pass' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toBe('account_locked: Too many failed attempts. Try again in 899 seconds.');
    expect(locked.headers.get('retry-after')).toBe('899');
    clock.advance(15 * 60_000);
    expect(
      (await api.request('POST', '/auth/login', { body: { username: 'bob', password: 'bob-pass' } })).status,
    ).toBe(200);
  });

  it('v5 has no login rate limiting', async () => {
    const api = await start('v5');
    for (let i = 0; i < 7; i++)
      await api.request('POST', '/auth/login', { body: { username: 'bob', password: 'wrong' } });
    expect(
      (await api.request('POST', '/auth/login', { body: { username: 'bob', password: 'bob-pass' } })).status,
    ).toBe(200);
  });

  it('HEAD carol needs MFA: mfa_token, then a TOTP code', async () => {
    const clock = createManualClock();
    const api = await start('head', clock);
    const first = await api.request('POST', '/auth/login', {
      body: { username: 'carol', password: 'carol-pass' },
    });
    expect(first.body).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
    const bad = await api.request('POST', '/auth/mfa/verify', {
      body: { mfa_token: first.body.mfa_token, totp_code: '000000x' },
    });
    expect(bad.body).toEqual({ detail: 'Invalid MFA code' });
    const secret = server!.control.credentials().mfa[0]!.totpSecret;
    const ok = await api.request('POST', '/auth/mfa/verify', {
      body: { mfa_token: first.body.mfa_token, totp_code: totpCode(secret, clock.now()) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.username).toBe('carol');
  });
});

describe('bearer authentication (cidx-api.md §1.4, §1.5)', () => {
  it('HEAD: missing or Basic credentials give the realm challenge; API keys work', async () => {
    const api = await start('head');
    const none = await api.get('/api/jobs');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: 'Missing authentication credentials' });
    expect(none.headers.get('www-authenticate')).toBe(
      `Bearer realm="mcp", resource_metadata=${server!.url}/.well-known/oauth-protected-resource`,
    );
    const basic = await api.request('GET', '/api/jobs', {
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.body).toEqual({ detail: 'Missing authentication credentials' });
    expect((await api.get('/api/jobs', 'garbage')).body).toEqual({ detail: 'Invalid token' });
    const key = server!.control.credentials().apiKeys.find((k) => k.username === 'alice')!.apiKey;
    expect(key).toMatch(/^cidx_sk_[0-9a-f]{32}$/);
    expect((await api.get('/api/jobs', key)).status).toBe(200);
    expect((await api.get('/api/jobs', 'cidx_sk_00000000000000000000000000000000')).body).toEqual({
      detail: 'Invalid API key',
    });
  });

  it('HEAD API keys can be created, listed and deleted', async () => {
    const api = await start('head');
    const token = await api.login('alice', 'alice-pass');
    const created = await api.request('POST', '/api/keys', { token, body: { name: 'tray' } });
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('Save this key - it will not be shown again');
    expect((await api.get('/api/jobs', created.body.api_key)).status).toBe(200);
    const listed = await api.get('/api/keys', token);
    expect(listed.body.keys.map((k: { name: string }) => k.name).sort()).toEqual(['seeded', 'tray']);
    expect((await api.request('DELETE', `/api/keys/${created.body.key_id}`, { token })).body).toEqual({
      message: 'API key deleted successfully',
    });
    expect((await api.request('DELETE', `/api/keys/${created.body.key_id}`, { token })).status).toBe(404);
  });

  it('v5: "Not authenticated" 401 with a bare Bearer challenge; no API key routes', async () => {
    const api = await start('v5');
    const none = await api.get('/api/jobs');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: 'Not authenticated' });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const token = await api.login('admin', 'admin');
    expect((await api.get('/api/keys', token)).status).toBe(404);
  });

  it('tokens expire after the configured lifetime, and on control demand', async () => {
    const clock = createManualClock();
    server = await startCidxServer({ flavor: 'head', clock, jwtLifetimeSeconds: 60 });
    const api = apiClient(server.url);
    const token = await api.login('alice', 'alice-pass');
    clock.advance(59_000);
    expect((await api.get('/api/jobs', token)).status).toBe(200);
    clock.advance(1_000);
    expect((await api.get('/api/jobs', token)).body).toEqual({ detail: 'Token has expired' });
    const fresh = await api.login('alice', 'alice-pass');
    server.control.expireAllTokens();
    expect((await api.get('/api/jobs', fresh)).body).toEqual({ detail: 'Token has expired' });
    expect((await api.get('/api/jobs', await api.login('alice', 'alice-pass'))).status).toBe(200);
  });
});

describe('refresh (cidx-api.md §1.3)', () => {
  it.each(['head', 'v5'] as const)(
    '%s rotates, detects replay and revokes the whole family',
    async (flavor) => {
      const api = await start(flavor);
      const login = await api.request('POST', '/auth/login', {
        body: { username: 'alice', password: 'alice-pass' },
      });
      const first = await api.request('POST', '/api/auth/refresh', {
        body: { refresh_token: login.body.refresh_token },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        token_type: 'bearer',
        user: { username: 'alice', role: 'normal_user' },
        access_token_expires_in: 600,
        refresh_token_expires_in: 604800,
      });
      expect(jwtPayload(first.body.access_token).created_at).toBeNull();
      const replay = await api.request('POST', '/api/auth/refresh', {
        body: { refresh_token: login.body.refresh_token },
      });
      expect(replay.status).toBe(401);
      expect(replay.body).toEqual({ detail: 'Token replay attack detected' });
      expect(replay.headers.get('www-authenticate')).toBeNull();
      const newest = await api.request('POST', '/api/auth/refresh', {
        body: { refresh_token: first.body.refresh_token },
      });
      expect(newest.status).toBe(401);
      expect(newest.body.detail).toMatch(/^Refresh token revoked due to /);
      expect(
        (await api.request('POST', '/api/auth/refresh', { body: { refresh_token: 'nope' } })).body,
      ).toEqual({ detail: 'Invalid refresh token' });
      expect((await api.request('POST', '/api/auth/refresh', { body: {} })).status).toBe(422);
    },
  );

  it('reports expired refresh tokens after a control expiry', async () => {
    const api = await start('head');
    const login = await api.request('POST', '/auth/login', {
      body: { username: 'alice', password: 'alice-pass' },
    });
    server!.control.expireAllTokens({ refreshTokens: true });
    const res = await api.request('POST', '/api/auth/refresh', {
      body: { refresh_token: login.body.refresh_token },
    });
    expect(res.body).toEqual({ detail: 'Refresh token has expired' });
  });

  it('legacy /auth/refresh fails with the KeyError text and a challenge', async () => {
    const api = await start('v5');
    const res = await api.request('POST', '/auth/refresh', { body: { refresh_token: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: "Token refresh failed: 'new_access_token'" });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});
