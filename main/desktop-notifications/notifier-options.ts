/**
 * What node-notifier is asked to show for one intent, per platform. node-notifier picks its
 * backend by OS: notify-send on Linux and the BSDs, terminal-notifier on macOS, SnoreToast on
 * Windows. Only the last two report which button was pressed, so only they get buttons.
 */
import type { NotificationIntent, NotificationUrgency } from '../core/notify/intent';
import { linuxNotificationText, plainNotificationText } from './notification-text';

export type ButtonAction = 'cancel' | 'retry';

export const BUTTON_LABELS: Record<ButtonAction, string> = { cancel: 'Cancel', retry: 'Retry' };

export interface NotificationStyle {
  appName: string;
  iconPath?: string;
  platform: NodeJS.Platform;
  /** Whether anyone listens for clicks (macOS and Windows then wait for the person's answer). */
  wantsClicks: boolean;
}

/** node-notifier reports buttons on macOS (NotificationCenter) and Windows 8+ (SnoreToast). */
export function platformSupportsActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/**
 * 'critical' is never sent: daemons keep critical banners until dismissed and let them through
 * Do Not Disturb, so a burst of failures would pile up over a person's explicit choice (spam is
 * the louder complaint, users.md). A failure is not lost without it: it stays in the tray icon
 * and the window until acknowledged. Failures get a longer display time instead.
 */
const LINUX_URGENCY: Record<NotificationUrgency, 'low' | 'normal'> = {
  low: 'low',
  normal: 'normal',
  critical: 'normal',
};
const SECONDS_SHOWN: Record<NotificationUrgency, number> = { low: 5, normal: 10, critical: 20 };
/** Long enough to reach a button; terminal-notifier exits (and stops listening) after it. */
const SECONDS_WITH_BUTTONS = 30;

/** The freedesktop categories for an ending: daemons may theme or group by them. */
function linuxCategory(intent: NotificationIntent): string | undefined {
  if (intent.kind === 'failed') return 'transfer.error';
  if (intent.kind === 'finished') return 'transfer.complete';
  return undefined;
}

export function buttonsFor(intent: NotificationIntent, platform: NodeJS.Platform): ButtonAction[] {
  if (!platformSupportsActions(platform)) return [];
  return intent.actions.filter((action): action is ButtonAction => action === 'cancel' || action === 'retry');
}

/** node-notifier requires a message; an empty one would drop the banner. */
const nonEmpty = (text: string): string => (text.length > 0 ? text : ' ');

export function notificationOptions(
  intent: NotificationIntent,
  style: NotificationStyle,
): Record<string, unknown> {
  const icon = style.iconPath ? { icon: style.iconPath } : {};
  if (!platformSupportsActions(style.platform)) {
    const text = linuxNotificationText(intent.title, intent.body);
    const category = linuxCategory(intent);
    return {
      title: nonEmpty(text.title),
      message: nonEmpty(text.body),
      'app-name': style.appName,
      urgency: LINUX_URGENCY[intent.urgency],
      timeout: SECONDS_SHOWN[intent.urgency],
      ...(category ? { category } : {}),
      ...icon,
    };
  }
  const text = plainNotificationText(intent.title, intent.body);
  const buttons = buttonsFor(intent, style.platform).map((action) => BUTTON_LABELS[action]);
  const common = { title: nonEmpty(text.title), message: nonEmpty(text.body), ...icon };
  if (style.platform === 'darwin') {
    return {
      ...common,
      // terminal-notifier shows no app name of ours; the subtitle says whose banner it is.
      subtitle: style.appName,
      sound: false,
      ...(buttons.length > 0
        ? { actions: buttons, closeLabel: 'Close', timeout: SECONDS_WITH_BUTTONS }
        : { wait: style.wantsClicks }),
    };
  }
  return {
    ...common,
    ...(buttons.length > 0 ? { actions: buttons } : {}),
    wait: style.wantsClicks || buttons.length > 0,
  };
}
