/** The worst state of the jobs and servers decides the icon (users.md #1). */
import type { JobsSummary } from '../jobs/summary';
import type { TrayIcon } from './tray-model-types';

export function trayIcon(summary: JobsSummary): TrayIcon {
  switch (summary.worst) {
    case 'auth-failed':
    case 'offline':
    case 'degraded':
      return { kind: 'offline', progressStep: null };
    case 'failed':
      return { kind: 'failed', progressStep: null };
    case 'running':
      // Steps of 10 keep the icon from being redrawn on every percent.
      return { kind: 'running', progressStep: Math.round((summary.progress ?? 0) / 10) * 10 };
    default:
      return { kind: 'idle', progressStep: null };
  }
}
