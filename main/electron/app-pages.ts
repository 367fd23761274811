/**
 * Where the app's own files are, and which URLs are the app's own page: the built renderer
 * served on the app's own scheme (`app://cidx-tray/index.html`, from `out/renderer`; see
 * app-protocol.ts) or, in development only, the dev server's origin. IPC sender checks,
 * navigation blocking and the CSP all ask `isAppPage`.
 */
import { join } from 'node:path';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './app-protocol';

/** The vite dev server, honoured only when the app is not packaged. */
export const DEV_URL_ENV = 'ELECTRON_RENDERER_URL';

export interface AppPages {
  /** What the window loads: the app's scheme, or the dev server. */
  entry: { kind: 'app' | 'dev'; url: string };
  /** The built renderer the app scheme serves (index.html and assets). */
  rendererDir: string;
  preloadPath: string;
  /** A file a process outside Electron can read (notify-send cannot open paths inside app.asar). */
  assetPath(...parts: string[]): string;
  isAppPage(url: string): boolean;
  /** Serving from the dev server (hot reload needs a looser CSP there). */
  dev: boolean;
}

function devUrl(env: NodeJS.ProcessEnv, packaged: boolean): URL | null {
  const raw = env[DEV_URL_ENV]?.trim();
  if (!raw || packaged) return null;
  try {
    const url = new URL(raw);
    // Only a dev server on this machine: the page gets the app's IPC powers.
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return local && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
  } catch {
    return null;
  }
}

export function appPages(options: { appPath: string; packaged: boolean; env: NodeJS.ProcessEnv }): AppPages {
  const rendererDir = join(options.appPath, 'out', 'renderer');
  const dev = devUrl(options.env, options.packaged);
  const unpacked = options.appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return {
    entry: dev ? { kind: 'dev', url: dev.href } : { kind: 'app', url: APP_ENTRY_URL },
    rendererDir,
    preloadPath: join(options.appPath, 'out', 'preload', 'index.cjs'),
    assetPath: (...parts) => join(unpacked, 'assets', ...parts),
    dev: dev !== null,
    isAppPage(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (dev) return parsed.origin === dev.origin;
      // The page, whatever the hash or query (the renderer may route with a hash); never a
      // file:// URL, so no file on the disk is ever the app's page.
      return (
        parsed.protocol === `${APP_SCHEME}:` &&
        parsed.host === APP_HOST &&
        (parsed.pathname === '/index.html' || parsed.pathname === '/')
      );
    },
  };
}
