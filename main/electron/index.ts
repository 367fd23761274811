/**
 * The desktop app's composition root (style.md §3): wires the core to Electron's adapters.
 * The engine keeps polling with every window closed; quitting stops it cleanly.
 */
import { app, dialog, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { composeApp } from '../app/compose-app';
import { SecretRegistry } from '../core/cidx/redact';
import { systemClock } from '../core/clock';
import { resolveConfigDir } from '../core/config/paths';
import type { Monitor } from '../core/monitor/monitor-types';
import { createDesktopNotifier } from '../desktop-notifications/desktop-notifier';
import { electronHostHooks } from './app-hooks';
import { appPages } from './app-pages';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { chooseAppSecretStore } from './app-secret-store';
import { startTray, type AppTray } from './app-tray';
import { createElectronStoreConfig } from './electron-store-config';
import { createFetchFor } from './fetch-for';
import { APP_CSP, denyAllPermissions, DEV_CSP, hardenWebContents, installCsp } from './hardening';
import { registerIpcHandlers, sendPatch, sendShowJob } from './ipc';
import { createLogFile, logUncaughtErrors, rememberingSecrets } from './log-file';
import { followLaunchAtLogin } from './login-item';
import { createMainWindow } from './main-window';
import { watchPowerAndNetwork } from './power-hooks';
import { createWindowController } from './window-controller';
import { windowStateStore } from './window-state';

const { platform, env } = process;
const configDir = resolveConfigDir({ env });
const registry = new SecretRegistry();
const log = createLogFile({
  dir: app.getPath('logs'),
  secrets: registry,
  debug: env.CIDX_TRAY_DEBUG === '1',
});
logUncaughtErrors(log);
const pages = appPages({ appPath: app.getAppPath(), packaged: app.isPackaged, env });
const appIcon = pages.assetPath('app', 'icon-256.png');
let core: Monitor | null = null;
let tray: AppTray | null = null;

const windows = createWindowController({
  create: (bounds) => createMainWindow(pages, bounds, appIcon),
  state: windowStateStore(configDir),
  platform,
  trayBounds: () => tray?.tray?.getBounds() ?? null,
  hasTray: () => tray?.visible === true,
  sendShowJob,
});

async function start(): Promise<void> {
  hardenWebContents(app, pages.isAppPage);
  denyAllPermissions(session.defaultSession, (permission, url) =>
    log.warn(`denied the permission "${permission}" to ${url}`),
  );
  installCsp(session.defaultSession, pages.isAppPage, pages.dev ? DEV_CSP : APP_CSP);
  // The built renderer is served on app://cidx-tray (app-protocol.ts), never from file://.
  serveAppScheme(protocol, {
    rendererDir: pages.rendererDir,
    csp: APP_CSP,
    onRefused: (path) => log.warn(`refused an app:// path outside the renderer: ${path}`),
  });
  const secrets = await chooseAppSecretStore({ safeStorage, configDir, env, platform });
  log.info(`secrets: ${secrets.reason}`);
  const store = rememberingSecrets(secrets.store, registry);
  const composed = await composeApp({
    monitor: {
      clock: systemClock,
      configDir,
      config: createElectronStoreConfig({ configDir, secretStore: store }),
      secrets: store,
      fetchFor: createFetchFor((input, init) => net.fetch(input, init)),
      logger: log,
    },
    notifications: {
      createNotifier: createDesktopNotifier,
      iconPath: appIcon,
      showWindow: (job) => windows.show(job),
      logger: log,
    },
    hooks: (deliver) => electronHostHooks({ app, shell, deliver, log, now: Date.now }),
    forwardPatch: (patch) => sendPatch(windows.windows(), patch),
  });
  const running = (core = composed.monitor);
  const { notifications } = composed;
  registerIpcHandlers({
    handle: composed.handle,
    windows: () => windows.windows(),
    isAppPage: pages.isAppPage,
    onRefused: (channel, reason) => log.warn(`refused ${channel}: ${reason}`),
  });
  tray = await startTray({
    core: running,
    pages,
    windows,
    log,
    notifyFailure: notifications.notifyFailure,
    platform,
    env,
  });
  running.start();
  watchPowerAndNetwork({ powerMonitor, net, clock: systemClock, pollNow: () => running.pollNow() });
  followLaunchAtLogin(running, { app, platform, env, execPath: process.execPath }, (error) =>
    log.warn(`launch at login not applied: ${String(error)}`),
  );
  // Without a visible tray icon the window is the only way in.
  if (!tray?.visible) windows.show();
}

// Electron's rule: custom schemes are made privileged before the app is ready.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) app.quit();
else {
  // Windows exist only once the app is ready and the core answers their requests.
  const showWhenRunning = () => core && windows.show();
  app.on('second-instance', showWhenRunning);
  app.on('activate', showWhenRunning);
  // Polling lives in main and goes on with every window closed (design.md).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    windows.allowClose();
    core?.stop();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error(`startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      dialog.showErrorBox('CIDX Tray could not start', `${String(error)}\n\nThe log is at ${log.path}`);
      app.quit();
    });
}
