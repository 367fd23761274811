import { randomUUID } from 'node:crypto';
import { isoZ } from '../timestamps';

/** A response value; handlers return these so faults can rewrite them before writing. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** FastAPI's HTTPException body: `{"detail": ...}` (cidx-api.md §6.1). */
export function detail(status: number, message: unknown, headers: Record<string, string> = {}): HttpResponse {
  return json(status, { detail: message }, headers);
}

export const notFound = (): HttpResponse => detail(404, 'Not Found');
export const methodNotAllowed = (): HttpResponse => detail(405, 'Method Not Allowed');

/** The GlobalErrorHandler shape for unhandled exceptions (cidx-api.md §6.3). */
export function internalServerError(nowMs: number): HttpResponse {
  return json(500, {
    error: 'internal_server_error',
    message: 'An internal server error occurred. Please contact support if the problem persists.',
    correlation_id: randomUUID(),
    timestamp: isoZ(nowMs),
  });
}

/** The middleware's database-outage 503, with the header and the body field (cidx-api.md §6.4). */
export function serviceUnavailable(nowMs: number, retryAfter: number): HttpResponse {
  return json(
    503,
    {
      error: 'service_unavailable',
      message: 'The service is temporarily unavailable due to a database issue. Please try again later.',
      correlation_id: randomUUID(),
      timestamp: isoZ(nowMs),
      retry_after: retryAfter,
    },
    { 'retry-after': String(retryAfter) },
  );
}
