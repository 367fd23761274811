/**
 * A `FetchLike` over Node's own `http`/`https`, for a short-lived process that talks to a server
 * directly (no proxy): `cidx-jobs`. undici's fetch costs such a process dearly on every run: its
 * HTTP parser is WebAssembly, compiled at the first request and again (optimised) in the
 * background, and Node waits for that compilation before it may exit, about 0.3 s on a 2-core
 * machine (npm run bench:cli). Node's parser is native. Proxies stay with node-transport.ts.
 *
 * It does what the client asks of a fetch (http.ts): method, headers, a string body, an abort
 * signal, no redirects followed, no cookies, the body as a stream for the size limit.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { FetchLike } from './http';
import { lazyTlsTrust, type TlsTrustOptions } from './tls-trust';

/**
 * Idle connections are closed after 4 s, before a server's own keep-alive timeout (uvicorn's
 * is 5 s): a request never goes out on a connection the server is closing. Idle sockets never
 * keep the process alive (Node unrefs them).
 */
const IDLE_SOCKET_MS = 4_000;

/** Statuses whose answer has no body (the Response constructor refuses one for them). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toResponse(answer: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2)
    headers.append(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
  const status = answer.statusCode ?? 0;
  if (NULL_BODY_STATUSES.has(status)) answer.resume();
  const body = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(answer) as ReadableStream);
  return new Response(body, { status, statusText: answer.statusMessage ?? '', headers });
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
    return new Promise<Response>((resolve, reject) => {
      const request = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers as Record<string, string> | undefined,
          agent: secure ? tlsAgent : plainAgent,
          signal: init.signal ?? undefined,
        },
        (answer) => {
          try {
            resolve(toResponse(answer));
          } catch (error) {
            // A status the Response constructor refuses (below 200 or above 599): not HTTP we know.
            answer.destroy();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      );
      request.on('error', reject);
      request.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
