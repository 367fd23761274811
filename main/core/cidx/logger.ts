/** The optional logging seam of the CIDX client. Every line is redacted before it leaves. */
import type { SecretRegistry } from './redact';
import { sanitizeText } from './sanitize';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

const MAX_LOG_TEXT = 1000;

/** Wrap a host logger so no secret (registered or recognisable) reaches it. */
export function redactingLogger(target: Logger | undefined, secrets: SecretRegistry): Logger {
  const scrub = (fields?: LogFields): LogFields | undefined => {
    if (!fields) return undefined;
    const out: LogFields = {};
    for (const [key, value] of Object.entries(fields)) {
      out[key] = typeof value === 'string' ? sanitizeText(value, secrets, MAX_LOG_TEXT) : value;
    }
    return out;
  };
  const line =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      target?.[level](sanitizeText(message, secrets, MAX_LOG_TEXT), scrub(fields));
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn') };
}
