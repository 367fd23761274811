/**
 * Which fetch talks to a server. Electron's `net.fetch` runs on Chromium's network stack, so the
 * system proxy settings (PAC, WPAD, per-host rules) and the OS trust store apply, as people
 * expect of a desktop app. But Chromium verifies certificates per session, not per request: a
 * server's own CA file or its "skip verification" opt-out could only be honoured by changing
 * verification for every request of the app (session.setCertificateVerifyProc). Those servers
 * use Node's TLS through `createNodeFetch` instead, which takes both per server; they then get
 * proxies from HTTP(S)_PROXY / NO_PROXY, not from the system settings.
 */
import { createNodeFetch } from '../core/cidx/node-transport';
import type { FetchLike } from '../core/cidx/http';
import type { ServerConfig } from '../core/config/server';

export function createFetchFor(netFetch: FetchLike): (server: ServerConfig) => FetchLike {
  const custom = new Map<string, FetchLike>();
  return (server) => {
    const { caFile, insecureSkipVerify } = server.tls;
    if (caFile === undefined && !insecureSkipVerify) return netFetch;
    // One agent per distinct TLS setting, so connections are reused between polls.
    const key = JSON.stringify([caFile ?? null, insecureSkipVerify]);
    let fetch = custom.get(key);
    if (!fetch) {
      fetch = createNodeFetch({ caFile, insecureSkipVerify });
      custom.set(key, fetch);
    }
    return fetch;
  };
}
