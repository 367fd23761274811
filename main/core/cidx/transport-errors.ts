/**
 * Turns whatever a fetch implementation throws into a `CidxFailure` a person understands.
 * undici wraps the real reason in `error.cause` (sometimes an AggregateError when several
 * addresses were tried); Electron's net.fetch puts Chromium's `net::ERR_*` name in the message.
 */
import type { CidxFailure } from './failure';
import type { SecretRegistry } from './redact';
import { sanitizeText } from './sanitize';

/** Thrown by a transport that cannot even start (e.g. the configured CA file is missing). */
export class TransportSetupError extends Error {
  readonly code = 'CIDX_TRANSPORT_SETUP';
}

const OFFLINE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed, temporarily',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  UND_ERR_CLOSED: 'connection closed',
};

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Chromium error names (Electron net.fetch), matched inside the message. */
const CHROMIUM_OFFLINE =
  /net::ERR_(CONNECTION_\w+|NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|NETWORK_\w+|PROXY_\w+|EMPTY_RESPONSE)/;
const CHROMIUM_TLS = /net::ERR_(CERT_\w+|SSL_\w+|BAD_SSL_\w+)/;
const CHROMIUM_TIMEOUT = /net::ERR_(TIMED_OUT|CONNECTION_TIMED_OUT)/;

const TLS_HINT =
  'If the server uses a private or self-signed certificate, set the CA file for this server in its settings.';

/** Every error code and message in the cause chain (depth-limited: causes may be cyclic). */
function collect(error: unknown, codes: string[], messages: string[], depth = 0): void {
  if (depth > 5 || error === null || typeof error !== 'object') return;
  const candidate = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof candidate.code === 'string') codes.push(candidate.code);
  if (candidate.name === 'AbortError' || candidate.name === 'TimeoutError') codes.push('ABORT_ERR');
  if (typeof candidate.message === 'string') messages.push(candidate.message);
  collect(candidate.cause, codes, messages, depth + 1);
  if (Array.isArray(candidate.errors))
    for (const inner of candidate.errors) collect(inner, codes, messages, depth + 1);
}

/** Map a thrown transport error to a failure; `where` is the server origin shown to the person. */
export function failureFromTransportError(
  error: unknown,
  where: string,
  secrets: SecretRegistry,
): CidxFailure {
  const codes: string[] = [];
  const messages: string[] = [];
  collect(error, codes, messages);
  const text = messages.join(' | ');

  if (codes.includes('CIDX_TRANSPORT_SETUP')) {
    return {
      kind: 'invalid-input',
      message: sanitizeText(messages[0] ?? 'The connection settings are invalid.', secrets),
    };
  }
  const tlsCode = codes.find(
    (code) => TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_'),
  );
  const chromiumTls = CHROMIUM_TLS.exec(text);
  if (tlsCode || chromiumTls) {
    const reason = tlsCode ?? chromiumTls?.[0] ?? 'certificate problem';
    return { kind: 'tls', message: `The certificate of ${where} is not trusted (${reason}). ${TLS_HINT}` };
  }
  if (codes.some((code) => TIMEOUT_CODES.has(code)) || CHROMIUM_TIMEOUT.test(text)) {
    return { kind: 'timeout', message: `${where} did not answer in time.` };
  }
  const offlineCode = codes.find((code) => code in OFFLINE_CODES);
  if (offlineCode) {
    return { kind: 'offline', message: `Cannot reach ${where} (${OFFLINE_CODES[offlineCode]}).` };
  }
  const chromiumOffline = CHROMIUM_OFFLINE.exec(text);
  if (chromiumOffline) return { kind: 'offline', message: `Cannot reach ${where} (${chromiumOffline[0]}).` };

  const detail = sanitizeText(text || String(error), secrets, 200);
  return { kind: 'offline', message: `Cannot reach ${where}${detail ? ` (${detail})` : ''}.` };
}
