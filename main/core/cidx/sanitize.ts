/**
 * Server and transport text is hostile input: it may carry control characters, bidi tricks,
 * megabytes of text or an echoed token. Everything shown to a person goes through here.
 */
import type { SecretRegistry } from './redact';
import { redactPatterns } from './redact';

/** Default cap for server text placed in a message. */
export const MAX_SERVER_TEXT = 300;

// C0/C1 controls, and the bidi override/isolate characters that can reorder what a person reads.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** Strip unsafe characters, collapse whitespace, scrub secrets, cap the length. */
export function sanitizeText(text: string, secrets?: SecretRegistry, maxLength = MAX_SERVER_TEXT): string {
  // Redact the whole text before cutting it, so a secret cut in half at the cap cannot slip through.
  const cleaned = text.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  const scrubbed = secrets ? secrets.redact(cleaned) : redactPatterns(cleaned);
  return scrubbed.length > maxLength ? `${scrubbed.slice(0, maxLength - 1).trimEnd()}…` : scrubbed;
}
