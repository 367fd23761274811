/** The tray's icon: the one rule shared with browser mode's tab (preload/tray-icon.ts). */
export { trayIcon, trayIconName } from '../../../preload/tray-icon';
