/**
 * THE tray icon rule, for every place that shows it: the desktop tray (main/core/tray) and
 * browser mode's tab favicon (renderer/tabTray.ts). It lives in the contract because both
 * sides may import it, and a second copy would drift (a tab red while the tray is not).
 *
 * The worst state of the jobs and servers decides the icon (users.md #1). One icon per state,
 * told apart by shape, not colour alone: idle (hollow ring), running (ring filling with the
 * overall progress), failed (ring with "!"), offline (ring broken by a slash: unreachable,
 * failing or signed out). The drawings are assets/tray/*.png (scripts/make-icons.ts).
 */
import type { JobsSummary } from '../main/core/jobs/summary';

export type TrayIconKind = 'idle' | 'running' | 'failed' | 'offline';

export interface TrayIcon {
  kind: TrayIconKind;
  /** Overall progress drawn into the running icon, 0..100 in steps of 10; null otherwise. */
  progressStep: number | null;
}

export function trayIcon(summary: Pick<JobsSummary, 'worst' | 'progress'>): TrayIcon {
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

/** The drawing's name in assets/tray, without variant or extension: `idle`, `running-40`. */
export function trayIconName(icon: TrayIcon): string {
  if (icon.kind !== 'running') return icon.kind;
  const step = Math.max(0, Math.min(100, Math.round((icon.progressStep ?? 0) / 10) * 10));
  return `running-${step}`;
}

/** Every drawing a state can call for (the host serves these and nothing else from assets/tray). */
export const TRAY_ICON_NAMES: readonly string[] = [
  ...(['idle', 'failed', 'offline'] as const).map((kind) => trayIconName({ kind, progressStep: null })),
  ...Array.from({ length: 11 }, (_, index) => trayIconName({ kind: 'running', progressStep: index * 10 })),
];
