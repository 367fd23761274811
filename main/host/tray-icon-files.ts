/**
 * The tray's drawings for browser mode's tab (its favicon follows the tray state, see
 * renderer/tabTray.ts): `/tray-icons/<name>.png` and `<name>@2x.png` from assets/tray, for the
 * names a state can call for only (preload/tray-icon.ts). Nothing else in that folder, and no
 * path at all, is looked up: the name is matched against the list before any file is touched.
 * The files are a few hundred bytes each and never change while the host runs, so each is read
 * once and the browser may keep it for an hour.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { TRAY_ICON_NAMES } from '../../preload/tray-icon';
import { TRAY_ICON_PATH } from '../../preload/protocol';
import { securityHeaders } from './security-headers';
import { sendPlain } from './static-files';

const SERVED = new Set(TRAY_ICON_NAMES.flatMap((name) => [`${name}.png`, `${name}@2x.png`]));

export interface TrayIconFilesOptions {
  /** assets/tray. */
  dir: string;
  port(): number;
}

export const isTrayIconPath = (pathname: string): boolean => pathname.startsWith(TRAY_ICON_PATH);

export function createTrayIconHandler(options: TrayIconFilesOptions) {
  const cache = new Map<string, Buffer>();
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const port = options.port();
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendPlain(res, port, 405, { Allow: 'GET, HEAD' });
    const name = pathname.slice(TRAY_ICON_PATH.length);
    if (!SERVED.has(name)) return sendPlain(res, port, 404);
    let bytes = cache.get(name);
    if (!bytes) {
      try {
        bytes = await readFile(join(options.dir, name));
      } catch {
        return sendPlain(res, port, 404);
      }
      cache.set(name, bytes);
    }
    res.writeHead(200, {
      ...securityHeaders(port),
      'Content-Type': 'image/png',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}
