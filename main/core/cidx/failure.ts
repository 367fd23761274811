/**
 * Every way a call to a CIDX server can fail, as plain data a person can read.
 * Plain data on purpose: failures cross IPC, WebSocket and the CLI's JSON output unchanged.
 * A `message` never contains a secret (token, password, API key, refresh token).
 */
export const FAILURE_KINDS = [
  'offline', // connection refused, DNS failure, reset: the server cannot be reached
  'timeout', // no complete answer within the request timeout
  'tls', // certificate not trusted, expired, wrong host
  'bad-credentials', // wrong password, unknown or revoked API key
  'mfa-required', // the account has TOTP: the app cannot answer it, an API key is needed
  'token-expired', // access or refresh token expired and could not be renewed
  'token-revoked', // refresh-token family revoked (replay detected) and re-login impossible
  'forbidden', // 403: authenticated but not allowed (wrong role, not your job)
  'not-found', // 404 on a resource
  'conflict', // 409, with the server's reason (e.g. a sync already running for this user)
  'bad-request', // 400 / 422: the server rejected what we sent
  'rate-limited', // 429, with Retry-After when given
  'server-error', // 5xx
  'maintenance', // HEAD maintenance mode: new jobs refused for now
  'unexpected-response', // not JSON, truncated, too large, or not the documented shape
  'invalid-input', // rejected before sending: bad URL, empty repository name, ...
  'secrets-unavailable', // the secret store could not be read (EMFILE, a locked keychain): retried soon, not "no key"
] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface CidxFailure {
  kind: FailureKind;
  /** One sentence for a person, e.g. "Server at https://cidx.example is unreachable (connection refused)". */
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** From Retry-After (header or body), in milliseconds. */
  retryAfterMs?: number;
  /** The server's own `detail` text when it gave one (sanitised, truncated). */
  serverDetail?: string;
}

/**
 * The secret store could not be read: not "no credentials" (nothing for a person to re-enter)
 * but a local, usually passing condition, so it is not an auth failure and the engine retries
 * on its failure backoff as it does for an unreachable server.
 */
export function secretsUnavailable(reason: string): CidxFailure {
  return {
    kind: 'secrets-unavailable',
    message: `Could not read the secret store (${reason}); trying again soon.`,
  };
}

/** Failures that mean "the credentials need a person's attention", not "try again later". */
export function isAuthFailure(failure: CidxFailure): boolean {
  return (
    failure.kind === 'bad-credentials' ||
    failure.kind === 'mfa-required' ||
    failure.kind === 'token-expired' ||
    failure.kind === 'token-revoked'
  );
}
