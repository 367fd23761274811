export type {
  TrayAction,
  TrayIcon,
  TrayIconKind,
  TrayMenuItem,
  TrayModel,
  RepositoryList,
} from './tray-model-types';
export { buildTrayModel } from './tray-model';
export { trayIcon } from './tray-icon';
export { trayMenu, type TrayMenuContext } from './tray-menu';
export { trayTooltip } from './tray-tooltip';
