/**
 * "Launch at login" follows the setting, applied at start and whenever it changes. macOS and
 * Windows have `app.setLoginItemSettings`; Linux has no such API in Electron, so an XDG autostart
 * entry (~/.config/autostart/cidx-tray.desktop) is written or removed instead.
 */
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'electron';
import { writeFileAtomic } from '../core/config/atomic-file';
import type { Monitor } from '../core/monitor/monitor-types';

export const AUTOSTART_FILE_NAME = 'cidx-tray.desktop';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The program to start: the AppImage when run as one, else the Electron executable. */
  execPath: string;
  home?: string;
}

function autostartDir(deps: LoginItemDeps): string {
  const xdg = deps.env.XDG_CONFIG_HOME?.trim();
  return join(xdg && xdg.startsWith('/') ? xdg : join(deps.home ?? homedir(), '.config'), 'autostart');
}

/** Quotes an Exec argument per the Desktop Entry spec. */
const quoteExec = (path: string) => `"${path.replace(/(["`$\\])/g, '\\$1')}"`;

export function applyLaunchAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  if (deps.platform !== 'linux') {
    deps.app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const file = join(autostartDir(deps), AUTOSTART_FILE_NAME);
  if (!enabled) return rmSync(file, { force: true });
  const program = deps.env.APPIMAGE?.trim() || deps.execPath;
  writeFileAtomic(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=CIDX Tray',
      `Exec=${quoteExec(program)}`,
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  );
}

/** Applies the setting now and on every change; returns the unsubscribe. */
export function followLaunchAtLogin(
  core: Pick<Monitor, 'getSettings' | 'subscribe'>,
  deps: LoginItemDeps,
  onError: (error: unknown) => void,
): () => void {
  let current = core.getSettings().launchAtLogin;
  const apply = (enabled: boolean) => {
    try {
      applyLaunchAtLogin(enabled, deps);
    } catch (error) {
      onError(error);
    }
  };
  apply(current);
  return core.subscribe((patch) => {
    if (!patch.settings || patch.settings.launchAtLogin === current) return;
    current = patch.settings.launchAtLogin;
    apply(current);
  });
}
