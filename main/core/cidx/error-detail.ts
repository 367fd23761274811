/**
 * One readable line from a CIDX error body. `detail` may be a string, an object or a list, and
 * 422s carry `details.field_errors` (cidx-api.md §6).
 */
import { isRecord } from '../is-record';
import { joinAtMost } from '../text/join-at-most';

const MAX_FIELD_ERRORS = 3;

/** "query.limit: Input should be a valid integer; password: Field required (and 2 more)". */
function describeFieldErrors(body: Record<string, unknown>): string | undefined {
  const details = body.details;
  if (!isRecord(details) || !Array.isArray(details.field_errors)) return undefined;
  const parts = details.field_errors.filter(isRecord).map((entry) => {
    const field = typeof entry.field === 'string' && entry.field !== '' ? entry.field : 'request';
    const message = typeof entry.message === 'string' ? entry.message : 'invalid';
    return `${field}: ${message}`;
  });
  if (parts.length === 0) return undefined;
  return joinAtMost(parts, MAX_FIELD_ERRORS);
}

/** A FastAPI validation item `{loc, msg}` or any other list entry. */
function describeListItem(item: unknown): string {
  if (typeof item === 'string') return item;
  if (isRecord(item) && typeof item.msg === 'string') {
    const loc = Array.isArray(item.loc) ? item.loc.filter((part) => part !== 'body').join('.') : '';
    return loc ? `${loc}: ${item.msg}` : item.msg;
  }
  return describeObject(item);
}

/** HEAD activation errors: `{error, guidance, troubleshooting[]}` and friends (§6). */
function describeObject(value: unknown): string {
  if (!isRecord(value)) return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  const parts: string[] = [];
  for (const key of ['error', 'message', 'guidance', 'detail']) {
    if (typeof value[key] === 'string') parts.push(value[key]);
  }
  return parts.length > 0 ? parts.join(' — ') : JSON.stringify(value);
}

/** The server's reason in one line, or undefined when the body says nothing usable. */
export function describeErrorBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined;
  if (!isRecord(body)) return undefined;
  const fieldErrors = describeFieldErrors(body);
  if (fieldErrors) return fieldErrors;
  const detail = body.detail;
  if (typeof detail === 'string' && detail !== '') return detail;
  if (Array.isArray(detail) && detail.length > 0) {
    return joinAtMost(detail.map(describeListItem), MAX_FIELD_ERRORS);
  }
  if (isRecord(detail)) return describeObject(detail);
  // Middleware bodies (§6 items 3 and 4): {error, message}.
  if (typeof body.message === 'string' && body.message !== '') return body.message;
  if (typeof body.error === 'string' && body.error !== '') return body.error;
  return undefined;
}
