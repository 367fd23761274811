/** The transport layer: timeouts, size limits, bad bodies, network errors, and what is sent. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FetchLike } from '../../../main/core/cidx/http';
import { HttpSession } from '../../../main/core/cidx/http';
import { redactingLogger } from '../../../main/core/cidx/logger';
import { SecretRegistry } from '../../../main/core/cidx/redact';
import { TransportSetupError } from '../../../main/core/cidx/transport-errors';
import { FakeClock, MemoryLogger } from './support';

const schema = z.object({ value: z.number() });

function session(fetch: FetchLike, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
  const clock = new FakeClock();
  const secrets = new SecretRegistry();
  const logger = new MemoryLogger();
  const http = new HttpSession({
    baseUrl: 'https://cidx.example.com/',
    fetch,
    clock,
    secrets,
    logger: redactingLogger(logger, secrets),
    ...extra,
  });
  return { http, clock, secrets, logger };
}

const body =
  (text: string, status = 200, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(text, { status, headers });

const failureOf = async (fetch: FetchLike, extra = {}) => {
  const { http } = session(fetch, extra);
  const result = await http.json({ method: 'GET', path: '/api/x' }, schema);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

/** A fetch that throws like undici: TypeError('fetch failed') with the system error as cause. */
const throwing =
  (cause: unknown): FetchLike =>
  async () => {
    throw new TypeError('fetch failed', { cause });
  };
const sysError = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('timeouts', () => {
  it('aborts a fetch that honours the signal when the fake clock passes the timeout', async () => {
    let seenSignal: AbortSignal | undefined;
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        seenSignal = init.signal ?? undefined;
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const { http, clock } = session(hanging, { timeoutMs: 2000 });
    const pending = http.json({ method: 'GET', path: '/api/x' }, schema);
    await Promise.resolve();
    clock.advance(1999);
    expect(seenSignal?.aborted).toBe(false);
    clock.advance(1);
    const result = await pending;
    expect(seenSignal?.aborted).toBe(true);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'timeout', message: 'https://cidx.example.com did not answer within 2 s.' },
    });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('times out even when the transport ignores the signal', async () => {
    const { http, clock } = session(() => new Promise<Response>(() => undefined));
    const pending = http.send({ method: 'GET', path: '/api/x' });
    clock.advance(10_000);
    const result = await pending;
    expect(result.ok ? null : result.error.kind).toBe('timeout');
  });

  it('covers a body that stalls after the headers', async () => {
    const stalled: FetchLike = async () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"val')) }));
    const { http, clock } = session(stalled, { timeoutMs: 500 });
    const pending = http.send({ method: 'GET', path: '/api/x' });
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(500);
    const result = await pending;
    expect(result.ok ? null : result.error.kind).toBe('timeout');
  });

  it('clears its timer after a normal answer', async () => {
    const { http, clock } = session(body('{"value":1}'));
    expect(await http.json({ method: 'GET', path: '/api/x' }, schema)).toEqual({
      ok: true,
      value: { status: 200, value: { value: 1 } },
    });
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('response size limit', () => {
  it('stops reading a streamed body past the limit', async () => {
    let pulled = 0;
    const endless: FetchLike = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            pulled += 1;
            controller.enqueue(new Uint8Array(1024).fill(32));
          },
        }),
      );
    const failure = await failureOf(endless, { maxResponseBytes: 10 * 1024 });
    expect(failure.kind).toBe('unexpected-response');
    expect(failure.message).toBe(
      'The answer of https://cidx.example.com was larger than 10 KiB; stopped reading it.',
    );
    expect(pulled).toBeLessThan(20);
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    const failure = await failureOf(body('{"value":1}', 200, { 'content-length': String(6 * 1024 * 1024) }));
    expect(failure.message).toBe(
      'The answer of https://cidx.example.com was larger than 5 MiB; stopped reading it.',
    );
  });
});

