/** Every HTTP status the server uses, mapped to a failure kind with a readable message (§1.5, §2.4, §6). */
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import { CidxClient } from '../../../main/core/cidx/client';
import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfterHeader,
  retryAfterFromText,
} from '../../../main/core/cidx/retry-after';
import type { Responder } from './support';
import { API_KEY, FakeClock, ScriptedFetch, json } from './support';

function setup(responder: Responder, route = 'GET /api/jobs/j1') {
  const clock = new FakeClock();
  const fake = new ScriptedFetch().on(route, responder);
  const client = new CidxClient({
    baseUrl: 'https://cidx.example.com',
    fetch: fake.fetch,
    clock,
    auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
  });
  return { client, fake, clock };
}

async function failureFor(responder: Responder) {
  const result = await setup(responder).client.getJob('j1');
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('HTTP status mapping', () => {
  it.each([
    [
      400,
      { detail: 'Repository ID cannot be empty' },
      'bad-request',
      /rejected the request: Repository ID cannot be empty/,
    ],
    [
      401,
      { detail: 'Invalid API key' },
      'bad-credentials',
      /did not accept the credentials: Invalid API key/,
    ],
    [401, { detail: 'Token has expired' }, 'token-expired', /session has expired/],
    [401, { detail: 'Token has been revoked' }, 'token-revoked', /revoked/],
    [403, { detail: 'Admin access required' }, 'forbidden', /Not allowed: Admin access required/],
    [404, { detail: 'Job not found: j1' }, 'not-found', /Job not found: j1/],
    [405, { detail: 'Method Not Allowed' }, 'bad-request', /HTTP 405.*Method Not Allowed/],
    [
      409,
      { detail: "Repository 'my-proj' sync already in progress." },
      'conflict',
      /Conflict: Repository 'my-proj' sync already in progress/,
    ],
    [
      500,
      { detail: 'Failed to submit sync job: boom' },
      'server-error',
      /Server error \(HTTP 500\): Failed to submit/,
    ],
    [502, '<html><body>Bad gateway</body></html>', 'server-error', /^Server error \(HTTP 502\)\.$/],
  ] as const)('%i %j -> %s', async (status, body, kind, message) => {
    const failure = await failureFor(json(status, body));
    expect(failure.kind).toBe(kind);
    expect(failure.status).toBe(status);
    expect(failure.message).toMatch(message);
  });

  it('keeps the server reason in serverDetail', async () => {
    const failure = await failureFor(json(409, { detail: "Repository 'my-proj' sync already in progress." }));
    expect(failure.serverDetail).toBe("Repository 'my-proj' sync already in progress.");
  });

  it('summarises 422 field errors (§6, §9.12)', async () => {
    const failure = await failureFor(
      json(422, {
        error: 'validation_error',
        message: 'Request validation failed. Please check the provided data and try again.',
        detail: [
          {
            loc: ['query', 'limit'],
            msg: 'Input should be a valid integer',
            type: 'int_parsing',
            input: 'abc',
          },
        ],
        details: {
          field_errors: [
            {
              field: 'query.limit',
              message: 'Input should be a valid integer',
              rejected_value: 'abc',
              error_type: 'int_parsing',
            },
            {
              field: 'password',
              message: 'Field required',
              rejected_value: '[REDACTED]',
              error_type: 'missing',
            },
          ],
          error_count: 2,
        },
      }),
    );
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toBe(
      'The server found the request invalid: query.limit: Input should be a valid integer; password: Field required',
    );
  });

  it('reads detail given as a FastAPI list or a HEAD object (§6)', async () => {
    const list = await failureFor(
      json(422, { detail: [{ loc: ['body', 'username'], msg: 'Field required' }, 'second'] }),
    );
    expect(list.serverDetail).toBe('username: Field required; second');
    const object = await failureFor(
      json(404, {
        detail: { error: 'Job not found', guidance: 'Check the id', troubleshooting: ['a', 'b'] },
      }),
    );
    expect(object.serverDetail).toBe('Job not found — Check the id');
    const middleware = await failureFor(
      json(500, {
        error: 'internal_server_error',
        message: 'An internal server error occurred.',
        correlation_id: 'x',
      }),
    );
    expect(middleware.serverDetail).toBe('An internal server error occurred.');
  });

  it('sanitises hostile detail text: control characters and length', async () => {
    const failure = await failureFor(json(400, { detail: `evil\u0000\u001b[2J${'x'.repeat(5000)}` }));
    expect([...failure.message].some((char) => char.charCodeAt(0) < 32)).toBe(false);
    expect(failure.serverDetail!.length).toBeLessThanOrEqual(300);
    expect(failure.message.length).toBeLessThan(400);
  });
});

describe('Retry-After and maintenance', () => {
  it('429 with Retry-After seconds (login lockout, §1.6)', async () => {
    const failure = await failureFor(
      json(
        429,
        { detail: 'account_locked: Too many failed attempts. Try again in 899 seconds.' },
        { 'retry-after': '899' },
      ),
    );
    expect(failure).toMatchObject({ kind: 'rate-limited', retryAfterMs: 899_000, status: 429 });
    expect(failure.message).toMatch(/retry in 899 s/);
  });

  it('429 with Retry-After as an HTTP date, measured on the injected clock', async () => {
    const clock = new FakeClock();
    const at = new Date(clock.now() + 120_000).toUTCString();
    const fake = new ScriptedFetch().on(
      'GET /api/jobs/j1',
      json(429, { detail: 'slow down' }, { 'retry-after': at }),
    );
    const client = new CidxClient({
      baseUrl: 'https://cidx.example.com',
      fetch: fake.fetch,
      clock,
      auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
    });
    const result = await client.getJob('j1');
    expect(result.ok ? null : result.error.retryAfterMs).toBe(120_000);
  });

  it('caps Retry-After at 15 minutes: one 429 must not park polling for a day', async () => {
    const header = await failureFor(json(429, { detail: 'go away' }, { 'retry-after': '86400' }));
    expect(header).toMatchObject({ kind: 'rate-limited', retryAfterMs: 15 * 60_000 });
    expect(header.message).toMatch(/retry in 900 s/);
    const far = new Date(Date.UTC(2030, 0, 1)).toUTCString();
    expect((await failureFor(json(429, { detail: 'x' }, { 'retry-after': far }))).retryAfterMs).toBe(900_000);
    expect((await failureFor(json(429, { retry_after_seconds: 1e9 }))).retryAfterMs).toBe(900_000);
    expect((await failureFor(json(503, { retry_after: 7200 }))).retryAfterMs).toBe(900_000);
    expect(parseRetryAfterHeader('899', 0)).toBe(899_000);
    expect(parseRetryAfterHeader('901', 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterFromText('Please retry after 3600 seconds.')).toBe(MAX_RETRY_AFTER_MS);
  });

  it('429 with retry_after_seconds in the body (admission control, §1.6)', async () => {
    const failure = await failureFor(json(429, { detail: 'busy', retry_after_seconds: 7 }));
    expect(failure).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
  });

  it('503 database outage with retry_after in the body and the header (§6)', async () => {
    const failure = await failureFor(
      json(
        503,
        { error: 'service_unavailable', message: 'The service is temporarily unavailable.', retry_after: 30 },
        { 'retry-after': '30' },
      ),
    );
    expect(failure).toMatchObject({ kind: 'server-error', retryAfterMs: 30_000, status: 503 });
  });

  it('ignores a nonsense Retry-After', async () => {
    const failure = await failureFor(json(429, { detail: 'x' }, { 'retry-after': '12-34' }));
    expect(failure.retryAfterMs).toBeUndefined();
  });

  it('HEAD maintenance mode is a 500 with that text (§3.1)', async () => {
    const failure = await failureFor(
      json(500, {
        detail:
          'Failed to submit sync job: Server is in maintenance mode. New jobs are not accepted. Please retry after 60 seconds.',
      }),
    );
    expect(failure).toMatchObject({ kind: 'maintenance', retryAfterMs: 60_000, status: 500 });
    expect(failure.message).toMatch(/maintenance mode/);
  });

  it('reports a redirect instead of following it', async () => {
    const failure = await failureFor(
      () => new Response(null, { status: 301, headers: { location: 'https://new.example.com/api/jobs/j1' } }),
    );
    expect(failure.kind).toBe('unexpected-response');
    expect(failure.message).toMatch(/redirected to https:\/\/new\.example\.com/);
  });
});
