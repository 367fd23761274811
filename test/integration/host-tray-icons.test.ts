/**
 * Browser mode serves the tray's drawings for the tab's favicon: each name a state can call
 * for, at 1x and 2x, as PNG with the security headers; nothing else from assets/tray (the macOS
 * templates), no other path, no other method.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../main/host/host-server';
import { TRAY_ICON_NAMES } from '../../preload/tray-icon';

const trayAssets = join(import.meta.dirname, '..', '..', 'assets', 'tray');

function fetchRaw(port: number, path: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the tray icons browser mode serves', () => {
  let host: HostServer;
  beforeAll(async () => {
    host = await startHostServer({
      port: 0,
      rendererDir: '/nonexistent',
      handle: async () => ({ ok: true, value: null }),
      logger: { debug: () => {}, info: () => {}, warn: () => {} },
    });
  });
  afterAll(async () => host?.close());

  it('serves every state’s drawing at 1x and 2x, as the files in assets/tray', async () => {
    for (const name of TRAY_ICON_NAMES) {
      for (const file of [`${name}.png`, `${name}@2x.png`]) {
        const answer = await fetchRaw(host.port, `/tray-icons/${file}`);
        expect(answer.status, file).toBe(200);
        expect(answer.headers['content-type']).toBe('image/png');
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.body.equals(readFileSync(join(trayAssets, file)))).toBe(true);
      }
    }
  });

  it('serves nothing else: templates, other paths, traversal, other methods', async () => {
    for (const path of [
      '/tray-icons/idleTemplate.png',
      '/tray-icons/running-45.png',
      '/tray-icons/',
      '/tray-icons/../app/icon.png',
      '/tray-icons/%2e%2e/app/icon.png',
      '/tray-icons/idle.png/x',
    ])
      expect((await fetchRaw(host.port, path)).status, path).toBe(404);
    expect((await fetchRaw(host.port, '/tray-icons/idle.png', 'POST')).status).toBe(405);
    expect((await fetchRaw(host.port, '/tray-icons/idle.png', 'HEAD')).status).toBe(200);
  });
});
