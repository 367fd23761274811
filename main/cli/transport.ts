/**
 * How `cidx-jobs` reaches a server: Node's own HTTP client, which starts fast (no WebAssembly to
 * compile before the process may exit, see node-http-fetch.ts), unless a proxy is configured in
 * the environment; then undici's transport, which honours HTTP(S)_PROXY and NO_PROXY, is loaded
 * for the first request.
 */
import { createNodeHttpFetch } from '../core/cidx/node-http-fetch';
import type { FetchLike } from '../core/cidx/http';
import type { TlsTrustOptions } from '../core/cidx/tls-trust';

/** The variables undici's EnvHttpProxyAgent reads a proxy from. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

export function cliFetch(options: TlsTrustOptions, env: NodeJS.ProcessEnv): FetchLike {
  if (!PROXY_VARIABLES.some((name) => env[name])) return createNodeHttpFetch(options);
  let proxied: Promise<FetchLike> | undefined;
  return async (input, init) => {
    proxied ??= import('../core/cidx/node-transport').then((transport) => transport.createNodeFetch(options));
    return (await proxied)(input, init);
  };
}
