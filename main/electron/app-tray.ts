/**
 * Creates the tray icon, or says there is none: `CIDX_TRAY_NO_TRAY=1`, a Tray that cannot be made,
 * or (Linux) no StatusNotifier host on the session bus, e.g. GNOME without the AppIndicator
 * extension, where Electron makes a Tray nobody can see. Then the window opens on launch.
 */
import { execFile } from 'node:child_process';
import { app, Menu, Tray, type NativeImage } from 'electron';
import { systemClock } from '../core/clock';
import type { Monitor } from '../core/monitor/monitor-types';
import type { AppPages } from './app-pages';
import type { AppLogger } from './log-file';
import { applyTaskbar } from './taskbar';
import { createTrayAdapter, type TrayAdapter } from './tray-adapter';
import { trayImageLoader } from './tray-images';
import type { WindowController } from './window-controller';

export const NO_TRAY_ENV = 'CIDX_TRAY_NO_TRAY';

export function createTrayIcon(image: NativeImage, env: NodeJS.ProcessEnv): Tray | null {
  if (env[NO_TRAY_ENV]?.trim() === '1') return null;
  try {
    const tray = new Tray(image);
    tray.setIgnoreDoubleClickEvents?.(true);
    return tray;
  } catch {
    return null;
  }
}

/**
 * Linux only: is a StatusNotifierWatcher on the session bus? Unknown (no gdbus, a slow bus)
 * counts as yes; a failing bus call (no session bus at all) as no.
 */
export function linuxTrayHostPresent(timeoutMs = 1500): Promise<boolean> {
  const args = [
    'call',
    '--session',
    '--dest',
    'org.freedesktop.DBus',
    '--object-path',
    '/org/freedesktop/DBus',
    '--method',
    'org.freedesktop.DBus.NameHasOwner',
    'org.kde.StatusNotifierWatcher',
  ];
  return new Promise((resolve) => {
    execFile('gdbus', args, { timeout: timeoutMs }, (error, stdout) => {
      if (error) return resolve((error as NodeJS.ErrnoException).code === 'ENOENT' || error.killed === true);
      resolve(!/\bfalse\b/.test(stdout));
    });
  });
}

export interface AppTray {
  /** Null when this desktop has no tray. */
  tray: Tray | null;
  adapter: TrayAdapter;
  /** False without a tray, or on Linux when no panel shows StatusNotifier icons. */
  visible: boolean;
}

/** The tray icon (where there is one) and the taskbar, driven by the core. */
export async function startTray(deps: {
  core: Monitor;
  pages: Pick<AppPages, 'assetPath'>;
  windows: WindowController;
  log: AppLogger;
  notifyFailure(title: string, message: string): void;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}): Promise<AppTray> {
  const imageFor = trayImageLoader(deps.pages.assetPath, deps.platform);
  const tray = createTrayIcon(imageFor({ kind: 'idle', progressStep: null }), deps.env);
  const visible = tray !== null && (deps.platform === 'linux' ? await linuxTrayHostPresent() : true);
  const adapter = createTrayAdapter({
    tray,
    core: deps.core,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    clock: systemClock,
    platform: deps.platform,
    imageFor,
    openWindow: (job) => deps.windows.show(job),
    quit: () => app.quit(),
    reportFailure: deps.notifyFailure,
    onModel: (model) => applyTaskbar(model, deps.windows.current(), app, deps.platform),
    onActionError: (error) => deps.log.error(`tray action failed: ${String(error)}`),
  });
  return { tray, adapter, visible };
}
