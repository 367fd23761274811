/**
 * The `FetchLike` for Node hosts (CLI, browser-mode host, tests): undici's fetch through an
 * `EnvHttpProxyAgent`, so HTTP(S)_PROXY / NO_PROXY from the environment apply, with the
 * per-server TLS settings (an extra CA file, or an explicit opt-out of verification).
 * The Electron app passes `net.fetch` instead, which uses the OS proxy settings and trust store.
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from './http';
import { lazyTlsTrust, type TlsTrustOptions } from './tls-trust';

export type NodeFetchOptions = TlsTrustOptions;

type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>;

/**
 * Build the fetch. The CA file is read on first use, not here, so a missing file becomes an
 * `invalid-input` failure of the call (via `TransportSetupError`), never a crash at startup.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const trust = lazyTlsTrust(options);
  let agent: EnvHttpProxyAgent | undefined;
  return async (input, init) => {
    const tls = await trust();
    // `connect` covers direct connections; `requestTls` the tunnelled ones through a proxy.
    agent ??= new EnvHttpProxyAgent({ connect: tls, requestTls: tls });
    const response = await undiciFetch(input, { ...(init as UndiciInit), dispatcher: agent });
    // undici's Response is the same WHATWG Response Node ships; only the declared types differ.
    return response as unknown as Response;
  };
}
