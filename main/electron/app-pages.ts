/**
 * Where the app's own files are, and which URLs are the app's own page: the built renderer
 * (`out/renderer/index.html`, a file URL) or, in development only, the dev server's origin.
 * IPC sender checks, navigation blocking and the CSP all ask `isAppPage`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The vite dev server, honoured only when the app is not packaged. */
export const DEV_URL_ENV = 'ELECTRON_RENDERER_URL';

export interface AppPages {
  /** What the window loads. */
  entry: { kind: 'file'; path: string } | { kind: 'url'; url: string };
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
  const rendererPath = join(options.appPath, 'out', 'renderer', 'index.html');
  const rendererUrl = pathToFileURL(rendererPath);
  const dev = devUrl(options.env, options.packaged);
  const unpacked = options.appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return {
    entry: dev ? { kind: 'url', url: dev.href } : { kind: 'file', path: rendererPath },
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
      // Same file, whatever the hash or query (the renderer may route with a hash).
      return parsed.protocol === 'file:' && parsed.pathname === rendererUrl.pathname && parsed.host === '';
    },
  };
}
