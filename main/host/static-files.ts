/**
 * Serves the built renderer (out/renderer) and nothing else: GET and HEAD only, paths decoded
 * once and resolved inside the root (no `..`, no backslashes, no NUL, symlinks followed and
 * re-checked), the security headers on every answer.
 */
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Logger } from '../core/cidx/logger';
import { contentTypeOf } from './content-types';
import { missingBuildPage } from './missing-build-page';
import { securityHeaders } from './security-headers';

export interface StaticFilesOptions {
  rendererDir: string;
  port(): number;
  logger: Logger;
}

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Maps a URL path to a file under the root, or says why not. */
export async function resolveStaticPath(root: string, urlPath: string): Promise<Resolved> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403 };
  const wanted = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = resolve(root, wanted);
  if (!inside(root, candidate)) return { ok: false, status: 403 };
  try {
    const real = await realpath(candidate);
    const realRoot = await realpath(root);
    if (!inside(realRoot, real)) return { ok: false, status: 403 };
    const info = await stat(real);
    return info.isFile() ? { ok: true, file: real } : { ok: false, status: 404 };
  } catch {
    return { ok: false, status: 404 };
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
};

export function sendPlain(
  res: ServerResponse,
  port: number,
  status: number,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...securityHeaders(port),
    'Content-Type': 'text/plain; charset=utf-8',
    ...extra,
  });
  res.end(`${STATUS_TEXT[status] ?? 'Error'}\n`);
}

export function createStaticHandler(options: StaticFilesOptions) {
  const root = resolve(options.rendererDir);
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const port = options.port();
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendPlain(res, port, 405, { Allow: 'GET, HEAD' });
    if (!existsSync(join(root, 'index.html'))) {
      res.writeHead(pathname === '/' || pathname === '/index.html' ? 200 : 404, {
        ...securityHeaders(port),
        'Content-Type': 'text/html; charset=utf-8',
      });
      res.end(req.method === 'HEAD' ? undefined : missingBuildPage(root));
      return;
    }
    const resolved = await resolveStaticPath(root, pathname);
    if (!resolved.ok) {
      if (resolved.status === 403)
        options.logger.warn('refused a path outside the renderer', { path: pathname.slice(0, 200) });
      return sendPlain(res, port, resolved.status);
    }
    res.writeHead(200, { ...securityHeaders(port), 'Content-Type': contentTypeOf(resolved.file) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(resolved.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
