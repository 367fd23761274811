/**
 * How a Node host (`cidx-jobs`, browser mode) reaches a server: Node's own HTTP client, unless a
 * proxy is configured in the environment; then undici's transport, which honours HTTP(S)_PROXY
 * and NO_PROXY, loaded for the first request. Node's client starts fast (no WebAssembly to
 * compile before a short-lived process may exit, see node-http-fetch.ts) and costs a long-lived
 * one less per request (no WHATWG Request, Response and streams around each answer): undici's
 * fetch was a third of the CPU of a tray watching ten busy servers (npm run bench:core, fleet).
 */
import type { FetchLike } from './http';
import { createNodeHttpFetch } from './node-http-fetch';
import type { TlsTrustOptions } from './tls-trust';

/** The variables undici's EnvHttpProxyAgent reads a proxy from. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

export function nodeHostFetch(options: TlsTrustOptions, env: NodeJS.ProcessEnv): FetchLike {
  if (!PROXY_VARIABLES.some((name) => env[name])) return createNodeHttpFetch(options);
  let proxied: Promise<FetchLike> | undefined;
  return async (input, init) => {
    proxied ??= import('./node-transport').then((transport) => transport.createNodeFetch(options));
    return (await proxied)(input, init);
  };
}
