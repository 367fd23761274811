/**
 * Who may drive the double's control API (`/__control`). It can inject faults, expire tokens
 * and restart the double, and `npm run demo*` serves it while a person browses the web, so:
 *
 * - the Host header must name this double on the loopback (`127.0.0.1:<port>` or
 *   `localhost:<port>`): a DNS-rebound name is refused;
 * - a request with an Origin header of any other site is refused (the double serves no pages,
 *   so only its own origin could be legitimate);
 * - a POST must say `Content-Type: application/json`: an HTML form or a no-CORS `fetch` from
 *   any web page can only send text/plain, form or multipart bodies without a preflight, so it
 *   is refused with 415 before anything is changed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { json, type HttpResponse } from './respond';

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Why a control request is refused, as the response to send; null when it may go ahead. */
export function refuseControlRequest(
  method: string,
  headers: IncomingHttpHeaders,
  port: number,
): HttpResponse | null {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = first(headers.host)?.toLowerCase();
  if (host === undefined || !own.includes(host)) {
    return json(403, { error: 'control API: the Host header must be 127.0.0.1 or localhost with this port' });
  }
  const origin = first(headers.origin);
  if (origin !== undefined && !own.some((name) => origin.toLowerCase() === `http://${name}`)) {
    return json(403, { error: 'control API: requests from another site are refused' });
  }
  if (method === 'POST') {
    const type = first(headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return json(415, { error: 'control API: POST bodies must be sent as Content-Type: application/json' });
    }
  }
  return null;
}