describe('bad bodies', () => {
  it.each([
    ['garbage', 'hello there', /is not valid JSON/],
    ['truncated', '{"jobs": [{"job_id": "a"', /truncated or malformed JSON/],
    ['html', '<!doctype html><html>login</html>', /HTML page/],
    ['empty', '', /was empty/],
  ])('%s -> unexpected-response', async (_name, text, message) => {
    const failure = await failureOf(body(text));
    expect(failure.kind).toBe('unexpected-response');
    expect(failure.status).toBe(200);
    expect(failure.message).toMatch(message);
    expect(failure.message).toContain('GET /api/x');
  });

  it('does not echo a huge garbage body', async () => {
    const failure = await failureOf(body(`{${'z'.repeat(100_000)}`));
    expect(failure.message.length).toBeLessThan(200);
  });

  it('names the fields of a schema mismatch', async () => {
    const failure = await failureOf(body('{"value":"nope"}'));
    expect(failure.kind).toBe('unexpected-response');
    expect(failure.message).toMatch(/does not have the expected shape: value: /);
  });
});

describe('network errors', () => {
  it.each([
    ['ECONNREFUSED', 'offline', /connection refused/],
    ['ENOTFOUND', 'offline', /host name not found/],
    ['EAI_AGAIN', 'offline', /lookup failed/],
    ['ECONNRESET', 'offline', /connection reset/],
    ['UND_ERR_SOCKET', 'offline', /closed unexpectedly/],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /did not answer in time/],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', /did not answer in time/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /not trusted .*CA file/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /CA file/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /CA file/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /ERR_TLS_CERT_ALTNAME_INVALID/],
    ['CERT_HAS_EXPIRED', 'tls', /CERT_HAS_EXPIRED/],
  ])('%s -> %s', async (code, kind, message) => {
    const failure = await failureOf(throwing(sysError(code)));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
  });

  it('finds the code inside an AggregateError (several addresses tried)', async () => {
    const failure = await failureOf(
      throwing(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')])),
    );
    expect(failure).toEqual({
      kind: 'offline',
      message: 'Cannot reach https://cidx.example.com (connection refused).',
    });
  });

  it('understands Electron net.fetch errors', async () => {
    const chromium =
      (name: string): FetchLike =>
      async () => {
        throw new Error(`${name}`);
      };
    expect((await failureOf(chromium('net::ERR_CONNECTION_REFUSED'))).kind).toBe('offline');
    expect((await failureOf(chromium('net::ERR_CERT_AUTHORITY_INVALID'))).kind).toBe('tls');
    expect((await failureOf(chromium('net::ERR_TIMED_OUT'))).kind).toBe('timeout');
  });

  it('maps a transport setup error (missing CA file) to invalid-input', async () => {
    const failure = await failureOf(async () => {
      throw new TransportSetupError('The CA file /x.pem cannot be used: the file does not exist.');
    });
    expect(failure).toEqual({
      kind: 'invalid-input',
      message: 'The CA file /x.pem cannot be used: the file does not exist.',
    });
  });

  it('an unknown error is offline, with its text sanitised and redacted', async () => {
    const { http, secrets } = session(throwing(new Error('proxy said: bad token sekrit-value-123\u0007')));
    secrets.add('sekrit-value-123');
    const result = await http.send({ method: 'GET', path: '/api/x' });
    expect(result.ok ? null : result.error.kind).toBe('offline');
    expect(JSON.stringify(result)).not.toContain('sekrit-value-123');
    expect(JSON.stringify(result)).not.toContain('\\u0007');
  });
});

describe('what is sent', () => {
  it('builds the URL, headers and body; never cookies; redirects not followed', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const { http } = session(async (url, init) => {
      seen = { url, init };
      return new Response('{"value":2}');
    });
    await http.json(
      {
        method: 'POST',
        path: '/api/y',
        query: { status: 'running', limit: 50, offset: undefined },
        body: { a: 1 },
        bearer: 'tok',
      },
      schema,
    );
    expect(seen?.url).toBe('https://cidx.example.com/api/y?status=running&limit=50');
    expect(seen?.init).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      credentials: 'omit',
      redirect: 'manual',
    });
    const headers = seen?.init.headers as Record<string, string>;
    expect(headers).toEqual({
      accept: 'application/json',
      authorization: 'Bearer tok',
      'content-type': 'application/json',
    });
    expect(Object.keys(headers).map((key) => key.toLowerCase())).not.toContain('cookie');
  });

  it('logs each request without secrets', async () => {
    const { http, logger, secrets } = session(body('{"value":1}'));
    secrets.add('tok-secret-1');
    await http.send({ method: 'GET', path: '/api/jobs/tok-secret-1', bearer: 'tok-secret-1' });
    expect(logger.lines[0]?.message).toBe('GET /api/jobs/[redacted] -> 200');
    expect(logger.text()).not.toContain('tok-secret-1');
  });
});
