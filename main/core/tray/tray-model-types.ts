/**
 * The tray as plain data: which icon, what progress, what the tooltip says and what the menu
 * holds. `buildTrayModel` computes it; the Electron adapter only applies it (style.md §14).
 */

import type { TrayIcon } from '../../../preload/tray-icon';
import type { MonitorSnapshot } from '../monitor/monitor-types';

/**
 * What the tray reads: a whole snapshot fits, and so does the tray's own small projection
 * (tray-projection.ts), whose `jobs` are only the active ones and the failures waiting.
 */
export type TrayView = Pick<MonitorSnapshot, 'servers' | 'summary' | 'settings' | 'jobs'>;

/** One icon per state, told apart by shape (the rule and its words: preload/tray-icon.ts). */
export type { TrayIcon, TrayIconKind } from '../../../preload/tray-icon';

export type TrayAction =
  | { kind: 'open-window'; job?: { serverId: string; jobId: string } }
  | { kind: 'cancel'; serverId: string; jobId: string }
  | { kind: 'retry'; serverId: string; jobId: string }
  | { kind: 'acknowledge'; serverId: string; jobId: string }
  | { kind: 'acknowledge-all' }
  | { kind: 'sync'; serverId: string; repository: string }
  | { kind: 'load-repositories'; serverId: string }
  /** Resolved to a time when clicked (see `pauseUntil`), so the menu's data does not age. */
  | { kind: 'pause-notifications'; duration: PauseDuration }
  | { kind: 'resume-notifications' }
  | { kind: 'quit' };

export type PauseDuration = 'hour' | 'until-tomorrow';

export type TrayMenuItem =
  | { type: 'separator' }
  /** A line of information, shown greyed out. */
  | { type: 'label'; label: string }
  | { type: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] };

export interface TrayModel {
  icon: TrayIcon;
  /** Short lines; the adapter cuts to the platform's limit (Windows: 127 characters). */
  tooltip: string;
  menu: TrayMenuItem[];
  /** Unacknowledged failures, for the dock/taskbar badge. */
  badgeCount: number;
  /** Overall progress of running jobs, 0..1, for the taskbar; null when nothing runs. */
  taskbarProgress: number | null;
}

/** Repositories a server can sync, as the tray knows them (loaded on demand). */
export type RepositoryList =
  { state: 'unknown' } | { state: 'loaded'; aliases: string[] } | { state: 'failed'; message: string };
