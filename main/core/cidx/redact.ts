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

/** How many retired secrets (rotated-out refresh tokens) stay on the redaction list. */
export const RETIRED_SECRETS_KEPT = 20;

/** A set of secret values (the password, tokens, the API key) scrubbed from every string. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  /** Secrets no longer in use but still scrubbed, oldest first, at most `retiredLimit`. */
  private readonly retired: string[] = [];

  constructor(private readonly retiredLimit = RETIRED_SECRETS_KEPT) {}

  /** Remember a secret so later text containing it is scrubbed. Empty and tiny values are ignored. */
  add(value: string | null | undefined): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  /** Forget a secret entirely (it was never sent, or it must no longer be scrubbed). */
  delete(value: string | null | undefined): void {
    if (typeof value === 'string') this.values.delete(value);
  }

  /**
   * A secret that is no longer in use (a rotated-out or dead refresh token) but that a server
   * may still echo: it stays scrubbed among the last `retiredLimit` retired ones.
   */
  retire(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    this.values.delete(value);
    const index = this.retired.indexOf(value);
    if (index >= 0) this.retired.splice(index, 1);
    this.retired.push(value);
    if (this.retired.length > this.retiredLimit)
      this.retired.splice(0, this.retired.length - this.retiredLimit);
  }

  /** Scrub every registered value (longest first, so a secret containing another goes whole) and every known shape. */
  redact(text: string): string {
    let out = text;
    const byLength = [...new Set([...this.values, ...this.retired])].sort((a, b) => b.length - a.length);
    for (const value of byLength) {
      out = out.split(value).join(REDACTED);
      // Servers and proxies may echo the value URL-encoded.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(REDACTED);
    }
    return redactPatterns(out);
  }
}
