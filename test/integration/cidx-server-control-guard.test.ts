/**
 * The CIDX double's control API (`/__control`, also served by `npm run demo*`) can be driven
 * only by a local test client: the Host header must name the double on the loopback, an Origin
 * of another site is refused, and a POST must be JSON, so a web page's form or no-CORS fetch
 * (text/plain) gets 415 and changes nothing.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../cidx-server/clock';
import { CidxControlClient } from '../cidx-server/control-client';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';

let server: RunningCidxServer;

beforeAll(async () => {
  server = await startCidxServer({ flavor: 'head', clock: createManualClock() });
});
afterAll(async () => server?.close());

/** A raw request: the headers are sent exactly as given. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const maintenance = async () => (await server.control.state()).maintenanceMode;

describe('the double control API refuses what a web page could send', () => {
  it('refuses a text/plain POST (an HTML form or no-CORS fetch from any page) with 415 and changes nothing', async () => {
    const form = await raw(
      'POST',
      '/__control/maintenance',
      { 'content-type': 'text/plain' },
      '{"enabled":true}',
    );
    expect(form.status).toBe(415);
    expect(form.body).toContain('application/json');
    const urlencoded = await raw(
      'POST',
      '/__control/restart',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'a=b',
    );
    expect(urlencoded.status).toBe(415);
    expect((await raw('POST', '/__control/restart', {})).status).toBe(415);
    expect(await maintenance()).toBe(false);
  });

  it('refuses a request with an Origin of another site, even when JSON', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const answer = await raw(
        'POST',
        '/__control/maintenance',
        { 'content-type': 'application/json', origin },
        '{"enabled":true}',
      );
      expect(answer.status).toBe(403);
    }
    expect((await raw('GET', '/__control/credentials', { origin: 'http://evil.example' })).status).toBe(403);
    expect(await maintenance()).toBe(false);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost with its port (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
    ]) {
      expect((await raw('GET', '/__control/credentials', { host })).status).toBe(403);
    }
    expect((await raw('GET', '/__control/state', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await raw('GET', '/__control/state', { host: `LOCALHOST:${server.port}` })).status).toBe(200);
  });

  it('accepts JSON from a local client (with a charset, from its own origin), and the typed client works', async () => {
    const own = await raw(
      'POST',
      '/__control/maintenance',
      { 'content-type': 'application/json; charset=utf-8', origin: `http://127.0.0.1:${server.port}` },
      '{"enabled":true}',
    );
    expect(own.status).toBe(200);
    expect(await maintenance()).toBe(true);
    const client = new CidxControlClient(server.url);
    await client.setMaintenanceMode(false);
    await client.restart();
    expect(await maintenance()).toBe(false);
  });

  it('leaves the CIDX API itself alone (its clients send other hosts and forms)', async () => {
    const health = await raw('GET', '/health', { host: 'cidx.example', origin: 'http://evil.example' });
    expect(health.status).not.toBe(403);
    expect(health.status).not.toBe(415);
  });
});
