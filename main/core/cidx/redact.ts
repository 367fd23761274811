/**
 * Scrubs secrets from any text before it becomes a failure message or a log line.
 * Server and transport text is hostile input: a server (or a proxy) may echo the token we sent.
 */

const REDACTED = '[redacted]';

/** Shapes of secrets we recognise without being told: bearer values, JWTs, HEAD API keys (§1.4). */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[^\s"',;]+/gi,
  // A JWT header always starts with base64url('{"') = "eyJ"; catch partial tokens too.
  /\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g,
  /\bcidx_sk_[A-Za-z0-9_-]*/gi,
  // JSON or form fields that carry secrets, whatever their value looks like.
  /("?(?:access_token|refresh_token|password|api_key|mfa_token|token)"?\s*[:=]\s*)"[^"]*"/gi,
];

/** Values shorter than this are not scrubbed by value: scrubbing "ab" everywhere would garble text. */
const MIN_SECRET_LENGTH = 3;

/** Remove recognisable secret shapes (no registered values needed). */
export function redactPatterns(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) && prefix !== match
        ? `${prefix}"${REDACTED}"`
        : REDACTED,
    );
  }
  return out;
}

/** A set of secret values (the password, tokens, the API key) scrubbed from every string. */
export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Remember a secret so later text containing it is scrubbed. Empty and tiny values are ignored. */
  add(value: string | null | undefined): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  /** Forget a secret that is no longer in use (e.g. a rotated-out token). */
  delete(value: string | null | undefined): void {
    if (typeof value === 'string') this.values.delete(value);
  }

  /** Scrub every registered value (longest first, so a secret containing another goes whole) and every known shape. */
  redact(text: string): string {
    let out = text;
    const byLength = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of byLength) {
      out = out.split(value).join(REDACTED);
      // Servers and proxies may echo the value URL-encoded.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(REDACTED);
    }
    return redactPatterns(out);
  }
}
