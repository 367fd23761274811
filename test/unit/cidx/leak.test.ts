/** No secret ever comes back out: not in failures, not in log lines, even when the server echoes it. */
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import { CidxClient } from '../../../main/core/cidx/client';
import { passwordAuth } from '../../../main/core/cidx/password-auth';
import { API_KEY, FakeClock, MemoryLogger, ScriptedFetch, json, jwtFor } from './support';

const PASSWORD = 'correct horse battery';
const REFRESH = 'T_OIWqSE8vT-CoCRLTIcqSVwYquoFznaBXUgBBeJnzWsdjWcP8nFhutoUbY2XnkJBWXz1WvTfL8gPpimsTl58w';

function passwordClient(fake: ScriptedFetch, clock: FakeClock, logger: MemoryLogger) {
  return new CidxClient({
    baseUrl: 'https://cidx.example.com',
    fetch: fake.fetch,
    clock,
    logger,
    auth: passwordAuth({
      username: 'alice',
      getPassword: async () => PASSWORD,
      loadRefreshToken: async () => null,
      saveRefreshToken: async () => undefined,
    }),
  });
}

function expectClean(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('secrets never leak', () => {
  it('a server echoing the bearer token, refresh token and password in its error', async () => {
    const clock = new FakeClock();
    const access = jwtFor(clock);
    const logger = new MemoryLogger();
    const echo = `bad request from Bearer ${access} (refresh ${REFRESH}, password ${PASSWORD}, raw ${access.split('.')[1]})`;
    const fake = new ScriptedFetch()
      .on(
        'POST /auth/login',
        json(200, {
          access_token: access,
          refresh_token: REFRESH,
          user: { username: 'alice', role: 'admin' },
        }),
      )
      .on('GET /api/jobs', json(400, { detail: echo }))
      .on('GET /api/jobs/x', json(200, `{"detail": "${echo}"`));
    const client = passwordClient(fake, clock, logger);
    const failed = await client.listJobs();
    const garbage = await client.getJob('x');
    expect(failed.ok || garbage.ok).toBe(false);
    const everything = JSON.stringify([failed, garbage]) + logger.text();
    expectClean(everything, [access, access.split('.')[1]!, REFRESH, PASSWORD]);
    expect(failed.ok ? '' : failed.error.message).toMatch(
      /^The server rejected the request: bad request from/,
    );
  });

  it('a 422 from login that echoes the password', async () => {
    const logger = new MemoryLogger();
    const fake = new ScriptedFetch().on(
      'POST /auth/login',
      json(422, { detail: [{ loc: ['body', 'password'], msg: `bad value ${PASSWORD}`, input: PASSWORD }] }),
    );
    const result = await passwordClient(fake, new FakeClock(), logger).listJobs();
    expect(result.ok ? null : result.error.kind).toBe('bad-request');
    expectClean(JSON.stringify(result) + logger.text(), [PASSWORD]);
  });

  it('an API key echoed in a 403 or a transport error', async () => {
    const logger = new MemoryLogger();
    const fake = new ScriptedFetch().on(
      'GET /api/jobs',
      json(403, { detail: `key ${API_KEY.toUpperCase()} / ${API_KEY} refused` }),
    );
    const client = new CidxClient({
      baseUrl: 'https://cidx.example.com',
      fetch: fake.fetch,
      clock: new FakeClock(),
      logger,
      auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
    });
    const refused = await client.listJobs();
    const transport = await new CidxClient({
      baseUrl: 'https://cidx.example.com',
      fetch: async () => {
        throw new Error(`proxy rejected Authorization: Bearer ${API_KEY}`);
      },
      clock: new FakeClock(),
      logger,
      auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
    }).listJobs();
    expect(refused.ok || transport.ok).toBe(false);
    expectClean(JSON.stringify([refused, transport]) + logger.text(), [
      API_KEY,
      API_KEY.slice(8),
      API_KEY.slice(8).toUpperCase(),
    ]);
  });
});

describe('secrets of a resumed session never leak (issue 8)', () => {
  /** Opaque refresh tokens (no JWT, no key shape): only their registration can scrub them. */
  const refresh = (n: number) => `rt${n}_Q8vT-CoCRLTIcqSVwYquoFznaBXUgBBeJnzWsdjWcP8nFhutoUbY2X`;

  function resumingClient(fake: ScriptedFetch, clock: FakeClock, logger: MemoryLogger) {
    return new CidxClient({
      baseUrl: 'https://cidx.example.com',
      fetch: fake.fetch,
      clock,
      logger,
      auth: passwordAuth({
        username: 'alice',
        getPassword: async () => PASSWORD,
        loadRefreshToken: async () => refresh(0),
        saveRefreshToken: async () => undefined,
      }),
    });
  }

  const rotated = (clock: FakeClock, next: number) =>
    json(200, {
      access_token: jwtFor(clock),
      refresh_token: refresh(next),
      token_type: 'bearer',
      access_token_expires_in: 600,
    });

  it('the password, though a resumed session never sends it', async () => {
    const clock = new FakeClock();
    const logger = new MemoryLogger();
    const fake = new ScriptedFetch()
      .on('POST /api/auth/refresh', rotated(clock, 1))
      .on('GET /api/jobs', json(400, { detail: `alice's password is ${PASSWORD}, token ${refresh(1)}` }));
    const result = await resumingClient(fake, clock, logger).listJobs();
    expect(fake.callsTo('POST /auth/login')).toHaveLength(0);
    expect(result.ok ? null : result.error.kind).toBe('bad-request');
    expectClean(JSON.stringify(result) + logger.text(), [PASSWORD, refresh(1)]);
  });

  it('refresh tokens rotated out, the last 20 of them', async () => {
    const clock = new FakeClock();
    const logger = new MemoryLogger();
    const fake = new ScriptedFetch();
    for (let n = 1; n <= 21; n++) fake.on('POST /api/auth/refresh', rotated(clock, n));
    fake.on(
      'GET /api/jobs',
      ...Array.from({ length: 20 }, () => json(200, { jobs: [], total: 0, limit: 10, offset: 0 })),
    );
    // 21 rotations: refresh(0) .. refresh(20) retired, of which the last 20 are kept; refresh(21) is current.
    const old = Array.from({ length: 20 }, (_, n) => refresh(n + 1));
    fake.on('GET /api/jobs', json(500, { detail: `stale sessions: ${old.join(' ')} ${refresh(21)}` }));
    const client = resumingClient(fake, clock, logger);
    for (let n = 0; n < 20; n++) {
      expect((await client.listJobs()).ok).toBe(true);
      clock.advance(600_000); // the access token is due for renewal: one rotation per call
    }
    const echoed = await client.listJobs();
    expect(fake.callsTo('POST /api/auth/refresh')).toHaveLength(21);
    expect(echoed.ok ? null : echoed.error.kind).toBe('server-error');
    expectClean(JSON.stringify(echoed) + logger.text(), [...old, refresh(21)]);
  });
});
