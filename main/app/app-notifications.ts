/**
 * Desktop notifications of every host that serves the window (the Electron app, browser mode):
 * the core's intents through the shared node-notifier adapter, as "CIDX Tray" with the app icon.
 * A click opens the window on that job; Cancel and Retry act through the core where the platform
 * shows buttons (macOS, Windows), else the window offers them.
 */
import type { Logger } from '../core/cidx/logger';
import type { JobRef } from '../core/jobs/tracked-job';
import type { NotificationIntent, ReleaseBanner } from '../core/notify/intent';
import type { Monitor } from '../core/monitor/monitor-types';
import type { DesktopNotifier, DesktopNotifierOptions } from '../desktop-notifications/desktop-notifier';

export const APP_NAME = 'CIDX Tray';

export interface AppNotificationsDeps {
  createNotifier(options: DesktopNotifierOptions): DesktopNotifier;
  iconPath?: string;
  /** Filled in once the core exists (the core needs `deliver` to be built). */
  core(): Pick<Monitor, 'jobs'> | null;
  showWindow(job?: JobRef): void;
  logger: Logger;
}

export interface AppNotifications {
  /** Shows a banner now (a test banner, a failed tray command). */
  deliver(intent: NotificationIntent): void;
  /** For the monitor's notification center: staged, shown when released (desktop-notifier.ts). */
  stage(intent: NotificationIntent): ReleaseBanner;
  /** A command from the tray failed: the tray has no other way to say so. */
  notifyFailure(title: string, message: string): void;
  readonly supportsActions: boolean;
}

export function createAppNotifications(deps: AppNotificationsDeps): AppNotifications {
  const firstJob = (intent: NotificationIntent): JobRef | undefined => intent.jobs[0];
  const notifier = deps.createNotifier({
    appName: APP_NAME,
    iconPath: deps.iconPath,
    logger: deps.logger,
    // A summary or digest spans several jobs: the window opens on the list instead.
    onClick: (intent) => deps.showWindow(intent.jobs.length === 1 ? firstJob(intent) : undefined),
    onAction: (intent, action) => {
      const job = firstJob(intent);
      const core = deps.core();
      if (!job || !core) return;
      const command =
        action === 'cancel'
          ? core.jobs.cancel(job.serverId, job.jobId)
          : core.jobs.retry(job.serverId, job.jobId);
      void command.then((result) => {
        if (!result.ok) deps.logger.warn(`notification ${action} failed`, { error: result.error.message });
      });
    },
  });
  let failures = 0;
  return {
    deliver: (intent) => notifier.deliver(intent),
    stage: (intent) => notifier.stage(intent),
    notifyFailure(title, message) {
      failures += 1;
      deps.logger.warn(`${title}: ${message}`);
      notifier.deliver({
        key: `command-failed/${failures}`,
        kind: 'failed',
        title,
        body: message,
        serverId: null,
        jobIds: [],
        jobs: [],
        actions: [],
        urgency: 'normal',
      });
    },
    supportsActions: notifier.supportsActions,
  };
}
