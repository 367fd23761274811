/**
 * The secret that admits a page to the bridge. Any local process (and any web page, through the
 * browser) can reach 127.0.0.1, so the port alone proves nothing: only someone who saw the URL
 * printed at start holds the token. It travels in the page URL's fragment, which browsers never
 * send to a server, so it reaches no log.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so response timing does not leak how much of a guess was right. */
export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (typeof candidate !== 'string') return false;
  const given = Buffer.from(candidate, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
