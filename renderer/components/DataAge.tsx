/**
 * How old the data on screen is (users.md: stale status is the top complaint; we always say
 * how old it is). Re-rendered every few seconds.
 */
import { formatAgo } from '../model/format';
import { useNow } from '../hooks/useNow';

/** Older than this and the data is called stale. */
export const STALE_AFTER_MS = 2 * 60_000;

export function DataAge({ at, label = 'Updated' }: { at: number | null; label?: string }) {
  const now = useNow();
  if (at === null) {
    return <span className="data-age data-age--unknown">{label}: never</span>;
  }
  const stale = now - at > STALE_AFTER_MS;
  return (
    <span className={stale ? 'data-age data-age--stale' : 'data-age'} title={new Date(at).toLocaleString()}>
      {stale && (
        <span aria-hidden="true" className="data-age__glyph">
          ⚠{' '}
        </span>
      )}
      {label} {formatAgo(at, now)}
      {stale ? ' (stale)' : ''}
    </span>
  );
}
