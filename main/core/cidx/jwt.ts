/**
 * Reads a JWT's payload without verifying it: we only need `exp` to refresh ahead of time and
 * `username`/`role` to know who signed in. Garbage tokens are tolerated (null), never thrown on.
 */
import { isRecord } from '../is-record';

function decodeBase64Url(part: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The payload object of a JWT, or null when the token is not a readable JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return null;
  const json = decodeBase64Url(parts[1]);
  if (json === null) return null;
  try {
    const payload: unknown = JSON.parse(json);
    return isRecord(payload) ? payload : null;
  } catch {
    return null;
  }
}

/** Expiry in epoch ms. CIDX `exp` is a float of epoch seconds with microseconds (§1.2). */
export function jwtExpiryMs(token: string): number | null {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? Math.floor(exp * 1000) : null;
}

/** `username` and `role` claims when present (§1.2). */
export function jwtIdentity(token: string): { username: string | null; role: string | null } {
  const payload = decodeJwtPayload(token);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return { username: text(payload?.username), role: text(payload?.role) };
}
