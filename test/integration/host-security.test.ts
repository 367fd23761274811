/**
 * Who may reach browser mode, and what it serves: refused WebSocket upgrades (no token, a wrong
 * token, a foreign Origin or Host), static files from the renderer folder only (no traversal,
 * no symlink escape), the right content types and security headers, and the page that says to
 * build when there is nothing to serve.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostServer, type HostServer } from '../../main/host/host-server';
import { TOKEN_REFUSED_CLOSE_CODE } from '../../preload/protocol';

const SECRET = 'outside-the-renderer-7f3a';

/** A raw GET: the path is sent exactly as given (no client-side normalisation of `..`). */
function get(port: number, path: string, host = `127.0.0.1:${port}`) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Tries a bridge connection; resolves 'open' when a request is answered, `closed <code>` when the
 * host closes it first (a refused token), or the HTTP status the upgrade was refused with.
 */
function tryConnect(
  url: string,
  headers: { origin?: string; host?: string },
): Promise<'open' | `closed ${number}` | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      origin: headers.origin,
      headers: headers.host ? { host: headers.host } : {},
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'snapshot:get', payload: null })),
    );
    ws.once('message', () => {
      ws.close();
      resolve('open');
    });
    ws.once('close', (code) => resolve(`closed ${code}`));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('the browser-mode host', () => {
  let dir: string;
  let host: HostServer;
  const warnings: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cidx-host-security-'));
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'escape.txt'));
    host = await startHostServer({
      port: 0,
      rendererDir: root,
      handle: async () => ({ ok: true, value: null }),
      logger: { debug: () => {}, info: () => {}, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) },
    });
  });

  afterAll(async () => {
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const bridgeUrl = (token?: string) =>
    `ws://127.0.0.1:${host.port}/bridge${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

  it('prints a page URL with the token in the fragment, 32 random bytes', () => {
    expect(host.pageUrl).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('admits its own page with the token', async () => {
    expect(await tryConnect(bridgeUrl(host.token), { origin: host.origin })).toBe('open');
  });

  it('refuses a connection without the token, with a wrong one, from a foreign Origin or Host', async () => {
    // Its own page is told by a close code it can read (a browser hides HTTP statuses of upgrades).
    expect(await tryConnect(bridgeUrl(), { origin: host.origin })).toBe(`closed ${TOKEN_REFUSED_CLOSE_CODE}`);
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await tryConnect(bridgeUrl(wrong), { origin: host.origin })).toBe(
      `closed ${TOKEN_REFUSED_CLOSE_CODE}`,
    );
    expect(await tryConnect(bridgeUrl(host.token), { origin: 'http://evil.example' })).toBe(403);
    expect(await tryConnect(bridgeUrl(host.token), { origin: `http://localhost:${host.port}` })).toBe(403);
    expect(await tryConnect(bridgeUrl(host.token), {})).toBe(403);
    // DNS rebinding: the right Origin and token, but the browser names the attacker's host.
    expect(
      await tryConnect(bridgeUrl(host.token), { origin: host.origin, host: `evil.example:${host.port}` }),
    ).toBe(403);
    const refusals = warnings.filter((line) => line.startsWith('refused a bridge connection'));
    expect(refusals.map((line) => JSON.parse(line.slice(line.indexOf('{'))).reason)).toEqual([
      'no token',
      'wrong token',
      'foreign Origin',
      'foreign Origin',
      'foreign Origin',
      'foreign Host header',
    ]);
    expect(warnings.join('\n')).not.toContain(host.token);
  });

  it('a page with a wrong token gets the close code and nothing else, even while patches flow', async () => {
    const wrong = 'x'.repeat(host.token.length);
    const ws = new WebSocket(bridgeUrl(wrong), { origin: host.origin });
    const received: string[] = [];
    ws.on('message', (data) => received.push(String(data)));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'snapshot:get', payload: null }));
      host.bridge.broadcast({
        type: 'event',
        channel: 'app:show-job',
        payload: { serverId: 's', jobId: 'j' },
      });
    });
    const { code, reason } = await closed;
    expect(code).toBe(TOKEN_REFUSED_CLOSE_CODE);
    expect(reason).not.toContain(wrong);
    expect(reason).not.toContain(host.token);
    expect(received).toEqual([]);
    expect(host.bridge.clientCount()).toBe(0);
  });

  it('serves the renderer with the strict CSP and the security headers', async () => {
    const page = await get(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="root"');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${host.port}`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get(host.port, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(host.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(host.port, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses path traversal in every spelling, and symlinks out of the renderer', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00index.html',
      '/assets/escape.txt',
    ]) {
      const answer = await get(host.port, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body, path).not.toContain(SECRET);
      expect(answer.headers['content-security-policy'], path).toBeDefined();
    }
    expect((await get(host.port, '/%E0%A4%A')).status).toBe(400);
  });

  it('refuses plain requests under a foreign Host name (DNS rebinding)', async () => {
    const answer = await get(host.port, '/', `rebind.example:${host.port}`);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('id="root"');
  });

  it('says to run the build when there is no built renderer', async () => {
    const bare = await startHostServer({
      port: 0,
      rendererDir: join(dir, 'not-built'),
      handle: async () => ({ ok: true, value: null }),
      logger: { debug: () => {}, info: () => {}, warn: () => {} },
    });
    try {
      const answer = await get(bare.port, '/');
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
