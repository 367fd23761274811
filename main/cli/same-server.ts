/**
 * Whether two configured entries address the same CIDX server, so that a job seen through both
 * is one job (a second entry may sign in as another user, or name the host differently).
 * Addresses are compared as the client sends them: scheme, host, port (a default port is no
 * port) and path; the loopback names (localhost, 127.0.0.1, ::1) are one host. Different host
 * names that reach one server cannot be told apart here, and count as different servers.
 */
import type { ServerConfig } from '../core/config';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function addressOf(url: string): string {
  try {
    const parsed = new URL(url);
    const host = LOOPBACK.has(parsed.hostname) ? 'loopback' : parsed.hostname;
    return `${parsed.protocol}//${host}:${parsed.port}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

export const sameServer = (a: ServerConfig, b: ServerConfig): boolean =>
  a.id === b.id || addressOf(a.url) === addressOf(b.url);
