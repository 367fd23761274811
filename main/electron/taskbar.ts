/** The taskbar/dock follow the tray model: overall progress on the window, failures as a badge. */
import type { App, BrowserWindow } from 'electron';
import type { TrayModel } from '../core/tray/tray-model-types';

export function applyTaskbar(
  model: Pick<TrayModel, 'badgeCount' | 'taskbarProgress'>,
  window: Pick<BrowserWindow, 'setProgressBar' | 'isDestroyed'> | null,
  app: Pick<App, 'setBadgeCount'>,
  platform: NodeJS.Platform,
): void {
  // -1 removes the bar; 0..1 shows the overall progress of running jobs.
  if (window && !window.isDestroyed()) window.setProgressBar(model.taskbarProgress ?? -1);
  // Badges exist on the macOS dock and on Linux docks speaking the LauncherEntry D-Bus API
  // (Electron returns false elsewhere); Windows has none.
  if (platform === 'darwin' || platform === 'linux') app.setBadgeCount(model.badgeCount);
}
