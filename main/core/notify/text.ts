/**
 * Server text made fit for a notification: plain text, one paragraph, bounded. Escaping for
 * a platform that interprets markup (Linux notification daemons) is the delivering adapter's job.
 */

// Control characters (bell, escape, NUL...) have no business in a banner.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

export function plainText(value: string, maxLength = 200): string {
  const flat = value.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}
