/**
 * Text for failure messages and log lines: the one cleaner (`core/text/clean-text`), then
 * secret redaction, then the cap. Server and transport text is hostile input: it may carry
 * control characters, bidi tricks, megabytes of text or an echoed token.
 */
import { cleanText, truncateText } from '../text/clean-text';
import type { SecretRegistry } from './redact';
import { redactPatterns } from './redact';

/** Default cap for server text placed in a message. */
export const MAX_SERVER_TEXT = 300;

/** Clean (controls, escape sequences, bidi), scrub secrets, cap the length. */
export function sanitizeText(text: string, secrets?: SecretRegistry, maxLength = MAX_SERVER_TEXT): string {
  // Redact before the final cut, so a secret cut in half at the cap cannot slip through:
  // clean with room to spare, redact, then cut.
  const cleaned = cleanText(text, maxLength * 2 + 4096);
  const scrubbed = secrets ? secrets.redact(cleaned) : redactPatterns(cleaned);
  return truncateText(scrubbed, maxLength);
}
