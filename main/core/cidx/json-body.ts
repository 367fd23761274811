/** Parsing and validating a success body: garbage, truncation and shape mismatches become failures. */
import type { z } from 'zod';
import { describeZodError } from '../config/config-issues';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CidxFailure } from './failure';
import { sanitizeText } from './sanitize';

const MAX_ISSUES = 3;

/** Parse JSON and say what was wrong without echoing the (possibly huge, possibly hostile) body. */
export function parseJsonBody(text: string, what: string): Result<unknown, CidxFailure> {
  const trimmed = text.trim();
  if (trimmed === '')
    return err({ kind: 'unexpected-response', message: `The answer to ${what} was empty.` });
  try {
    return ok(JSON.parse(trimmed));
  } catch {
    let why = 'is not valid JSON';
    if (trimmed.startsWith('<')) why = 'is an HTML page, not JSON (a proxy or a wrong server URL?)';
    else if (/^[[{]/.test(trimmed))
      why = `is truncated or malformed JSON (${text.length} characters received)`;
    return err({ kind: 'unexpected-response', message: `The answer to ${what} ${why}.` });
  }
}

/** Validate with a zod schema; the message names the first few offending fields. */
export function validateBody<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): Result<z.infer<S>, CidxFailure> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  // Paths and rules only, never values: the body is server text.
  const issues = describeZodError(parsed.error, MAX_ISSUES);
  return err({
    kind: 'unexpected-response',
    message: sanitizeText(`The answer to ${what} does not have the expected shape: ${issues}.`),
  });
}
