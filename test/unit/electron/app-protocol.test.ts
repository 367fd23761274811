/**
 * The app's own scheme and the session's permissions, against the typed fakes: `app://` is
 * privileged before ready and served after it from the renderer folder only (no traversal in
 * any spelling, no symlink escape, no other host), and every permission is denied.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppSchemeHandler,
  registerAppScheme,
  serveAppScheme,
} from '../../../main/electron/app-protocol';
import { APP_CSP, denyAllPermissions } from '../../../main/electron/hardening';
import { protocol, resetFakes, session } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const SECRET = 'outside-the-renderer-91b2';
let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cidx-app-scheme-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => resetFakes());

describe('the app:// scheme', () => {
  it('is registered as a privileged standard, secure scheme before ready, and handled after it', async () => {
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
    // Nothing that widens what the page may do.
    expect(protocol.privileged[0]!.privileges).not.toHaveProperty('bypassCSP');
    expect(protocol.privileged[0]!.privileges).not.toHaveProperty('corsEnabled');
    protocol.ready = true;
    serveAppScheme(protocol, { rendererDir, csp: APP_CSP });
    expect(protocol.isProtocolHandled('app')).toBe(true);
    const page = await protocol.handlers.get('app')!(new Request(APP_ENTRY_URL));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="root"');
  });

  it('serves the renderer with its content type, the CSP and nosniff', async () => {
    const handle = createAppSchemeHandler({ rendererDir, csp: APP_CSP });
    const page = await handle(new Request('app://cidx-tray/index.html'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const root = await handle(new Request('app://cidx-tray/'));
    expect(await root.text()).toContain('id="root"');
    const script = await handle(new Request('app://cidx-tray/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await handle(new Request('app://cidx-tray/assets/missing.js'))).status).toBe(404);
  });

  it('refuses path traversal in every spelling, symlinks out of the renderer, and other hosts', async () => {
    const refused: string[] = [];
    const handle = createAppSchemeHandler({
      rendererDir,
      csp: APP_CSP,
      onRefused: (path) => refused.push(path),
    });
    for (const url of [
      'app://cidx-tray/%2e%2e/secret.txt',
      'app://cidx-tray/..%2fsecret.txt',
      'app://cidx-tray/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://cidx-tray/..%5csecret.txt',
      'app://cidx-tray/assets/escape.txt',
      'app://cidx-tray/index.html%00.js',
    ]) {
      const answer = await handle(new Request(url));
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      expect(await answer.text(), url).not.toContain(SECRET);
    }
    // Plain `..` is folded by URL parsing before it reaches the handler: it stays inside.
    const folded = await handle(new Request('app://cidx-tray/assets/../../secret.txt'));
    expect(await folded.text()).not.toContain(SECRET);
    expect(refused.length).toBeGreaterThan(0);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect(
      (await handle(new Request('app://cidx-tray/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device, and says which', () => {
    const denied: string[] = [];
    const fake = session.defaultSession;
    denyAllPermissions(fake as unknown as Electron.Session, (permission, url) =>
      denied.push(`${permission} ${url}`),
    );
    const answers: boolean[] = [];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ] as const) {
      fake.permissionRequestHandler!(
        { getURL: () => 'app://cidx-tray/index.html' } as unknown as Electron.WebContents,
        permission,
        (granted) => answers.push(granted),
        { requestingUrl: 'https://evil.example/' } as Electron.PermissionRequest,
      );
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(denied[0]).toBe('media https://evil.example/');
    expect(
      fake.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'app://cidx-tray', {} as never),
    ).toBe(false);
    expect(fake.permissionCheckHandler!(null, 'hid', 'https://evil.example', {} as never)).toBe(false);
    expect(fake.devicePermissionHandler!({} as never)).toBe(false);
  });
});
