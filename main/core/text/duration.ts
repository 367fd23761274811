/** Durations and ages in short words ("3m 05s", "12s ago"), for the CLI, tooltips and menus. */

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "12s ago", "3m ago", or "never". */
export function formatAge(since: number | null, now: number): string {
  if (since === null) return 'never';
  return `${formatDuration(now - since)} ago`;
}
