/**
 * A server's TLS settings as Node's `tls.connect` options: an extra CA file on top of Node's
 * bundled roots, or an explicit opt-out of verification. Shared by the Node transports; the
 * file is read when a connection is first needed, so a missing file fails that call (as an
 * `invalid-input` failure via `TransportSetupError`), never the start of a host.
 */
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { TransportSetupError } from './transport-errors';

export interface TlsTrustOptions {
  /** PEM file with extra CAs to trust, on top of Node's bundled roots. */
  caFile?: string;
  /** Accept any certificate. Dangerous; the settings UI shows it as a warning. */
  insecureSkipVerify?: boolean;
}

export interface TlsConnectTrust {
  ca?: string[];
  rejectUnauthorized: boolean;
}

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

async function tlsConnectTrust(options: TlsTrustOptions): Promise<TlsConnectTrust> {
  const ca = options.caFile === undefined ? undefined : await readCa(options.caFile);
  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new TransportSetupError(`The CA file ${options.caFile} holds no PEM certificate.`);
  }
  return {
    // Node replaces its bundled roots when `ca` is given; keep them and add the file's.
    ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
    rejectUnauthorized: options.insecureSkipVerify !== true,
  };
}

/** Reads the trust once, on first use; a failed read is tried again (the file may be fixed). */
export function lazyTlsTrust(options: TlsTrustOptions): () => Promise<TlsConnectTrust> {
  let trust: Promise<TlsConnectTrust> | null = null;
  return () =>
    (trust ??= tlsConnectTrust(options).catch((error: unknown) => {
      trust = null;
      throw error;
    }));
}
