import { randomUUID } from 'node:crypto';
import { isoZ } from '../timestamps';
import { json, type HttpResponse } from './respond';

/** One pydantic error, as FastAPI lists it. */
export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
  input: unknown;
  /** Secret-bearing fields show `[REDACTED]` as rejected_value (cidx-api.md §6.2). */
  sensitive?: boolean;
}

const SENSITIVE = new Set(['password', 'refresh_token', 'token', 'totp_code', 'recovery_code', 'mfa_token']);

/** The CIDX 422 validation format (cidx-api.md §6.2, §9.12). */
export function validationError(nowMs: number, errors: FieldError[]): HttpResponse {
  return json(422, {
    error: 'validation_error',
    message: 'Request validation failed. Please check the provided data and try again.',
    detail: errors.map(({ loc, msg, type, input }) => ({ loc, msg, type, input })),
    correlation_id: randomUUID(),
    timestamp: isoZ(nowMs),
    details: {
      field_errors: errors.map((e) => {
        const name = String(e.loc[e.loc.length - 1] ?? '');
        const redact = e.sensitive || SENSITIVE.has(name) || e.type === 'missing';
        return {
          // `field` drops a leading "body" but keeps "query." (captured).
          field: (e.loc[0] === 'body' ? e.loc.slice(1) : e.loc).join('.'),
          message: e.type === 'missing' ? 'This field is required' : e.msg,
          rejected_value: redact ? '[REDACTED]' : e.input,
          error_type: e.type,
        };
      }),
      error_count: errors.length,
    },
  });
}

interface StringRule {
  min?: number;
  max?: number;
  /** Pydantic validator text for whitespace-only values, e.g. "Username cannot be empty...". */
  blankMessage?: string;
}

/** Validates one required or optional string field of a JSON body; returns errors found. */
export function checkString(
  body: Record<string, unknown>,
  name: string,
  required: boolean,
  rule: StringRule,
  errors: FieldError[],
): void {
  const value = body[name];
  const loc = ['body', name];
  if (value === undefined || (value === null && required)) {
    if (required) errors.push({ loc, msg: 'Field required', type: 'missing', input: body });
    return;
  }
  if (value === null) return;
  if (typeof value !== 'string') {
    errors.push({ loc, msg: 'Input should be a valid string', type: 'string_type', input: value });
    return;
  }
  const min = rule.min ?? 0;
  if (value.length < min) {
    errors.push({
      loc,
      msg: `String should have at least ${min} character${min === 1 ? '' : 's'}`,
      type: 'string_too_short',
      input: value,
    });
  } else if (rule.max !== undefined && value.length > rule.max) {
    errors.push({
      loc,
      msg: `String should have at most ${rule.max} characters`,
      type: 'string_too_long',
      input: value,
    });
  } else if (rule.blankMessage && value.trim() === '') {
    errors.push({ loc, msg: `Value error, ${rule.blankMessage}`, type: 'value_error', input: value });
  }
}

/** Integer query parameter parsing with FastAPI's int_parsing error. */
export function parseIntQuery(
  query: URLSearchParams,
  name: string,
  fallback: number,
  errors: FieldError[],
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    errors.push({
      loc: ['query', name],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      type: 'int_parsing',
      input: raw,
    });
    return fallback;
  }
  return Number.parseInt(raw, 10);
}
