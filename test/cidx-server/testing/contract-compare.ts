/** Compares a live response with a captured one: names, types, and deterministic values. */

/** Keys whose values differ per run; only their JSON type is compared. */
const VOLATILE = new Set([
  'job_id',
  'created_at',
  'started_at',
  'completed_at',
  'access_token',
  'refresh_token',
  'api_key',
  'key_id',
  'key_prefix',
  'correlation_id',
  'timestamp',
  'uptime',
  'memory_usage_mb',
  'memory_usage_percent',
  'cpu_usage_percent',
]);

/** Keys whose whole subtree is host telemetry: only "is an object" is compared. */
const OPAQUE = new Set(['system']);

const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Ids inside strings (e.g. the HEAD duplicate 500 text) vary per run. */
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\b[0-9a-f]{32}\b/g, '<hex>')
    .replace(/http:\/\/(localhost|127\.0\.0\.1):\d+/g, '<base-url>');
}

export function compareWithCapture(actual: unknown, captured: unknown, path = 'body', key = ''): string[] {
  const want = jsonType(captured);
  const got = jsonType(actual);
  if (want !== got)
    return [`${path}: expected ${want}, got ${got} (${JSON.stringify(actual)?.slice(0, 120)})`];
  if (OPAQUE.has(key)) return [];
  if (want === 'array') {
    const a = actual as unknown[];
    const c = captured as unknown[];
    if (a.length !== c.length) return [`${path}: expected ${c.length} items, got ${a.length}`];
    return c.flatMap((item, i) => compareWithCapture(a[i], item, `${path}[${i}]`, key));
  }
  if (want === 'object') {
    const a = actual as Record<string, unknown>;
    const c = captured as Record<string, unknown>;
    const missing = Object.keys(c).filter((k) => !(k in a));
    const extra = Object.keys(a).filter((k) => !(k in c));
    const problems = [
      ...missing.map((k) => `${path}.${k}: missing`),
      ...extra.map((k) => `${path}.${k}: unexpected`),
    ];
    return [
      ...problems,
      ...Object.keys(c)
        .filter((k) => k in a)
        .flatMap((k) => compareWithCapture(a[k], c[k], `${path}.${k}`, k)),
    ];
  }
  if (VOLATILE.has(key)) return [];
  const same =
    want === 'string' ? normalise(actual as string) === normalise(captured as string) : actual === captured;
  return same ? [] : [`${path}: expected ${JSON.stringify(captured)}, got ${JSON.stringify(actual)}`];
}

/** The headers the client relies on: challenge and retry hints (cidx-api.md §6.6). */
export const HEADERS_THAT_MATTER = ['www-authenticate', 'retry-after'] as const;

export function compareHeaders(
  actual: Record<string, string | null>,
  captured: Record<string, string> | undefined,
): string[] {
  if (!captured) return [];
  return HEADERS_THAT_MATTER.flatMap((name) => {
    const want = captured[name] ?? null;
    const got = actual[name] ?? null;
    const equal = want === null || got === null ? want === got : normalise(want) === normalise(got);
    return equal ? [] : [`header ${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
  });
}
