/** A plain JSON-like object: not null, not an array. Untrusted input (files, server answers) is checked with it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
