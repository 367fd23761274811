import type { FieldError } from './validation';

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/**
 * Parses a JSON object body the way FastAPI does for a pydantic model argument.
 * `optionalModel`: every field is optional, so an absent body is `{}` (cidx-api.md §3.1).
 */
export function parseJsonBody(text: string, optionalModel: boolean): BodyResult {
  if (text.trim() === '') {
    if (optionalModel) return { ok: true, body: {} };
    return { ok: false, errors: [{ loc: ['body'], msg: 'Field required', type: 'missing', input: null }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      errors: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid', input: {} }],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      errors: [
        {
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          type: 'model_attributes_type',
          input: value,
        },
      ],
    };
  }
  return { ok: true, body: value as Record<string, unknown> };
}
