/** Maps a non-2xx answer of a CIDX server to a `CidxFailure` kind and a sentence (cidx-api.md §1.5, §2.4, §6). */
import type { CidxFailure } from './failure';
import type { HeaderLookup } from './http';
import type { SecretRegistry } from './redact';
import { describeErrorBody } from './error-detail';
import { parseRetryAfterHeader, retryAfterFromBody, retryAfterFromText } from './retry-after';
import { sanitizeText } from './sanitize';

export interface ErrorAnswer {
  status: number;
  headers: HeaderLookup;
  /** Parsed JSON, or the raw text when the body was not JSON, or undefined when empty. */
  body: unknown;
}

/** 401 details that say which credential problem it is (§1.5). */
function authFailureKind(detail: string | undefined): 'token-expired' | 'token-revoked' | 'bad-credentials' {
  const text = (detail ?? '').toLowerCase();
  if (text.includes('expired')) return 'token-expired';
  if (text.includes('revoked') || text.includes('replay')) return 'token-revoked';
  return 'bad-credentials';
}

/** The server's reason, sanitised; HTML error pages of proxies are not worth showing. */
function serverReason(body: unknown, secrets: SecretRegistry): string | undefined {
  if (typeof body === 'string' && /^\s*</.test(body)) return undefined;
  const described = describeErrorBody(body);
  if (described === undefined) return undefined;
  const clean = sanitizeText(described, secrets);
  return clean === '' ? undefined : clean;
}

const withReason = (sentence: string, reason: string | undefined): string =>
  reason ? `${sentence}: ${reason}` : `${sentence}.`;

/** Build the failure for one error answer; `nowMs` is the injected clock's time (for HTTP-date Retry-After). */
export function failureFromResponse(
  answer: ErrorAnswer,
  secrets: SecretRegistry,
  nowMs: number,
): CidxFailure {
  const { status, headers, body } = answer;
  const reason = serverReason(body, secrets);
  const base = { status, ...(reason ? { serverDetail: reason } : {}) };
  const retryAfterMs = parseRetryAfterHeader(headers.get('retry-after'), nowMs) ?? retryAfterFromBody(body);
  const retry = retryAfterMs === undefined ? {} : { retryAfterMs };

  if (status >= 300 && status < 400) {
    const location = sanitizeText(headers.get('location') ?? '', secrets, 200);
    const where = location ? ` to ${location}` : '';
    return {
      ...base,
      kind: 'unexpected-response',
      message: `The server redirected${where}; use that address as the server URL.`,
    };
  }
  switch (status) {
    case 400:
      return { ...base, kind: 'bad-request', message: withReason('The server rejected the request', reason) };
    case 401: {
      const kind = authFailureKind(reason);
      const sentence =
        kind === 'token-expired'
          ? 'The session has expired'
          : kind === 'token-revoked'
            ? 'The session was revoked'
            : 'The server did not accept the credentials';
      return { ...base, kind, message: withReason(sentence, reason) };
    }
    case 403:
      return { ...base, kind: 'forbidden', message: withReason('Not allowed', reason) };
    case 404:
      return { ...base, kind: 'not-found', message: withReason('Not found', reason) };
    case 409:
      return { ...base, kind: 'conflict', message: withReason('Conflict', reason) };
    case 422:
      return {
        ...base,
        kind: 'bad-request',
        message: withReason('The server found the request invalid', reason),
      };
    case 429: {
      const wait = retryAfterMs === undefined ? '' : ` (retry in ${Math.ceil(retryAfterMs / 1000)} s)`;
      return {
        ...base,
        ...retry,
        kind: 'rate-limited',
        message: withReason(`Too many requests${wait}`, reason),
      };
    }
  }
  // HEAD answers 500 for maintenance mode rather than 503 (§3.1, §4.2).
  if (status >= 500 && reason && /maintenance mode/i.test(reason)) {
    const maintenanceRetry = retryAfterMs ?? retryAfterFromText(reason);
    return {
      ...base,
      ...(maintenanceRetry === undefined ? {} : { retryAfterMs: maintenanceRetry }),
      kind: 'maintenance',
      message: withReason('The server is in maintenance mode and accepts no new jobs for now', reason),
    };
  }
  if (status >= 500) {
    return {
      ...base,
      ...retry,
      kind: 'server-error',
      message: withReason(`Server error (HTTP ${status})`, reason),
    };
  }
  return {
    ...base,
    kind: 'bad-request',
    message: withReason(`The server refused the request (HTTP ${status})`, reason),
  };
}
