/**
 * Browser mode's HTTP server: the built renderer, the tray's drawings (the tab's favicon) and
 * the WebSocket bridge, on 127.0.0.1 only.
 * The page URL carries the access token in its fragment (`#token=…`), which the browser keeps
 * to itself; the page passes it on when it opens the bridge.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../core/cidx/logger';
import type { RequestHandler } from '../contract/request-handlers';
import { createAccessToken } from './access-token';
import { checkHost, ownOrigin } from './request-guard';
import { createStaticHandler, sendPlain } from './static-files';
import { createTrayIconHandler, isTrayIconPath } from './tray-icon-files';
import type { RequestLimits } from './request-limits';
import { attachBridge, type Bridge } from './websocket-bridge';

export interface HostServerOptions {
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  /** The tray's drawings, served for the tab's favicon; assets/tray by default. */
  trayIconDir?: string;
  handle: RequestHandler;
  logger: Logger;
  /** For tests; a fresh random token otherwise. */
  token?: string;
  /** Per-page request limits of the bridge (defaults: 32 in flight, 50 a second). */
  bridgeLimits?: Partial<RequestLimits>;
  /** The clock of the bridge's per-second limit (tests). */
  now?: () => number;
}

export interface HostServer {
  port: number;
  origin: string;
  token: string;
  /** What to open in a browser. */
  pageUrl: string;
  bridge: Bridge;
  close(): Promise<void>;
}

const DEFAULT_TRAY_ICON_DIR = fileURLToPath(new URL('../../assets/tray', import.meta.url));

/** The request path without query or fragment, exactly as sent (not normalised: `..` stays visible). */
function rawPathname(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { logger } = options;
  const token = options.token ?? createAccessToken();
  let port = options.port;
  const serveStatic = createStaticHandler({ rendererDir: options.rendererDir, port: () => port, logger });
  const serveTrayIcon = createTrayIconHandler({
    dir: options.trayIconDir ?? DEFAULT_TRAY_ICON_DIR,
    port: () => port,
  });

  const server = createServer((req, res) => {
    const host = checkHost(req.headers.host, port);
    if (!host.ok) {
      logger.warn('refused a request', { reason: host.reason, from: req.socket.remoteAddress ?? 'unknown' });
      return sendPlain(res, port, host.status);
    }
    const pathname = rawPathname(req.url);
    const serve = isTrayIconPath(pathname) ? serveTrayIcon : serveStatic;
    serve(req, res, pathname).catch((error: unknown) => {
      logger.warn('serving a file failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendPlain(res, port, 404);
      else res.destroy();
    });
  });
  // Keep-alive sockets of a closed tab must not hold shutdown up.
  server.keepAliveTimeout = 2000;
  port = await listen(server, options.port);
  const bridge = attachBridge({
    server,
    port: () => port,
    token,
    handle: options.handle,
    logger,
    limits: options.bridgeLimits,
    now: options.now,
  });

  return {
    port,
    origin: ownOrigin(port),
    token,
    pageUrl: `${ownOrigin(port)}/#token=${token}`,
    bridge,
    async close() {
      await bridge.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
