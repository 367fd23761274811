/** The whole tray from what it shows: a pure function, applied by the Electron adapter. */
import { trayIcon } from './tray-icon';
import { trayMenu, type TrayMenuContext } from './tray-menu';
import { trayTooltip } from './tray-tooltip';
import type { TrayModel, TrayView } from './tray-model-types';

export function buildTrayModel(snapshot: TrayView, context: TrayMenuContext): TrayModel {
  const { summary } = snapshot;
  return {
    icon: trayIcon(summary),
    tooltip: trayTooltip(snapshot, context.now),
    menu: trayMenu(snapshot, context),
    badgeCount: summary.unacknowledgedFailures,
    taskbarProgress: summary.running > 0 && summary.progress !== null ? summary.progress / 100 : null,
  };
}
