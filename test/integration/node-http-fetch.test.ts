/**
 * Node's own HTTP transport (what the Node hosts use without a proxy) against a real local
 * server: what is sent, an answer's status and headers, the size limit closing the connection,
 * no redirect followed, a kept-alive connection lost under a request, a refused connection,
 * and the timeout.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../../main/core/clock';
import { HttpSession } from '../../main/core/cidx/http';
import { createNodeHttpFetch } from '../../main/core/cidx/node-http-fetch';
import { SecretRegistry } from '../../main/core/cidx/redact';

type Handler = Parameters<typeof createServer>[1];

let server: Server;
let url = '';
let handler: NonNullable<Handler> = (_request, response) => response.end();
let seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const session = (options: { timeoutMs?: number; maxResponseBytes?: number; baseUrl?: string } = {}) =>
  new HttpSession({
    baseUrl: options.baseUrl ?? url,
    fetch: createNodeHttpFetch(),
    clock: systemClock,
    secrets: new SecretRegistry(),
    logger: { debug: () => {}, info: () => {}, warn: () => {} },
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });

describe('createNodeHttpFetch', () => {
  it('sends the method, headers and JSON body, and reads a JSON answer', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"value":1}');
    };
    const answer = await session().json(
      { method: 'POST', path: '/api/x', query: { limit: 5 }, body: { a: 1 }, bearer: 'token' },
      z.object({ value: z.number() }),
    );
    expect(answer).toEqual({ ok: true, value: { status: 200, value: { value: 1 } } });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/x?limit=5',
      headers: { authorization: 'Bearer token', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
  });

  it('hands over error answers with their headers (Retry-After), and an empty 204', async () => {
    handler = (_request, response) => {
      response.writeHead(429, { 'retry-after': '7' });
      response.end('{"detail":"slow down"}');
    };
    const limited = await session().json({ method: 'GET', path: '/api/x' }, z.unknown());
    expect(limited.ok ? null : limited.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000 });

    handler = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    const empty = await session().send({ method: 'DELETE', path: '/api/x' });
    expect(empty).toMatchObject({ ok: true, value: { status: 204, text: '' } });
  });

  it('does not follow a redirect', async () => {
    handler = (_request, response) => {
      response.writeHead(301, { location: 'https://elsewhere.example/api/x' });
      response.end();
    };
    const moved = await session().json({ method: 'GET', path: '/api/x' }, z.unknown());
    expect(moved.ok).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('stops reading an answer past the size limit and lets go of the connection', async () => {
    let closed!: Promise<void>;
    handler = (_request, response) => {
      closed = new Promise((resolve) => response.on('close', () => resolve()));
      response.writeHead(200);
      const chunk = ' '.repeat(64 * 1024);
      // Writes until the client goes away; never ends on its own.
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    };
    const answer = await session({ maxResponseBytes: 256 * 1024 }).send({ method: 'GET', path: '/api/x' });
    expect(answer.ok ? null : answer.error.kind).toBe('unexpected-response');
    await closed;
  });

  it('sends a GET again on a new connection when the kept-alive one was closed under it', async () => {
    const served = new WeakSet<object>();
    handler = (request, response) => {
      // The second request on a connection meets a server that has just closed it.
      if (served.has(request.socket)) return void request.socket.destroy();
      served.add(request.socket);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"value":1}');
    };
    const http = session();
    const schema = z.object({ value: z.number() });
    expect((await http.json({ method: 'GET', path: '/api/a' }, schema)).ok).toBe(true);
    expect(await http.json({ method: 'GET', path: '/api/b' }, schema)).toEqual({
      ok: true,
      value: { status: 200, value: { value: 1 } },
    });
    // The first connection saw /api/a and the lost /api/b; a new one answered /api/b.
    expect(seen.map((request) => request.url)).toEqual(['/api/a', '/api/b', '/api/b']);
  });

  it('does not send a POST twice when its connection is lost', async () => {
    const served = new WeakSet<object>();
    handler = (request, response) => {
      if (served.has(request.socket)) return void request.socket.destroy();
      served.add(request.socket);
      response.end('{}');
    };
    const http = session();
    expect((await http.send({ method: 'GET', path: '/api/a' })).ok).toBe(true);
    const posted = await http.send({ method: 'POST', path: '/api/sync', body: {} });
    expect(posted.ok ? null : posted.error.kind).toBe('offline');
    expect(seen.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('a refused connection is offline, a silent server a timeout', async () => {
    const refused = await session({ baseUrl: 'http://127.0.0.1:1' }).send({ method: 'GET', path: '/x' });
    expect(refused.ok ? null : refused.error).toMatchObject({
      kind: 'offline',
      message: expect.stringContaining('connection refused'),
    });

    handler = () => {}; // never answers
    const silent = await session({ timeoutMs: 200 }).send({ method: 'GET', path: '/api/x' });
    expect(silent.ok ? null : silent.error.kind).toBe('timeout');
  });
});
