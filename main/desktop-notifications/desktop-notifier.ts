/**
 * The one desktop-notification adapter every host uses (the Electron app and browser mode):
 * node-notifier behind `deliver(intent)`. The core decides what to say and when (exactly once);
 * this only shows it, made safe for the platform (notification-text.ts), and reports clicks
 * and buttons back. A notifier failure is logged and swallowed: a missing banner must never
 * take the engine down with it.
 */
import nodeNotifier from 'node-notifier';
import type { Logger } from '../core/cidx/logger';
import type { NotificationIntent, ReleaseBanner } from '../core/notify/intent';
import {
  buttonsFor,
  notificationOptions,
  platformSupportsActions,
  type ButtonAction,
} from './notifier-options';
import { interpretNotifierAnswer } from './notifier-response';
import { createNotifySendStager, type NotifierCallback, type StagingNotifier } from './notify-send-stager';

export type { NotifierCallback, StagingNotifier };

/** The part of node-notifier used here; tests pass a fake. */
export interface NodeNotifierLike {
  notify(notification: Record<string, unknown>, callback?: NotifierCallback): unknown;
}

export interface DesktopNotifierOptions {
  appName: string;
  /** An absolute path to a PNG (notify-send and SnoreToast need a file, not a data URL). */
  iconPath?: string;
  /** The banner's body was clicked (macOS and Windows report it; notify-send cannot). */
  onClick?(intent: NotificationIntent): void;
  onAction?(intent: NotificationIntent, action: ButtonAction): void;
  /**
   * Defaults to the staged notify-send on Linux (notify-send-stager.ts) and node-notifier
   * elsewhere, where the banner's process is started and shown in one step.
   */
  notifier?: NodeNotifierLike | StagingNotifier;
  /** Defaults to `process.platform`; decides escaping and buttons. */
  platform?: NodeJS.Platform;
  logger?: Logger;
}

export interface DesktopNotifier {
  /** Shows the banner now. */
  deliver(intent: NotificationIntent): void;
  /**
   * Starts the banner's process and holds it back until released (on Linux; elsewhere it shows
   * at once and the release does nothing). The notification center marks the banner delivered
   * right after releasing it, so a kill has two system calls to land in, not a process start.
   */
  stage(intent: NotificationIntent): ReleaseBanner;
  /** Cancel/Retry buttons are shown (macOS, Windows); elsewhere the window offers them. */
  readonly supportsActions: boolean;
}

const consoleLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, fields) => console.warn(`[notifier] ${message}`, fields ?? ''),
};

/** Error text for the log: the message only (never the notification's text, which may be long). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message.slice(0, 300);
  return String(error).slice(0, 300);
}

export function createDesktopNotifier(options: DesktopNotifierOptions): DesktopNotifier {
  const platform = options.platform ?? process.platform;
  const notifier: NodeNotifierLike | StagingNotifier =
    options.notifier ??
    (platform === 'linux' ? createNotifySendStager() : (nodeNotifier as unknown as NodeNotifierLike));
  const logger = options.logger ?? consoleLogger;
  const wantsClicks = options.onClick !== undefined;
  // Without a notification service (a headless machine) every banner fails the same way:
  // say so once, then keep quiet about that reason so the log stays readable.
  const reasonsSeen = new Set<string>();

  function answered(intent: NotificationIntent, error: unknown, response: unknown, metadata: unknown): void {
    // notify-send's backend hands over its stderr as the "error"; empty means it went fine.
    if (error) {
      const text = describe(error);
      // The first line repeats the command (with this banner's title); the cause follows it.
      const reason = text.replace(/^Command failed: .*\n/, '');
      const log = reasonsSeen.has(reason) ? logger.debug : logger.warn;
      reasonsSeen.add(reason);
      log.call(logger, 'a desktop notification could not be shown', { key: intent.key, error: text });
      return;
    }
    const answer = interpretNotifierAnswer(response, metadata);
    try {
      if (answer?.kind === 'click') options.onClick?.(intent);
      if (answer?.kind === 'action' && buttonsFor(intent, platform).includes(answer.action))
        options.onAction?.(intent, answer.action);
    } catch (handlerError) {
      logger.warn('a notification click handler failed', { key: intent.key, error: describe(handlerError) });
    }
  }

  function stage(intent: NotificationIntent): ReleaseBanner {
    const shown = notificationOptions(intent, {
      appName: options.appName,
      iconPath: options.iconPath,
      platform,
      wantsClicks,
    });
    const callback: NotifierCallback = (error, response, metadata) =>
      answered(intent, error, response, metadata);
    try {
      if ('stage' in notifier) return notifier.stage(shown, callback);
      notifier.notify(shown, callback);
    } catch (error) {
      logger.warn('the desktop notifier failed', { key: intent.key, error: describe(error) });
    }
    return () => {};
  }

  return {
    supportsActions: platformSupportsActions(platform),
    deliver: (intent) => stage(intent)(),
    stage,
  };
}
