/**
 * The composition every host that serves the window repeats, written once: the monitor, the
 * desktop notifications bound to it (a banner's Cancel or Retry acts through the monitor), the
 * request handlers of the contract, and every patch forwarded to the host's pages. A host (the
 * Electron app, browser mode) adds only what is its own: where the settings, secrets and
 * network come from, and how a page is reached.
 */
import type { MonitorPatch } from '../../preload/views';
import { createRequestHandler, type HostHooks, type RequestHandler } from '../contract/request-handlers';
import type { NotificationIntent } from '../core/notify/intent';
import { createMonitor } from '../core/monitor/monitor';
import type { Monitor, MonitorDeps } from '../core/monitor/monitor-types';
import {
  createAppNotifications,
  type AppNotifications,
  type AppNotificationsDeps,
} from './app-notifications';

export interface ComposeAppDeps {
  monitor: Omit<MonitorDeps, 'deliverNotification'>;
  notifications: Omit<AppNotificationsDeps, 'core'>;
  /** What only the host can do (who it is, opening links, quitting), given how to show a banner. */
  hooks(deliver: (intent: NotificationIntent) => void): HostHooks;
  /** Every patch, to every page the host serves. */
  forwardPatch(patch: MonitorPatch): void;
}

export interface ComposedApp {
  monitor: Monitor;
  handle: RequestHandler;
  notifications: AppNotifications;
  /** Stops forwarding and polling (showing what the notification windows still hold). Final. */
  stop(): void;
}

export async function composeApp(deps: ComposeAppDeps): Promise<ComposedApp> {
  // The notifications and the monitor need each other (banner buttons act on jobs): bound late.
  let monitor: Monitor | null = null;
  const notifications = createAppNotifications({ ...deps.notifications, core: () => monitor });
  const running = await createMonitor({ ...deps.monitor, deliverNotification: notifications.stage });
  monitor = running;
  for (const issue of running.configIssues()) {
    deps.notifications.logger.warn('settings problem', { message: issue.message });
  }
  const handle = createRequestHandler(running, deps.hooks(notifications.deliver));
  const unsubscribe = running.subscribe(deps.forwardPatch);
  let stopped = false;
  return {
    monitor: running,
    handle,
    notifications,
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      running.stop();
    },
  };
}
