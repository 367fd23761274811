/**
 * How the host turns away its own page when the token is missing or wrong (the host restarted,
 * so the token a tab kept is stale; or the address was opened without its `#token=…`).
 *
 * A browser cannot see the HTTP status of a refused WebSocket upgrade: a 401 looks exactly like
 * a host that is down, and the page would say "reconnecting…" for ever. So the upgrade is
 * completed and the socket closed at once with TOKEN_REFUSED_CLOSE_CODE, which the page can
 * read. The socket belongs to a WebSocketServer of its own that tracks no clients, reads no
 * message and is never broadcast to: nothing reaches a page without the token but the code.
 * Only requests that passed the Host and Origin checks get here; foreign pages still get a
 * plain 403, and learn nothing.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_REFUSED_CLOSE_CODE } from '../../preload/protocol';

/** A page that does not complete the closing handshake is cut off after this long. */
const CLOSE_GRACE_MS = 1000;

export interface TokenRefusal {
  refuse(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Cuts off refusals still closing (the host is stopping). */
  close(): void;
}

export function createTokenRefusal(): TokenRefusal {
  // A tiny maxPayload: whatever the page sends before the close is not worth reading.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: 1024 });
  const closing = new Set<WebSocket>();
  return {
    refuse(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        closing.add(ws);
        ws.on('error', () => ws.terminate());
        const cutOff = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
        cutOff.unref();
        ws.on('close', () => {
          clearTimeout(cutOff);
          closing.delete(ws);
        });
        // The reason is fixed text: never the token, nor anything from the request.
        ws.close(TOKEN_REFUSED_CLOSE_CODE, 'access token refused');
      });
    },
    close() {
      for (const ws of closing) ws.terminate();
      closing.clear();
      wss.close();
    },
  };
}
