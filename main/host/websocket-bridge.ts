/**
 * The contract over WebSockets: requests in, answers and events out. Upgrades are admitted by
 * request-guard.ts (a page with a missing or wrong token is told so by a close code, see
 * token-refusal.ts); each message goes through the shared request handler (which validates the
 * payload); events are broadcast to every connected page. A slow or dead page is dropped (it
 * reconnects and re-reads a snapshot) rather than buffering patches without bound. Each page
 * has its own request limits (request-limits.ts): over them, it is answered `rate-limited` at
 * once and its request is not processed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from '../core/cidx/logger';
import type { RequestHandler } from '../contract/request-handlers';
import { BRIDGE_PATH, MAX_MESSAGE_BYTES, TOKEN_PARAM } from '../../preload/protocol';
import type { EventMessage, ResponseMessage } from '../../preload/protocol';
import { parseClientMessage } from './client-message';
import {
  createPageLimiter,
  DEFAULT_REQUEST_LIMITS,
  type PageLimiter,
  type RequestLimits,
} from './request-limits';
import { checkUpgrade } from './request-guard';
import { createTokenRefusal } from './token-refusal';

export interface BridgeOptions {
  server: Server;
  port(): number;
  token: string;
  handle: RequestHandler;
  logger: Logger;
  /** A page this far behind is dropped. */
  maxBufferedBytes?: number;
  heartbeatMs?: number;
  /** Per-page limits on requests in flight and per second. */
  limits?: Partial<RequestLimits>;
  /** The clock the per-second limit reads (tests). */
  now?: () => number;
}

export interface Bridge {
  broadcast(event: EventMessage): void;
  clientCount(): number;
  close(): Promise<void>;
}

const STATUS_LINE: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found' };

function refuse(socket: Duplex, status: 403 | 404): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_LINE[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function asText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export function attachBridge(options: BridgeOptions): Bridge {
  const { logger } = options;
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const limiters = new WeakMap<WebSocket, PageLimiter>();
  let refusedSinceWarning = 0;
  const tokenRefusal = createTokenRefusal();

  function send(
    ws: WebSocket,
    message: ResponseMessage | EventMessage,
    text = JSON.stringify(message),
  ): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBuffered) {
      logger.warn('dropped a page that stopped reading (it will reconnect and resync)');
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const parsed = isBinary
      ? ({
          ok: false,
          id: null,
          error: { kind: 'invalid-message', message: 'Binary messages are not accepted.' },
        } as const)
      : parseClientMessage(asText(data));
    // Every message counts, well-formed or not: the limits bound what a page can make us do.
    const limiter = limiters.get(ws);
    const refused = limiter ? limiter.admit() : null;
    if (refused) {
      if (refusedSinceWarning === 0)
        logger.warn('a page is over its request limits', { reason: refused.message });
      refusedSinceWarning = (refusedSinceWarning + 1) % 1000;
      return send(ws, { type: 'response', id: parsed.id, result: { ok: false, error: refused } });
    }
    if (!parsed.ok) {
      limiter?.release();
      return send(ws, { type: 'response', id: parsed.id, result: { ok: false, error: parsed.error } });
    }
    let result: ResponseMessage['result'];
    try {
      result = await options.handle(parsed.channel, parsed.payload);
    } catch (error) {
      // The handler answers with values; this is a bug, and the page still gets an answer.
      logger.warn('a bridge request failed unexpectedly', {
        error: error instanceof Error ? error.message : String(error),
      });
      result = { ok: false, error: { kind: 'internal', message: 'Something went wrong inside CIDX Tray.' } };
    } finally {
      limiter?.release();
    }
    send(ws, { type: 'response', id: parsed.id, result });
  }

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    limiters.set(ws, createPageLimiter(limits, now));
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    ws.on('error', (error) => logger.warn('a page connection failed', { error: error.message }));
    logger.info('a page connected', { pages: wss.clients.size });
  });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BRIDGE_PATH) return refuse(socket, 404);
    const verdict = checkUpgrade(
      { host: req.headers.host, origin: req.headers.origin, token: url.searchParams.get(TOKEN_PARAM) },
      { port: options.port(), token: options.token },
    );
    if (!verdict.ok) {
      // Never the URL (it may hold a token) nor the headers: who and why is enough.
      logger.warn('refused a bridge connection', {
        reason: verdict.reason,
        from: req.socket.remoteAddress ?? 'unknown',
      });
      // Our own page (Host and Origin checked) with a stale or missing token learns why.
      if (verdict.status === 401) return tokenRefusal.refuse(req, socket, head);
      return refuse(socket, verdict.status);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }
  options.server.on('upgrade', onUpgrade);

  // Pages that vanished without a close (a suspended laptop, a killed tab) are noticed here.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const ws of wss.clients) send(ws, event, text);
    },
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        options.server.off('upgrade', onUpgrade);
        tokenRefusal.close();
        for (const ws of wss.clients) ws.close(1001, 'CIDX Tray is stopping');
        // Pages that do not answer the close in time are cut off.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000);
        force.unref();
        wss.close(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
