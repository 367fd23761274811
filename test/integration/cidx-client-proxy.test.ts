/**
 * The Node hosts' transport (nodeHostFetch: the CLI and the browser-mode host) honours
 * HTTP_PROXY / NO_PROXY from the environment (undici's EnvHttpProxyAgent, chosen when a proxy
 * is set), as they need behind corporate proxies.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { apiKeyAuth } from '../../main/core/cidx/auth';
import { CidxClient } from '../../main/core/cidx/client';
import { nodeHostFetch } from '../../main/core/cidx/node-host-fetch';

/** Answers every request with one repository named after itself, recording the request line. */
async function start(name: string, seen: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify([{ user_alias: name }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const aliasesVia = async (baseUrl: string) => {
  const result = await new CidxClient({
    baseUrl,
    fetch: nodeHostFetch({}, process.env),
    clock: systemClock,
    auth: apiKeyAuth({ getApiKey: async () => 'cidx_sk_78dda893fe1620e3224ac51e0e29d159' }),
  }).listRepositories();
  return result.ok ? result.value.map((repo) => repo.alias) : result.error.kind;
};

/** A proxy that tunnels every CONNECT to `targetPort`, whatever host was asked for, recording it. */
async function startProxy(
  targetPort: () => number,
  seen: string[],
): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => response.writeHead(501).end());
  const tunnels = new Set<{ destroy(): void }>();
  // Tunnelled sockets leave the HTTP server's books: destroy them when it is asked to close.
  const close = server.close.bind(server);
  server.close = (callback) => {
    tunnels.forEach((socket) => socket.destroy());
    return close(callback);
  };
  server.on('connect', (request, client) => {
    seen.push(`CONNECT ${request.url}`);
    const upstream = connect(targetPort(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('proxy from the environment', () => {
  const proxySeen: string[] = [];
  const targetSeen: string[] = [];
  const directSeen: string[] = [];
  let proxy: { server: Server; url: string };
  let target: { server: Server; url: string };
  let direct: { server: Server; url: string };
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

  beforeAll(async () => {
    target = await start('via-proxy', targetSeen);
    proxy = await startProxy(() => (target.server.address() as AddressInfo).port, proxySeen);
    direct = await start('direct', directSeen);
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '127.0.0.1';
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const { server } of [proxy, target, direct]) {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    }
  });

  it('sends requests for other hosts through HTTP_PROXY', async () => {
    expect(await aliasesVia('http://cidx.example.test:8000')).toEqual(['via-proxy']);
    expect(proxySeen).toEqual(['CONNECT cidx.example.test:8000']);
    expect(targetSeen).toEqual(['GET /api/repos']);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    expect(await aliasesVia(direct.url)).toEqual(['direct']);
    expect(directSeen).toEqual(['GET /api/repos']);
    expect(proxySeen).toHaveLength(1);
  });
});
