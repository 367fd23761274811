/**
 * The app's own scheme, `app://cidx-tray/…`, instead of `file://`: a file:// page shares its
 * origin with every file on the disk (any file it is tricked into loading is "same origin"),
 * while a privileged standard scheme gives the renderer one origin of its own, served only
 * from the built renderer folder. Registered as privileged before `ready`, handled after it.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentTypeOf } from '../host/content-types';
import { resolveStaticPath } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cidx-tray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads when it is not on the dev server. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before the app is ready (Electron's rule). `standard` gives the scheme origins and
 * relative URLs like http, `secure` makes it a secure context, `supportFetchAPI` lets the page
 * load its modules; no CORS bypass, no service workers, no streaming privileges.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * Answers `app://cidx-tray/<path>` from the renderer folder: GET only, the path decoded once and
 * resolved inside the folder (no `..`, backslash, NUL or symlink escape), any other host 404.
 */
export function createAppSchemeHandler(options: {
  rendererDir: string;
  csp: string;
  onRefused?(path: string): void;
}): (request: Request) => Promise<Response> {
  const root = resolve(options.rendererDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    // The raw path as requested: URL parsing already folded plain `..`; encoded ones stay visible.
    const resolved = await resolveStaticPath(root, url.pathname);
    if (!resolved.ok) {
      if (resolved.status === 403) options.onRefused?.(url.pathname.slice(0, 200));
      return plain(resolved.status, resolved.status === 403 ? 'Forbidden' : 'Not found');
    }
    const body = request.method === 'HEAD' ? null : await readFile(resolved.file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(resolved.file),
        'Content-Security-Policy': options.csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    });
  };
}

/** After `ready`: serve the scheme on the default session's protocol. */
export function serveAppScheme(
  protocol: Pick<Protocol, 'handle'>,
  options: Parameters<typeof createAppSchemeHandler>[0],
): void {
  protocol.handle(APP_SCHEME, createAppSchemeHandler(options));
}
