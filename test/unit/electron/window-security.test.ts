import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appPages } from '../../../main/electron/app-pages';
import { APP_CSP, hardenWebContents, installCsp } from '../../../main/electron/hardening';
import { createMainWindow, mainWindowOptions } from '../../../main/electron/main-window';
import { isOnScreen, positionNearTray } from '../../../main/electron/window-position';
import type { FakeBrowserWindow } from './fake-electron';
import { FakeWebContents, resetFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const pages = appPages({ appPath: '/opt/cidx-tray/resources/app.asar', packaged: true, env: {} });
const appPage = 'app://cidx-tray/index.html';

beforeEach(() => resetFakes());

describe('the window factory', () => {
  it('makes every window sandboxed, isolated, without Node and with web security', () => {
    const prefs = mainWindowOptions(pages.preloadPath, null).webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/cidx-tray/resources/app.asar/out/preload/index.cjs',
    });
  });

  it('loads the built renderer from the app scheme (never file://), at the remembered size and place', () => {
    const window = createMainWindow(pages, {
      width: 500,
      height: 700,
      x: 10,
      y: 20,
    }) as unknown as FakeBrowserWindow;
    expect(window.loaded).toEqual({ url: 'app://cidx-tray/index.html' });
    expect(pages.rendererDir).toBe('/opt/cidx-tray/resources/app.asar/out/renderer');
    expect(window.options).toMatchObject({ width: 500, height: 700, x: 10, y: 20, show: false });
  });

  it('honours the dev server URL only in an unpackaged app and only on this machine', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(appPages({ appPath: '/src', packaged: false, env }).entry).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    });
    expect(appPages({ appPath: '/src', packaged: true, env }).entry).toEqual({
      kind: 'app',
      url: 'app://cidx-tray/index.html',
    });
    const remote = { ELECTRON_RENDERER_URL: 'http://evil.example:5173/' };
    expect(appPages({ appPath: '/src', packaged: false, env: remote }).entry.kind).toBe('app');
  });

  it('knows its own page and nothing else', () => {
    expect(pages.isAppPage(appPage)).toBe(true);
    expect(pages.isAppPage(`${appPage}#/jobs`)).toBe(true);
    expect(pages.isAppPage('file:///etc/passwd')).toBe(false);
    // The built file itself is not the app's page any more: only its app:// address is.
    expect(pages.isAppPage('file:///opt/cidx-tray/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(pages.isAppPage('app://other-host/index.html')).toBe(false);
    expect(pages.isAppPage('app://cidx-tray/assets/other.html')).toBe(false);
    expect(pages.isAppPage('https://cidx.work.example/')).toBe(false);
    expect(pages.isAppPage('not a url')).toBe(false);
  });
});

describe('hardening of every web contents', () => {
  function hardened(): FakeWebContents {
    const app = new FakeWebContents();
    hardenWebContents(app as unknown as Electron.App, pages.isAppPage);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    return contents;
  }

  it('denies every new window', () => {
    const contents = hardened();
    const answer = contents.windowOpenHandler?.({
      url: 'https://cidx.work.example/',
    } as Electron.HandlerDetails);
    expect(answer).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from the app page, and webviews', () => {
    const contents = hardened();
    const attempt = (event: string, url: string) => {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', `${appPage}#/settings`)).toBe(false);
    expect(attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('puts the strict CSP on the app page only', () => {
    let listener:
      | ((
          details: { url: string; responseHeaders?: Record<string, string[]> },
          cb: (r: unknown) => void,
        ) => void)
      | null = null;
    const session = { webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } };
    installCsp(session as unknown as Electron.Session, pages.isAppPage, APP_CSP);
    const headersFor = (url: string) => {
      let answer: unknown;
      listener!(
        { url, responseHeaders: { 'content-security-policy': ['default-src *'] } },
        (r) => (answer = r),
      );
      return (answer as { responseHeaders: Record<string, string[]> }).responseHeaders;
    };
    expect(headersFor(appPage)).toEqual({ 'Content-Security-Policy': [APP_CSP] });
    expect(APP_CSP).toContain("script-src 'self';");
    expect(APP_CSP).toContain("connect-src 'self'");
    expect(headersFor('https://cidx.work.example/')).toEqual({
      'content-security-policy': ['default-src *'],
    });
  });
});

describe('window placement', () => {
  const area = { x: 0, y: 0, width: 1920, height: 1080 };
  it('opens below a menu-bar icon and above a taskbar icon, inside the screen', () => {
    expect(
      positionNearTray({ x: 1500, y: 0, width: 22, height: 22 }, { width: 400, height: 600 }, area),
    ).toEqual({
      x: 1311,
      y: 30,
    });
    expect(
      positionNearTray({ x: 1900, y: 1040, width: 20, height: 40 }, { width: 400, height: 600 }, area),
    ).toEqual({
      x: 1512,
      y: 432,
    });
  });
  it('forgets a remembered place that is no longer on any screen', () => {
    expect(isOnScreen({ x: 100, y: 100, width: 400, height: 600 }, [area])).toBe(true);
    expect(isOnScreen({ x: 3000, y: 100, width: 400, height: 600 }, [area])).toBe(false);
  });
});
