/**
 * The `FetchLike` for Node hosts (CLI, browser-mode host, tests): undici's fetch through an
 * `EnvHttpProxyAgent`, so HTTP(S)_PROXY / NO_PROXY from the environment apply, with the
 * per-server TLS settings (an extra CA file, or an explicit opt-out of verification).
 * The Electron app passes `net.fetch` instead, which uses the OS proxy settings and trust store.
 */
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from './http';
import { TransportSetupError } from './transport-errors';

export interface NodeFetchOptions {
  /** PEM file with extra CAs to trust, on top of Node's bundled roots. */
  caFile?: string;
  /** Accept any certificate. Dangerous; the settings UI shows it as a warning. */
  insecureSkipVerify?: boolean;
}

type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>;

async function readCa(caFile: string): Promise<string> {
  try {
    return await readFile(caFile, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : 'it cannot be read';
    throw new TransportSetupError(`The CA file ${caFile} cannot be used: ${why}.`);
  }
}

/**
 * Build the fetch. The CA file is read on first use, not here, so a missing file becomes an
 * `invalid-input` failure of the call (via `TransportSetupError`), never a crash at startup.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  let agent: Promise<EnvHttpProxyAgent> | null = null;
  const makeAgent = async (): Promise<EnvHttpProxyAgent> => {
    const ca = options.caFile === undefined ? undefined : await readCa(options.caFile);
    if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new TransportSetupError(`The CA file ${options.caFile} holds no PEM certificate.`);
    }
    const tls = {
      // Node replaces its bundled roots when `ca` is given; keep them and add the file's.
      ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
      rejectUnauthorized: options.insecureSkipVerify !== true,
    };
    // `connect` covers direct connections; `requestTls` the tunnelled ones through a proxy.
    return new EnvHttpProxyAgent({ connect: tls, requestTls: tls });
  };
  return async (input, init) => {
    agent ??= makeAgent().catch((error: unknown) => {
      agent = null; // a fixed file is picked up on the next call
      throw error;
    });
    const dispatcher = await agent;
    const response = await undiciFetch(input, { ...(init as UndiciInit), dispatcher });
    // undici's Response is the same WHATWG Response Node ships; only the declared types differ.
    return response as unknown as Response;
  };
}
