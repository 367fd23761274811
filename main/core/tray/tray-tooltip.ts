/** The tooltip: what runs, what failed, which servers are in trouble, and how old the data is. */
import type { ServerSnapshot } from '../monitor/monitor-types';
import type { TrayView } from './tray-model-types';
import { oldestSuccessAt } from '../../../preload/data-age';
import { formatDuration } from '../text/duration';
import { plural } from '../text/plural';

function serverTrouble(server: ServerSnapshot): string | null {
  const health = server.state?.health;
  if (health === 'offline') return `${server.config.name} unreachable`;
  if (health === 'auth-failed') return `${server.config.name}: sign-in failed`;
  if (health === 'degraded') return `${server.config.name} has errors`;
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
    const trouble = serverTrouble(server);
    if (trouble) lines.push(trouble);
  }
  // Never let stale data pass for fresh (users.md, complaint 1).
  const updatedAt = oldestSuccessAt(snapshot.servers);
  const age = updatedAt === null ? null : now - updatedAt;
  lines.push(age === null ? 'Not updated yet' : `Updated ${formatDuration(age)} ago`);
  return lines.join('\n');
}
