/**
 * A `FetchLike` over Node's own `http`/`https`, for the Node hosts that talk to a server
 * directly (no proxy; node-host-fetch.ts chooses). undici's fetch costs a short-lived process
 * such as `cidx-jobs` dearly on every run: its HTTP parser is WebAssembly, compiled at the first
 * request and again (optimised) in the background, and Node waits for that compilation before
 * it may exit, about 0.3 s on a 2-core machine (npm run bench:cli). Node's parser is native, and
 * Node's answer is handed over as it is (a `FetchAnswer`, no WHATWG Response). Proxies stay
 * with node-transport.ts.
 *
 * It does what the client asks of a fetch (http.ts): method, headers, a string body, an abort
 * signal, no redirects followed, no cookies, the body as a stream for the size limit.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchAnswer, FetchLike } from './http';
import { lazyTlsTrust, type TlsTrustOptions } from './tls-trust';

/**
 * Idle connections are closed after 4 s, before a server's own keep-alive timeout (uvicorn's
 * is 5 s): a request never goes out on a connection the server is closing. Idle sockets never
 * keep the process alive (Node unrefs them).
 */
const IDLE_SOCKET_MS = 4_000;

function toAnswer(answer: IncomingMessage): FetchAnswer {
  return {
    status: answer.statusCode ?? 0,
    headers: {
      // Node has lower-cased the names and joined repeated headers with ", " as Headers does.
      get: (name) => {
        const value = answer.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: answer,
  };
}

export function createNodeHttpFetch(options: TlsTrustOptions = {}): FetchLike {
  const trust = lazyTlsTrust(options);
  const plainAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  let tlsAgent: HttpsAgent | undefined;

  return async (input, init) => {
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    if (secure) tlsAgent ??= new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, ...(await trust()) });
    const send = secure ? httpsRequest : httpRequest;
    const method = init.method ?? 'GET';
    const attempt = (firstTry: boolean) =>
      new Promise<FetchAnswer>((resolve, reject) => {
        const request = send(
          url,
          {
            method,
            headers: init.headers as Record<string, string> | undefined,
            agent: secure ? tlsAgent : plainAgent,
            signal: init.signal ?? undefined,
          },
          (answer) => resolve(toAnswer(answer)),
        );
        request.on('error', (error: NodeJS.ErrnoException) => {
          // A kept-alive connection the server closed as this request went out: nothing was
          // answered, so a GET is sent once more on a new connection (Node's documented remedy).
          const staleConnection = request.reusedSocket && error.code === 'ECONNRESET';
          if (firstTry && staleConnection && method === 'GET') resolve(attempt(false));
          else reject(error);
        });
        request.end(typeof init.body === 'string' ? init.body : undefined);
      });
    return attempt(true);
  };
}
