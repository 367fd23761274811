/**
 * Browser mode's tab as a tray (issue 9): the title carries the counts a glance needs
 * ("2 running · 1 failed — CIDX Tray"; just "CIDX Tray" when nothing) and the favicon is the
 * desktop tray's icon for the same state, by the one rule (preload/tray-icon.ts). A page that
 * lost its connection (or was refused) cannot vouch for any count, so it says so and shows the
 * offline icon; while the first connection or snapshot is on its way nothing is claimed.
 */
import { trayIcon, trayIconName } from '../../preload/tray-icon';
import { TRAY_ICON_PATH } from '../../preload/protocol';
import type { ConnectionState } from '../bridge/connectionState';
import type { JobsSummary } from '../stores/types';

export const APP_TITLE = 'CIDX Tray';

export interface TabLook {
  title: string;
  /** The favicon's address; null leaves the page's own (nothing known yet). */
  iconHref: string | null;
}

/** The 2x drawing: sharp on high-DPI tab strips, scaled down on the others. */
const iconHref = (name: string): string => `${TRAY_ICON_PATH}${name}@2x.png`;

export function tabLook(
  summary: Pick<JobsSummary, 'running' | 'pending' | 'unacknowledgedFailures' | 'worst' | 'progress'> | null,
  connection: ConnectionState,
): TabLook {
  const unknown: TabLook = { title: APP_TITLE, iconHref: null };
  if (connection === 'connecting') return unknown;
  if (connection !== 'connected')
    return {
      title: `Not connected — ${APP_TITLE}`,
      iconHref: iconHref(trayIconName({ kind: 'offline', progressStep: null })),
    };
  if (summary === null) return unknown;
  // The same counts as the tray: running, waiting, and the failures not yet seen.
  const counts = [
    summary.running > 0 ? `${summary.running} running` : null,
    summary.pending > 0 ? `${summary.pending} waiting` : null,
    summary.unacknowledgedFailures > 0 ? `${summary.unacknowledgedFailures} failed` : null,
  ].filter((part) => part !== null);
  return {
    title: counts.length > 0 ? `${counts.join(' · ')} — ${APP_TITLE}` : APP_TITLE,
    iconHref: iconHref(trayIconName(trayIcon(summary))),
  };
}
