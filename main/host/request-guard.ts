/**
 * Who may talk to the host. Every HTTP request must name the host as it was printed
 * (`127.0.0.1:<port>`): a DNS-rebinding page reaches us under its own domain name and is refused.
 * The WebSocket upgrade must also come from our own page (Origin), and carry the token.
 *
 * The token rides in the upgrade's query (`/bridge?token=…`) rather than in a first message:
 * a connection without it is refused before it joins the bridge, so no unauthenticated socket
 * ever receives a broadcast patch, and there is no "authenticating" state or timer to get wrong.
 * (A 401 verdict is told to our own page by a close code only: token-refusal.ts.)
 * The host never logs request URLs with their query, and the page takes the token from its own
 * fragment, which browsers never send.
 */
import { tokenMatches } from './access-token';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const ownHost = (port: number): string => `127.0.0.1:${port}`;
export const ownOrigin = (port: number): string => `http://127.0.0.1:${port}`;

export function checkHost(hostHeader: string | undefined, port: number): GuardVerdict {
  if (hostHeader === ownHost(port)) return { ok: true };
  return { ok: false, status: 403, reason: 'foreign Host header' };
}

export interface UpgradeRequest {
  host: string | undefined;
  origin: string | undefined;
  token: string | null;
}

export function checkUpgrade(
  request: UpgradeRequest,
  expected: { port: number; token: string },
): GuardVerdict {
  const host = checkHost(request.host, expected.port);
  if (!host.ok) return host;
  if (request.origin !== ownOrigin(expected.port))
    return { ok: false, status: 403, reason: 'foreign Origin' };
  if (request.token === null || request.token === '') return { ok: false, status: 401, reason: 'no token' };
  if (!tokenMatches(request.token, expected.token)) return { ok: false, status: 401, reason: 'wrong token' };
  return { ok: true };
}
