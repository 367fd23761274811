/** When the server says to come back later: `Retry-After` (seconds or HTTP date) or a body field (§1.6, §6). */

/**
 * A hostile or broken server must not park the client: one 429 with `Retry-After: 86400` would
 * otherwise stop polling that server for a day. Longer waits are cut to 15 minutes.
 */
export const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;

const clamp = (ms: number): number => Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);

/** Parse a `Retry-After` header value; `nowMs` comes from the injected clock. */
export function parseRetryAfterHeader(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return clamp(Number(trimmed) * 1000);
  // An HTTP date: only accept something that clearly looks like one (Date.parse is lenient).
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : clamp(at - nowMs);
}

/** `retry_after_seconds` (admission control, §1.6) or `retry_after` (503 middleware, §6). */
export function retryAfterFromBody(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['retry_after_seconds', 'retry_after']) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return clamp(value * 1000);
  }
  return undefined;
}

/** "Please retry after 60 seconds." in HEAD's maintenance text (§3.1). */
export function retryAfterFromText(text: string): number | undefined {
  const match = /retry after (\d+) seconds?/i.exec(text);
  return match ? clamp(Number(match[1]) * 1000) : undefined;
}
