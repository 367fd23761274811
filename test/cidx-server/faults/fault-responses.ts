import { internalServerError, json, serviceUnavailable, type HttpResponse } from '../http/respond';
import type { FaultRule } from './fault-rules';

/** The response a `status` fault sends; bodies mimic the server's middleware (cidx-api.md §6). */
export function statusFaultResponse(rule: FaultRule, nowMs: number): HttpResponse {
  const status = rule.status ?? 503;
  const retry: Record<string, string> =
    rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
  if (rule.body !== undefined) return json(status, rule.body, retry);
  if (status === 503 && rule.retryAfter !== undefined) return serviceUnavailable(nowMs, rule.retryAfter);
  if (status === 500) {
    const base = internalServerError(nowMs);
    return { ...base, headers: { ...base.headers, ...retry } };
  }
  if (status === 502 || status === 504) {
    // What a reverse proxy in front of the server would send: not JSON at all.
    return {
      status,
      headers: { 'content-type': 'text/html', ...retry },
      body: `<html><body><h1>${status} Bad Gateway</h1></body></html>`,
    };
  }
  return json(status, { detail: `Injected fault ${status}` }, retry);
}

/** Corrupts a route's real response for the JSON faults. */
export function corrupt(response: HttpResponse, kind: 'malformed-json' | 'truncated-json'): HttpResponse {
  if (kind === 'truncated-json') {
    // A complete HTTP message whose JSON stops half-way.
    return { ...response, body: response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2))) };
  }
  return { ...response, body: `{"detail": Internal Server Error <not json> ${response.body.slice(1)}` };
}
