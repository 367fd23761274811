/**
 * cidx-jobs exit codes, documented in the README so scripts can branch on them.
 * Failure kinds of main/core/cidx/failure.ts map onto a few stable codes.
 */
import type { FailureKind } from '../core/cidx/failure';

export const EXIT = {
  ok: 0,
  /** A watched or waited-for job ended failed, cancelled or partial. */
  jobFailed: 1,
  /** Wrong arguments or options (commander's own errors use this too). */
  usage: 2,
  /** The settings file or the named server is missing or invalid, or the secret store cannot be read. */
  config: 3,
  /** Credentials rejected, expired or revoked; MFA needs an API key. */
  auth: 4,
  /** The server could not be reached, timed out, or TLS failed. */
  unreachable: 5,
  /** The job or repository does not exist (or is not yours). */
  notFound: 6,
  /** The server refused the request: conflict, bad request, forbidden, rate limited. */
  refused: 7,
  /** The server failed: 5xx, maintenance, or an answer we could not understand. */
  serverError: 8,
  /** A bug in cidx-jobs itself (EX_SOFTWARE); please report it. */
  internal: 70,
  /** Interrupted by Ctrl+C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForFailure(kind: FailureKind): ExitCode {
  switch (kind) {
    case 'bad-credentials':
    case 'mfa-required':
    case 'token-expired':
    case 'token-revoked':
      return EXIT.auth;
    case 'offline':
    case 'timeout':
    case 'tls':
      return EXIT.unreachable;
    case 'not-found':
      return EXIT.notFound;
    case 'conflict':
    case 'bad-request':
    case 'forbidden':
    case 'rate-limited':
      return EXIT.refused;
    case 'invalid-input':
      return EXIT.usage;
    case 'secrets-unavailable':
      return EXIT.config;
    case 'server-error':
    case 'maintenance':
    case 'unexpected-response':
      return EXIT.serverError;
  }
}
