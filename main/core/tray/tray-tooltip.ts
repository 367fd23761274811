/** The tooltip: what runs, what failed, which servers are in trouble, and how old the data is. */
import type { ServerSnapshot } from '../monitor/monitor-types';
import type { TrayView } from './tray-model-types';
import { clockTime } from '../../../preload/clock-time';
import { oldestSuccessAt } from '../../../preload/data-age';
import { formatDuration } from '../text/duration';
import { plural } from '../text/plural';

function serverTrouble(server: ServerSnapshot, now: number): string | null {
  const { state } = server;
  const name = server.config.name;
  if (!state || !server.config.enabled) return null;
  if (state.rateLimitedUntil !== null && state.rateLimitedUntil > now)
    return `${name} asked to wait until ${clockTime(state.rateLimitedUntil)}`;
  if (state.lastError?.kind === 'secrets-unavailable') return `${name}: credentials cannot be read`;
  if (state.health === 'offline') return `${name} unreachable`;
  if (state.health === 'auth-failed') return `${name}: sign-in failed`;
  if (state.health === 'degraded') return `${name} has errors`;
  return null;
}

export function trayTooltip(snapshot: TrayView, now: number): string {
  const { summary } = snapshot;
  const lines = ['CIDX Tray'];
  if (snapshot.servers.length === 0) return 'CIDX Tray: no server configured';
  if (summary.running > 0) {
    const overall = summary.progress === null ? '' : `, ${Math.round(summary.progress)}% overall`;
    lines.push(`${summary.running} running${overall}`);
  } else lines.push('Nothing running');
  if (summary.pending > 0) lines.push(`${summary.pending} waiting`);
  if (summary.unacknowledgedFailures > 0) lines.push(plural(summary.unacknowledgedFailures, 'failed job'));
  for (const server of snapshot.servers) {
    const trouble = serverTrouble(server, now);
    if (trouble) lines.push(trouble);
  }
  // Never let stale data pass for fresh (users.md, complaint 1).
  const updatedAt = oldestSuccessAt(snapshot.servers);
  const age = updatedAt === null ? null : now - updatedAt;
  lines.push(age === null ? 'Not updated yet' : `Updated ${formatDuration(age)} ago`);
  return lines.join('\n');
}
