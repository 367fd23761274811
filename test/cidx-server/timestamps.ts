/**
 * CIDX timestamps are Python isoformat() strings: UTC, "+00:00", microseconds, and the
 * fraction omitted entirely when it is zero (cidx-api.md §0). A few endpoints use "Z".
 */
function parts(epochMs: number): { base: string; micros: number } {
  const wholeMs = Math.floor(epochMs);
  const micros = Math.round((epochMs - Math.floor(epochMs / 1000) * 1000) * 1000) % 1_000_000;
  const base = new Date(wholeMs).toISOString().slice(0, 19);
  return { base, micros };
}

/** `2026-11-28T09:44:17.530527+00:00` (Python `datetime.isoformat()` of an aware UTC time). */
export function isoUtc(epochMs: number): string {
  const { base, micros } = parts(epochMs);
  return micros === 0 ? `${base}+00:00` : `${base}.${String(micros).padStart(6, '0')}+00:00`;
}

/** `2026-11-28T09:43:09.167361Z`, as used by /api/server-time and error bodies. */
export function isoZ(epochMs: number): string {
  const { base, micros } = parts(epochMs);
  return `${base}.${String(micros).padStart(6, '0')}Z`;
}
